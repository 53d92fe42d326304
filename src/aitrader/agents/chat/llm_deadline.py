"""A wall-clock deadline on the monotonic clock: one per question, shared by every round and tool run."""

from __future__ import annotations

import time
from collections.abc import Callable


class Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - self._clock())

    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def within(self, seconds: float) -> Deadline:
        """A deadline `seconds` from now, or this one if it comes sooner (one request's limit)."""
        return Deadline(min(seconds, self.remaining()), self._clock)
