"""Momentum oscillators: RSI, Stochastic, Williams %R and CCI (TA-Lib formulas and C code)."""

from __future__ import annotations

from typing import NamedTuple

import talib

from aitrader.features._arrays import FloatArray, check_period, f64
from aitrader.features.memo import memoized


@memoized
def rsi(close: FloatArray, n: int = 14) -> FloatArray:
    """Wilder's RSI (0..100): average gain and loss smoothed with alpha 1/n, seeded with their means."""
    check_period("rsi period", n, 2)
    return f64(talib.RSI(f64(close), timeperiod=n))


class Stochastic(NamedTuple):
    k: FloatArray
    d: FloatArray


def stochastic(
    high: FloatArray,
    low: FloatArray,
    close: FloatArray,
    k_period: int = 14,
    k_smooth: int = 3,
    d_period: int = 3,
) -> Stochastic:
    """Slow stochastic: %K = SMA(k_smooth) of the raw %K over k_period, %D = SMA(d_period) of %K."""
    check_period("stochastic k_period", k_period)
    check_period("stochastic k_smooth", k_smooth)
    check_period("stochastic d_period", d_period)
    k, d = talib.STOCH(
        f64(high), f64(low), f64(close),
        fastk_period=k_period, slowk_period=k_smooth, slowd_period=d_period,
    )  # fmt: skip
    return Stochastic(f64(k), f64(d))


def williams_r(high: FloatArray, low: FloatArray, close: FloatArray, n: int = 14) -> FloatArray:
    """Williams %R (-100..0): where the close sits in the last n bars' high-low range."""
    check_period("williams %R period", n)
    return f64(talib.WILLR(f64(high), f64(low), f64(close), timeperiod=n))


def cci(high: FloatArray, low: FloatArray, close: FloatArray, n: int = 20) -> FloatArray:
    """Commodity Channel Index: (TP - SMA(TP)) / (0.015 * mean absolute deviation), TP = (H+L+C)/3."""
    check_period("cci period", n, 2)
    return f64(talib.CCI(f64(high), f64(low), f64(close), timeperiod=n))


__all__ = ["Stochastic", "cci", "rsi", "stochastic", "williams_r"]
