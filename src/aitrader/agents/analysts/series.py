"""Small readers over short tails of other series (peers, context): a trend from the last closes,
aligned ratios of two series, and where a series comes from.

These run per decision, but on a fixed handful of closes (`TAIL`), so they cost microseconds; the
symbol's own indicators are never recomputed here (they are columns of `analysts.features`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from aitrader.agents.snapshot import Snapshot
from aitrader.domain import Candles

TREND_N = 20  # bars the trend of a tail measures over
TAIL = TREND_N + 1

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


class Tail(NamedTuple):
    """The last closes of a series (oldest first), their open times, where they came from and the
    close time of the newest one."""

    open_time: I64
    close: F64
    source: str
    last_close_ms: int


class Trend(NamedTuple):
    ret_pct: float  # return over TREND_N bars, %
    z: float  # that return in units of the tail's own 1-bar volatility x sqrt(TREND_N)
    score: float  # clamp(z / 2) in [-1, 1]
    last: float  # the newest close


def tail_of(candles: Candles, source: str, n: int = TAIL, end: int | None = None) -> Tail | None:
    """The last `n` closes of `candles[:end]` (views, no copy); None when there are fewer than `n`."""
    stop = len(candles) if end is None else end
    if stop < n:
        return None
    last_close = int(candles.open_time[stop - 1]) + candles.timeframe.duration_ms
    return Tail(candles.open_time[stop - n : stop], candles.close[stop - n : stop], source, last_close)


def find(snap: Snapshot, names: tuple[str, ...], n: int = TAIL) -> Tail | None:
    """The first of `names` available: a peer the kernel trades (`view.peer`), else a context series."""
    for name in names:
        if name == snap.symbol:
            v = snap.view
            return tail_of(v.features.candles, "own candles", n, v.index + 1)
        peer = snap.view.peer(name)
        if peer is not None:
            found = tail_of(peer.features.candles, f"peer {name}", n, peer.index + 1)
            if found is not None:
                return found
        series = snap.context.get(name)
        if series is not None:
            found = tail_of(series, f"context {name}", n)
            if found is not None:
                return found
    return None


def trend(closes: F64) -> Trend:
    """A scale-free trend of `closes` (at least TREND_N + 1 of them, oldest first)."""
    c = closes[-(TREND_N + 1) :]
    first, last = float(c[0]), float(c[-1])
    logs = np.diff(np.log(c))
    sd = math.sqrt(float(np.dot(logs, logs)) / TREND_N)
    z = math.log(last / first) / (sd * math.sqrt(TREND_N)) if sd > 0 else 0.0
    return Trend(100.0 * (last / first - 1.0), z, max(-1.0, min(1.0, z / 2.0)), last)


def aligned(a: Tail, b: Tail) -> tuple[I64, F64, F64]:
    """(open times, a's closes, b's closes) on the open times both share, oldest first."""
    if len(a.open_time) == len(b.open_time) and np.array_equal(a.open_time, b.open_time):
        return a.open_time, a.close, b.close  # the usual case: two feeds of one timeframe, no gaps
    common, ia, ib = np.intersect1d(a.open_time, b.open_time, assume_unique=True, return_indices=True)
    return np.asarray(common, dtype=np.int64), a.close[ia], b.close[ib]


def ratio(a: Tail, b: Tail, source: str) -> Tail | None:
    """a / b on the open times both share (oldest first); None when fewer than TREND_N + 1 match."""
    times, ca, cb = aligned(a, b)
    if len(times) < TREND_N + 1:
        return None
    last_close = min(a.last_close_ms, b.last_close_ms)
    return Tail(times, np.asarray(ca / cb, dtype=np.float64), source, last_close)


def correlation(a: Tail, b: Tail) -> float | None:
    """Pearson correlation of the two series' log returns on shared open times (None: too few
    shared bars, or one of them did not move)."""
    times, ca, cb = aligned(a, b)
    if len(times) < TREND_N + 1:
        return None
    ra, rb = np.diff(np.log(ca)), np.diff(np.log(cb))
    ra = ra - float(ra.mean())
    rb = rb - float(rb.mean())
    den = math.sqrt(float(np.dot(ra, ra)) * float(np.dot(rb, rb)))
    return float(np.dot(ra, rb)) / den if den > 0 else None


def age_days(snap: Snapshot, tail: Tail) -> float:
    """Days between the series' newest close and the decision."""
    return (snap.close_ms - tail.last_close_ms) / 86_400_000


__all__ = [
    "TAIL",
    "TREND_N",
    "Tail",
    "Trend",
    "age_days",
    "aligned",
    "correlation",
    "find",
    "ratio",
    "tail_of",
    "trend",
]
