"""Features: indicators, price action, chart patterns, regimes and the multi-timeframe view.

Every function works on whole numpy arrays (backtest) and on a bounded trailing window (live)
with the same code; `window_for` / `FEATURE_WINDOW` say how long that window must be.
`aitrader.features.stream` carries the ones the built-in strategies use forward one closed candle
at a time instead, equal to the whole-history values.
"""

from aitrader.features.mtf import MultiTimeframe, align, align_index, base_window
from aitrader.features.regime import Regime, RegimeConfig, regime_features, regimes
from aitrader.features.standard import (
    FEATURE_WINDOW,
    FeatureSet,
    compute_features,
    compute_mtf_features,
    max_window,
    mtf_window,
)
from aitrader.features.timebuckets import close_times, floor_times, resample

__all__ = [
    "FEATURE_WINDOW",
    "FeatureSet",
    "MultiTimeframe",
    "Regime",
    "RegimeConfig",
    "align",
    "align_index",
    "base_window",
    "close_times",
    "compute_features",
    "compute_mtf_features",
    "floor_times",
    "max_window",
    "mtf_window",
    "regime_features",
    "regimes",
    "resample",
]
