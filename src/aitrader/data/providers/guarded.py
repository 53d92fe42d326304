"""A provider behind the cache and its rate limiter: a cached answer costs no request; a request
waits its turn at the limiter. `Guarded*` are providers themselves, so a failover chain holds them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aitrader.data.providers.base import CandleProvider, TextProvider
from aitrader.data.providers.cache import (
    DiskCache,
    decode_candles,
    decode_texts,
    encode_candles,
    encode_texts,
)
from aitrader.data.providers.ratelimit import RateLimiter
from aitrader.data.providers.texts import TextItem
from aitrader.domain import Candles, Timeframe

T = TypeVar("T")


class _Guard:
    """The cache-then-limiter path both kinds of provider share. `hits`/`requests` count."""

    def __init__(self, name: str, cache: DiskCache | None, limiter: RateLimiter | None) -> None:
        self.name = name
        self.cache = cache
        self.limiter = limiter
        self.hits = 0
        self.requests = 0

    def _through(
        self,
        request: dict[str, Any],
        fetch: Callable[[], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
        if self.cache is not None:
            stored = self.cache.get(self.name, request)
            if stored is not None:
                try:
                    answer = decode(stored)
                except (ValueError, KeyError, TypeError):
                    pass  # a damaged entry is a miss
                else:
                    self.hits += 1
                    return answer
        if self.limiter is not None:
            self.limiter.acquire()
        self.requests += 1
        answer = fetch()
        if self.cache is not None:
            self.cache.put(self.name, request, encode(answer))
        return answer


class GuardedCandles(_Guard):
    """`inner` with an optional `DiskCache` and `RateLimiter` in front."""

    def __init__(
        self, inner: CandleProvider, cache: DiskCache | None = None, limiter: RateLimiter | None = None
    ) -> None:
        super().__init__(inner.name, cache, limiter)
        self.inner = inner

    def unavailable(self) -> str | None:
        return self.inner.unavailable()

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        request = {
            "kind": "candles",
            "symbol": symbol.upper(),
            "tf": timeframe.value,
            "start": start_ms,
            "end": end_ms,
        }
        return self._through(
            request,
            lambda: self.inner.fetch_candles(symbol, timeframe, start_ms, end_ms),
            encode_candles,
            decode_candles,
        )


class GuardedTexts(_Guard):
    """`inner` (a text provider) with an optional cache and rate limiter in front."""

    def __init__(
        self, inner: TextProvider, cache: DiskCache | None = None, limiter: RateLimiter | None = None
    ) -> None:
        super().__init__(inner.name, cache, limiter)
        self.inner = inner
        self.url = str(getattr(inner, "url", inner.name))  # what it reads, for the cache key and messages

    def unavailable(self) -> str | None:
        return self.inner.unavailable()

    def fetch_texts(self, start_ms: int, end_ms: int) -> tuple[TextItem, ...]:
        request = {"kind": "texts", "id": self.url, "start": start_ms, "end": end_ms}
        return self._through(
            request, lambda: self.inner.fetch_texts(start_ms, end_ms), encode_texts, decode_texts
        )
