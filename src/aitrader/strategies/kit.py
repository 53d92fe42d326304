"""Causal building blocks the built-in strategies share: levels, candle shapes, shifts.

Every function returns one value per bar computed from that bar and earlier ones only.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles, Timeframe
from aitrader.features import MultiTimeframe
from aitrader.features.memo import memoized

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def prev(x: FloatArray, k: int = 1) -> FloatArray:
    """`x` shifted forward by k bars (NaN for the first k)."""
    out = np.full_like(x, np.nan, dtype=np.float64)
    if k < len(x):
        out[k:] = x[: len(x) - k]
    return out


@memoized
def highest_before(high: FloatArray, n: int) -> FloatArray:
    """Highest high of the n bars before this one (this bar excluded)."""
    import talib

    return prev(np.asarray(talib.MAX(high, timeperiod=n), dtype=np.float64))


@memoized
def lowest_before(low: FloatArray, n: int) -> FloatArray:
    """Lowest low of the n bars before this one (this bar excluded)."""
    import talib

    return prev(np.asarray(talib.MIN(low, timeperiod=n), dtype=np.float64))


@memoized
def swing_levels(high: FloatArray, low: FloatArray, k: int) -> tuple[FloatArray, FloatArray]:
    """(last confirmed swing high, last confirmed swing low) per bar.

    A swing high is a bar whose high is the highest of the 2k+1 bars around it; it is confirmed,
    and becomes visible, k bars later. So the value at bar i uses bars <= i only.
    """
    import talib

    n = len(high)
    win = 2 * k + 1
    hmax = np.asarray(talib.MAX(high, timeperiod=win), dtype=np.float64)  # max of [i-2k, i]
    lmin = np.asarray(talib.MIN(low, timeperiod=win), dtype=np.float64)
    centre_high = prev(high, k)  # high of bar i-k
    centre_low = prev(low, k)
    is_sh = centre_high == hmax
    is_sl = centre_low == lmin
    idx = np.arange(n)
    last_sh = np.maximum.accumulate(np.where(is_sh, idx, -1))
    last_sl = np.maximum.accumulate(np.where(is_sl, idx, -1))
    sh = np.where(last_sh >= 0, centre_high[np.maximum(last_sh, 0)], np.nan)
    sl = np.where(last_sl >= 0, centre_low[np.maximum(last_sl, 0)], np.nan)
    return sh, sl


def prior_day_levels(candles: Candles) -> tuple[FloatArray, FloatArray]:
    """(prior UTC day's high, prior UTC day's low) on each base bar; NaN during the first day."""
    if candles.timeframe.duration_ms >= Timeframe.D1.duration_ms:
        return prev(candles.high), prev(candles.low)
    mtf = MultiTimeframe(candles)
    day = mtf.candles(Timeframe.D1)
    return mtf.align(Timeframe.D1, day.high), mtf.align(Timeframe.D1, day.low)


def body_ratio(o: FloatArray, h: FloatArray, lo: FloatArray, c: FloatArray) -> FloatArray:
    """|close - open| / (high - low), 0 for a flat bar."""
    rng = h - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(rng > 0, np.abs(c - o) / rng, 0.0)


def engulfing(o: FloatArray, h: FloatArray, lo: FloatArray, c: FloatArray) -> tuple[BoolArray, BoolArray]:
    """(bullish, bearish) engulfing candles as TA-Lib recognises them."""
    import talib

    e = np.asarray(talib.CDLENGULFING(o, h, lo, c))
    return e > 0, e < 0


def rejection_wick(
    o: FloatArray, h: FloatArray, lo: FloatArray, c: FloatArray, ratio: float = 0.5
) -> tuple[BoolArray, BoolArray]:
    """(bullish, bearish) rejection candles: a wick at least `ratio` of the bar's range.

    Bullish: long lower wick, close in the upper half (a hammer-like bar); bearish mirrored.
    """
    rng = h - lo
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = np.where(rng > 0, (np.minimum(o, c) - lo) / rng, 0.0)
        upper = np.where(rng > 0, (h - np.maximum(o, c)) / rng, 0.0)
        mid = lo + rng / 2
    return (lower >= ratio) & (c >= mid), (upper >= ratio) & (c <= mid)


def finite(*arrays: FloatArray) -> BoolArray:
    """True where every array has a finite value (warm-up over)."""
    out = np.ones(len(arrays[0]), dtype=bool)
    for a in arrays:
        out &= np.isfinite(a)
    return out
