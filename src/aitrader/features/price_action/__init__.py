"""Price action: swings, support/resistance, prior-period levels, candle patterns, volume profile."""

from aitrader.features.price_action.candles import doji, engulfing, inside_bar, pin_bar
from aitrader.features.price_action.levels import Level, PriorLevels, prior_period_levels, support_resistance
from aitrader.features.price_action.swings import (
    Swings,
    alternating,
    last_swing_level,
    swing_highs,
    swing_lows,
    swings,
)
from aitrader.features.price_action.volume_profile import VolumeProfile, volume_profile
from aitrader.features.price_action.volume_signals import volume_spikes, volume_trend_confirmation

__all__ = [
    "Level",
    "PriorLevels",
    "Swings",
    "VolumeProfile",
    "alternating",
    "doji",
    "engulfing",
    "inside_bar",
    "last_swing_level",
    "pin_bar",
    "prior_period_levels",
    "support_resistance",
    "swing_highs",
    "swing_lows",
    "swings",
    "volume_profile",
    "volume_spikes",
    "volume_trend_confirmation",
]
