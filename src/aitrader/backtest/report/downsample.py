"""Aggregate long series into at most N buckets, so a chart never ships a million points."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.domain.candles import Candles, FloatArray, IntArray


def bucket_starts(n: int, max_buckets: int) -> IntArray:
    """Start index of each bucket of consecutive rows; every bucket but the last has the same size."""
    if n == 0:
        return np.empty(0, dtype=np.int64)
    size = max(1, -(-n // max(1, max_buckets)))  # ceil
    return np.arange(0, n, size, dtype=np.int64)


@dataclass(frozen=True, slots=True)
class OHLC:
    """Aggregated candles: open of the first bar, extreme high/low, close of the last bar."""

    time: IntArray  # open time of the bucket's first bar
    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    bars_per_candle: int

    def __len__(self) -> int:
        return len(self.time)


def aggregate_candles(candles: Candles, max_candles: int) -> OHLC:
    """`candles` merged in runs of k consecutive bars, k the smallest that gives <= max_candles."""
    n = len(candles)
    starts = bucket_starts(n, max_candles)
    if n == 0:
        empty = np.empty(0, dtype=np.float64)
        return OHLC(starts, empty, empty, empty, empty, 1)
    last = np.append(starts[1:], n) - 1
    return OHLC(
        time=candles.open_time[starts],
        open=candles.open[starts],
        high=np.maximum.reduceat(candles.high, starts),
        low=np.minimum.reduceat(candles.low, starts),
        close=candles.close[last],
        bars_per_candle=int(starts[1] - starts[0]) if len(starts) > 1 else n,
    )


def last_per_bucket(values: FloatArray, starts: IntArray) -> FloatArray:
    """The value at the end of each bucket (equity at the bucket's close)."""
    if len(values) == 0:
        return np.empty(0, dtype=np.float64)
    out: FloatArray = values[np.append(starts[1:], len(values)) - 1]
    return out


def max_per_bucket(values: FloatArray, starts: IntArray) -> FloatArray:
    """The largest value in each bucket (the deepest drawdown, so no trough disappears)."""
    if len(values) == 0:
        return np.empty(0, dtype=np.float64)
    out: FloatArray = np.maximum.reduceat(values, starts)
    return out


def mean_per_bucket(values: FloatArray, starts: IntArray) -> FloatArray:
    """The mean of each bucket (a share held over the bucket: stacked means still add up)."""
    if len(values) == 0:
        return np.empty(0, dtype=np.float64)
    sizes = np.diff(np.append(starts, len(values)))
    out: FloatArray = np.add.reduceat(np.asarray(values, dtype=np.float64), starts) / sizes
    return out
