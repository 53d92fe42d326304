"""Trend indicators: moving averages (SMA, EMA, WMA), MACD and ADX with +DI/-DI.

All functions take float64 numpy arrays over a whole history (or a trailing window) and return
arrays of the same length, NaN during warm-up. Formulas are TA-Lib's, computed by TA-Lib's C code.
"""

from __future__ import annotations

from typing import NamedTuple

import talib

from aitrader.features._arrays import FloatArray, check_period, f64
from aitrader.features.memo import memoized


@memoized
def sma(x: FloatArray, n: int = 20) -> FloatArray:
    """Simple moving average of the last `n` values."""
    check_period("sma period", n)
    return f64(talib.SMA(f64(x), timeperiod=n))


@memoized
def ema(x: FloatArray, n: int = 20) -> FloatArray:
    """Exponential moving average, k = 2/(n+1), seeded with the SMA of the first n values (TA-Lib)."""
    check_period("ema period", n)
    return f64(talib.EMA(f64(x), timeperiod=n))


def wma(x: FloatArray, n: int = 20) -> FloatArray:
    """Linearly weighted moving average (weights 1..n, newest heaviest)."""
    check_period("wma period", n)
    return f64(talib.WMA(f64(x), timeperiod=n))


class MACD(NamedTuple):
    line: FloatArray
    signal: FloatArray
    hist: FloatArray


@memoized
def macd(close: FloatArray, fast: int = 12, slow: int = 26, signal: int = 9) -> MACD:
    """MACD line (EMA fast - EMA slow), its signal EMA and the histogram (line - signal)."""
    check_period("macd fast", fast, 2)
    check_period("macd slow", slow, 2)
    check_period("macd signal", signal)
    line, sig, hist = talib.MACD(f64(close), fastperiod=fast, slowperiod=slow, signalperiod=signal)
    return MACD(f64(line), f64(sig), f64(hist))


class ADX(NamedTuple):
    adx: FloatArray
    plus_di: FloatArray
    minus_di: FloatArray


@memoized
def adx(high: FloatArray, low: FloatArray, close: FloatArray, n: int = 14) -> ADX:
    """Wilder's ADX with the directional indicators +DI and -DI (0..100)."""
    check_period("adx period", n, 2)
    h, lo, c = f64(high), f64(low), f64(close)
    return ADX(
        f64(talib.ADX(h, lo, c, timeperiod=n)),
        f64(talib.PLUS_DI(h, lo, c, timeperiod=n)),
        f64(talib.MINUS_DI(h, lo, c, timeperiod=n)),
    )


def slope(x: FloatArray, n: int = 20) -> FloatArray:
    """Least-squares slope of the last `n` values per bar (units of x per bar)."""
    check_period("slope period", n, 2)
    return f64(talib.LINEARREG_SLOPE(f64(x), timeperiod=n))


__all__ = ["ADX", "MACD", "adx", "ema", "macd", "slope", "sma", "wma"]
