"""`read_candles`: pick the reader from the file name (CSV, Binance kline CSV or its data.binance.vision
`.zip`, freqtrade JSON, feather, parquet) and return validated `Candles`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from aitrader.data.columnar import read_feather, read_freqtrade_json, read_parquet
from aitrader.data.csv_reader import read_candles_csv
from aitrader.data.errors import DataError, reading
from aitrader.domain import Candles, Timeframe

Reader = Callable[[Path, str, Timeframe, bool], Candles]


def read_zipped_csv(path: Path, symbol: str, timeframe: Timeframe, validate: bool = True) -> Candles:
    """A data.binance.vision `.zip` holding one kline CSV (read from a temp copy of that member).
    Read it through `read_candles`, which reports a broken zip as a `DataError`."""
    import tempfile
    import zipfile

    with zipfile.ZipFile(path) as zf:  # a broken zip: zipfile.BadZipFile / zlib.error, see `reading`
        members = [m for m in zf.namelist() if m.lower().endswith(".csv")]
        if len(members) != 1:
            raise DataError(path, f"expected one .csv inside the zip, found {len(members)}")
        with tempfile.TemporaryDirectory() as tmp:
            inner = Path(zf.extract(members[0], tmp))
            try:
                c = read_candles_csv(inner, symbol, timeframe, validate)
            except DataError as exc:
                raise DataError(f"{path}!{members[0]}", exc.rule, exc.row, exc.line) from None
    return c.with_meta(source=f"{path}!{members[0]}")


_READERS: dict[str, Reader] = {
    ".zip": read_zipped_csv,
    ".csv": read_candles_csv,
    ".txt": read_candles_csv,
    ".json": read_freqtrade_json,
    ".feather": read_feather,
    ".arrow": read_feather,
    ".ipc": read_feather,
    ".parquet": read_parquet,
    ".pq": read_parquet,
}

# BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz, BTCUSDT-1h.parquet, BTC_USDT-1m.json, BTC_USDT-1m.feather,
# freqtrade's monthly BTC_USDT-1Mo.json (it writes 1M as 1Mo so that 1m and 1M differ on every disk)
_NAME = re.compile(r"^(?P<symbol>[A-Za-z0-9]+(?:[_/][A-Za-z0-9]+)?)-(?P<tf>\d+(?:Mo|[smhdwM]))(?:[-_.]|$)")


def format_of(path: Path) -> str:
    """The format suffix of `path` ignoring `.gz`, e.g. '.csv' for 'x.csv.gz'."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def is_candle_file(path: Path) -> bool:
    return path.is_file() and format_of(path) in _READERS


def parse_name(path: Path | str) -> tuple[str, Timeframe] | None:
    """(SYMBOL, timeframe) from names like `BTCUSDT-1m-2023...csv.gz` or freqtrade's `BTC_USDT-1h.json`."""
    m = _NAME.match(Path(path).name)
    if not m:
        return None
    try:
        tf = Timeframe.parse(m.group("tf").replace("Mo", "M"))
    except ValueError:
        return None
    return m.group("symbol").replace("_", "").replace("/", "").upper(), tf


def read_candles(
    path: Path | str,
    symbol: str = "",
    timeframe: Timeframe | str | None = None,
    validate: bool = True,
    *,
    date_format: str | None = None,
    tz: str | None = None,
) -> Candles:
    """Read any supported candle file. Symbol and timeframe default to what the file name says.

    `date_format` and `tz` tell a CSV how to read date-time strings (see `time_parse`); the other
    formats store epoch times and ignore them."""
    p = Path(path)
    if not p.exists():
        raise DataError(p, "no such file")
    if p.is_dir():
        raise DataError(p, "is a directory: pass one candle file")
    reader = _READERS.get(format_of(p))
    if reader is None:
        known = ", ".join(sorted(set(_READERS)))
        raise DataError(
            p, f"unknown format {format_of(p) or '(no suffix)'!r}: use one of {known} (optionally .gz)"
        )
    named = parse_name(p)
    tf = Timeframe.parse(timeframe) if timeframe is not None else (named[1] if named else Timeframe.M1)
    sym = symbol or (named[0] if named else "")
    with reading(p):  # a truncated or corrupt gzip/zip/parquet/feather becomes a one-line DataError
        if reader is read_candles_csv and (date_format or tz):
            return read_candles_csv(p, sym.upper(), tf, validate, date_format=date_format, tz=tz)
        return reader(p, sym.upper(), tf, validate)
