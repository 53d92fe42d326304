"""Readers for freqtrade's candle files: JSON (`[[ms, o, h, l, c, v], ...]`), feather and parquet.

Feather/parquet tables may key candles by an integer `open_time`/`open_time_ms` column (ms or µs)
or by freqtrade's `date` timestamp column; the price columns are `open high low close volume`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from aitrader.data.errors import DataError, unreadable
from aitrader.data.time_rules import to_epoch_ms
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

_PRICE_COLUMNS = ("open", "high", "low", "close", "volume")
_TIME_COLUMNS = ("open_time", "open_time_ms", "date", "timestamp", "time")


def _build(
    t: np.ndarray, cols: list[np.ndarray], path: Path, symbol: str, tf: Timeframe, validate: bool
) -> Candles:
    t = to_epoch_ms(np.asarray(t, dtype=np.int64))
    o, h, lo, cl, v = cols
    c = Candles.from_arrays(t, o, h, lo, cl, v, symbol=symbol, timeframe=tf, source=str(path))
    return validate_candles(c, str(path)) if validate else c


def _parse_rows_fast(raw: bytes) -> np.ndarray | None:
    """`[[ms,o,h,l,c,v],...]` parsed by pyarrow's C++ CSV reader (rows become lines); None when the
    text is not exactly that shape, so the slow path can find and name the bad row."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    body = raw.strip()
    if not (body.startswith(b"[[") and body.endswith(b"]]")):
        return None
    body = body[2:-2].translate(None, b" \t\r\n").replace(b"],[", b"\n")
    if b"[" in body or b"]" in body:
        return None
    names = ["t", "o", "h", "l", "c", "v"]
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(
                column_names=names, use_threads=False
            ),  # as csv_reader: one thread
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.float64())),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if any(table.column(n).null_count for n in names):
        return None
    out = np.column_stack([table.column(n).to_numpy() for n in names])
    t = out[:, 0]
    if not np.all(t == np.round(t)):
        return None
    return out


def read_freqtrade_json(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    """Read freqtrade's `[[ms, open, high, low, close, volume], ...]` JSON (`.gz` or not)."""
    p = Path(path)
    raw = gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()  # see `reading`
    fast = _parse_rows_fast(raw)
    if fast is not None:
        return _build(
            fast[:, 0].astype(np.int64), [fast[:, k] for k in range(1, 6)], p, symbol, timeframe, validate
        )
    try:
        rows: Any = json.loads(raw)
    except ValueError as exc:
        raise DataError(p, f"not valid JSON: {str(exc).splitlines()[0]}") from None
    if not isinstance(rows, list):
        raise DataError(p, "expected a JSON list of [ms, open, high, low, close, volume] rows")
    if not rows:
        return Candles.empty(symbol, timeframe).with_meta(source=str(p))
    try:
        table = np.array(rows, dtype=np.float64)
    except (ValueError, TypeError):
        table = None
    if table is None or table.ndim != 2 or table.shape[1] < 6:
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) < 6:
                raise DataError(p, "expected [ms, open, high, low, close, volume]", row=i)
            for name, v in zip(("open_time", *_PRICE_COLUMNS), row, strict=False):
                if isinstance(v, bool) or not isinstance(v, int | float):
                    raise DataError(p, f"{name} {v!r} is not a number", row=i)
        raise DataError(p, "expected rows of [ms, open, high, low, close, volume]")
    t = table[:, 0]
    bad_t = np.flatnonzero(~np.isfinite(t) | (t != np.round(t)))
    if bad_t.size:
        raise DataError(p, f"open_time {t[bad_t[0]]!r} is not an integer", row=int(bad_t[0]) + 1)
    return _build(t.astype(np.int64), [table[:, k] for k in range(1, 6)], p, symbol, timeframe, validate)


def _table_to_candles(table: Any, p: Path, symbol: str, tf: Timeframe, validate: bool) -> Candles:
    import pyarrow as pa
    import pyarrow.compute as pc

    names = {n.lower(): n for n in table.column_names}
    missing = [c for c in _PRICE_COLUMNS if c not in names]
    time_name = next((names[c] for c in _TIME_COLUMNS if c in names), None)
    if missing or time_name is None:
        need = "a time column (open_time or date) and " if time_name is None else ""
        raise DataError(p, f"needs {need}columns {', '.join(missing or _PRICE_COLUMNS)}")
    tcol = table.column(time_name)
    if pa.types.is_timestamp(tcol.type):
        tcol = pc.cast(pc.cast(tcol, pa.timestamp("ms", tz="UTC")), pa.int64())
    for name in (time_name, *(names[c] for c in _PRICE_COLUMNS)):
        col = tcol if name == time_name else table.column(name)
        if col.null_count:
            row = int(np.flatnonzero(col.is_null().to_numpy(zero_copy_only=False))[0]) + 1
            raise DataError(p, f"{name} is empty", row=row)
    try:
        t = tcol.to_numpy().astype(np.int64)
        cols = [table.column(names[c]).to_numpy().astype(np.float64) for c in _PRICE_COLUMNS]
    except (ValueError, TypeError, pa.ArrowInvalid) as exc:
        raise DataError(p, f"columns are not numeric: {exc}") from None
    return _build(t, cols, p, symbol, tf, validate)


def read_parquet(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    import pyarrow.parquet as pq

    return _read_arrow(pq.read_table, "parquet", path, symbol, timeframe, validate)


def read_feather(
    path: Path | str, symbol: str = "", timeframe: Timeframe = Timeframe.M1, validate: bool = True
) -> Candles:
    import pyarrow.feather as feather

    return _read_arrow(feather.read_table, "feather", path, symbol, timeframe, validate)


def _read_arrow(
    read_table: Callable[[Path], Any],
    kind: str,
    path: Path | str,
    symbol: str,
    timeframe: Timeframe,
    validate: bool,
) -> Candles:
    import pyarrow as pa

    p = Path(path)
    try:
        table = read_table(p)
    except (OSError, pa.ArrowInvalid) as exc:
        raise unreadable(p, exc, kind) from None
    return _table_to_candles(table, p, symbol, timeframe, validate)
