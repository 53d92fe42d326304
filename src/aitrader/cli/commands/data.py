"""`aitrader data …`: import, list, show and download candle history in the local store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from aitrader.cli import options
from aitrader.cli.errors import fail

if TYPE_CHECKING:
    from aitrader.data import CandleStore
    from aitrader.domain import Timeframe

data_app = typer.Typer(
    help="Candle history: import files or folders, list the store, show a series, download.",
    no_args_is_help=True,
)

VenueOpt = Annotated[
    str | None, typer.Option("--venue", metavar="NAME", help="Venue of the series (default: binance).")
]


def _resolve(symbol: str | None, timeframe: str | None, data_dir: Path | None) -> tuple[str, Timeframe, Path]:
    """(symbol, timeframe, store folder): the options, else the environment, aitrader.toml, defaults."""
    from aitrader.domain import Timeframe

    cli = {"symbol": symbol, "timeframe": timeframe, "data_dir": str(data_dir) if data_dir else None}
    run = options.run_settings(cli)
    try:
        tf = Timeframe.parse(run.timeframe)
    except ValueError as exc:
        fail(f"{run.where('timeframe')}: {exc}")
    return run.symbol.upper(), tf, run.data_dir


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
        Path,
        typer.Argument(
            metavar="PATH",
            help="A candle file (CSV/.gz, Binance kline CSV or .zip, freqtrade JSON, feather, parquet) "
            "or a folder of them, e.g. freqtrade's user_data/data/binance.",
        ),
    ],
    symbol: Annotated[
        str | None,
        typer.Option("--symbol", metavar="SYMBOL", help="e.g. BTCUSDT (default: from the file name)."),
    ] = None,
    timeframe: Annotated[
        str | None,
        typer.Option(
            "--timeframe", "--interval", "-t", metavar="TF", help="e.g. 1m (default: from the file name)."
        ),
    ] = None,
    venue: Annotated[
        str | None,
        typer.Option(
            "--venue",
            metavar="NAME",
            help="Venue to store under (default: binance; a folder: its exchange folder's name).",
        ),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(
            "--date-format",
            metavar="FORMAT",
            help="How a CSV writes its dates, e.g. %d/%m/%Y (default: detected).",
        ),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz", metavar="ZONE", help="Zone of CSV times written without an offset (default UTC)."
        ),
    ] = None,
    data_dir: Path | None = options.data_dir(),
) -> None:
    """Validate candle files and merge them into the store (a bad file changes nothing stored)."""
    if path.is_dir():
        if symbol or timeframe or date_format or tz:
            fail(f"{path}: a folder's files are read by their names: import one file to set its options")
        _import_folder(path, venue, _store(data_dir))
        return
    if not path.exists():
        fail(f"{path}: no such file or folder")
    _import_file(path, symbol, timeframe, venue or "binance", data_dir, date_format, tz)


def _store(data_dir: Path | None) -> CandleStore:
    """The store: --data-dir, else AITRADER_DATA_DIR, aitrader.toml's data_dir, var/data."""
    from aitrader.data import CandleStore

    return CandleStore(options.run_settings({"data_dir": str(data_dir) if data_dir else None}).data_dir)


def _import_file(
    path: Path,
    symbol: str | None,
    timeframe: str | None,
    venue: str,
    data_dir: Path | None,
    date_format: str | None,
    tz: str | None,
) -> None:
    from aitrader.data import DataError, read_candles
    from aitrader.data.readers import parse_name
    from aitrader.data.time_rules import validate_times
    from aitrader.domain import Timeframe

    named = parse_name(path)
    sym = symbol or (named[0] if named else None)
    if not sym:
        fail(f"{path}: cannot tell the symbol from the file name: pass --symbol")
    if timeframe is None and named is None:
        fail(f"{path}: cannot tell the timeframe from the file name: pass --timeframe")
    try:
        tf = Timeframe.parse(timeframe) if timeframe else named[1]  # type: ignore[index]
    except ValueError as exc:
        fail(f"--timeframe: {exc}")
    store = _store(data_dir)
    try:
        candles = read_candles(path, sym, tf, date_format=date_format, tz=tz)
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


def _import_folder(path: Path, venue: str | None, store: CandleStore) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from aitrader.data import DataError
    from aitrader.data.folder_import import import_folder

    console = Console()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("reading", total=None)

        def on_progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        try:
            result = import_folder(path, store, venue=venue, progress=on_progress)
        except DataError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{path}: {exc.strerror or exc} — what was imported before stays stored")
    from aitrader.data.tables import import_table, skipped_line

    if result.imported:
        console.print(import_table(result), crop=False)
    if result.skipped:
        console.print(skipped_line(result))
    for r in result.refused:
        typer.echo(f"error: {r.reason} — this file was not imported", err=True)
    if not result.imported and not result.refused:
        fail(
            f"{path}: no candle files found (looked for freqtrade's PAIR-TF.json/.feather/.parquet and "
            "SYMBOL-TF-….csv[.gz] names)"
        )
    if result.refused:
        fail(
            f"{len(result.refused)} file(s) refused (listed above); the other {result.files_imported} file(s) "
            "were imported: fix the refused ones and import them again"
        )


@data_app.command("list")
def list_(data_dir: Path | None = options.data_dir()) -> None:
    """List every series in the store."""
    from rich.console import Console

    from aitrader.data.tables import store_table

    store = _store(data_dir)
    series = store.series()
    console = Console()
    if not series:
        console.print(
            f"The store at {store.root} is empty. Try: aitrader data import PATH  or  aitrader data show --symbol BTCUSDT --timeframe 1m"
        )
        return
    console.print(store_table(store.root, series), crop=False)


