"""A token-bucket request limiter per provider, with an injectable clock.

`RateLimiter(name, requests=5, per_s=60)` lets 5 requests through in any minute (a burst of
`burst`, default `requests`, then one every `per_s / requests` seconds). `acquire()` takes a token,
sleeping until one is free when that takes at most `max_wait_s`; when it would take longer it takes
nothing and raises a `ProviderError` saying when to try again (so a failover chain moves on instead
of stalling). `try_acquire()` never sleeps: 0.0 when a token was taken, else the seconds to wait.

Published limits it is set to by default: Alpha Vantage 5 a minute (free key; 25 a day on top),
Twelve Data 8 a minute (free "Basic" plan), Yahoo about 60 a minute (yfinance's guidance); ccxt
spaces its own requests as well (`enableRateLimit`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from aitrader.data.providers.base import Clock, ProviderError

DEFAULT_LIMITS: dict[str, tuple[int, float]] = {  # provider → (requests, per seconds)
    "alphavantage": (5, 60.0),
    "twelvedata": (8, 60.0),
    "yahoo": (60, 60.0),
    "feargreed": (30, 60.0),
    "ccxt": (10, 1.0),
    "rss": (30, 60.0),
}


class RateLimiter:
    """`requests` per `per_s` seconds, bursts up to `burst` (see the module docstring)."""

    def __init__(
        self,
        name: str,
        requests: int,
        per_s: float,
        burst: int | None = None,
        max_wait_s: float = 30.0,
        clock: Clock = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if requests < 1 or per_s <= 0:
            raise ValueError(
                f"rate limit of {name}: need at least 1 request per a positive number of seconds"
            )
        self.name = name
        self.interval_s = per_s / requests
        self.capacity = float(burst if burst is not None else requests)
        self.max_wait_s = max_wait_s
        self._clock = clock
        self._sleep = sleep
        self._tokens = self.capacity
        self._at = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + max(0.0, now - self._at) / self.interval_s)
        self._at = now

    def try_acquire(self) -> float:
        """0.0 when a token was taken now; else the seconds until one is free (nothing taken)."""
        with self._lock:
            self._refill()
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return 0.0
            return (1.0 - self._tokens) * self.interval_s

    def acquire(self) -> float:
        """Take a token, waiting up to `max_wait_s`; the seconds waited. Raises `ProviderError`
        (taking nothing) when the wait would be longer."""
        waited = 0.0
        while True:
            wait = self.try_acquire()
            if wait == 0.0:
                return waited
            if waited + wait > self.max_wait_s:
                raise ProviderError(
                    self.name,
                    f"request rate limit reached (next request allowed in {wait:.0f} s)",
                    "wait, or use another provider",
                )
            self._sleep(wait)
            waited += wait


def default_limiter(
    name: str, clock: Clock = time.monotonic, sleep: Callable[[float], None] = time.sleep
) -> RateLimiter:
    requests, per_s = DEFAULT_LIMITS.get(name, (30, 60.0))
    return RateLimiter(name, requests, per_s, clock=clock, sleep=sleep)
