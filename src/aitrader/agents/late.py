"""Answers that came too late: live, a slow decider's `on_bar` runs behind the decision deadline
(`engine.deadline.WithDeadline`); a bar whose answer is late gets no decision, yet the worker goes on
and finishes its deliberation. `LateBars` remembers those bars (the wrapper calls the strategy's
`answered_late(close_ms)`), so the deliberation is journaled as not acted on and nothing it proposed counts.
"""

from __future__ import annotations

import threading

from msgspec.structs import replace

from aitrader.domain.deliberation import Deliberation

LATE = "late, not acted on (the decision deadline passed): "


class LateBars:
    """The bar closes whose answer came after the deadline (thread-safe)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._late: set[int] = set()

    def add(self, close_ms: int) -> None:
        with self.lock:
            self._late.add(close_ms)

    def __contains__(self, close_ms: object) -> bool:
        with self.lock:
            return close_ms in self._late

    def mark(self, deliberations: list[Deliberation]) -> list[Deliberation]:
        """`deliberations`, those of a late bar with their verdict saying so."""
        return [
            replace(d, verdict=LATE + d.verdict)
            if d.time_ms in self and not d.verdict.startswith(LATE)
            else d
            for d in deliberations
        ]
