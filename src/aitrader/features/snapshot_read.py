"""Reading a `Snapshot` for people: the regime in words, the bars closed by a time, the nearest levels.

`aitrader analyze` and the chat's market view both read a snapshot through these, so they name a
regime, cut the history and pick support and resistance the same way.
"""

from __future__ import annotations

import math

from aitrader.domain import Candles, Timeframe
from aitrader.features.price_action import Level
from aitrader.features.regime import Regime
from aitrader.features.snapshot import Snapshot, regime_config
from aitrader.features.standard import max_window

# The snapshot indicators a market view reports; their windows set how many bars it needs.
VIEW_INDICATORS = (
    "rsi_14",
    "ema_50",
    "ema_200",
    "atr_14",
    "adx_14",
    "plus_di_14",
    "minus_di_14",
    "macd_hist",
    "volume_sma_20",
    "rvol_20",
)


def regime_label(code: float) -> str:
    """'trend up', 'range', ... or 'warming up' (NaN or UNKNOWN): the words `analyze` prints."""
    if math.isnan(code) or int(code) == Regime.UNKNOWN:
        return "warming up"
    return Regime(int(code)).name.lower().replace("_", " ")


def closed_by(candles: Candles, at_ms: int) -> Candles:
    """The bars that had closed by `at_ms` (close time = next open - 1 ms <= at_ms)."""
    return candles.between(end_ms=at_ms - candles.timeframe.duration_ms + 2)


def analysis_bars(tf: Timeframe) -> int:
    """Bars after which a snapshot's regime and the `VIEW_INDICATORS` equal their full-history values."""
    return max(regime_config(tf).window(), max_window(list(VIEW_INDICATORS)))


def nearest_levels(s: Snapshot) -> tuple[Level | None, Level | None]:
    """(the support closest below the close, the resistance closest above it) among `s.levels`."""
    supports = [lv for lv in s.levels if lv.kind == "support"]
    resistances = [lv for lv in s.levels if lv.kind == "resistance"]
    support = max(supports, key=lambda lv: lv.price, default=None)
    resistance = min(resistances, key=lambda lv: lv.price, default=None)
    return support, resistance


__all__ = ["VIEW_INDICATORS", "analysis_bars", "closed_by", "nearest_levels", "regime_label"]
