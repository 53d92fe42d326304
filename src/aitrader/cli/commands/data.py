"""`aitrader data …`: import, list, show and download candle history in the local store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.data import CandleStore
    from aitrader.domain import Timeframe

data_app = typer.Typer(
    help="Candle history: import files, list the store, show a series, download.", no_args_is_help=True
)

DataDirOpt = Annotated[
    Path | None, typer.Option("--data-dir", help="Store folder (default: AITRADER_DATA_DIR or var/data).")
]
VenueOpt = Annotated[str, typer.Option("--venue", help="Venue the candles belong to.")]


def _store(data_dir: Path | None) -> CandleStore:
    from aitrader.config import SettingsError, load_settings
    from aitrader.data import CandleStore

    if data_dir is not None:
        return CandleStore(data_dir)
    try:
        return CandleStore(load_settings().data_dir)
    except SettingsError as exc:
        fail(str(exc))


def _timeframe(text: str) -> Timeframe:
    from aitrader.domain import Timeframe

    try:
        return Timeframe.parse(text)
    except ValueError as exc:
        fail(str(exc))


def _time(text: str | None, what: str) -> int | None:
    from aitrader.domain.timeframe import parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except ValueError as exc:
        fail(f"{what}: {exc}")


@data_app.command("import")
def import_(
    path: Annotated[
        Path, typer.Argument(help="CSV (.gz), Binance kline CSV or .zip, freqtrade JSON, feather or parquet.")
    ],
    symbol: Annotated[
        str | None, typer.Option("--symbol", help="e.g. BTCUSDT (default: from the file name).")
    ] = None,
    timeframe: Annotated[
        str | None, typer.Option("--timeframe", "-t", help="e.g. 1m (default: from the file name).")
    ] = None,
    venue: VenueOpt = "binance",
    data_dir: DataDirOpt = None,
) -> None:
    """Validate a candle file and merge it into the store (nothing stored changes if it is bad)."""
    from aitrader.data import DataError, read_candles
    from aitrader.data.readers import parse_name
    from aitrader.data.time_rules import validate_times

    if path.is_dir():
        fail(f"{path}: is a directory: pass one candle file (e.g. {path}/BTCUSDT-1m-….csv.gz)")
    if not path.exists():
        fail(f"{path}: no such file")
    named = parse_name(path)
    sym = symbol or (named[0] if named else None)
    if not sym:
        fail(f"{path}: cannot tell the symbol from the file name: pass --symbol")
    if timeframe is None and named is None:
        fail(f"{path}: cannot tell the timeframe from the file name: pass --timeframe")
    tf = _timeframe(timeframe) if timeframe else named[1]  # type: ignore[index]
    store = _store(data_dir)
    try:
        candles = read_candles(path, sym, tf)
        if len(candles) == 0:
            fail(f"{path}: holds no candles (empty or header only) — nothing was imported")
        validate_times(candles, str(path))
        result = store.merge(candles, venue=venue)
    except DataError as exc:
        fail(f"{exc} — nothing was imported; fix the file and run again")
    except UnicodeDecodeError:
        fail(f"{path}: not a text file (binary or not UTF-8) — nothing was imported")
    except OSError as exc:
        fail(f"{path}: {exc.strerror or exc}")
    typer.echo(
        f"imported {result.received} {tf.value} candles of {sym.upper()} from {path}: "
        f"{result.added} new, {result.total} stored in {result.path}"
    )


@data_app.command("list")
def list_(data_dir: DataDirOpt = None) -> None:
    """List every series in the store."""
    from rich.console import Console
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms

    store = _store(data_dir)
    series = store.series()
    console = Console()
    if not series:
        console.print(
            f"The store at {store.root} is empty. Try: aitrader data import PATH  or  aitrader data show BTCUSDT 1m"
        )
        return
    table = Table(title=f"Candle store {store.root}")
    for col in ("venue", "symbol", "tf"):
        table.add_column(col, overflow="fold")
    table.add_column(
        "rows", justify="right", no_wrap=True, min_width=max([4] + [len(f"{s.rows:,}") for s in series])
    )
    for col in ("first (UTC)", "last (UTC)"):
        table.add_column(col, no_wrap=True, min_width=16)
    for s in series:
        table.add_row(
            s.venue, s.symbol, s.timeframe.value, f"{s.rows:,}",
            format_ms(s.first_ms) if s.first_ms is not None else "-",
            format_ms(s.last_ms) if s.last_ms is not None else "-",
        )  # fmt: skip
    console.print(table)


@data_app.command("show")
def show(
    symbol: Annotated[str, typer.Argument(help="e.g. BTCUSDT")],
    timeframe: Annotated[str, typer.Argument(help="e.g. 1m, 1h, 1d")],
    venue: VenueOpt = "binance",
    rows: Annotated[
        int, typer.Option("--rows", "-n", min=1, help="How many of the last candles to print.")
    ] = 10,
    data_dir: DataDirOpt = None,
) -> None:
    """Summary of a series (store first, else the shipped sample): span, rows, gaps, last candles."""
    from rich.console import Console
    from rich.table import Table

    from aitrader.data import DataError, find_gaps
    from aitrader.data.source import SeriesNotFoundError, load_series
    from aitrader.domain.timeframe import format_ms

    tf = _timeframe(timeframe)
    store = _store(data_dir)
    try:
        loaded = load_series(symbol, tf, data_dir=store.root, venue=venue)
    except (SeriesNotFoundError, DataError) as exc:
        fail(str(exc))
    candles = loaded.candles
    console = Console()
    gaps = find_gaps(candles)
    summary = Table.grid(padding=(0, 2))
    summary.add_column(no_wrap=True)
    summary.add_column(overflow="fold")
    label = loaded.venue if loaded.kind == "store" else f"{loaded.venue} sample"
    if loaded.kind == "sample" and venue.lower() not in ("binance", loaded.venue):
        label += f"; nothing stored for {venue.lower()}"
    summary.add_row("series", f"{candles.symbol} {tf.value} ({label})")
    summary.add_row("source", loaded.origin)
    if loaded.dropped_partial:
        summary.add_row(
            "partial", f"{loaded.dropped_partial} incomplete first/last {tf.value} bar(s) left out"
        )
    summary.add_row("rows", f"{len(candles):,}")
    if len(candles):
        summary.add_row("span", f"{format_ms(candles.start_ms)} → {format_ms(candles.end_ms)} UTC")
    summary.add_row("gaps", gaps.summary())
    console.print(summary)
    if gaps.gaps:
        gap_table = Table(title="Gaps (missing candles, UTC)")
        for col in ("first missing", "last missing"):
            gap_table.add_column(col, no_wrap=True, min_width=16)
        gap_table.add_column("missing", justify="right", no_wrap=True)
        shown = sorted(gaps.gaps, key=lambda g: -g.missing)[:10]
        for g in sorted(shown, key=lambda g: g.first_missing_ms):
            gap_table.add_row(format_ms(g.first_missing_ms), format_ms(g.last_missing_ms), str(g.missing))
        console.print(gap_table)
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
    console.print(last, crop=False)


@data_app.command("download")
def download(
    symbol: Annotated[str, typer.Argument(help="e.g. BTCUSDT")],
    timeframe: Annotated[str, typer.Argument(help="e.g. 1m")],
    since: Annotated[
        str | None, typer.Option("--since", help="UTC start, YYYY-MM-DD[ HH:MM] or epoch ms.")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="UTC end (exclusive); default now.")] = None,
    rest_url: Annotated[
        str | None,
        typer.Option(
            "--rest-url", help="Binance-compatible REST base (default: AITRADER_REST_URL or the venue's)."
        ),
    ] = None,
    venue: VenueOpt = "binance",
    data_dir: DataDirOpt = None,
) -> None:
    """Download closed candles via ccxt into the store, resuming where the stored series ends."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from aitrader.config import SettingsError, Venue, load_settings
    from aitrader.data.download import download_history, make_exchange

    tf = _timeframe(timeframe)
    since_ms, until_ms = _time(since, "--since"), _time(until, "--until")
    try:
        settings = load_settings()
    except SettingsError as exc:
        fail(str(exc))
    store = _store(data_dir)
    base = rest_url or settings.endpoints()[0]
    exchange = make_exchange(base, sandbox=settings.venue is not Venue.MAINNET)
    import ccxt

    with Progress(
        TextColumn(f"{symbol.upper()} {tf.value}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("download", total=1)

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = download_history(
                exchange, store, symbol, tf, since_ms, until_ms, venue=venue, progress=on_progress
            )
        except ccxt.BaseError as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            fail(f"download from {base} failed: {type(exc).__name__}: {first[:200]}")
    from aitrader.domain.timeframe import format_ms

    if result.fetched == 0:
        after = format_ms(max(result.start_ms, 0))
        typer.echo(
            f"warning: {symbol.upper()} {tf.value}: the venue has no closed candles after {after} UTC "
            f"(up to {format_ms(result.until_ms)} UTC) — nothing was fetched, {result.total} stored",
            err=True,
        )
        return
    how = "resumed after the stored series" if result.resumed else "started"
    typer.echo(
        f"{symbol.upper()} {tf.value}: {how} at {format_ms(result.start_ms)} UTC, fetched {result.fetched} "
        f"candles in {result.pages} page(s), {result.added} new, {result.total} stored"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
