"""Volume spikes and volume confirmation of a price move, per bar (window-local, no look-ahead)."""

from __future__ import annotations

import numpy as np

from aitrader.features._arrays import BoolArray, FloatArray, Int8Array, f64, rolling_mean, shift
from aitrader.features.indicators.volume import relative_volume


def volume_spikes(volume: FloatArray, n: int = 20, threshold: float = 3.0) -> BoolArray:
    """True where volume >= `threshold` x the mean volume of the n bars before it."""
    rv = relative_volume(volume, n)
    with np.errstate(invalid="ignore"):
        return np.asarray(rv >= threshold, dtype=np.bool_)


def volume_trend_confirmation(close: FloatArray, volume: FloatArray, n: int = 20) -> Int8Array:
    """+1: price rose over the last n bars on rising volume; -1: fell on rising volume; 0: otherwise.

    "Rising volume" = the mean volume of the last n bars exceeds that of the n bars before them.
    A move on falling volume is unconfirmed (0). Needs 2n bars.
    """
    c, v = f64(close), f64(volume)
    move = c - shift(c, n)
    recent = rolling_mean(v, n)
    rising = recent > shift(recent, n)
    with np.errstate(invalid="ignore"):
        up = rising & (move > 0)
        down = rising & (move < 0)
    return (up.astype(np.int8) - down.astype(np.int8)).astype(np.int8)


__all__ = ["volume_spikes", "volume_trend_confirmation"]
