"""Public (unsigned) Binance REST calls: klines history, server time, exchangeInfo and 24 h tickers.

Called directly over aiohttp rather than through ccxt so candle values stay the venue's exact
strings. 429/418 answers are honoured through `Retry-After`; 5xx and network errors are retried
with backoff (these calls are read-only, so a retry can never double anything).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp

from aitrader.domain import Candle, Timeframe
from aitrader.venues.binance.backoff import Backoff
from aitrader.venues.binance.klines import parse_rest_kline

log = logging.getLogger(__name__)
MAX_KLINES_PER_CALL = 1000


class PublicRestError(RuntimeError):
    """A public REST call failed for good (after retries), with the venue's answer."""


class PublicRest:
    """GET /api/v3/klines, /time, /exchangeInfo and /ticker/24hr against `rest_base`
    (e.g. https://testnet.binance.vision)."""

    def __init__(
        self,
        rest_base: str,
        session: aiohttp.ClientSession | None = None,
        max_attempts: int = 6,
        timeout_s: float = 10.0,
    ) -> None:
        self.rest_base = rest_base.rstrip("/")
        self._session = session
        self._own_session = session is None
        self.max_attempts = max_attempts
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self.backoff = Backoff(base_s=0.25, cap_s=10.0)

    async def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
            self._own_session = True
        return self._session

    async def close(self) -> None:
        if self._own_session and self._session is not None:
            await self._session.close()

    async def get(self, path: str, params: dict[str, str | int]) -> Any:
        session = await self._get_session()
        url = f"{self.rest_base}{path}"
        last = ""
        for _ in range(self.max_attempts):
            try:
                async with session.get(url, params=params) as resp:
                    if resp.status in (429, 418):
                        wait = float(resp.headers.get("Retry-After", "1") or 1)
                        last = f"HTTP {resp.status} (rate limited), retry after {wait}s"
                        log.warning("%s %s", path, last)
                        await asyncio.sleep(min(wait, 120.0))
                        continue
                    if resp.status >= 500:
                        last = f"HTTP {resp.status}"
                        await asyncio.sleep(self.backoff.next_delay())
                        continue
                    body = await resp.json(content_type=None)
                    if resp.status >= 400:
                        raise PublicRestError(f"GET {path} failed: HTTP {resp.status} {body}")
                    self.backoff.reset()
                    return body
            except (aiohttp.ClientError, TimeoutError) as exc:
                last = repr(exc)
                await asyncio.sleep(self.backoff.next_delay())
        raise PublicRestError(f"GET {path} failed after {self.max_attempts} attempts: {last}")

    async def server_time(self) -> int:
        body = await self.get("/api/v3/time", {})
        return int(body["serverTime"])

    async def exchange_info(self, symbols: Sequence[str] | None = None) -> dict[str, Any]:
        """GET /api/v3/exchangeInfo (weight 20): every symbol, or only `symbols`."""
        params: dict[str, str | int] = {}
        if symbols:
            params["symbols"] = _json_list(symbols)
        body = await self.get("/api/v3/exchangeInfo", params)
        if not isinstance(body, dict) or not isinstance(body.get("symbols"), list):
            raise PublicRestError(
                f"GET /api/v3/exchangeInfo: no symbol list in the answer: {str(body)[:200]}"
            )
        return body

    async def tickers_24h(self, symbols: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """GET /api/v3/ticker/24hr (weight 80 for all symbols, 40 with `symbols`): the rolling 24 h
        statistics (`quoteVolume`, `highPrice`, `lowPrice`, `lastPrice`, ...), one dict per symbol."""
        params: dict[str, str | int] = {}
        if symbols:
            params["symbols"] = _json_list(symbols)
        body = await self.get("/api/v3/ticker/24hr", params)
        if isinstance(body, dict):  # one symbol's ticker comes as an object, not a list
            body = [body]
        if not isinstance(body, list):
            raise PublicRestError(f"GET /api/v3/ticker/24hr: not a ticker list: {str(body)[:200]}")
        return [row for row in body if isinstance(row, dict)]

    async def klines(
        self,
        symbol: str,
        timeframe: Timeframe,
        start_ms: int | None = None,
        end_ms: int | None = None,
        limit: int = MAX_KLINES_PER_CALL,
    ) -> list[Candle]:
        """Candles with open time in [start_ms, end_ms], oldest first, paging past 1000 rows."""
        out: list[Candle] = []
        cursor = start_ms
        while True:
            params: dict[str, str | int] = {
                "symbol": symbol.upper(),
                "interval": timeframe.value,
                "limit": min(limit - len(out), MAX_KLINES_PER_CALL) if start_ms is not None else limit,
            }
            if cursor is not None:
                params["startTime"] = cursor
            if end_ms is not None:
                params["endTime"] = end_ms
            rows = await self.get("/api/v3/klines", params)
            batch = [parse_rest_kline(r) for r in rows]
            out.extend(batch)
            if start_ms is None or len(batch) < MAX_KLINES_PER_CALL or len(out) >= limit:
                return out
            cursor = batch[-1].open_time + 1

    async def history(self, symbol: str, timeframe: Timeframe, end_ms: int, count: int) -> list[Candle]:
        """The `count` candles whose open time is at most `end_ms`, oldest first (warm-up history)."""
        start = end_ms - (count - 1) * timeframe.duration_ms
        rows = await self.klines(symbol, timeframe, start_ms=start, end_ms=end_ms, limit=count)
        return [c for c in rows if c.open_time <= end_ms][-count:]

    async def recent(self, symbol: str, timeframe: Timeframe, count: int) -> list[Candle]:
        """The newest `count` candles (the last one may still be forming), paging past 1000 rows.

        Anchored on the venue's newest kline rather than on a clock, so a replaying exchange works too.
        """
        newest = await self.klines(symbol, timeframe, limit=1)
        if not newest:
            return []
        last = newest[-1].open_time
        start = last - (count - 1) * timeframe.duration_ms
        return await self.klines(symbol, timeframe, start_ms=start, end_ms=last, limit=count)


def _json_list(symbols: Sequence[str]) -> str:
    """`["BTCUSDT","ETHUSDT"]`, compact, as Binance wants the `symbols` parameter."""
    return json.dumps([s.upper() for s in symbols], separators=(",", ":"))
