"""Volatility and channels: Bollinger (+%B, bandwidth), ATR, realized volatility, Donchian, Keltner."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import talib

from aitrader.features._arrays import FloatArray, check_period, f64, nan_like, rolling_sum, safe_div
from aitrader.features.memo import memoized


class Bollinger(NamedTuple):
    upper: FloatArray
    middle: FloatArray
    lower: FloatArray
    pct_b: FloatArray
    bandwidth: FloatArray


@memoized
def bollinger(close: FloatArray, n: int = 20, k: float = 2.0) -> Bollinger:
    """SMA(n) ± k population standard deviations; %B = (close-lower)/(upper-lower); bandwidth = (upper-lower)/middle."""
    check_period("bollinger period", n, 2)
    c = f64(close)
    upper, middle, lower = (f64(a) for a in talib.BBANDS(c, timeperiod=n, nbdevup=k, nbdevdn=k))
    width = upper - lower
    return Bollinger(upper, middle, lower, safe_div(c - lower, width), safe_div(width, middle))


def true_range(high: FloatArray, low: FloatArray, close: FloatArray) -> FloatArray:
    """max(high-low, |high-prev close|, |low-prev close|); NaN on the first bar."""
    return f64(talib.TRANGE(f64(high), f64(low), f64(close)))


@memoized
def atr(high: FloatArray, low: FloatArray, close: FloatArray, n: int = 14) -> FloatArray:
    """Wilder's Average True Range (alpha 1/n, seeded with the mean of the first n true ranges)."""
    check_period("atr period", n)
    return f64(talib.ATR(f64(high), f64(low), f64(close), timeperiod=n))


@memoized
def realized_volatility(close: FloatArray, n: int = 60, periods_per_year: float | None = None) -> FloatArray:
    """Root mean square of the last n log returns (needs n+1 closes); annualised when periods_per_year is given."""
    check_period("realized volatility period", n)
    c = f64(close)
    r2 = nan_like(c)
    if len(c) > 1:
        r2[1:] = np.log(c[1:] / c[:-1]) ** 2
    out = np.sqrt(np.maximum(rolling_sum(r2, n), 0.0) / n)
    if periods_per_year is not None:
        out *= np.sqrt(periods_per_year)
    return out


class Channel(NamedTuple):
    upper: FloatArray
    middle: FloatArray
    lower: FloatArray


@memoized
def donchian(high: FloatArray, low: FloatArray, n: int = 20) -> Channel:
    """Highest high and lowest low of the last n bars (current bar included) and their midpoint."""
    check_period("donchian period", n)
    upper = f64(talib.MAX(f64(high), timeperiod=n))
    lower = f64(talib.MIN(f64(low), timeperiod=n))
    return Channel(upper, (upper + lower) / 2.0, lower)


def keltner(
    high: FloatArray, low: FloatArray, close: FloatArray, n: int = 20, atr_n: int = 10, mult: float = 2.0
) -> Channel:
    """EMA(n) of the close ± mult × ATR(atr_n)."""
    middle = ema_close(close, n)
    band = mult * atr(high, low, close, atr_n)
    return Channel(middle + band, middle, middle - band)


def ema_close(close: FloatArray, n: int) -> FloatArray:
    check_period("keltner period", n)
    return f64(talib.EMA(f64(close), timeperiod=n))


__all__ = [
    "Bollinger",
    "Channel",
    "atr",
    "bollinger",
    "donchian",
    "keltner",
    "realized_volatility",
    "true_range",
]
