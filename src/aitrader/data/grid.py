"""Vectorised timeframe arithmetic over arrays of epoch-ms times (the array form of `Timeframe.floor`).

Each candle open time maps to a *slot*: an integer that counts candles of the timeframe since the
epoch (months since 1970-01 for 1M; weeks since the first Monday, 1970-01-05, for 1w). Consecutive
candles have consecutive slots, so gaps and buckets are plain integer arithmetic.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from aitrader.domain import Timeframe

IntArray = npt.NDArray[np.int64]
_DAY = 86_400_000
_MONDAY_OFFSET = 4 * _DAY  # 1970-01-01 was a Thursday


def _offset(tf: Timeframe) -> int:
    return _MONDAY_OFFSET if tf is Timeframe.W1 else 0


def slots(tf: Timeframe, times_ms: npt.ArrayLike) -> IntArray:
    """The slot number of the candle of `tf` that contains each time."""
    t = np.asarray(times_ms, dtype=np.int64)
    if tf is Timeframe.MN1:
        return t.astype("datetime64[ms]").astype("datetime64[M]").astype(np.int64)
    return (t - _offset(tf)) // tf.duration_ms


def slot_open(tf: Timeframe, slot: npt.ArrayLike) -> IntArray:
    """Open time (epoch ms) of each slot."""
    s = np.asarray(slot, dtype=np.int64)
    if tf is Timeframe.MN1:
        return s.astype("datetime64[M]").astype("datetime64[ms]").astype(np.int64)
    return s * tf.duration_ms + _offset(tf)


def floor_many(tf: Timeframe, times_ms: npt.ArrayLike) -> IntArray:
    """`tf.floor(t)` for every `t`, vectorised."""
    return slot_open(tf, slots(tf, times_ms))


def slot_length_ms(tf: Timeframe, slot: npt.ArrayLike) -> IntArray:
    """Exact length of each slot in ms (months differ in length)."""
    s = np.asarray(slot, dtype=np.int64)
    return slot_open(tf, s + 1) - slot_open(tf, s)
