"""CSV candle readers: the shared schema `open_time_ms,open,high,low,close,volume`, Binance's
12-column kline CSV (data.binance.vision, with or without a header, ms or µs open times), and any
CSV whose header names the columns (`Date,Open,High,Low,Close,Adj Close,Volume`, …).

The time column holds epoch s/ms/µs numbers or date-time strings (`time_parse`: ISO 8601, month
names, day/month numbers whose order the file proves). Parsing is done by pyarrow's C++ CSV reader
(gzip detected from the `.gz` suffix). When it refuses a file, the file is scanned line by line
only to find and name the first bad row.
"""

from __future__ import annotations

import gzip
import math
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

from aitrader.data.errors import DataError, reading
from aitrader.data.time_parse import looks_like_date, parse_times
from aitrader.data.time_rules import to_epoch_ms
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

SHARED_COLUMNS = ("open_time", "open", "high", "low", "close", "volume")
BINANCE_KLINE_COLUMNS = (
    "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume",
    "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore",
)  # fmt: skip
# header names (lower case) that mean each column, the first that is present wins
_ALIASES: dict[str, tuple[str, ...]] = {
    "open_time": (
        "open_time", "open_time_ms", "open time", "timestamp", "time", "date", "datetime", "date_time",
        "date time", "ts",
    ),
    "open": ("open",), "high": ("high",), "low": ("low",), "close": ("close", "price"),
    "volume": ("volume", "vol", "shares traded", "base_volume"),
}  # fmt: skip


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open("rt", encoding="utf-8", newline="")


def _is_number(text: str) -> bool:
    return text.strip('"').replace(".", "", 1).lstrip("-").isdigit()


@dataclass(frozen=True)
class _Layout:
    """Where each of the six candle columns is, and whether times are numbers or strings."""

    names: tuple[str, ...]  # every column's name, as given to pyarrow
    index: dict[str, int]  # candle column → position
    header: bool
    dates: bool  # the time column holds date-time strings


def _first_lines(path: Path, n: int = 2) -> list[list[str]]:
    out: list[list[str]] = []
    with _open_text(path) as fh:
        for line in fh:
            if line.strip():
                out.append([f.strip() for f in line.strip().split(",")])
                if len(out) == n:
                    break
    return out


def sniff_csv(path: Path) -> tuple[int, bool]:
    """(number of columns, has a header row) from the file's first non-empty line."""
    lines = _first_lines(path, 1)
    if not lines:
        return 0, False
    first = lines[0][0].strip('"')
    return len(lines[0]), not _is_number(first) and not looks_like_date(first)


def _layout(path: Path) -> _Layout | None:
    lines = _first_lines(path)
    if not lines:
        return None
    ncols, header = sniff_csv(path)
    data = lines[1] if header and len(lines) > 1 else (None if header else lines[0])
    dates = data is not None and not _is_number(data[0]) and looks_like_date(data[0])
    if header:
        named = [f.strip('"').strip().lower() for f in lines[0]]
        index = {}
        for col, aliases in _ALIASES.items():
            hit = next((named.index(a) for a in aliases if a in named), None)
            if hit is not None:
                index[col] = hit
        if len(index) == len(SHARED_COLUMNS):
            names = tuple(f"c{i}" for i in range(ncols))
            return _Layout(names, index, header, dates)
        if len(index) >= 3:  # a header that names its columns but not all six: never guess by position
            missing = [c for c in SHARED_COLUMNS if c not in index]
            raise DataError(
                path,
                f"the header names no {', '.join(missing)} column: name the columns "
                "open_time (or date),open,high,low,close,volume",
            )
    if ncols >= len(BINANCE_KLINE_COLUMNS):
        names = BINANCE_KLINE_COLUMNS + tuple(f"extra{i}" for i in range(ncols - len(BINANCE_KLINE_COLUMNS)))
    elif ncols == len(SHARED_COLUMNS):
        names = SHARED_COLUMNS
    else:
        raise DataError(
            path, f"expected 6 columns (open_time,open,high,low,close,volume) or 12, found {ncols}"
        )
    return _Layout(names, {c: names.index(c) for c in SHARED_COLUMNS}, header, dates)


