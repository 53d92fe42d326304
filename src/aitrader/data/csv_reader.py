"""CSV candle readers: the shared schema `open_time_ms,open,high,low,close,volume` and Binance's
12-column kline CSV (data.binance.vision, with or without a header, ms or µs open times).

Parsing is done by pyarrow's C++ CSV reader (gzip detected from the `.gz` suffix). When it
refuses a file, the file is scanned line by line only to find and name the first bad row.
"""

from __future__ import annotations

import gzip
import math
from pathlib import Path
from typing import IO

import numpy as np

from aitrader.data.errors import DataError, reading
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

SHARED_COLUMNS = ("open_time", "open", "high", "low", "close", "volume")
BINANCE_KLINE_COLUMNS = (
    "open_time", "open", "high", "low", "close", "volume", "close_time", "quote_volume",
    "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore",
)  # fmt: skip
_US_THRESHOLD = 10**14  # open times above this are microseconds (ms times stay below until year 5138)


def _open_text(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return path.open("rt", encoding="utf-8", newline="")


def sniff_csv(path: Path) -> tuple[int, bool]:
    """(number of columns, has a header row) from the file's first non-empty line."""
    with _open_text(path) as fh:
        for line in fh:
            if line.strip():
                fields = [f.strip() for f in line.strip().split(",")]
                first = fields[0].strip('"')
                has_header = not first.replace(".", "", 1).lstrip("-").isdigit()
                return len(fields), has_header
    return 0, False


def _scan_for_bad_row(path: Path, header: bool, ncols: int, arrow_msg: str) -> DataError:
    """Find the first line pyarrow could not read, to name it in the error."""
    offset = 1 if header else 0
    with _open_text(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            if lineno <= offset:
                continue
            row = lineno - offset
            fields = line.rstrip("\r\n").split(",")
            if len(fields) < ncols:
                rule = f"expected {ncols} columns, found {len(fields)}"
                return DataError(path, rule, row=row, line=lineno)
            for name, raw in zip(SHARED_COLUMNS, fields, strict=False):
                kind = "an integer" if name == "open_time" else "a number"
                try:
                    ok = math.isfinite(int(raw) if name == "open_time" else float(raw))
                except ValueError:
                    ok = False
                if not ok:
                    return DataError(path, f"{name} {raw.strip()!r} is not {kind}", row=row, line=lineno)
    first = arrow_msg.strip().splitlines()[0] if arrow_msg.strip() else "unreadable"
    return DataError(path, f"cannot parse CSV: {first}")


def _read_columns(path: Path, names: tuple[str, ...], header: bool) -> dict[str, np.ndarray]:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    types = {"open_time": pa.int64(), **{n: pa.float64() for n in SHARED_COLUMNS[1:]}}
    try:
        table = pa_csv.read_csv(
            str(path),
            read_options=pa_csv.ReadOptions(column_names=list(names), skip_rows=1 if header else 0),
            convert_options=pa_csv.ConvertOptions(column_types=types, include_columns=list(SHARED_COLUMNS)),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise _scan_for_bad_row(path, header, len(names), str(exc)) from None
    if table.num_rows and any(table.column(n).null_count for n in SHARED_COLUMNS):
        raise _scan_for_bad_row(path, header, len(names), "empty value")
    return {n: table.column(n).to_numpy() for n in SHARED_COLUMNS}


def _to_candles(
    cols: dict[str, np.ndarray], path: Path, symbol: str, timeframe: Timeframe, header: bool, validate: bool
) -> Candles:
    t = cols["open_time"].astype(np.int64)
    if t.size and int(t.max()) >= _US_THRESHOLD:
        t = t // 1000
    c = Candles.from_arrays(
        t, cols["open"], cols["high"], cols["low"], cols["close"], cols["volume"],
        symbol=symbol, timeframe=timeframe, source=str(path),
    )  # fmt: skip
    return validate_candles(c, str(path), header_lines=1 if header else 0) if validate else c


def read_candles_csv(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    """Read a candle CSV (shared schema or Binance klines, `.gz` or not) and validate it."""
    p = Path(path)
    if not p.is_file():
        raise DataError(p, "no such file")
    with reading(p):  # not UTF-8, a truncated or corrupt gzip: a one-line DataError
        return _read_csv(p, symbol, timeframe, validate)


def _read_csv(p: Path, symbol: str, timeframe: Timeframe, validate: bool) -> Candles:
    ncols, header = sniff_csv(p)
    if ncols == 0:
        return Candles.empty(symbol, timeframe).with_meta(source=str(p))
    if ncols >= len(BINANCE_KLINE_COLUMNS):
        names = BINANCE_KLINE_COLUMNS + tuple(f"extra{i}" for i in range(ncols - len(BINANCE_KLINE_COLUMNS)))
    elif ncols == len(SHARED_COLUMNS):
        names = SHARED_COLUMNS
    else:
        raise DataError(p, f"expected 6 columns (open_time,open,high,low,close,volume) or 12, found {ncols}")
    cols = _read_columns(p, names, header)
    return _to_candles(cols, p, symbol, timeframe, header, validate)


def read_binance_klines_csv(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    """Read a data.binance.vision kline CSV (12 columns; header optional; ms or µs open times)."""
    p = Path(path)
    ncols, _ = sniff_csv(p)
    if ncols and ncols < len(BINANCE_KLINE_COLUMNS):
        raise DataError(p, f"a Binance kline CSV has 12 columns, found {ncols}")
    return read_candles_csv(p, symbol, timeframe, validate)
