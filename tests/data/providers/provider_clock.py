"""A test clock for the providers' caches and rate limiters."""

from __future__ import annotations


class FakeClock:
    """Seconds that move only when a test (or a limiter's sleep) moves them."""

    def __init__(self, t: float = 1_700_000_000.0) -> None:
        self.t = t
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += s
