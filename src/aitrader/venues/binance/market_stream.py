"""Binance kline market stream: combined WebSocket streams, reconnects, gap backfill, de-duplication.

`MarketStream` connects to `<ws_base>/stream?streams=a/b/...` and turns messages into events:

- `KlineUpdate` with `candle.closed=False`: an in-progress candle (for views and stops).
- `KlineUpdate` with `candle.closed=True`: each closed candle exactly once, in open-time order per
  (symbol, timeframe), whether it came from the socket or from a REST backfill.
- `DataQualityEvent`: a gap was found, filled, or could not be filled; duplicates dropped.
- `ConnectionEvent`: connected / disconnected / stale (for the terminal view and telemetry).

Gaps are detected the same way after a reconnect and inside a connection: when a message for a
stream opens after the candle that should come next, the missing closed candles are fetched over
REST klines (with the venue's own clock, so a replaying exchange works too) before the message is
processed. A stream that stays silent for `stale_after_s` is treated as dead and reconnected.
Reconnects back off exponentially with jitter and respect the 300-connects-per-5-minutes limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

import aiohttp

from aitrader.domain import Candle, Timeframe
from aitrader.venues.binance.backoff import Backoff, SlidingWindowLimiter, connect_limiter
from aitrader.venues.binance.klines import KlinePayloadError, KlineUpdate, parse_kline_event, stream_name

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DataQualityEvent:
    """kind: gap_found | gap_filled | gap_unfillable | duplicate_dropped | out_of_order_dropped."""

    kind: str
    symbol: str
    timeframe: Timeframe
    from_ms: int
    to_ms: int
    count: int
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ConnectionEvent:
    """state: connecting | connected | disconnected | stale | closed."""

    state: str
    detail: str = ""
    attempt: int = 0


StreamEvent = KlineUpdate | DataQualityEvent | ConnectionEvent


class KlineHistory(Protocol):
    async def klines(
        self,
        symbol: str,
        timeframe: Timeframe,
        start_ms: int | None = None,
        end_ms: int | None = None,
        limit: int = 1000,
    ) -> list[Candle]: ...


class MarketStream:
    """Kline streams for `subscriptions` [(symbol, timeframe), ...] on one combined connection."""

    def __init__(
        self,
        ws_base: str,
        subscriptions: Sequence[tuple[str, Timeframe]],
        history: KlineHistory,
        *,
        stale_after_s: float | None = None,
        stale_intervals: float = 2.0,
        backoff: Backoff | None = None,
        connects: SlidingWindowLimiter | None = None,
        last_closed: dict[tuple[str, Timeframe], int] | None = None,
        queue_size: int = 10_000,
    ) -> None:
        if not subscriptions:
            raise ValueError("MarketStream needs at least one (symbol, timeframe)")
        base = ws_base.rstrip("/")
        self.ws_base = base[: -len("/ws")] if base.endswith("/ws") else base
        self.subscriptions = [(s.upper(), tf) for s, tf in subscriptions]
        self.history = history
        shortest = min(tf.duration_ms for _, tf in self.subscriptions) / 1000
        self.stale_after_s = (
            stale_after_s if stale_after_s is not None else max(5.0, stale_intervals * shortest)
        )
        self.backoff = backoff or Backoff(base_s=0.2, cap_s=30.0)
        self.connects = connects or connect_limiter()
        self.last_closed: dict[tuple[str, Timeframe], int] = dict(last_closed or {})
        self.queue: asyncio.Queue[StreamEvent] = asyncio.Queue(maxsize=queue_size)
        self.connected = False
        self.reconnects = 0
        self.duplicates = 0
        self.last_message_monotonic = 0.0
        self.last_message_recv_ns = 0
        self._stop = asyncio.Event()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._resubscribing = False  # `subscribe` closed the socket: reconnect at once, with every stream

    @property
    def url(self) -> str:
        names = "/".join(stream_name(s, tf) for s, tf in self.subscriptions)
        return f"{self.ws_base}/stream?streams={names}"

    def resume_from(self, symbol: str, timeframe: Timeframe, open_time: int) -> None:
        """Declare the last closed candle already seen (e.g. warm-up history), so gaps after it fill."""
        self.last_closed[(symbol.upper(), timeframe)] = open_time

    async def subscribe(self, symbol: str, timeframe: Timeframe, last_closed: int | None = None) -> bool:
        """Follow one more (symbol, timeframe) from `last_closed` on (its warm-up's last candle):
        the stream reconnects with it, and the gap backfill brings whatever any stream missed in
        between (a universe that gained a symbol). False when it is followed already."""
        key = (symbol.upper(), timeframe)
        if key in self.subscriptions:
            return False
        self.subscriptions.append(key)
        if last_closed is not None:
            self.last_closed[key] = last_closed
        ws = self._ws
        if ws is not None and not ws.closed:
            self._resubscribing = True
            await ws.close()
        return True

    async def stop(self) -> None:
        self._stop.set()
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()

    async def events(self) -> AsyncIterator[StreamEvent]:
        """Run the stream and yield its events until `stop()`."""
        runner = asyncio.create_task(self.run())
        try:
            while not (runner.done() and self.queue.empty()):
                get = asyncio.create_task(self.queue.get())
                done, _ = await asyncio.wait({get, runner}, return_when=asyncio.FIRST_COMPLETED)
                if get in done:
                    yield get.result()
                else:
                    get.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await get
            if runner.done() and runner.exception() is not None:
                raise runner.exception()  # type: ignore[misc]
        finally:
            await self.stop()
            if not runner.done():
                runner.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await runner

    async def run(self) -> None:
        """Connect, read, reconnect; returns after `stop()`."""
        async with aiohttp.ClientSession() as session:
            attempt = 0
            while not self._stop.is_set():
                await self.connects.acquire()
                attempt += 1
                await self._emit(ConnectionEvent("connecting", self.url, attempt))
                try:
                    async with session.ws_connect(self.url, autoping=True, max_msg_size=0) as ws:
                        self._ws = ws
                        self.connected = True
                        if attempt > 1:
                            self.reconnects += 1
                        await self._emit(ConnectionEvent("connected", self.url, attempt))
                        await self._read(ws)
                except (aiohttp.ClientError, OSError, TimeoutError) as exc:
                    await self._emit(ConnectionEvent("disconnected", f"{type(exc).__name__}: {exc}", attempt))
                finally:
                    self.connected = False
                    self._ws = None
                if self._stop.is_set():
                    break
                delay = self.backoff.next_delay()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=delay)
            await self._emit(ConnectionEvent("closed", "stream stopped"))

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        while not self._stop.is_set():
            try:
                msg = await ws.receive(timeout=self.stale_after_s)
            except TimeoutError:
                await self._emit(ConnectionEvent("stale", f"no message for {self.stale_after_s:.1f}s"))
                return
            if msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSE):
                if self._resubscribing:
                    self._resubscribing = False
                    await self._emit(
                        ConnectionEvent(
                            "disconnected", f"reconnecting with {len(self.subscriptions)} streams"
                        )
                    )
                    return
                await self._emit(ConnectionEvent("disconnected", "server closed the connection"))
                return
            if msg.type is aiohttp.WSMsgType.ERROR:
                await self._emit(ConnectionEvent("disconnected", f"socket error: {ws.exception()!r}"))
                return
            if msg.type is not aiohttp.WSMsgType.TEXT:
                continue
            self.last_message_recv_ns = time.perf_counter_ns()
            self.last_message_monotonic = time.monotonic()
            self.backoff.reset()
            await self.handle_text(str(msg.data))

    async def handle_text(self, text: str) -> None:
        """Process one text frame (public so tests and benchmarks can feed frames directly)."""
        try:
            message = json.loads(text)
        except json.JSONDecodeError:
            log.warning("ignoring a non-JSON stream frame")
            return
        if not isinstance(message, dict):
            return
        data = message.get("data", message)
        if isinstance(data, dict) and data.get("e") == "serverShutdown" and self._ws is not None:
            await self._emit(ConnectionEvent("disconnected", "serverShutdown announced"))
            await self._ws.close()
            return
        try:
            update = parse_kline_event(message)
        except KlinePayloadError as exc:
            log.warning("dropping a malformed kline message: %s", exc)
            return
        if update is not None:
            await self.handle_update(update)

    async def handle_update(self, update: KlineUpdate) -> None:
        key = update.key
        if key not in {(s, tf) for s, tf in self.subscriptions}:
            return
        step = update.timeframe.duration_ms
        last = self.last_closed.get(key)
        t = update.candle.open_time
        if last is not None and t <= last:
            if update.candle.closed:
                self.duplicates += 1
                await self._emit(DataQualityEvent("duplicate_dropped", key[0], key[1], t, t, 1))
            return
        if last is not None and t > last + step:
            await self._backfill(key, last + step, t - 1)
        if update.candle.closed:
            self.last_closed[key] = t
        await self._emit(update)

    async def _backfill(self, key: tuple[str, Timeframe], start_ms: int, end_ms: int) -> None:
        symbol, tf = key
        expected = (end_ms - start_ms) // tf.duration_ms + 1
        await self._emit(DataQualityEvent("gap_found", symbol, tf, start_ms, end_ms, expected))
        try:
            rows = await self.history.klines(symbol, tf, start_ms=start_ms, end_ms=end_ms)
        except Exception as exc:
            await self._emit(
                DataQualityEvent("gap_unfillable", symbol, tf, start_ms, end_ms, expected, repr(exc))
            )
            return
        got = 0
        for candle in rows:
            last = self.last_closed.get(key, start_ms - tf.duration_ms)
            if candle.open_time <= last or candle.open_time > end_ms:
                continue
            self.last_closed[key] = candle.open_time
            got += 1
            await self._emit(KlineUpdate(symbol, tf, candle, 0))
        await self._emit(DataQualityEvent("gap_filled", symbol, tf, start_ms, end_ms, got))
        if got < expected:
            await self._emit(
                DataQualityEvent(
                    "gap_unfillable",
                    symbol,
                    tf,
                    start_ms,
                    end_ms,
                    expected - got,
                    "venue has no candles there",
                )
            )

    async def _emit(self, event: StreamEvent) -> None:
        await self.queue.put(event)
