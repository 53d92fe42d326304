"""One OHLC CSV of the PRD's `data/final` / `data/raw` layouts read into a clean table: bad rows are
logged and dropped, a file that cannot be read at all raises `DataError` (the caller decides whether
that is a warning or an error; nothing here crashes a training run on bad data).

A file has a header row with a time column and `open,high,low,close`, `volume` optional (0 when
absent) and any further columns kept as they are. Column names are matched case-insensitively.

- time: `datetime` (ISO-8601 text, UTC unless it carries an offset: `2021-07-07`,
  `2021-07-07 09:15:00`, `2021-07-07T09:15:00Z`, `...+05:30`) or integer epoch milliseconds
  (`datetime`, `open_time_ms` or `open_time`; microseconds are recognised as in `data.csv_reader`).
- a row is dropped when its time or a price is missing or not a number, a price is not > 0, the
  volume is negative, or it breaks high >= low, high >= open, high >= close, low <= open,
  low <= close (the PRD's rules), or it repeats an earlier time (the first one is kept); rows out
  of order are sorted. One warning per file says how many rows went, by rule, with the first few.

The result is checked once more by `data.validate_candles`, the rule every candle series obeys.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.data.errors import NOT_TEXT, DataError, reading
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

log = logging.getLogger(__name__)

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

TIME_COLUMNS = ("datetime", "open_time_ms", "open_time")
PRICE_COLUMNS = ("open", "high", "low", "close")
BASE_COLUMNS = ("open_time", *PRICE_COLUMNS, "volume")
_US_THRESHOLD = 10**14  # epoch values above this are microseconds (as in data.csv_reader)
_EXAMPLES = 3  # bad rows quoted in the warning


@dataclass(frozen=True)
class OhlcFile:
    """A cleaned file: `table` holds `open_time` (int64 epoch ms, sorted, unique), open, high, low,
    close, volume (float64) and the file's other columns, row-aligned."""

    path: Path
    table: Any  # pyarrow.Table
    rows_read: int
    rows_dropped: int

    @property
    def extra_columns(self) -> list[str]:
        return [n for n in self.table.column_names if n not in BASE_COLUMNS]

    def candles(self, symbol: str, timeframe: Timeframe) -> Candles:
        return table_to_candles(self.table, symbol, timeframe, str(self.path))


def table_to_candles(table: Any, symbol: str, timeframe: Timeframe, source: str) -> Candles:
    t, o, h, lo, c, v = (table.column(n).to_numpy() for n in BASE_COLUMNS)
    candles = Candles.from_arrays(t, o, h, lo, c, v, symbol=symbol, timeframe=timeframe, source=source)
    return validate_candles(candles, source)


def _parse_iso(values: list[str | None]) -> tuple[I64, BoolArray]:
    """Per-value fallback when a column mixes formats: naive times are UTC, offsets converted."""
    out = np.zeros(len(values), dtype=np.int64)
    ok = np.zeros(len(values), dtype=np.bool_)
    for i, text in enumerate(values):
        if text is None:
            continue
        try:
            t = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            continue
        if t.tzinfo is None:
            t = t.replace(tzinfo=dt.UTC)
        out[i] = int(t.timestamp() * 1000)
        ok[i] = True
    return out, ok


def _time_ms(col: Any) -> tuple[I64, BoolArray]:
    """(epoch ms, parsed) of a time column, whatever type pyarrow inferred for it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = col.combine_chunks() if hasattr(col, "combine_chunks") else col
    valid = np.asarray(col.is_valid().to_numpy(zero_copy_only=False), dtype=np.bool_)
    typ = col.type
    if pa.types.is_integer(typ):
        t = col.fill_null(0).to_numpy().astype(np.int64)
        return (t // 1000 if t.size and int(t.max()) >= _US_THRESHOLD else t), valid
    if pa.types.is_timestamp(typ) or pa.types.is_date(typ):
        ms = pc.cast(pc.cast(col, pa.timestamp("ms", tz=getattr(typ, "tz", None))), pa.int64())
        return ms.fill_null(0).to_numpy().astype(np.int64), valid
    if pa.types.is_string(typ) or pa.types.is_large_string(typ):
        for target in (pa.timestamp("ms"), pa.timestamp("ms", tz="UTC")):
            try:
                ms = pc.cast(pc.cast(col, target), pa.int64())
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                continue
            return ms.fill_null(0).to_numpy().astype(np.int64), valid
        return _parse_iso(col.to_pylist())
    return np.zeros(len(col), dtype=np.int64), np.zeros(len(col), dtype=np.bool_)


def _floats(col: Any) -> F64:
    """A numeric column as float64 with NaN where a value is missing or not a number."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_integer(col.type) or pa.types.is_floating(col.type) or pa.types.is_null(col.type):
        return np.asarray(pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)
    out = np.full(len(col), np.nan)
    for i, v in enumerate(col.to_pylist()):
        with contextlib.suppress(TypeError, ValueError):
            out[i] = float(v)
    return out


