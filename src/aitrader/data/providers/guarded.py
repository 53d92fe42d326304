"""A provider behind the cache and its rate limiter: a cached answer costs no request; a request
waits its turn at the limiter. `Guarded*` are providers themselves, so a failover chain holds them.
"""

from __future__ import annotations

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


class GuardedCandles:
    """`inner` with an optional `DiskCache` and `RateLimiter` in front. `hits`/`requests` count."""

    def __init__(
        self, inner: CandleProvider, cache: DiskCache | None = None, limiter: RateLimiter | None = None
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.cache = cache
        self.limiter = limiter
        self.hits = 0
        self.requests = 0

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
        if self.cache is not None:
            stored = self.cache.get(self.name, request)
            if stored is not None:
                try:
                    candles = decode_candles(stored)
                except (ValueError, KeyError, TypeError):
                    candles = None  # a damaged entry is a miss
                if candles is not None:
                    self.hits += 1
                    return candles
        if self.limiter is not None:
            self.limiter.acquire()
        self.requests += 1
        candles = self.inner.fetch_candles(symbol, timeframe, start_ms, end_ms)
        if self.cache is not None:
            self.cache.put(self.name, request, encode_candles(candles))
        return candles


class GuardedTexts:
    """`inner` (a text provider) with an optional cache and rate limiter in front."""

    def __init__(
        self, inner: TextProvider, cache: DiskCache | None = None, limiter: RateLimiter | None = None
    ) -> None:
        self.inner = inner
        self.name = inner.name
        self.url = str(getattr(inner, "url", inner.name))  # what it reads, for the cache key and messages
        self.cache = cache
        self.limiter = limiter
        self.hits = 0
        self.requests = 0

    def unavailable(self) -> str | None:
        return self.inner.unavailable()

    def fetch_texts(self, start_ms: int, end_ms: int) -> tuple[TextItem, ...]:
        request = {
            "kind": "texts",
            "id": self.url,
            "start": start_ms,
            "end": end_ms,
        }
        if self.cache is not None:
            stored = self.cache.get(self.name, request)
            if stored is not None:
                try:
                    items = decode_texts(stored)
                except (ValueError, TypeError):
                    items = None
                if items is not None:
                    self.hits += 1
                    return items
        if self.limiter is not None:
            self.limiter.acquire()
        self.requests += 1
        items = self.inner.fetch_texts(start_ms, end_ms)
        if self.cache is not None:
            self.cache.put(self.name, request, encode_texts(items))
        return items
