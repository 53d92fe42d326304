"""Multi-timeframe view: higher-timeframe features on base-bar indices from CLOSED candles only.

For base bar i, the higher-timeframe value available at the close of bar i is the value of the
last higher candle whose close time is <= bar i's close time. A higher candle that is still
forming is never read, so nothing peeks ahead. Backtests build the view once over the whole
history; live code builds it over a trailing window of base bars (see `base_window`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import FloatArray, IntArray, nan_like
from aitrader.features.memo import memoized
from aitrader.features.timebuckets import close_times, resample


@memoized
def align_index(base_open: IntArray, base_tf: Timeframe, htf_open: IntArray, htf_tf: Timeframe) -> IntArray:
    """For each base bar, the index of the last higher candle closed by the base bar's close (-1: none)."""
    base_close = close_times(np.asarray(base_open, dtype=np.int64), base_tf)
    htf_close = close_times(np.asarray(htf_open, dtype=np.int64), htf_tf)
    return np.searchsorted(htf_close, base_close, side="right").astype(np.int64) - 1


def align(values: FloatArray, index: IntArray) -> FloatArray:
    """Map a higher-timeframe array onto base bars with an index from `align_index` (NaN where -1)."""
    out = nan_like(index)
    ok = index >= 0
    out[ok] = np.asarray(values, dtype=np.float64)[index[ok]]
    return out


class MultiTimeframe:
    """A base candle series plus its higher timeframes, resampled once and cached."""

    def __init__(self, base: Candles) -> None:
        self.base = base
        self._candles: dict[Timeframe, Candles] = {base.timeframe: base}
        self._index: dict[Timeframe, IntArray] = {}

    def candles(self, tf: Timeframe) -> Candles:
        """All `tf` candles built from the base (the last one may still be forming)."""
        if tf not in self._candles:
            self._candles[tf] = _resampled(self.base, tf)
        return self._candles[tf]

    def index(self, tf: Timeframe) -> IntArray:
        """Per base bar, the index into `candles(tf)` of the last closed `tf` candle (-1: none yet)."""
        if tf not in self._index:
            if tf is self.base.timeframe:
                self._index[tf] = np.arange(len(self.base), dtype=np.int64)
            else:
                htf = self.candles(tf)
                self._index[tf] = align_index(self.base.open_time, self.base.timeframe, htf.open_time, tf)
        return self._index[tf]

    def align(self, tf: Timeframe, values: FloatArray) -> FloatArray:
        """A per-`tf`-candle array mapped onto base bars, closed candles only."""
        return align(values, self.index(tf))

    def feature(self, tf: Timeframe, fn: Callable[[Candles], FloatArray]) -> FloatArray:
        """Compute `fn` on the `tf` candles and align the result onto base bars."""
        return self.align(tf, fn(self.candles(tf)))


def base_window(base_tf: Timeframe, htf: Timeframe, htf_window: int) -> int:
    """Base bars a live trailing window needs so `htf_window` closed `htf` candles are inside it."""
    ratio = max(1, htf.duration_ms // base_tf.duration_ms)
    return (htf_window + 1) * ratio


__all__ = ["MultiTimeframe", "align", "align_index", "base_window"]


@memoized
def _resampled(base: Candles, tf: Timeframe) -> Candles:
    """`resample`, shared between trials of an optimisation (see `features.memo`)."""
    return resample(base, tf)
