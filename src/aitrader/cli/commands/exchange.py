"""`aitrader exchange serve`: the local Binance-Spot-compatible exchange replaying real candles."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.domain import Candles
    from aitrader.venues.local import LocalExchange, LocalExchangeConfig

console = Console(soft_wrap=True)


def _balances(text: str) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        asset, _, amount = part.partition("=")
        try:
            out[asset.strip().upper()] = Decimal(amount)
        except InvalidOperation:
            fail(f"--balances: cannot read {part!r}: write ASSET=AMOUNT pairs, e.g. USDT=10000,BTC=0")
    return out


def _speed(text: str) -> float:
    if text.lower() in ("max", "inf", "fast"):
        return math.inf
    if text.lower() in ("step", "manual"):
        return 0.0
    try:
        value = float(text)
    except ValueError:
        fail(f"--speed: {text!r} is not a number: use e.g. 1, 60, max or step")
    if not value > 0:
        fail(
            f"--speed must be > 0 (replay seconds per wall second), got {text!r}: "
            "use --speed step for manual stepping (POST /admin/step)"
        )
    return value


def _files(items: list[str]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for item in items:
        symbol, _, path = item.partition("=")
        if not path:
            fail(f"--data: write SYMBOL=FILE, got {item!r}")
        if not Path(path).exists():
            fail(f"--data: {path} does not exist")
        out[symbol.upper()] = Path(path)
    return out


def _banner(ex: LocalExchange, config: LocalExchangeConfig) -> None:
    from aitrader.domain.timeframe import format_ms

    acc = config.accounts[0]
    speed = (
        "stepped (POST /admin/step)"
        if config.speed == 0
        else "as fast as possible"
        if math.isinf(config.speed)
        else f"{config.speed:g}x"
    )
    console.print(f"[bold green]local exchange[/bold green] replaying {', '.join(config.symbols)} "
                  f"from {format_ms(ex.eng.start_ms)} UTC at {speed}")  # fmt: skip
    console.print(f"  REST    {ex.rest_url}/api/v3")
    console.print(
        f"  WS      {ex.ws_url}/<stream>   (combined: {ex.rest_url.replace('http', 'ws')}/stream?streams=)"
    )
    console.print(f"  WS-API  {ex.ws_api_url}")
    console.print(f"  admin   {ex.rest_url}/admin/(state|step|drop|faults|restart)  (loopback only)")
    console.print(f"  API key {acc.api_key}\n  secret  {acc.secret}")
    console.print(f"  balances {', '.join(f'{a}={v}' for a, v in acc.balances.items())}")
    console.print("[bold]ccxt[/bold]")
    console.print(
        "  import ccxt; from aitrader.venues.local.clients import CCXT_OPTIONS\n"
        f"  ex = ccxt.binance({{'apiKey': '{acc.api_key}', 'secret': '{acc.secret}', 'options': CCXT_OPTIONS}})\n"
        "  ex.set_sandbox_mode(True)\n"
        f"  ex.urls['api']['public'] = ex.urls['api']['private'] = '{ex.rest_url}/api/v3'\n"
        f"  ex.urls['api']['ws']['spot'] = '{ex.ws_url}'; ex.urls['api']['ws']['ws-api']['spot'] = '{ex.ws_api_url}'",
        highlight=False,
    )
    console.print("[bold]python-binance[/bold]")
    console.print(
        "  from binance import Client; from binance.base_client import BaseClient\n"
        "  from binance.ws.streams import BinanceSocketManager\n"
        f"  BaseClient.API_TESTNET_URL = '{ex.rest_url}/api'; BaseClient.WS_API_TESTNET_URL = '{ex.ws_api_url}'\n"
        f"  BinanceSocketManager.STREAM_TESTNET_URL = 'ws://{config.host}:{ex.port}/'\n"
        f"  client = Client('{acc.api_key}', '{acc.secret}', testnet=True)",
        highlight=False,
    )
    console.print("Ctrl-C stops it.")


def _check_start(start_ms: int | None, candles: dict[str, Candles]) -> None:
    """A --from outside any symbol's data fails, naming the span each symbol covers."""
    from aitrader.domain.timeframe import format_ms

    if start_ms is None:
        return
    outside = [s for s, c in candles.items() if not (len(c) and c.start_ms <= start_ms <= c.end_ms)]
    if outside:
        spans = "; ".join(
            f"{s} {format_ms(c.start_ms)} .. {format_ms(c.end_ms)}" if len(c) else f"{s} (no candles)"
            for s, c in candles.items()
        )
        fail(
            f"--from {format_ms(start_ms)} is outside the data of {', '.join(outside)}: "
            f"the candles cover {spans} (UTC); pick a start inside every span"
        )


async def _serve(config: LocalExchangeConfig, candles: dict[str, Candles], run_for: float) -> None:
    import asyncio

    from aitrader.venues.local import LocalExchange

    ex = LocalExchange(config, candles)
    try:
        await ex.start()
    except OSError as exc:
        fail(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc} (pick another --port)")
    try:
        _banner(ex, config)
        if run_for > 0:
            await asyncio.sleep(run_for)
        else:
            await asyncio.Event().wait()
    finally:
        await ex.stop()
        console.print("[yellow]local exchange stopped[/yellow]")


