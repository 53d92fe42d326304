"""The one option vocabulary every command uses: same name, metavar and meaning everywhere.

A command takes `symbol: str | None = options.symbol()` and so on; None means "not given", and
`run_settings` fills it from the environment, `aitrader.toml` or the built-in default (in that
order; see `aitrader.config.run_settings`). Options that take a path say so by their metavar (PATH,
FILE, DIR); tests/cli/test_cli_vocabulary.py walks every command and holds them to this.

Only typer is imported here: every command module imports this file at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.config.run_settings import RunSettings
    from aitrader.config.settings import Settings

_PRECEDENCE = "default: env, aitrader.toml, else"


def symbol(default: str = "BTCUSDT") -> Any:
    return typer.Option(
        None, "--symbol", metavar="SYMBOL", help=f"Symbol, e.g. BTCUSDT ({_PRECEDENCE} {default})."
    )


def symbols() -> Any:
    return typer.Option(
        None,
        "--symbols",
        metavar="SYMBOLS",
        help="Several symbols, comma-separated, e.g. BTCUSDT,ETHUSDT,SOLUSDT (wins over --symbol; "
        "backtest, trade and demo run them as one portfolio).",
    )


def universe() -> Any:
    return typer.Option(
        None,
        "--universe",
        metavar="SPEC",
        help="Which symbols may take entries: top:N:volume or top:N:volatility (ranked, re-ranked "
        "on a schedule) or a plain list A,B,C (see docs/universe.md).",
    )


def split_symbols(text: str | None, where: str = "--symbols") -> tuple[str, ...]:
    """`BTCUSDT, ethusdt,SOLUSDT` -> ("BTCUSDT", "ETHUSDT", "SOLUSDT"); one line for a bad list."""
    if text is None:
        return ()
    names = [s.strip().upper() for s in text.split(",") if s.strip()]
    bad = [s for s in names if not s.isalnum()]
    if not names or bad:
        fail(f"{where}: {text!r} is not a comma-separated list of symbols such as BTCUSDT,ETHUSDT")
    dup = sorted({s for s in names if names.count(s) > 1})
    if dup:
        fail(f"{where}: {', '.join(dup)} listed twice")
    return tuple(names)


def timeframe(default: str = "4h") -> Any:
    return typer.Option(
        None,
        "--timeframe",
        "--interval",
        "-t",
        metavar="TF",
        help=f"Candle interval such as 1m, 15m, 1h or 1d ({_PRECEDENCE} {default}).",
    )


def strategy() -> Any:
    return typer.Option(
        None,
        "--strategy",
        "-s",
        metavar="NAME",
        help="A strategy (`aitrader strategies`), sma_cross, rl:PATH (a trained policy), or your own: "
        "file.py[:Class], module:Class or an installed entry point "
        f"({_PRECEDENCE} confluence).",
    )


def param() -> Any:
    return typer.Option(
        [],
        "--param",
        "-p",
        metavar="NAME=VALUE",
        help="Strategy parameter (repeatable); wins over aitrader.toml's [strategies.NAME] table.",
    )


def equity(what: str = "Starting cash in quote currency") -> Any:
    return typer.Option(None, "--equity", metavar="AMOUNT", help=f"{what} ({_PRECEDENCE} 10000).")


def risk() -> Any:
    return typer.Option(
        None,
        "--risk",
        metavar="FRACTION",
        help=f"Share of equity one trade may lose at its stop, max 0.10 ({_PRECEDENCE} 0.01).",
    )


def sizing() -> Any:
    return typer.Option(
        None,
        "--sizing",
        metavar="stop|volatility|vol-target",
        help="How the risk gate sizes an entry: stop (the risk budget alone), volatility (also an ATR "
        "cap) or vol-target (also notional <= equity x --vol-target / the proposal's volatility); the "
        f"risk budget always caps it ({_PRECEDENCE} stop).",
    )


def vol_target() -> Any:
    return typer.Option(
        None,
        "--vol-target",
        metavar="FRACTION",
        help=f"vol-target sizing: the annualised volatility one position targets, in (0, 2] ({_PRECEDENCE} 0.25).",
    )


def fee() -> Any:
    return typer.Option(
        None, "--fee", metavar="RATE", help=f"Fee rate per fill, 0.001 = 0.1% ({_PRECEDENCE} 0.001)."
    )


def slippage() -> Any:
    return typer.Option(
        None,
        "--slippage",
        metavar="BPS",
        help="Slippage per taker fill in basis points (default: env, aitrader.toml, else 5: half "
        "the spread plus a second's drift on a liquid USDT pair, as the live risk gate assumes).",
    )


def data() -> Any:
    return typer.Option(
        None,
        "--data",
        metavar="FILE",
        help="Candle file: CSV/.gz, Binance klines, freqtrade JSON, feather, parquet "
        "(default: the store, else the shipped sample).",
    )


def data_dir() -> Any:
    return typer.Option(
        None, "--data-dir", metavar="DIR", help=f"Candle store folder ({_PRECEDENCE} var/data)."
    )


def start() -> Any:
    return typer.Option(
        None, "--from", metavar="TIME", help="First bar: UTC 'YYYY-MM-DD[ HH:MM]' or epoch ms."
    )


def end() -> Any:
    return typer.Option(None, "--to", metavar="TIME", help="Stop before this time (same formats).")


def at(what: str) -> Any:
    return typer.Option(
        None, "--at", metavar="TIME", help=f"{what} at this UTC time (YYYY-MM-DD[ HH:MM] or epoch ms)."
    )


def json_out(what: str = "the result") -> Any:
    return typer.Option(None, "--json", metavar="PATH", help=f"Write {what} as JSON to PATH (- for stdout).")


def report() -> Any:
    return typer.Option(None, "--report", metavar="PATH", help="Write the HTML report to PATH.")


def config() -> Any:
    return typer.Option(
        None,
        "--config",
        metavar="FILE",
        help="Settings file (default: AITRADER_CONFIG, else ./aitrader.toml).",
    )


def journal(default: str) -> Any:
    return typer.Option(
        None, "--journal", metavar="PATH|URL", help=f"Journal: a SQLite file or a database URL ({default})."
    )


def max_runtime() -> Any:
    return typer.Option(None, "--max-runtime", metavar="SECONDS", help="Stop after this many seconds.")


def max_candles() -> Any:
    return typer.Option(None, "--max-candles", metavar="N", help="Stop after this many closed candles.")


def run_settings(
    cli: Mapping[str, Any],
    *,
    defaults: Mapping[str, Any] | None = None,
    settings: Settings | None = None,
    config: Path | None = None,
) -> RunSettings:
    """`config.run_settings.resolve_run`, a bad value in any source ending the command in one line."""
    from aitrader.config.run_settings import RunSettingsError, resolve_run
    from aitrader.config.settings import SettingsError
    from aitrader.config.strategy_file import ConfigFileError

    try:
        return resolve_run(cli, defaults=defaults, settings=settings, config=config)
    except (RunSettingsError, SettingsError, ConfigFileError) as exc:
        fail(str(exc))


def strategy_params(run: RunSettings, pairs: list[str]) -> dict[str, Any]:
    """aitrader.toml's table for the run's strategy, then --param on top; one line when either is bad."""
    from aitrader.config.run_settings import RunSettingsError
    from aitrader.config.strategy_file import ConfigFileError

    try:
        return run.strategy_params(pairs)
    except (RunSettingsError, ConfigFileError) as exc:
        fail(str(exc))
