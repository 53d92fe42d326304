"""Which stored or shipped series `load_series` reads: the rule, in one place.

Candidates are every series of the symbol in the store (of the venue) and in the shipped samples
from which the requested timeframe can be built (the timeframe itself or a finer one that divides
it). The one that covers the request best is read:

1. the most candles present in the requested window, counted in whole candles of the requested
   timeframe (without a window: the most overall), so a 2,000-bar download never hides the
   71,000-bar sample, a 1h series is not passed over for a 1m one that ends 35 min later, and a
   store series with an 11-month hole does not beat a continuous one over the same span. A store
   series is counted from its Parquet `open_time` column (the candles it really holds in the
   window); a CSV sample from its first and last rows, at most its row count;
2. on a tie: the store before the sample (it is what you imported or downloaded), then the
   timeframe itself before resampling, then the finer series.

A hole of more than `HOLE_MS` (a week: longer than any weekend or holiday closure) inside the
window in the series that is read is named in its origin (`hole_note`), so a result over it is
not taken for one over continuous data.

The others that could have served are named in the result (`alternatives`), so every command that
prints where its candles came from also says that another series exists and how to choose it.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aitrader.data.grid import IntArray, slot_length_ms, slot_open, slots
from aitrader.data.readers import format_of, is_candle_file, parse_name, read_candles
from aitrader.data.sample import sample_root
from aitrader.data.store import CandleStore
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_duration, format_ms

_KIND_RANK = {"sample": 0, "store": 1, "file": 2}
_DAY_MS = 86_400_000
HOLE_MS = 7 * _DAY_MS  # a longer hole is missing data, not a market closure


def _ceil(tf: Timeframe, t: int) -> int:
    """The first open time of `tf` at or after `t`."""
    floor = tf.floor(t)
    return floor if floor == t else tf.next_open(floor)


@dataclass(frozen=True)
class Candidate:
    """One series that might serve a request, described without reading it."""

    kind: str  # "file", "store" or "sample"
    venue: str  # the store's venue, the sample's folder ("binance", "indices") or "file"
    timeframe: Timeframe
    label: str  # "store var/data/binance/BTCUSDT/1m.parquet", "shipped sample data/sample/…"
    path: Path
    first_ms: int
    last_ms: int  # open time of the last candle
    rows: int | None
    read: Callable[[], Candles]
    times: Callable[[], IntArray] | None = None  # its open times, when cheap to get (the store's)

    def covered(self, tf: Timeframe) -> tuple[int, int]:
        """[first, end) of the whole `tf` candles this series can give (open times, ms)."""
        first = _ceil(tf, self.first_ms)
        end = tf.floor(self.timeframe.next_open(self.last_ms))
        return first, max(first, end)

    def window(self, tf: Timeframe, start_ms: int | None, end_ms: int | None) -> tuple[int, int]:
        """[lo, hi) open times of the whole `tf` candles of this series' span inside the window."""
        first, end = self.covered(tf)
        lo = first if start_ms is None else max(first, _ceil(tf, start_ms))
        hi = end if end_ms is None else min(end, _ceil(tf, end_ms))
        return lo, max(lo, hi)

    def coverage(self, tf: Timeframe, start_ms: int | None, end_ms: int | None) -> int:
        """ms of whole `tf` candles opening in the window [start_ms, end_ms) from this series' first
        to its last candle (holes included)."""
        lo, hi = self.window(tf, start_ms, end_ms)
        return hi - lo

    def present(self, tf: Timeframe, start_ms: int | None, end_ms: int | None) -> int:
        """ms of the `tf` candles of the window this series holds bars of: counted from its open
        times when it has them, else its span in the window, at most its row count's worth."""
        lo, hi = self.window(tf, start_ms, end_ms)
        if hi <= lo:
            return 0
        if self.times is None:
            if self.rows is None:
                return hi - lo
            return min(hi - lo, self.rows * self.timeframe.duration_ms)
        t = self.times()  # sorted; lo and hi open `tf` candles, so the bars in [lo, hi) are theirs
        inside = slots(tf, t[int(np.searchsorted(t, lo)) : int(np.searchsorted(t, hi))])
        held = inside[np.append(True, inside[1:] != inside[:-1])] if len(inside) else inside
        return int(slot_length_ms(tf, held).sum())

    def describe(self) -> str:
        """'2,000 1m bars, 2024-01-01 00:00 → 2024-01-02 09:19 UTC'."""
        rows = f"{self.rows:,} " if self.rows is not None else ""
        return (
            f"{rows}{self.timeframe.value} bars, {format_ms(self.first_ms)} → {format_ms(self.last_ms)} UTC"
        )


def rank(c: Candidate, tf: Timeframe, start_ms: int | None, end_ms: int | None) -> tuple[int, ...]:
    """Sort key of the rule in the module docstring (the largest wins)."""
    return (
        c.present(tf, start_ms, end_ms),
        _KIND_RANK[c.kind],
        int(c.timeframe is tf),
        -c.timeframe.duration_ms,
    )


def pick(
    candidates: list[Candidate], tf: Timeframe, start_ms: int | None = None, end_ms: int | None = None
) -> tuple[Candidate | None, list[Candidate]]:
    """(the candidate to read, the other usable ones best first); (None, []) when none can build `tf`."""
    usable = [c for c in candidates if c.timeframe.divides(tf)]
    usable.sort(key=lambda c: rank(c, tf, start_ms, end_ms), reverse=True)
    if not usable:
        return None, []
    return usable[0], usable[1:]