def register(app: typer.Typer) -> None:
    exchange_app = typer.Typer(help="The local Binance-Spot-compatible exchange.", no_args_is_help=True)

    @exchange_app.command("serve")
    def serve(
        symbols: str = typer.Option(
            "BTCUSDT",
            "--symbol",
            "--symbols",
            metavar="SYMBOL[,SYMBOL…]",
            help="Symbols to replay, comma-separated (sample data or --data).",
        ),
        speed: str = typer.Option(
            "60", "--speed", metavar="X", help="Replay speed: 1 = real time, 60, max, or step (manual)."
        ),
        port: int = typer.Option(
            8765, "--port", metavar="PORT", help="Port on 127.0.0.1 (0 = any free port)."
        ),
        start: str | None = typer.Option(
            None, "--from", metavar="TIME", help="Replay start, e.g. '2023-04-01 12:00' (UTC) or epoch ms."
        ),
        timeframe: str = typer.Option(
            "1m", "--timeframe", "--interval", "-t", metavar="TF", help="Interval of the replayed candles."
        ),
        file: list[str] = typer.Option(
            [],
            "--data",
            "--file",
            metavar="SYMBOL=FILE",
            help="Candle file of a symbol instead of the sample (repeatable).",
        ),
        balances: str = typer.Option(
            "USDT=10000,BTC=0",
            "--balances",
            metavar="ASSET=AMOUNT,…",
            help="Starting balances of the test account.",
        ),
        api_key: str | None = typer.Option(
            None,
            "--api-key",
            metavar="KEY",
            help="API key of the test account (default: the documented one).",
        ),
        secret: str | None = typer.Option(
            None, "--secret", metavar="SECRET", help="HMAC secret of the test account."
        ),
        commission: str = typer.Option(
            "0.001", "--fee", "--commission", metavar="RATE", help="Maker and taker commission rate."
        ),
        slippage_bps: float = typer.Option(
            0.0,
            "--slippage",
            "--slippage-bps",
            metavar="BPS",
            help="Slippage of market / stop-market fills, in basis points.",
        ),
        state: Path | None = typer.Option(
            None,
            "--state",
            metavar="FILE",
            help="JSON file keeping accounts, orders and the replay position across restarts.",
        ),
        replay_server_time: bool = typer.Option(
            False, "--replay-server-time", help="/api/v3/time follows the replay clock (clients must sync)."
        ),
        ping_interval: float = typer.Option(
            20.0, "--ping-interval", metavar="SECONDS", help="Seconds between server WebSocket pings."
        ),
        fault_drop_every: float = typer.Option(
            0.0,
            "--fault-drop-every",
            metavar="SECONDS",
            help="Drop every WebSocket connection every N seconds.",
        ),
        fault_error_share: float = typer.Option(
            0.0, "--fault-error-share", metavar="SHARE", help="Share of REST requests answered with an error."
        ),
        fault_error_status: int = typer.Option(
            503, "--fault-error-status", metavar="STATUS", help="Status of those errors (5xx or 429)."
        ),
        fault_error_after_execution: bool = typer.Option(
            False,
            "--fault-error-after-execution",
            help="Injected REST errors come after the request executed (status unknown).",
        ),
        fault_rest_delay_ms: int = typer.Option(
            0, "--fault-rest-delay-ms", metavar="MS", help="Answer every REST request N ms later."
        ),
        fault_duplicate_share: float = typer.Option(
            0.0, "--fault-duplicate-share", metavar="SHARE", help="Share of WebSocket messages sent twice."
        ),
        fault_delay_ms: int = typer.Option(
            0, "--fault-delay-ms", metavar="MS", help="Delay every WebSocket message by N ms."
        ),
        fault_stall: bool = typer.Option(False, "--fault-stall", help="Market streams send nothing."),
        run_for: float = typer.Option(0.0, "--run-for", hidden=True, help="Stop after N seconds (tests)."),
    ) -> None:
        """Serve REST, WS streams and WS API on 127.0.0.1, replaying real candles."""
        import asyncio

        from aitrader.domain.timeframe import parse_time
        from aitrader.venues.local import AccountConfig, FaultConfig, LocalExchangeConfig

        account = AccountConfig(balances=_balances(balances))
        if api_key:
            account.api_key = api_key
        if secret:
            account.secret = secret
        try:
            account.maker_commission = account.taker_commission = Decimal(commission)
            start_ms = parse_time(start) if start else None
        except (InvalidOperation, ValueError) as exc:
            fail(str(exc) if start else f"--fee: {commission!r} is not a decimal rate like 0.001")
        config = LocalExchangeConfig(
            symbols=tuple(s.strip().upper() for s in symbols.split(",") if s.strip()),
            timeframe=timeframe, files=_files(file), start_ms=start_ms, speed=_speed(speed), port=port,
            accounts=[account], slippage_bps=slippage_bps, replay_server_time=replay_server_time,
            ws_ping_interval_s=ping_interval, state_path=state,
            faults=FaultConfig(drop_ws_every_s=fault_drop_every, rest_error_share=fault_error_share,
                               rest_error_status=fault_error_status,
                               rest_error_after_execution=fault_error_after_execution,
                               rest_delay_ms=fault_rest_delay_ms, duplicate_share=fault_duplicate_share,
                               delay_ms=fault_delay_ms, stall_streams=fault_stall),
        )  # fmt: skip
        from aitrader.venues.local.engine import load_candles

        try:
            candles = load_candles(config)
        except (FileNotFoundError, ValueError) as exc:
            fail(f"{exc}")
        _check_start(start_ms, candles)
        try:
            asyncio.run(_serve(config, candles, run_for))
        except (FileNotFoundError, ValueError) as exc:
            fail(f"{exc}")
        except KeyboardInterrupt:
            console.print("[yellow]stopped[/yellow]")

    app.add_typer(exchange_app, name="exchange")
