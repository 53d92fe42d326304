"""Gap report: candles missing from a series on its own timeframe's grid.

A market with sessions (an index, a stock) is measured against its exchange calendar
(`calendars.calendar_for`, e.g. XNSE for NIFTY50): only candles of trading sessions are expected,
so weekends, holidays and closed hours are not gaps. A daily candle is expected on each session
date; an intraday one when its interval overlaps a session's open hours. Candles on days or hours
the calendar lists as closed (a special Saturday session, a Muhurat session) are counted apart
(`outside_sessions`), not refused. Crypto has no calendar: every slot of the grid is expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.data.grid import IntArray, slot_open, slots
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms

_DAY_MS = 86_400_000


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
    calendar: str | None = None  # the exchange calendar the report is measured against, if any
    outside_sessions: int = 0  # candles on days/hours that calendar lists as closed

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
        on = f" of {self.calendar} sessions" if self.calendar else ""
        extra = ""
        if self.outside_sessions:
            extra = f"; {self.outside_sessions} candle(s) on days or hours {self.calendar} lists as closed"
        if not self.gaps:
            return f"no gaps in {self.rows} {self.timeframe.value} candles{on}{extra}"
        longest = self.longest
        assert longest is not None
        return (
            f"{self.missing} missing {self.timeframe.value} candles{on} in {self.events} gap(s); "
            f"longest {longest}{extra}"
        )


def find_gaps(
    candles: Candles, timeframe: Timeframe | None = None, calendar: str | None = "auto"
) -> GapReport:
    """Missing candles between the first and last one, on the grid of `timeframe` (default: the
    series'). `calendar`: an exchange calendar name (XNSE, XNYS, …), None for round the clock, or
    "auto" for `calendar_for(candles.symbol)`."""
    from aitrader.data.calendars import calendar_for

    tf = timeframe or candles.timeframe
    n = len(candles)
    name = calendar_for(candles.symbol).name if calendar == "auto" else calendar
    if n == 0:
        return GapReport(tf, 0, None, None, 0, (), calendar=name)
    s = slots(tf, candles.open_time)
    off_grid = int(np.count_nonzero(slot_open(tf, s) != candles.open_time))
    if name is not None:
        return _calendar_gaps(candles, tf, s, off_grid, name)
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


def session_slots(tf: Timeframe, name: str, first_ms: int, last_ms: int) -> IntArray:
    """Sorted slots of `tf` in [slot(first_ms), slot(last_ms)] that calendar `name` trades in."""
    from aitrader.data.calendars import sessions

    day = _DAY_MS
    first_day = format_ms((first_ms // day - 1) * day)[:10]
    last_day = format_ms((last_ms // day + 1) * day)[:10]
    labels, opens, closes = sessions(name, first_day, last_day)
    if tf.duration_ms >= day:  # daily and longer: the session dates
        expected = np.unique(slots(tf, labels))
    else:  # intraday: every slot whose interval overlaps a session's open hours
        lo, hi = slots(tf, opens), slots(tf, closes - 1)
        counts = np.maximum(hi - lo + 1, 0)
        starts = np.repeat(lo - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        expected = np.unique(starts + np.arange(int(counts.sum()), dtype=np.int64))
    s0, s1 = int(slots(tf, [first_ms])[0]), int(slots(tf, [last_ms])[0])
    return expected[(expected >= s0) & (expected <= s1)]


def _calendar_gaps(candles: Candles, tf: Timeframe, s: IntArray, off_grid: int, name: str) -> GapReport:
    expected = session_slots(tf, name, candles.start_ms, candles.end_ms)
    present = np.unique(s)
    missing_at = np.flatnonzero(~np.isin(expected, present))
    outside = int(np.count_nonzero(~np.isin(present, expected)))
    gaps: list[Gap] = []
    if missing_at.size:
        breaks = np.flatnonzero(np.diff(missing_at) != 1)
        run_starts = np.concatenate([[0], breaks + 1])
        run_ends = np.concatenate([breaks, [missing_at.size - 1]])
        for a, b in zip(run_starts, run_ends, strict=True):
            first, last = expected[missing_at[a]], expected[missing_at[b]]
            gaps.append(Gap(int(slot_open(tf, first)), int(slot_open(tf, last)), int(b - a + 1)))
    return GapReport(
        tf, len(candles), candles.start_ms, candles.end_ms, int(expected.size), tuple(gaps), off_grid,
        calendar=name, outside_sessions=outside,
    )  # fmt: skip
