"""A WebSocket connection with a send queue, so publishers never block and faults apply in one place."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from aitrader.venues.local.faults import FaultInjector


class QueuedSocket:
    """Outgoing text frames go through a queue drained by one writer task (delay / duplicate faults)."""

    def __init__(self, ws: web.WebSocketResponse, faults: FaultInjector, market: bool) -> None:
        self.ws = ws
        self.faults = faults
        self.market = market  # market streams can be stalled; WS API answers never are
        self.queue: asyncio.Queue[tuple[float, str]] = asyncio.Queue()
        self.writer = asyncio.create_task(self._drain())

    def send(self, text: str) -> None:
        if not self.ws.closed:
            self.queue.put_nowait((time.monotonic(), text))

    async def _drain(self) -> None:
        with contextlib.suppress(ConnectionError, RuntimeError, asyncio.CancelledError):
            while True:
                queued_at, text = await self.queue.get()
                cfg = self.faults.config
                if self.market and cfg.stall_streams:
                    continue
                wait = queued_at + cfg.delay_ms / 1000 - time.monotonic()
                if wait > 0:  # a latency: every message arrives delay_ms after it was sent
                    await asyncio.sleep(wait)
                if self.ws.closed:
                    return
                await self.ws.send_str(text)
                if self.faults.duplicate():
                    await self.ws.send_str(text)

    async def close(self, code: int = 1001, message: bytes = b"") -> None:
        self.writer.cancel()
        with contextlib.suppress(Exception):
            await self.ws.close(code=code, message=message)