@data_app.command("show")
def show(
    symbol: str | None = options.symbol(),
    timeframe: str | None = options.timeframe(),
    start: str | None = options.start(),
    end: str | None = options.end(),
    data: Path | None = options.data(),
    venue: VenueOpt = None,
    calendar: Annotated[
        str | None,
        typer.Option(
            "--calendar",
            metavar="NAME",
            help="Exchange calendar for the gap report, e.g. XNSE, XNYS, or none (default: from the symbol).",
        ),
    ] = None,
    rows: Annotated[
        int, typer.Option("--rows", "-n", min=1, metavar="N", help="How many of the last candles to print.")
    ] = 10,
    data_dir: Path | None = options.data_dir(),
) -> None:
    """Summary of a series: which one (store, sample or --data), span, rows, gaps, last candles."""
    from rich.console import Console

    from aitrader.data import DataError, find_gaps
    from aitrader.data.calendars import CalendarError, calendar_for
    from aitrader.data.readers import parse_name
    from aitrader.data.source import SeriesNotFoundError, load_series
    from aitrader.data.tables import last_candles_table, series_summary

    sym_given, tf_given = symbol, timeframe
    named = parse_name(data) if data is not None and data.is_file() else None
    if named is not None:  # --data NIFTY50-1d-….csv: the file's symbol, not the default one
        sym_given, tf_given = sym_given or named[0], tf_given or named[1].value
    sym, tf, root = _resolve(sym_given, tf_given, data_dir)
    where = (venue or "binance").lower()
    try:
        loaded = load_series(
            sym,
            tf,
            path=data,
            data_dir=root,
            venue=where,
            start_ms=_time(start, "--from"),
            end_ms=_time(end, "--to"),
        )
        choice = calendar_for(loaded.candles.symbol, loaded.venue, explicit=calendar)
    except (SeriesNotFoundError, DataError, CalendarError, FileNotFoundError) as exc:
        fail(str(exc))
    gaps = find_gaps(loaded.candles, calendar=choice.name)
    console = Console()
    for part in series_summary(loaded, tf, where, choice.describe(), gaps):
        console.print(part, crop=False)
    console.print(last_candles_table(loaded, rows), crop=False)


@data_app.command("download")
def download(
    symbol: str | None = options.symbol(),
    symbols: str | None = options.symbols(),
    timeframe: str | None = options.timeframe(),
    start: str | None = options.start(),
    end: Annotated[
        str | None, typer.Option("--to", metavar="TIME", help="Stop before this UTC time (default: now).")
    ] = None,
    rest_url: Annotated[
        str | None,
        typer.Option(
            "--rest-url",
            metavar="URL",
            help="Binance-compatible REST base (default: AITRADER_MARKET_DATA_URL, else AITRADER_REST_URL, "
            "else Binance's public market data, https://data-api.binance.vision).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=1, max=16, metavar="N", help="Symbols downloaded at once with --symbols."
        ),
    ] = 4,
    venue: VenueOpt = None,
    data_dir: Path | None = options.data_dir(),
) -> None:
    """Download closed candles into the store, resuming where each stored series ends (read-only)."""
    from aitrader.config import SettingsError, load_settings
    from aitrader.data.download import market_data_source

    sym, tf, root = _resolve(symbol, timeframe, data_dir)
    several = options.split_symbols(symbols) or (sym,)
    since_ms, until_ms = _time(start, "--from"), _time(end, "--to")
    try:
        settings = load_settings(allow_mainnet=True)  # only reads market data: the order opt-in is not asked
    except SettingsError as exc:
        fail(str(exc))
    base, why = market_data_source(settings, rest_url)
    typer.echo(f"downloading {', '.join(several)} {tf.value} from {base} ({why})")
    if len(several) > 1:
        from aitrader.cli.download_view import download_several

        download_several(several, tf, root, since_ms, until_ms, venue or "binance", base, jobs)
        return
    _download_one(several[0], tf, root, since_ms, until_ms, venue or "binance", base)


def _download_one(
    sym: str, tf: Timeframe, root: Path, since_ms: int | None, until_ms: int | None, venue: str, base: str
) -> None:
    """One symbol with its own progress bar and a one-line report."""
    import ccxt
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from aitrader.cli.download_view import download_error
    from aitrader.data import CandleStore
    from aitrader.data.download import download_history, make_exchange
    from aitrader.domain.timeframe import format_ms

    exchange = make_exchange(base)
    with Progress(
        TextColumn(f"{sym} {tf.value}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(), transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("download", total=1)

        def on_progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        try:
            result = download_history(
                exchange, CandleStore(root), sym, tf, since_ms, until_ms, venue=venue, progress=on_progress
            )
        except ccxt.BaseError as exc:
            what = download_error(exc, base, sym, tf, len(exchange.markets or {}))
            fail(f"download from {base} failed: {what}; what was stored is kept")
    if result.fetched == 0:
        after = format_ms(max(result.start_ms, 0))
        typer.echo(
            f"warning: {sym} {tf.value}: the venue has no closed candles after {after} UTC "
            f"(up to {format_ms(result.until_ms)} UTC) — nothing was fetched, {result.total} stored",
            err=True,
        )
        return
    how = "resumed after the stored series" if result.resumed else "started"
    typer.echo(
        f"{sym} {tf.value}: {how} at {format_ms(result.start_ms)} UTC, fetched {result.fetched} "
        f"candles in {result.pages} page(s), {result.added} new, {result.total} stored"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
