"""The retry policy every signed REST call of the live path goes through.

`call()` retries: 429/418 (and a 403 WAF limit) wait for Retry-After (418 = banned: wait it out,
never hammer); -1021 resyncs the clock; timeouts and 5xx back off and repeat reads; an order
(the caller passes a `lookup`) is looked up after a timeout or 5xx and never resent: not found yet,
it raises `OutcomeUnknownError` and the order manager looks again later. Rejections
(-2010, -1013, insufficient balance) raise `OrderRejectedError` at once. When the venue reports a
used request weight close to its limit, calls pause until the next minute starts.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aitrader.venues.binance.backoff import Backoff
from aitrader.venues.binance.errors import (
    GaveUpError,
    OrderRejectedError,
    OutcomeUnknownError,
    VenueError,
    is_clock_skew,
    is_rate_limit,
    is_rejection,
    is_unknown_outcome,
    retry_after,
    venue_code,
)
from aitrader.venues.binance.signed_rest import SignedRest

log = logging.getLogger(__name__)
T = TypeVar("T")
WEIGHT_LIMIT_PER_MINUTE = 6000
WEIGHT_PAUSE_FRACTION = 0.8


class VenueSession:
    """Owns the REST client (`SignedRest`) and applies the retry policy to each call."""

    def __init__(
        self,
        exchange: SignedRest,
        max_attempts: int = 8,
        backoff: Backoff | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_ban_wait_s: float = 300.0,
    ) -> None:
        self.ex = exchange
        self.max_attempts = max_attempts
        self.backoff = backoff or Backoff(base_s=0.25, cap_s=8.0)
        self.sleep = sleep
        self.max_ban_wait_s = max_ban_wait_s
        self.rate_limit_hits = 0
        self.retries = 0
        self.clock_resyncs = 0
        self.events: list[str] = []  # recent retry notes for telemetry / the view

    async def close(self) -> None:
        await self.ex.close()

    async def resync_clock(self) -> None:
        await self.ex.load_time_difference()
        self.clock_resyncs += 1

    def _note(self, text: str) -> None:
        log.warning(text)
        self.events.append(text)
        del self.events[:-50]

    async def _respect_weight(self) -> None:
        headers = getattr(self.ex, "last_response_headers", None) or {}
        used = None
        for key, value in headers.items():
            if str(key).lower() == "x-mbx-used-weight-1m":
                used = int(value)
        if used is not None and used >= WEIGHT_LIMIT_PER_MINUTE * WEIGHT_PAUSE_FRACTION:
            wait = 60.0 - (time.time() % 60.0) + 0.5
            self._note(f"request weight {used}/{WEIGHT_LIMIT_PER_MINUTE}: pausing {wait:.1f}s")
            await self.sleep(wait)

    async def call(
        self,
        what: str,
        request: Callable[[], Awaitable[T]],
        lookup: Callable[[], Awaitable[T | None]] | None = None,
        client_order_id: str = "",
    ) -> T:
        last: BaseException | None = None
        for attempt in range(1, self.max_attempts + 1):
            try:
                result = await request()
                self.backoff.reset()
                await self._respect_weight()
                return result
            except Exception as exc:
                last = exc
                if is_rate_limit(exc):
                    self.rate_limit_hits += 1
                    headers = getattr(self.ex, "last_response_headers", None)
                    banned = "418" in str(exc)
                    wait = retry_after(headers, default=60.0 if banned else 1.0)
                    wait = min(wait, self.max_ban_wait_s)
                    self._note(
                        f"{what}: rate limited ({'418 ban' if banned else '429'}), waiting {wait:.1f}s"
                    )
                    await self.sleep(wait)
                    if lookup is not None and (found := await self._safe_lookup(lookup)) is not None:
                        return found
                    continue
                if is_clock_skew(exc):
                    self._note(f"{what}: timestamp outside recvWindow (-1021), resyncing the clock")
                    await self.resync_clock()
                    continue
                if is_rejection(exc):
                    code, msg = venue_code(exc)
                    if lookup is not None and "Duplicate order" in msg:
                        found = await self._safe_lookup(lookup)
                        if found is not None:
                            return found
                    raise OrderRejectedError(code, msg, client_order_id) from None
                if is_unknown_outcome(exc):
                    self.retries += 1
                    delay = self.backoff.next_delay()
                    self._note(f"{what}: {type(exc).__name__} (attempt {attempt}), retrying in {delay:.2f}s")
                    await self.sleep(delay)
                    if lookup is None:  # a read: repeating it changes nothing
                        continue
                    if (found := await self._safe_lookup(lookup)) is not None:
                        self._note(f"{what}: found {client_order_id or 'the request'} already executed")
                        return found
                    # Not found YET: the first request may still be on its way, and a market order
                    # that fills frees its id for a second one. Never resend here; the order stays
                    # unknown until a later check finds it, or its recvWindow has surely passed.
                    raise OutcomeUnknownError(
                        f"{what}: outcome unknown ({type(exc).__name__}: {exc})"
                    ) from None
                raise VenueError(f"{what}: {type(exc).__name__}: {exc}") from None
        raise GaveUpError(
            f"{what}: gave up after {self.max_attempts} attempts: {type(last).__name__}: {last}"
        )

    async def _safe_lookup(self, lookup: Callable[[], Awaitable[T | None]]) -> T | None:
        for _ in range(self.max_attempts):
            try:
                return await lookup()
            except Exception as exc:
                if is_rate_limit(exc):
                    await self.sleep(retry_after(getattr(self.ex, "last_response_headers", None)))
                    continue
                if is_unknown_outcome(exc):
                    await self.sleep(self.backoff.next_delay())
                    continue
                if is_clock_skew(exc):
                    await self.resync_clock()
                    continue
                raise
        return None
