"""Clocks: the kernel reads time from one, never from the wall directly (UTC epoch milliseconds)."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now_ms(self) -> int:
        """Current time in UTC epoch milliseconds."""
        ...


class SimClock:
    """Time set by the feed: the close time of the bar being processed (backtests, replays)."""

    __slots__ = ("_now",)

    def __init__(self, start_ms: int = 0) -> None:
        self._now = start_ms

    def now_ms(self) -> int:
        return self._now

    def set(self, time_ms: int) -> None:
        self._now = time_ms


class WallClock:
    """The real UTC time (paper and live)."""

    __slots__ = ()

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000
