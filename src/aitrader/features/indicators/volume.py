"""Volume indicators: OBV, rolling OBV, volume SMA, relative volume, MFI and VWAP (session and rolling)."""

from __future__ import annotations

import numpy as np
import talib

from aitrader.domain import Timeframe
from aitrader.features._arrays import FloatArray, IntArray, check_period, f64, nan_like, rolling_sum, safe_div
from aitrader.features.memo import memoized
from aitrader.features.timebuckets import floor_times


def obv(close: FloatArray, volume: FloatArray) -> FloatArray:
    """On-Balance Volume (TA-Lib): cumulative volume signed by the close-to-close direction.

    Its level depends on where the history starts (a running total with no decay); only its
    changes are comparable between a full history and a trailing window. Use `obv_rolling` for a
    window-local version.
    """
    return f64(talib.OBV(f64(close), f64(volume)))


def obv_rolling(close: FloatArray, volume: FloatArray, n: int = 20) -> FloatArray:
    """Sum over the last n bars of volume signed by the close-to-close direction (needs n+1 bars)."""
    check_period("obv period", n)
    c = f64(close)
    signed = nan_like(c)
    if len(c) > 1:
        signed[1:] = np.sign(c[1:] - c[:-1]) * f64(volume)[1:]
    return rolling_sum(signed, n)


def volume_sma(volume: FloatArray, n: int = 20) -> FloatArray:
    """Simple moving average of volume."""
    check_period("volume sma period", n)
    return f64(talib.SMA(f64(volume), timeperiod=n))


@memoized
def relative_volume(volume: FloatArray, n: int = 20) -> FloatArray:
    """Volume divided by the mean volume of the n bars BEFORE it (so a spike does not dilute its own base)."""
    check_period("relative volume period", n)
    v = f64(volume)
    base = nan_like(v)
    if len(v) > n:
        base[n:] = rolling_sum(v, n)[n - 1 : -1] / n
    return safe_div(v, base)


def mfi(high: FloatArray, low: FloatArray, close: FloatArray, volume: FloatArray, n: int = 14) -> FloatArray:
    """Money Flow Index (0..100): share of positive typical-price money flow over the last n bars.

    TA-Lib's formula, in numpy, with one deliberate difference: typical prices within 1e-12
    (relative) of the previous one count as unchanged, so a 1-ulp rounding of (H+L+C)/3 cannot
    flip a bar's flow from nothing to positive (TA-Lib's C build can, on real data). 0 when no flow.
    """
    check_period("mfi period", n)
    tp = typical_price(high, low, close)
    flow = tp * f64(volume)
    pos, neg = nan_like(tp), nan_like(tp)
    if len(tp) > 1:
        d = tp[1:] - tp[:-1]
        tol = 1e-12 * np.abs(tp[1:])
        pos[1:] = np.where(d > tol, flow[1:], 0.0)
        neg[1:] = np.where(d < -tol, flow[1:], 0.0)
    p, m = rolling_sum(pos, n), rolling_sum(neg, n)
    total = p + m
    out = safe_div(100.0 * p, total)
    out[total == 0] = 0.0
    return out


def typical_price(high: FloatArray, low: FloatArray, close: FloatArray) -> FloatArray:
    return (f64(high) + f64(low) + f64(close)) / 3.0


def vwap_session(
    open_time: IntArray,
    high: FloatArray,
    low: FloatArray,
    close: FloatArray,
    volume: FloatArray,
    anchor: Timeframe = Timeframe.D1,
) -> FloatArray:
    """VWAP of the typical price since the start of the current `anchor` period (UTC day by default).

    NaN until the session has traded some volume. A trailing window that covers the whole
    current session gives the same value as the full history.
    """
    tp = typical_price(high, low, close)
    v = f64(volume)
    session = floor_times(np.asarray(open_time, dtype=np.int64), anchor)
    if len(v) == 0:
        return nan_like(v)
    starts = np.flatnonzero(np.concatenate(([True], session[1:] != session[:-1])))
    sess_pv = session_cumsum(tp * v, starts)
    sess_v = session_cumsum(v, starts)
    return safe_div(sess_pv, sess_v)


def session_cumsum(x: FloatArray, starts: IntArray) -> FloatArray:
    """Running sum of `x` that restarts at each index in `starts` (starts[0] must be 0).

    Each session is summed on its own row (not as a difference of one history-long cumulative
    sum), so the rounding is bounded by the session's own magnitude however long the history.
    """
    n = len(x)
    lengths = np.diff(np.concatenate((starts, [n])))
    row = np.repeat(np.arange(len(starts)), lengths)
    col = np.arange(n) - np.repeat(starts, lengths)
    grid = np.zeros((len(starts), int(lengths.max())))
    grid[row, col] = x
    return np.asarray(np.cumsum(grid, axis=1)[row, col], dtype=np.float64)


def vwap_rolling(
    high: FloatArray, low: FloatArray, close: FloatArray, volume: FloatArray, n: int = 20
) -> FloatArray:
    """VWAP of the typical price over the last n bars."""
    check_period("vwap period", n)
    v = f64(volume)
    return safe_div(rolling_sum(typical_price(high, low, close) * v, n), rolling_sum(v, n))


__all__ = [
    "mfi",
    "obv",
    "obv_rolling",
    "relative_volume",
    "typical_price",
    "volume_sma",
    "vwap_rolling",
    "vwap_session",
]
