"""Market regime per bar, so each strategy can trade only the regimes it was built for.

A small causal classifier (ADX for trend strength, +DI/-DI for direction, ATR relative to its
own recent mean for volatility shocks). It lives here until `aitrader.features` ships a regime
detector; strategies import `Regime` from this module only.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
CodeArray = npt.NDArray[np.int8]


class Regime(Enum):
    UNKNOWN = "unknown"  # not enough history yet
    TREND_UP = "trend_up"
    TREND_DOWN = "trend_down"
    RANGE = "range"
    VOLATILE = "volatile"  # volatility shock: ATR far above its recent mean

    @property
    def code(self) -> int:
        return _CODES[self]


_CODES = {r: i for i, r in enumerate(Regime)}
_BY_CODE = dict(enumerate(Regime))

ALL_TRADABLE = frozenset({Regime.TREND_UP, Regime.TREND_DOWN, Regime.RANGE, Regime.VOLATILE})


def regime_of(code: int) -> Regime:
    return _BY_CODE[int(code)]


def classify(
    high: FloatArray,
    low: FloatArray,
    close: FloatArray,
    adx_period: int = 14,
    trend_adx: float = 22.0,
    vol_window: int = 480,
    shock_ratio: float = 2.5,
) -> CodeArray:
    """Regime code per bar (see `Regime.code`), causal: bar i uses bars 0..i only."""
    import talib

    adx = talib.ADX(high, low, close, timeperiod=adx_period)
    plus = talib.PLUS_DI(high, low, close, timeperiod=adx_period)
    minus = talib.MINUS_DI(high, low, close, timeperiod=adx_period)
    atr = talib.ATR(high, low, close, timeperiod=adx_period)
    atr_mean = talib.SMA(atr, timeperiod=vol_window)
    out = np.full(len(close), Regime.UNKNOWN.code, dtype=np.int8)
    known = ~np.isnan(adx)
    trending = known & (adx >= trend_adx)
    out[known] = Regime.RANGE.code
    out[trending & (plus >= minus)] = Regime.TREND_UP.code
    out[trending & (plus < minus)] = Regime.TREND_DOWN.code
    with np.errstate(invalid="ignore"):
        shock = known & ~np.isnan(atr_mean) & (atr > shock_ratio * atr_mean)
    out[shock] = Regime.VOLATILE.code
    return out


def in_regimes(codes: CodeArray, regimes: Iterable[Regime]) -> BoolArray:
    """True on bars whose regime is one of `regimes`."""
    wanted = np.array(sorted(r.code for r in regimes), dtype=np.int8)
    return np.isin(codes, wanted)
