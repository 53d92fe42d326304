"""What `aitrader data download` shows: one progress bar per symbol, the summary table, and one
line per failed download saying what went wrong and what to do (never the raw exception).

Kept out of cli/commands/data.py so that module only wires options to functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from aitrader.data.download import SymbolDownload
    from aitrader.domain import Timeframe


def download_error(exc: BaseException, base: str, symbol: str, tf: Timeframe, markets: int) -> str:
    """One line for what went wrong talking to `base`, with what to do (never the raw exception)."""
    import json
    import re

    import ccxt

    from aitrader.cli.errors import host_of, network_message

    net = network_message(exc, base)
    if net is not None:
        return net
    host = host_of(base)
    if isinstance(exc, ccxt.BadSymbol):
        if markets == 0:
            return f"{host} lists no markets at all: is {base} a Binance-compatible REST base (it serves /api/v3)?"
        return f"{host} does not list {symbol}: check the symbol (Binance writes pairs as BTCUSDT)"
    m = re.search(r"\{.*\}", str(exc))
    msg = ""
    if m:
        try:
            msg = str(json.loads(m.group(0)).get("msg", ""))
        except (ValueError, AttributeError):
            msg = ""
    if msg:
        return f"{host} refused the request ({msg.rstrip('.')}): check {symbol} and the timeframe {tf.value}"
    if isinstance(exc, ccxt.NetworkError):
        return (
            f"no usable answer from {host}: check your network, or point --rest-url or "
            "AITRADER_MARKET_DATA_URL at a reachable Binance-compatible server"
        )
    if not isinstance(exc, ccxt.BaseError):
        return f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
    return f"{host} answered with an error: check {symbol}, the timeframe {tf.value} and the URL {base}"


def download_several(
    symbols: Sequence[str],
    tf: Timeframe,
    root: Path,
    since_ms: int | None,
    until_ms: int | None,
    venue: str,
    base: str,
    jobs: int,
) -> None:
    """Download `symbols` at once with a bar each, print the summary table and a line per failure;
    exit 1 when any failed (the others' candles are stored all the same)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from aitrader.data import CandleStore
    from aitrader.data.download import download_many, make_exchange

    console = Console()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(), console=console, transient=True,
    ) as bar:  # fmt: skip
        tasks = {s: bar.add_task(f"{s} {tf.value}", total=1) for s in symbols}

        def on_progress(symbol: str, done: int, total: int) -> None:
            bar.update(tasks[symbol], completed=done, total=total)

        results = download_many(
            lambda: make_exchange(base), CandleStore(root), symbols, tf, since_ms, until_ms,
            venue=venue, progress=on_progress, jobs=jobs,
        )  # fmt: skip
    console.print(summary_table(results, tf, base), crop=False)
    failed = [r for r in results if r.error is not None]
    for r in failed:
        assert r.error is not None
        markets = len(getattr(r.client, "markets", None) or {})
        what = download_error(r.error, base, r.symbol, tf, markets)
        typer.echo(
            f"error: {r.symbol}: download from {base} failed: {what}; what was stored is kept", err=True
        )
    if failed:
        raise typer.Exit(1)


def summary_table(results: Sequence[SymbolDownload], tf: Timeframe, base: str) -> Any:
    """One row per symbol: outcome, first candle fetched, fetched, new, stored, pages."""
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    header = ("symbol", "tf", "outcome", "from (UTC)", "fetched", "new", "stored", "pages")
    rows: list[list[str]] = []
    for d in results:
        r = d.result
        if r is None:
            rows.append([d.symbol, tf.value, "failed (see below)", "-", "-", "-", "-", "-"])
            continue
        outcome = "up to date" if r.fetched == 0 else "resumed" if r.resumed else "downloaded"
        rows.append([
            d.symbol, tf.value, outcome, format_ms(max(r.start_ms, 0)), f"{r.fetched:,}", f"{r.added:,}",
            f"{r.total:,}", str(r.pages),
        ])  # fmt: skip
    ok = sum(1 for d in results if d.ok)
    table = Table(title=f"Downloaded {ok} of {len(results)} series from {base}")
    for j, col in enumerate(header):
        width = max([len(col)] + [len(r[j]) for r in rows])
        table.add_column(col, justify="right" if j >= 4 else "left", no_wrap=True, min_width=width)
    for row in rows:
        table.add_row(*row)
    return table
