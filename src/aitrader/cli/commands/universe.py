"""`aitrader universe`: the symbols a universe rule picks on the venue now, and why the others are out.

The rule is `--universe` (top:5:volume, top:10:volatility, BTCUSDT,ETHUSDT), else aitrader.toml's
`[universe]` table, else top:10:volume. It reads exchangeInfo and the 24 h tickers from the market
data source `data download` uses (--rest-url, AITRADER_MARKET_DATA_URL, AITRADER_REST_URL, else
Binance's public market data): point --rest-url at `aitrader exchange serve` to rank its replay.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail, fail_network

if TYPE_CHECKING:
    from aitrader.config.run_settings import RunSettings
    from aitrader.universe import Selection, UniverseRule

DEFAULT_SPEC = "top:10:volume"


def _rule(spec: str | None, run: RunSettings) -> UniverseRule:
    """--universe on top of aitrader.toml's [universe] table (its other keys still apply), else the
    table, else DEFAULT_SPEC."""
    from aitrader.universe import UniverseRule, UniverseRuleError

    try:
        return run.universe_rule(spec) or UniverseRule.parse(DEFAULT_SPEC)
    except UniverseRuleError as exc:
        fail(str(exc))


async def _select(base: str, rule: UniverseRule) -> Selection:
    from aitrader.universe.fetch import select_universe
    from aitrader.venues.binance.rest_public import PublicRest

    public = PublicRest(base, max_attempts=3, timeout_s=20.0)
    try:
        return await select_universe(public, rule)
    finally:
        await public.close()


def universe(
    spec: str | None = options.universe(),
    rest_url: Annotated[
        str | None,
        typer.Option(
            "--rest-url",
            metavar="URL",
            help="Binance-compatible REST base, e.g. the local exchange's http://127.0.0.1:PORT "
            "(default: AITRADER_MARKET_DATA_URL, else AITRADER_REST_URL, else Binance's public "
            "market data).",
        ),
    ] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also list every ranked symbol and the symbols of other quote assets or not trading.",
        ),
    ] = False,
    config: Path | None = options.config(),
) -> None:
    """Rank the venue's symbols by a universe rule: the chosen ones, the runners-up, and why others are out."""
    import asyncio

    from rich.console import Console

    from aitrader.config import SettingsError, load_settings
    from aitrader.data.download import market_data_source
    from aitrader.universe.table import hidden_line, universe_table
    from aitrader.venues.binance.rest_public import PublicRestError

    try:
        settings = load_settings(allow_mainnet=True)  # reads market data only: no order opt-in asked
    except SettingsError as exc:
        fail(str(exc))
    rule = _rule(spec, options.run_settings({}, settings=settings, config=config))
    base, why = market_data_source(settings, rest_url)
    typer.echo(f"ranking {base} ({why})")
    try:
        selection = asyncio.run(_select(base, rule))
    except PublicRestError as exc:
        fail_network(exc, base, f"{base}: {exc}")
    except OSError as exc:
        fail_network(exc, base)
    console = Console()
    console.print(universe_table(selection, everything), crop=False)
    line = hidden_line(selection, everything)
    if line:
        console.print(line, crop=False, highlight=False)
    if not selection.symbols:
        fail(f"no symbol passes {rule.describe()} on {base}: loosen the rule (quote asset, minimum volume)")
    typer.echo(f"universe: {','.join(selection.symbols)}")


def register(app: typer.Typer) -> None:
    app.command("universe")(universe)
