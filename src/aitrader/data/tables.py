"""What `aitrader data` prints: rich tables of the store, of one series and of a folder import.

Kept beside the data they show so that the command module only wires options to functions.
Tables never cut a cell (numbers do not wrap, text folds); rich is imported inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aitrader.domain.timeframe import format_ms

if TYPE_CHECKING:
    from aitrader.data.folder_import import FolderImport
    from aitrader.data.gaps import GapReport
    from aitrader.data.source import LoadedSeries
    from aitrader.data.store import StoredSeries
    from aitrader.domain import Timeframe

_KIND = {"store": "{venue} store", "sample": "{venue} sample", "file": "--data file"}


def store_table(root: object, series: list[StoredSeries]) -> Any:
    """Every stored series: venue, symbol, timeframe, rows, first and last open time."""
    rows = [
        [
            s.venue, s.symbol, s.timeframe.value, f"{s.rows:,}",
            format_ms(s.first_ms) if s.first_ms is not None else "-",
            format_ms(s.last_ms) if s.last_ms is not None else "-",
        ]
        for s in series
    ]  # fmt: skip
    return _whole_cells(
        f"Candle store {root}", ("venue", "symbol", "tf", "rows", "first (UTC)", "last (UTC)"), rows, {3}
    )


def _whole_cells(title: str, header: tuple[str, ...], rows: list[list[str]], right: set[int]) -> Any:
    """A table whose columns are as wide as their widest cell: printed with `crop=False` it grows
    past the terminal rather than cut or fold a value."""
    from rich.table import Table

    table = Table(title=title)
    for j, col in enumerate(header):
        width = max([len(col)] + [len(r[j]) for r in rows])
        table.add_column(col, justify="right" if j in right else "left", no_wrap=True, min_width=width)
    for r in rows:
        table.add_row(*r)
    return table


def import_table(result: FolderImport) -> Any:
    """One row per imported series: files, candles read, new, stored, span."""
    header = ("venue", "symbol", "tf", "files", "read", "new", "stored", "first (UTC)", "last (UTC)")
    rows = [
        [
            s.venue, s.symbol, s.timeframe.value, str(len(s.files)), f"{s.received:,}", f"{s.added:,}",
            f"{s.total:,}", format_ms(s.first_ms), format_ms(s.last_ms),
        ]
        for s in result.imported
    ]  # fmt: skip
    return _whole_cells(f"Imported from {result.root} into the store", header, rows, {3, 4, 5, 6})


def skipped_line(result: FolderImport) -> str:
    """'skipped 3 file(s) that are not candles to import: funding rates, …' ('' when none)."""
    if not result.skipped:
        return ""
    kinds = sorted({s.reason.split(":")[0] for s in result.skipped})
    return f"skipped {len(result.skipped)} file(s) that are not candles to import: {'; '.join(kinds)}"


def series_summary(
    loaded: LoadedSeries, tf: Timeframe, venue: str, calendar: str, gaps: GapReport
) -> list[Any]:
    """`data show`'s summary grid (which series, what else exists, span, calendar, gaps) and its
    table of the longest gaps."""
    from rich.table import Table

    candles = loaded.candles
    summary = Table.grid(padding=(0, 2))
    summary.add_column(no_wrap=True)
    summary.add_column(overflow="fold")
    what = _KIND.get(loaded.kind, loaded.kind).format(venue=loaded.venue)
    if loaded.kind == "sample" and venue not in ("binance", loaded.venue):
        what += f"; nothing stored for {venue}"
    summary.add_row("series", f"{candles.symbol} {tf.value} ({what})")
    summary.add_row("source", loaded.origin.split("; ", 1)[0])
    if loaded.also:
        summary.add_row("also", loaded.also)
    if loaded.dropped_partial:
        summary.add_row(
            "partial", f"{loaded.dropped_partial} incomplete first/last {tf.value} bar(s) left out"
        )
    summary.add_row("rows", f"{len(candles):,}")
    if len(candles):
        summary.add_row("span", f"{format_ms(candles.start_ms)} → {format_ms(candles.end_ms)} UTC")
    summary.add_row("calendar", calendar)
    summary.add_row("gaps", gaps.summary())
    out: list[Any] = [summary]
    if gaps.gaps:
        gap_table = Table(title="Gaps (missing candles, UTC)")
        for col in ("first missing", "last missing"):
            gap_table.add_column(col, no_wrap=True, min_width=16)
        gap_table.add_column("missing", justify="right", no_wrap=True)
        shown = sorted(gaps.gaps, key=lambda g: -g.missing)[:10]
        for g in sorted(shown, key=lambda g: g.first_missing_ms):
            gap_table.add_row(format_ms(g.first_missing_ms), format_ms(g.last_missing_ms), str(g.missing))
        out.append(gap_table)
    return out


def last_candles_table(loaded: LoadedSeries, rows: int) -> Any:
    """The last `rows` candles, every number whole."""
    from rich.table import Table

    candles = loaded.candles
    tail = candles.tail(rows)
    body = [
        [format_ms(int(tail.open_time[i]))]
        + [f"{float(getattr(tail, k)[i]):,.8g}" for k in ("open", "high", "low", "close", "volume")]
        for i in range(len(tail))
    ]
    last = Table(title=f"Last {min(rows, len(candles))} candles")
    for j, col in enumerate(("open time (UTC)", "open", "high", "low", "close", "volume")):
        width = max([len(col)] + [len(r[j]) for r in body])
        last.add_column(col, justify="left" if j == 0 else "right", no_wrap=True, min_width=width)
    for r in body:
        last.add_row(*r)
    return last