def _scan_for_bad_row(path: Path, layout: _Layout, arrow_msg: str) -> DataError:
    """Find the first line pyarrow could not read, to name it in the error; a damaged gzip stream is named
    as such first (pyarrow's one thread parses the bytes that decompress before the damage)."""
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):  # raises at the damage: `reading` makes it "not a readable gzip"
                pass
    offset = 1 if layout.header else 0
    ncols = len(layout.names)
    with _open_text(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            if lineno <= offset:
                continue
            row = lineno - offset
            fields = line.rstrip("\r\n").split(",")
            if len(fields) < ncols:
                rule = f"expected {ncols} columns, found {len(fields)}"
                return DataError(path, rule, row=row, line=lineno)
            for name in SHARED_COLUMNS:
                raw = fields[layout.index[name]]
                if name == "open_time" and layout.dates:
                    continue  # time strings are checked by `parse_times`, which names the row
                kind = "an integer" if name == "open_time" else "a number"
                try:
                    ok = math.isfinite(int(raw) if name == "open_time" else float(raw))
                except ValueError:
                    ok = False
                if not ok:
                    return DataError(path, f"{name} {raw.strip()!r} is not {kind}", row=row, line=lineno)
    first = arrow_msg.strip().splitlines()[0] if arrow_msg.strip() else "unreadable"
    return DataError(path, f"cannot parse CSV: {first}")


def _read_columns(path: Path, layout: _Layout) -> dict[str, np.ndarray]:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    picked = {c: layout.names[i] for c, i in layout.index.items()}
    types = {picked[c]: pa.float64() for c in SHARED_COLUMNS[1:]}
    types[picked["open_time"]] = pa.string() if layout.dates else pa.int64()
    try:
        table = pa_csv.read_csv(
            str(path),
            # one thread: pyarrow's threaded reader failed once in CI with "a chunk failed converting for
            # an unknown reason" on a valid file; on two cores one thread reads bench_data.py's 1,000,000
            # rows as fast (165 ms against 177 ms threaded, best of 3)
            read_options=pa_csv.ReadOptions(
                column_names=list(layout.names), skip_rows=1 if layout.header else 0, use_threads=False
            ),
            convert_options=pa_csv.ConvertOptions(column_types=types, include_columns=list(picked.values())),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _scan_for_bad_row(path, layout, str(exc)) from None
    if table.num_rows and any(table.column(n).null_count for n in picked.values()):
        raise _scan_for_bad_row(path, layout, "empty value")
    return {c: table.column(n).to_numpy(zero_copy_only=False) for c, n in picked.items()}


def _to_candles(
    cols: dict[str, np.ndarray], path: Path, symbol: str, timeframe: Timeframe, header: bool, validate: bool
) -> Candles:
    t = to_epoch_ms(cols["open_time"].astype(np.int64))
    c = Candles.from_arrays(
        t, cols["open"], cols["high"], cols["low"], cols["close"], cols["volume"],
        symbol=symbol, timeframe=timeframe, source=str(path),
    )  # fmt: skip
    return validate_candles(c, str(path), header_lines=1 if header else 0) if validate else c


def read_candles_csv(
    path: Path | str,
    symbol: str = "",
    timeframe: Timeframe = Timeframe.M1,
    validate: bool = True,
    *,
    date_format: str | None = None,
    tz: str | None = None,
) -> Candles:
    """Read a candle CSV (shared schema, Binance klines or named columns, `.gz` or not) and validate it.

    `date_format` (strptime codes) and `tz` (zone of times written without an offset) only apply
    to date-time strings in the time column; see `time_parse`.
    """
    p = Path(path)
    if not p.is_file():
        raise DataError(p, "no such file")
    with reading(p):  # not UTF-8, a truncated or corrupt gzip: a one-line DataError
        return _read_csv(p, symbol, timeframe, validate, date_format, tz)


def _read_csv(
    p: Path, symbol: str, timeframe: Timeframe, validate: bool, date_format: str | None, tz: str | None
) -> Candles:
    layout = _layout(p)
    if layout is None:
        return Candles.empty(symbol, timeframe).with_meta(source=str(p))
    cols = _read_columns(p, layout)
    if layout.dates:
        cols["open_time"] = parse_times(
            cols["open_time"], str(p), 1 if layout.header else 0, date_format=date_format, tz=tz
        )
    return _to_candles(cols, p, symbol, timeframe, layout.header, validate)


def read_binance_klines_csv(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    """Read a data.binance.vision kline CSV (12 columns; header optional; ms or µs open times)."""
    p = Path(path)
    ncols, _ = sniff_csv(p)
    if ncols and ncols < len(BINANCE_KLINE_COLUMNS):
        raise DataError(p, f"a Binance kline CSV has 12 columns, found {ncols}")
    return read_candles_csv(p, symbol, timeframe, validate)
