"""Time bucketing for the features layer, delegating to the data layer's grid and resampler.

`floor_times` and `resample` are the data layer's (`aitrader.data.grid.floor_many`,
`aitrader.data.resample`); `close_times` adds the Binance close time (next open - 1 ms). The last
resampled bucket may still be forming: `mtf.align` only ever reads higher candles whose close time
has passed, so that is safe.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from aitrader.data.grid import floor_many, slot_open, slots
from aitrader.data.resample import resample as _resample
from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import IntArray


def floor_times(ts_ms: npt.ArrayLike, tf: Timeframe) -> IntArray:
    """Open time of the `tf` candle containing each timestamp (same rule as `Timeframe.floor`)."""
    return floor_many(tf, ts_ms)


def close_times(open_ms: npt.ArrayLike, tf: Timeframe) -> IntArray:
    """Binance close time (next open - 1 ms) of the `tf` candles containing each time."""
    slot = slots(tf, open_ms)
    return np.asarray(slot_open(tf, slot + 1) - 1, dtype=np.int64)


def resample(candles: Candles, tf: Timeframe) -> Candles:
    """Aggregate `candles` into `tf` candles (every bucket that has at least one base candle)."""
    return _resample(candles, tf)


__all__ = ["close_times", "floor_times", "resample"]