def _bad_rows(t_ok: BoolArray, p: dict[str, F64], volume: F64) -> list[tuple[str, BoolArray]]:
    """(rule, rows breaking it) for every rule, in the order a row is blamed."""
    o, h, lo, c = (p[n] for n in PRICE_COLUMNS)
    rules = [("datetime missing or not a time", ~t_ok)]
    rules += [(f"{n} missing or not a number", ~np.isfinite(p[n])) for n in PRICE_COLUMNS]
    rules += [(f"{n} not > 0", p[n] <= 0) for n in PRICE_COLUMNS]
    rules += [
        ("high < low", h < lo), ("high < open", h < o), ("high < close", h < c),
        ("low > open", lo > o), ("low > close", lo > c),
        ("volume not a number or negative", ~(volume >= 0)),
    ]  # fmt: skip
    return rules


def _check_text(path: Path) -> None:
    """Refuse a binary file before pyarrow's parser sees it (its invalid-row callback cannot decode one)."""
    with reading(path), gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4 or b"\0" in head:  # not just a character cut at the 64 KiB edge
            raise DataError(path, NOT_TEXT) from None


def _read_table(path: Path, wrong_width: list[str]) -> Any:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    def on_invalid_row(row: Any) -> str:  # a row with the wrong number of fields: dropped
        wrong_width.append(f"{row.text[:60]!r} has {row.actual_columns} fields, not {row.expected_columns}")
        return "skip"

    _check_text(path)
    try:
        with reading(path):  # a truncated gzip: one-line DataError
            return pa_csv.read_csv(
                str(path), parse_options=pa_csv.ParseOptions(invalid_row_handler=on_invalid_row)
            )
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(path, f"cannot parse CSV: {first}") from None


def _column_map(path: Path, names: list[str]) -> tuple[str, dict[str, str]]:
    lower = {n.strip().lower(): n for n in names}
    time_col = next((lower[n] for n in TIME_COLUMNS if n in lower), None)
    missing = [n for n in PRICE_COLUMNS if n not in lower]
    if time_col is None or missing:
        what = ", ".join(([] if time_col else ["datetime"]) + missing)
        raise DataError(
            path, f"missing column(s) {what}: the header must hold datetime,open,high,low,close[,volume]"
        )
    found = {n: lower[n] for n in (*PRICE_COLUMNS, "volume") if n in lower}
    return time_col, found


def read_ohlc_csv(path: Path | str) -> OhlcFile:
    """Read and clean one OHLC CSV (`.csv` or `.csv.gz`); `DataError` when it cannot be read."""
    import pyarrow as pa

    p = Path(path)
    if not p.is_file():
        raise DataError(p, "no such file")
    wrong_width: list[str] = []
    table = _read_table(p, wrong_width)
    if table.num_columns == 0:
        raise DataError(p, "empty file: no header row")
    time_col, cols = _column_map(p, table.column_names)
    t, t_ok = _time_ms(table.column(time_col))
    prices = {n: _floats(table.column(cols[n])) for n in PRICE_COLUMNS}
    volume = _floats(table.column(cols["volume"])) if "volume" in cols else np.zeros(table.num_rows)
    blame = np.full(table.num_rows, -1)
    rules = _bad_rows(t_ok, prices, volume)
    for k, (_, mask) in reversed(list(enumerate(rules))):
        blame[mask] = k  # the first rule a row breaks is the one named
    keep = np.flatnonzero(blame < 0)
    order = keep[np.argsort(t[keep], kind="stable")]
    ts = t[order]
    first_of_time = np.concatenate([[True], ts[1:] != ts[:-1]]) if ts.size else np.zeros(0, np.bool_)
    duplicates = order[~first_of_time]
    order = order[first_of_time]
    reasons = Counter(
        {rules[k][0]: int(n) for k, n in zip(*np.unique(blame[blame >= 0], return_counts=True), strict=True)}
    )
    if duplicates.size:
        reasons["duplicate datetime"] = int(duplicates.size)
    if wrong_width:
        reasons["wrong number of fields"] = len(wrong_width)
    dropped = int(table.num_rows - order.size + len(wrong_width))
    if dropped:
        bad = sorted(np.flatnonzero(blame >= 0).tolist() + duplicates.tolist())[:_EXAMPLES]
        when = table.column(time_col)
        examples = [
            f"row {i + 1} ({when[i].as_py()}): {rules[blame[i]][0] if blame[i] >= 0 else 'duplicate datetime'}"
            for i in bad
        ]
        examples += wrong_width[: _EXAMPLES - len(examples)]
        by_rule = ", ".join(f"{rule}: {n}" for rule, n in reasons.most_common())
        log.warning(
            "%s: dropped %d of %d rows (%s); first: %s",
            p, dropped, table.num_rows + len(wrong_width), by_rule, "; ".join(examples),
        )  # fmt: skip
    extras = [n for n in table.column_names if n != time_col and n not in cols.values()]
    clean = pa.table(
        {
            "open_time": pa.array(t[order], pa.int64()),
            **{n: pa.array(prices[n][order], pa.float64()) for n in PRICE_COLUMNS},
            "volume": pa.array(volume[order], pa.float64()),
            **{n: table.column(n).take(pa.array(order, pa.int64())) for n in extras if n not in BASE_COLUMNS},
        }
    )
    return OhlcFile(p, clean, table.num_rows + len(wrong_width), dropped)
