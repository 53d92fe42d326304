"""`aitrader demo`: the whole live system on one machine, no keys, no internet.

Starts the local Binance-compatible exchange replaying the real BTCUSDT, ETHUSDT and SOLUSDT 1m
samples (one candle per second by default) and runs `trade --symbols BTCUSDT,ETHUSDT,SOLUSDT`
against it over real sockets: REST with HMAC signatures, one combined kline WebSocket, the WS API
user-data stream and exchange-side OCO brackets, one account and one risk gate over the three (the
portfolio limits show in the view). The replay starts a few candles before confluence enters
BTCUSDT and ETHUSDT on the same candle, and the strategy warms up from the replay's REST history,
so the first trades come within seconds. `--symbol BTCUSDT` alone trades one symbol, as before.

`--chat` opens the chat prompt in the same terminal while the demo trades (`demo_chat`); from
another terminal, `aitrader chat` attaches to a running demo by its session file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.cli import options
from aitrader.cli.commands.serve import control_option, embedded_api, port_option, serve_option
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.api.embedded import EmbeddedApi

# 2023-03-19 18:28 UTC: six candles before confluence longs on BTCUSDT (its first target fills ~24
# candles later) and ETHUSDT, on the same candle.
DEMO_START_MS = 1_679_250_480_000
DEMO_SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")  # the samples the local exchange replays; all traded


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        symbol: str | None = typer.Option(
            None,
            "--symbol",
            metavar="SYMBOL",
            help=f"Trade this one symbol (one of {', '.join(DEMO_SYMBOLS)}).",
        ),
        symbols: str | None = options.symbols(),
        max_runtime: float | None = typer.Option(
            None,
            "--max-runtime",
            metavar="SECONDS",
            help="Stop trading after this many seconds (default: 60, unless --max-candles is given).",
        ),
        strategy: str = typer.Option(
            "confluence",
            "--strategy",
            "-s",
            metavar="NAME",
            help="The strategy to trade: a built-in name, sma_cross, or your own file.py[:Class].",
        ),
        param: list[str] = options.param(),
        max_candles: int | None = options.max_candles(),
        speed: float = typer.Option(
            60.0,
            "--speed",
            metavar="X",
            help="Replay speed: candle-seconds per second (60 = one 1m candle per second).",
        ),
        paper: bool = typer.Option(
            False, "--paper", help="Paper fills on the local stream instead of exchange orders."
        ),
        no_view: bool = typer.Option(False, "--no-view", help="Plain log lines instead of the live view."),
        start: str | None = typer.Option(
            None, "--from", metavar="TIME", help="Replay start (UTC, e.g. '2023-03-19 18:28', or epoch ms)."
        ),
        chat: bool = typer.Option(
            False,
            "--chat",
            help="Chat with the account while the demo trades (no live view: the run logs to "
            "demo.log in its folder); the exchange stays up until you leave the chat.",
        ),
        serve: bool = serve_option(),
        port: int | None = port_option(),
        allow_control: bool = control_option(),
    ) -> None:
        """Trade the real BTCUSDT, ETHUSDT and SOLUSDT samples as one portfolio on a local exchange
        over real sockets (no keys, no internet)."""
        import asyncio

        from rich.console import Console

        from aitrader.domain.timeframe import parse_time
        from aitrader.live.config import local_exchange_config
        from aitrader.live.session import print_summary, run_session
        from aitrader.venues.local import LocalExchange, LocalExchangeConfig

        if speed <= 0:
            fail("--speed must be positive")
        try:
            start_ms = parse_time(start) if start else DEMO_START_MS
        except ValueError as exc:
            fail(str(exc))
        traded = _demo_symbols(symbol, symbols)
        console = Console()
        workdir = Path(tempfile.mkdtemp(prefix="aitrader-demo-"))
        config = LocalExchangeConfig(symbols=traded, start_ms=start_ms, speed=speed)
        from aitrader.config.run_settings import RunSettingsError, parse_param_pairs

        try:
            params = parse_param_pairs(param)
        except RunSettingsError as exc:
            fail(str(exc))
        from aitrader.backtest.inputs import InputError, build_strategy
        from aitrader.domain import Timeframe

        try:  # a bad name, file or parameter is refused before the exchange starts
            build_strategy(strategy, params, Timeframe.M1)
        except InputError as exc:
            fail(str(exc))
        if max_runtime is None and max_candles is None:
            max_runtime = 60.0
        run_options: dict[str, Any] = {
            "symbols": traded,
            "paper": paper,
            "strategy": strategy,
            "strategy_params": params,
            "max_runtime_s": max_runtime,
            "max_candles": max_candles,
            "stale_after_s": max(5.0, 180.0 / speed),
        }
        api = _api(console, serve, port, allow_control, chat, strategy, param, traded)
        if chat:
            from aitrader.cli.demo_chat import demo_with_chat

            demo_with_chat(config, workdir, run_options, console)
            return

        from aitrader.live.config import MECHANICS_NOTE

        async def main() -> object:
            async with LocalExchange(config) as ex:
                console.print(
                    f"local exchange on {ex.rest_url} replaying {', '.join(config.symbols)} 1m at "
                    f"{speed:g}x; journal in {workdir}"
                )
                cfg = local_exchange_config(ex, workdir, **run_options)
                console.print(MECHANICS_NOTE, style="yellow", markup=False, soft_wrap=True)
                try:
                    attach = api.attach if api is not None else None
                    return await run_session(cfg, console, view=not no_view, demo=True, on_runner=attach)
                finally:
                    if api is not None:
                        await api.stop()

        try:
            summary = asyncio.run(main())
        except Exception as exc:
            fail(f"demo failed: {type(exc).__name__}: {exc}")
        from aitrader.live.summary import RunSummary

        assert isinstance(summary, RunSummary)
        print_summary(summary, console, leaves_orders=False)
        console.print(f"telemetry: {workdir / 'telemetry.jsonl'} · journal: {workdir / 'journal.sqlite'}")


def _demo_symbols(symbol: str | None, symbols: str | None) -> tuple[str, ...]:
    """What the demo trades: `--symbols` (wins), else `--symbol`, else every sample it replays."""
    chosen = options.split_symbols(symbols) or ((symbol.strip().upper(),) if symbol else DEMO_SYMBOLS)
    unknown = [s for s in chosen if s not in DEMO_SYMBOLS]
    if unknown:
        flag = "--symbols" if symbols else "--symbol"
        fail(f"{flag} {', '.join(unknown)}: the demo replays the samples of {', '.join(DEMO_SYMBOLS)} only")
    return chosen


def _api(
    console: Any,
    serve: bool,
    port: int | None,
    allow_control: bool,
    chat: bool,
    strategy: str,
    param: list[str],
    traded: tuple[str, ...] = DEMO_SYMBOLS,
) -> EmbeddedApi | None:
    """`--serve`: the API inside the demo's run (checked and bound before the exchange starts)."""
    if not serve:
        if port is not None or allow_control:
            fail("--port and --allow-control go with --serve")
        return None
    if chat:
        fail("--serve and --chat cannot be combined: use `aitrader serve` beside `demo --chat`")
    from aitrader.api.reload import ReloadSettings
    from aitrader.config import SettingsError, load_settings

    try:
        settings = load_settings(allow_mainnet=True)
    except SettingsError as exc:
        fail(str(exc))
    fixed = {"symbol": traded[0], "timeframe": "1m", "strategy": strategy}
    return embedded_api(
        console, settings, port, allow_control, "demo", ReloadSettings(fixed, None, tuple(param))
    )
