"""The regime gate of the strategies, on top of `aitrader.features.regime`.

Each strategy declares the regimes it trades (`Regime` from the features layer: TREND_UP,
TREND_DOWN, RANGE, HIGH_VOLATILITY, ILLIQUID, UNKNOWN) and sits out the others. Labels are causal
(bar i uses bars 0..i only).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles
from aitrader.features.regime import Regime, RegimeConfig, regimes

BoolArray = npt.NDArray[np.bool_]
CodeArray = npt.NDArray[np.int8]

__all__ = [
    "STRATEGY_REGIME",
    "CodeArray",
    "Regime",
    "RegimeConfig",
    "classify",
    "in_regimes",
    "regime_name",
    "regime_of",
]


# Intraday-responsive settings for the strategies' regime gate: ADX 22 marks a trend, and the
# volatility percentile compares against the last 720 bars (12 hours of 1m bars) with the top 5%
# counted as HIGH_VOLATILITY. The features layer's defaults look back 2880 bars.
STRATEGY_REGIME = RegimeConfig(adx_trend=22.0, vol_lookback=720, high_vol_pct=0.95)


def classify(candles: Candles, config: RegimeConfig = STRATEGY_REGIME) -> CodeArray:
    """One `Regime` value (int8) per bar."""
    return regimes(candles, config)


def regime_of(code: int) -> Regime:
    return Regime(int(code))


def regime_name(regime: Regime) -> str:
    """'trend_up', 'range', ... (lower-case name, for people and evidence dicts)."""
    return regime.name.lower()


def in_regimes(codes: CodeArray, wanted: Iterable[Regime]) -> BoolArray:
    """True on bars whose regime is one of `wanted` (a lookup by code: the live stream calls this
    on one bar per candle, where `np.isin`'s set machinery cost tens of microseconds)."""
    table = np.zeros(max(Regime) + 1, dtype=bool)
    table[[int(r) for r in wanted]] = True
    return np.asarray(table[codes], dtype=bool)