def alternative_note(chosen: Candidate, others: list[Candidate]) -> str:
    """'' when nothing else could serve; else what else exists and how to choose it (one clause)."""
    other = next((c for c in others if c.kind != chosen.kind), None)
    if other is None:
        return ""
    where = "the shipped sample" if other.kind == "sample" else f"the store ({other.venue})"
    how = f"pass --data {other.path} to use it"
    if other.kind == "store":
        how += ", or --from/--to inside its span"
    return f"{where} also has {_symbol_of(other)} {other.describe()}: {how}"


def hole_note(c: Candles, start_ms: int | None, end_ms: int | None) -> str:
    """'has a 334-day gap inside the window (no bar from 2023-02-01 00:00 until 2024-01-01 00:00
    UTC)' for the longest hole of more than `HOLE_MS` between bars of `c` inside [start_ms, end_ms) (the
    whole series without a window); '' when there is none."""
    t = np.asarray(c.open_time, dtype=np.int64)
    if start_ms is not None:
        t = t[t >= start_ms]
    if end_ms is not None:
        t = t[t < end_ms]
    if len(t) < 2:
        return ""
    expected = slot_open(c.timeframe, slots(c.timeframe, t[:-1]) + 1)  # each bar's next open
    missing = t[1:] - expected
    i = int(np.argmax(missing))
    longest = int(missing[i])
    if longest <= HOLE_MS:
        return ""
    size = f"{longest // _DAY_MS:,}-day" if longest % _DAY_MS == 0 else format_duration(longest)
    where = "the window" if start_ms is not None or end_ms is not None else "the series"
    return (
        f"has a {size} gap inside {where} (no bar from {format_ms(int(expected[i]))} until "
        f"{format_ms(int(t[i + 1]))} UTC)"
    )


def _symbol_of(c: Candidate) -> str:
    named = parse_name(c.path)
    return named[0] if named else c.path.parent.name


# --- where candidates come from ---------------------------------------------------------------


def sample_files() -> dict[tuple[str, Timeframe], Path]:
    """Every shipped sample file by (symbol, timeframe)."""
    root = sample_root()
    found: dict[tuple[str, Timeframe], Path] = {}
    if root.is_dir():
        for p in sorted(root.rglob("*")):
            named = parse_name(p)
            if named is not None and is_candle_file(p):
                found[named] = p
    return found


@functools.lru_cache(maxsize=64)
def _csv_span(path: Path, _mtime_ns: int, _size: int) -> tuple[int, int, int] | None:
    """(first open ms, last open ms, rows) of an epoch-ms CSV from its first and last lines, without
    parsing it (≈ 25 ms for the 71,041-row sample); None when that does not work, so the reader
    decides."""
    raw = path.read_bytes()
    text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).strip()
    lines = text.split(b"\n", 2)
    header = bool(lines) and not lines[0].split(b",")[0].strip().isdigit()
    if len(lines) < (2 if header else 1):
        return None
    first_line = lines[1] if header else lines[0]
    last_line = text[text.rfind(b"\n") + 1 :]
    try:
        first, last = int(first_line.split(b",")[0]), int(last_line.split(b",")[0])
    except ValueError:
        return None
    if not 10**11 < first <= last < 10**14:  # not epoch ms: let the reader judge the file
        return None
    return first, last, text.count(b"\n") + 1 - int(header)


def file_candidate(path: Path, symbol: str, tf: Timeframe, kind: str, venue: str, label: str) -> Candidate:
    """A candidate for one candle file (the span from its rows; read lazily)."""
    span = None
    if format_of(path) in (".csv", ".txt"):
        st = path.stat()
        span = _csv_span(path, st.st_mtime_ns, st.st_size)
    if span is None:
        c = read_candles(path, symbol, tf)
        span = (c.start_ms, c.end_ms, len(c)) if len(c) else (0, 0, 0)
    return Candidate(
        kind, venue, tf, label, path, span[0], span[1], span[2], lambda: read_candles(path, symbol, tf)
    )


def sample_candidates(symbol: str) -> list[Candidate]:
    out = []
    for (sym, tf), path in sample_files().items():
        if sym == symbol:
            out.append(file_candidate(path, sym, tf, "sample", path.parent.name, f"shipped sample {path}"))
    return out


def store_candidates(store: CandleStore, venue: str, symbol: str) -> list[Candidate]:
    out = []
    for s in store.series():
        if s.venue == venue.lower() and s.symbol == symbol and s.rows:
            read = functools.partial(store.read, venue, symbol, s.timeframe)
            first, last = s.first_ms or 0, s.last_ms or 0
            st = s.path.stat()
            times = functools.partial(_parquet_times, s.path, st.st_mtime_ns, st.st_size)
            label = f"store {s.path}"
            out.append(
                Candidate("store", s.venue, s.timeframe, label, s.path, first, last, s.rows, read, times)
            )
    return out


@functools.lru_cache(maxsize=16)
def _parquet_times(path: Path, _mtime_ns: int, _size: int) -> IntArray:
    """The open times of a stored series: its Parquet `open_time` column alone (≈ 1 ms per 10k rows)."""
    import pyarrow.parquet as pq

    column = pq.read_table(path, columns=["open_time"]).column("open_time").to_numpy()
    return np.asarray(column, dtype=np.int64)
