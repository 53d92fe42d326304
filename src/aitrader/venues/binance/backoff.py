"""Retry pacing for a venue: exponential backoff with jitter, and the venue's connection limits.

Binance allows at most 5 messages per second sent on a market-stream connection and at most
300 connection attempts per 5 minutes per IP. Both are enforced here with sliding windows, so a
reconnect storm slows itself down instead of earning a ban.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Backoff:
    """Exponential backoff with full jitter: delay n is uniform in [base*2^n/2, base*2^n], capped."""

    base_s: float = 0.2
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    attempt: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap_s, self.base_s * (2**self.attempt))
        self.attempt += 1
        return float(ceiling / 2 + self.rng.random() * ceiling / 2)

    def reset(self) -> None:
        self.attempt = 0


class SlidingWindowLimiter:
    """At most `limit` events in any `window_s` seconds; `acquire` waits until one is allowed."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        if limit < 1 or window_s <= 0:
            raise ValueError(f"limiter needs limit >= 1 and window > 0, got {limit}/{window_s}")
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._events: deque[float] = deque()

    def wait_time(self) -> float:
        """Seconds until one more event is allowed (0 when allowed now)."""
        now = self._clock()
        while self._events and now - self._events[0] >= self.window_s:
            self._events.popleft()
        if len(self._events) < self.limit:
            return 0.0
        return self.window_s - (now - self._events[0])

    def record(self) -> None:
        self._events.append(self._clock())

    async def acquire(self) -> None:
        while (delay := self.wait_time()) > 0:
            await asyncio.sleep(delay)
        self.record()


def stream_send_limiter() -> SlidingWindowLimiter:
    """Binance market streams: at most 5 messages per second sent by the client (we use 4)."""
    return SlidingWindowLimiter(4, 1.0)


def connect_limiter() -> SlidingWindowLimiter:
    """Binance: at most 300 connection attempts per 5 minutes per IP (we use 250)."""
    return SlidingWindowLimiter(250, 300.0)
