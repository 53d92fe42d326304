"""What a detected chart pattern reports, and helpers shared by the detectors."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from aitrader.domain import Candles
from aitrader.features._arrays import FloatArray
from aitrader.features.indicators import atr
from aitrader.features.price_action.swings import Swings, alternating, swings


class PatternKind(StrEnum):
    DOUBLE_TOP = "double_top"
    DOUBLE_BOTTOM = "double_bottom"
    HEAD_AND_SHOULDERS = "head_and_shoulders"
    INVERSE_HEAD_AND_SHOULDERS = "inverse_head_and_shoulders"
    ASCENDING_TRIANGLE = "ascending_triangle"
    DESCENDING_TRIANGLE = "descending_triangle"
    SYMMETRIC_TRIANGLE = "symmetric_triangle"
    BULL_FLAG = "bull_flag"
    BEAR_FLAG = "bear_flag"


@dataclass(frozen=True, slots=True)
class ChartPattern:
    """A pattern that formed between `start_index` and `end_index` (bar positions in the candles).

    `confirmed_index` is the first bar at whose close the pattern is fully known (its last pivot
    is confirmed): a strategy may act on it from that bar on, never earlier. `levels` holds the
    key prices ("neckline", "breakout", "target", "upper", "lower", ...). `breakout_index` is the
    first later bar whose close crossed the breakout level in `direction` (None if not yet, or if
    the pattern failed first) - an outcome, known only at that bar.
    """

    kind: PatternKind
    direction: int  # +1 bullish, -1 bearish, 0 either way (symmetric triangle)
    start_index: int
    end_index: int
    start_time: int
    end_time: int
    confirmed_index: int
    confidence: float  # 0..1, from the shape only (never from what happened after)
    levels: dict[str, float] = field(default_factory=dict)
    breakout_index: int | None = None


@dataclass(frozen=True, slots=True)
class PatternConfig:
    left: int = 5  # swing pivot bars on each side
    right: int = 5
    atr_period: int = 14
    max_breakout_wait: int = 100  # bars after confirmation to look for a breakout


@dataclass(frozen=True)
class PatternInput:
    """Arrays every detector reads, computed once."""

    candles: Candles
    swings: Swings  # alternating highs and lows
    atr: FloatArray
    config: PatternConfig

    @classmethod
    def build(cls, candles: Candles, config: PatternConfig) -> PatternInput:
        s = alternating(swings(candles.high, candles.low, config.left, config.right))
        a = atr(candles.high, candles.low, candles.close, config.atr_period)
        return cls(candles, s, a, config)

    def time(self, i: int) -> int:
        return int(self.candles.open_time[i])

    def pattern(
        self,
        kind: PatternKind,
        direction: int,
        start: int,
        end: int,
        confirmed: int,
        confidence: float,
        levels: dict[str, float],
        breakout_index: int | None,
    ) -> ChartPattern:
        """A `ChartPattern` over bars [start, end], its times read from the candles."""
        return ChartPattern(
            kind=kind,
            direction=direction,
            start_index=start,
            end_index=end,
            start_time=self.time(start),
            end_time=self.time(end),
            confirmed_index=confirmed,
            confidence=round(confidence, 6),
            levels=levels,
            breakout_index=breakout_index,
        )


def clip01(x: float) -> float:
    return float(min(1.0, max(0.0, x)))


def first_cross(
    close: FloatArray, start: int, stop: int, level: float, direction: int, invalid: float | None
) -> int | None:
    """First bar in [start, stop) whose close is beyond `level` in `direction` (None if none, or if the
    close crosses `invalid` the other way first)."""
    stop = min(stop, len(close))
    if start >= stop:
        return None
    seg = close[start:stop] * direction
    hit = np.flatnonzero(seg > level * direction)
    first = int(hit[0]) if len(hit) else None
    if invalid is not None:
        bad = np.flatnonzero(seg < invalid * direction)
        if len(bad) and (first is None or int(bad[0]) < first):
            return None
    return None if first is None else start + first


def line_at(i0: float, p0: float, i1: float, p1: float, x: float) -> float:
    return p0 + (p1 - p0) * (x - i0) / (i1 - i0) if i1 != i0 else p0
