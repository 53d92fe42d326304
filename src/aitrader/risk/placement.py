"""Stop and target placement helpers (float, analysis space; the gate rounds to the venue later).

- `atr_stop`: a fixed multiple of ATR away from the entry.
- `structure_stop`: just beyond the nearest structure level (swing low for a long, swing high for a
  short) by a buffer of ATR, kept between a minimum and a maximum ATR distance.
- `rr_targets`: targets at reward:risk multiples of the stop distance, with exit fractions.
- `breakeven_stop` / `chandelier_stop`: where Adjust proposals move a stop (fees included / by ATR).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from aitrader.domain import Side
from aitrader.domain.proposal import Target


def atr_stop(entry: float, atr: float, side: Side, multiple: float = 2.0) -> float:
    """Stop `multiple` x ATR below a long entry (above a short one)."""
    if not (atr > 0 and multiple > 0):
        raise ValueError(f"atr and multiple must be positive, got atr={atr}, multiple={multiple}")
    return entry - side.sign * multiple * atr


def structure_stop(
    entry: float,
    side: Side,
    level: float,
    atr: float,
    buffer_atr: float = 0.25,
    min_atr: float = 1.0,
    max_atr: float = 4.0,
) -> float:
    """Stop beyond the structure `level` by `buffer_atr` x ATR, clamped to [min_atr, max_atr] x ATR.

    A level on the wrong side of the entry (or NaN) falls back to `min_atr` x ATR, so the result
    is always on the losing side of the entry.
    """
    if not atr > 0:
        raise ValueError(f"atr must be positive, got {atr}")
    sign = side.sign
    distance = (entry - level) * sign + buffer_atr * atr if math.isfinite(level) else 0.0
    distance = min(max(distance, min_atr * atr), max_atr * atr)
    return entry - sign * distance


def rr_targets(
    entry: float,
    stop: float,
    side: Side,
    multiples: Sequence[float] = (1.5, 3.0),
    fractions: Sequence[float] = (),
) -> tuple[Target, ...]:
    """Targets at `multiples` x the stop distance beyond the entry; equal fractions by default."""
    if not multiples:
        raise ValueError("give at least one reward:risk multiple")
    risk = abs(entry - stop)
    if not risk > 0:
        raise ValueError(f"entry {entry} and stop {stop} must differ")
    fr = list(fractions) if fractions else [1.0 / len(multiples)] * len(multiples)
    if len(fr) != len(multiples):
        raise ValueError("give one fraction per multiple")
    fr[-1] = 1.0 - sum(fr[:-1])  # exact sum of 1
    return tuple(Target(entry + side.sign * m * risk, f) for m, f in zip(multiples, fr, strict=True))


def breakeven_stop(entry: float, side: Side, fee_rate: float = 0.0) -> float:
    """The stop price at which closing loses nothing after entry and exit fees at `fee_rate`."""
    if fee_rate < 0:
        raise ValueError(f"fee rate must not be negative, got {fee_rate}")
    return (
        entry * (1 + fee_rate) / (1 - fee_rate)
        if side is Side.BUY
        else entry * (1 - fee_rate) / (1 + fee_rate)
    )


def chandelier_stop(close: float, atr: float, side: Side, multiple: float = 3.0) -> float:
    """A trailing stop `multiple` x ATR behind the close (below it for a long)."""
    return atr_stop(close, atr, side, multiple)
