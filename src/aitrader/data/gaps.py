"""Gap report: candles missing from a series on its own timeframe's grid."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.data.grid import slot_open, slots
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms


@dataclass(frozen=True, slots=True)
class Gap:
    """A run of missing candles: `first_missing_ms` .. `last_missing_ms` (open times), `missing` of them."""

    first_missing_ms: int
    last_missing_ms: int
    missing: int

    def __str__(self) -> str:
        return f"{format_ms(self.first_missing_ms)} → {format_ms(self.last_missing_ms)} UTC ({self.missing} missing)"


@dataclass(frozen=True, slots=True)
class GapReport:
    timeframe: Timeframe
    rows: int
    first_ms: int | None
    last_ms: int | None
    expected: int
    gaps: tuple[Gap, ...]
    off_grid: int = 0

    @property
    def missing(self) -> int:
        """Count of missing intervals (candles) between the first and last candle."""
        return sum(g.missing for g in self.gaps)

    @property
    def events(self) -> int:
        """Number of separate gaps."""
        return len(self.gaps)

    @property
    def longest(self) -> Gap | None:
        # earliest among equally long gaps
        return max(self.gaps, key=lambda g: (g.missing, -g.first_missing_ms), default=None)

    @property
    def first_gap(self) -> Gap | None:
        return self.gaps[0] if self.gaps else None

    @property
    def last_gap(self) -> Gap | None:
        return self.gaps[-1] if self.gaps else None

    def summary(self) -> str:
        if not self.gaps:
            return f"no gaps in {self.rows} {self.timeframe.value} candles"
        longest = self.longest
        assert longest is not None
        return (
            f"{self.missing} missing {self.timeframe.value} candles in {self.events} gap(s); "
            f"longest {longest}"
        )


def find_gaps(candles: Candles, timeframe: Timeframe | None = None) -> GapReport:
    """Missing candles between the first and last one, on the grid of `timeframe` (default: the series')."""
    tf = timeframe or candles.timeframe
    n = len(candles)
    if n == 0:
        return GapReport(tf, 0, None, None, 0, ())
    s = slots(tf, candles.open_time)
    off_grid = int(np.count_nonzero(slot_open(tf, s) != candles.open_time))
    step = np.diff(s)
    at = np.flatnonzero(step > 1)
    missing = step[at] - 1
    first_missing = slot_open(tf, s[at] + 1)
    last_missing = slot_open(tf, s[at + 1] - 1)
    gaps = tuple(
        Gap(int(a), int(b), int(m)) for a, b, m in zip(first_missing, last_missing, missing, strict=True)
    )
    expected = int(s[-1] - s[0]) + 1
    return GapReport(tf, n, candles.start_ms, candles.end_ms, expected, gaps, off_grid)
