"""Vectorised time bucketing: floor epoch-ms times to a timeframe, candle close times, and resampling.

`resample` is a small private-to-features resampler (o=first, h=max, l=min, c=last, v=sum,
buckets by `Timeframe.floor`), kept here so the features layer does not wait on the data layer.
"""

from __future__ import annotations

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import IntArray

_DAY = 86_400_000
_MONDAY_OFFSET = 4 * _DAY  # 1970-01-01 was a Thursday


def floor_times(ts_ms: IntArray, tf: Timeframe) -> IntArray:
    """Open time of the `tf` candle containing each timestamp (same rule as `Timeframe.floor`)."""
    t = np.asarray(ts_ms, dtype=np.int64)
    if tf is Timeframe.MN1:
        months = t.astype("datetime64[ms]").astype("datetime64[M]")
        return months.astype("datetime64[ms]").astype(np.int64)
    if tf is Timeframe.W1:
        return (t - _MONDAY_OFFSET) // tf.duration_ms * tf.duration_ms + _MONDAY_OFFSET
    step = tf.duration_ms
    return t // step * step


def close_times(open_ms: IntArray, tf: Timeframe) -> IntArray:
    """Binance close time (next open - 1 ms) of candles of `tf` opening at `open_ms`."""
    t = floor_times(open_ms, tf)
    if tf is Timeframe.MN1:
        nxt = (
            (t.astype("datetime64[ms]").astype("datetime64[M]") + 1).astype("datetime64[ms]").astype(np.int64)
        )
        return nxt - 1
    return t + tf.duration_ms - 1


def resample(candles: Candles, tf: Timeframe) -> Candles:
    """Aggregate `candles` into `tf` candles (every bucket that has at least one base candle).

    The last bucket may still be forming (its close time is after the last base candle's close);
    use `mtf.align` — it only ever reads higher candles whose close time has passed.
    """
    if not candles.timeframe.divides(tf):
        raise ValueError(f"cannot build {tf.value} candles from {candles.timeframe.value} candles")
    n = len(candles)
    if n == 0:
        return Candles.empty(candles.symbol, tf)
    bucket = floor_times(candles.open_time, tf)
    starts = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1])))
    ends = np.concatenate((starts[1:], [n])) - 1
    return Candles.from_arrays(
        bucket[starts],
        candles.open[starts],
        np.maximum.reduceat(candles.high, starts),
        np.minimum.reduceat(candles.low, starts),
        candles.close[ends],
        np.add.reduceat(candles.volume, starts),
        symbol=candles.symbol,
        timeframe=tf,
        source=candles.source,
    )


__all__ = ["close_times", "floor_times", "resample"]
