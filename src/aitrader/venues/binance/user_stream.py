"""User-data stream over the WS API (`userDataStream.subscribe.signature`, works with HMAC keys).

Events arrive as `{"subscriptionId": N, "event": {...}}`; `executionReport` becomes an
`ExecutionReport`, `listStatus` and `outboundAccountPosition` are passed on as raw dicts. The
connection is re-opened with backoff when it drops; while it is down, `connected` is False and the
order manager falls back to REST polling, so no fill is missed either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from aitrader.venues.binance.backoff import Backoff, connect_limiter
from aitrader.venues.binance.parse import ExecutionReport, parse_execution_report

log = logging.getLogger(__name__)
UserEvent = ExecutionReport | dict[str, Any]


def ws_api_signature(params: dict[str, Any], secret: str) -> str:
    """HMAC-SHA256 over the params sorted by name, `k=v` joined by `&` (WS API rule, not URL-encoded)."""
    payload = "&".join(f"{k}={params[k]}" for k in sorted(params) if k != "signature")
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


class UserDataStream:
    def __init__(
        self,
        ws_api_url: str,
        api_key: str,
        secret: str,
        on_event: Callable[[UserEvent], Awaitable[None]],
        recv_window_ms: int = 10_000,
        time_offset_ms: Callable[[], int] = lambda: 0,
    ) -> None:
        self.url = ws_api_url
        self._api_key = api_key
        self._secret = secret
        self.on_event = on_event
        self.recv_window_ms = recv_window_ms
        self.time_offset_ms = time_offset_ms
        self.connected = False
        self.subscribed = asyncio.Event()
        self.reconnects = 0
        self.backoff = Backoff(base_s=0.2, cap_s=20.0)
        self.connects = connect_limiter()
        self._stop = asyncio.Event()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._next_id = 0

    def _subscribe_request(self) -> dict[str, Any]:
        self._next_id += 1
        params: dict[str, Any] = {
            "apiKey": self._api_key,
            "recvWindow": self.recv_window_ms,
            "timestamp": int(time.time() * 1000) - self.time_offset_ms(),
        }
        params["signature"] = ws_api_signature(params, self._secret)
        return {"id": f"sub{self._next_id}", "method": "userDataStream.subscribe.signature", "params": params}

    async def stop(self) -> None:
        self._stop.set()
        if self._ws is not None and not self._ws.closed:
            await self._ws.close()

    async def run(self) -> None:
        async with aiohttp.ClientSession() as session:
            first = True
            while not self._stop.is_set():
                await self.connects.acquire()
                try:
                    async with session.ws_connect(self.url, autoping=True) as ws:
                        self._ws = ws
                        await ws.send_str(json.dumps(self._subscribe_request()))
                        if not first:
                            self.reconnects += 1
                        first = False
                        await self._read(ws)
                except (aiohttp.ClientError, OSError, TimeoutError) as exc:
                    log.warning("user-data stream: %s", type(exc).__name__)
                finally:
                    self.connected = False
                    self.subscribed.clear()
                    self._ws = None
                if self._stop.is_set():
                    break
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), timeout=self.backoff.next_delay())

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for msg in ws:
            if msg.type is not aiohttp.WSMsgType.TEXT:
                if msg.type in (aiohttp.WSMsgType.ERROR, aiohttp.WSMsgType.CLOSED):
                    return
                continue
            try:
                body = json.loads(msg.data)
            except json.JSONDecodeError:
                continue
            if not isinstance(body, dict):
                continue
            if "status" in body and "id" in body:
                if body["status"] == 200:
                    self.connected = True
                    self.subscribed.set()
                    self.backoff.reset()
                else:
                    # The error text is the venue's; it never contains our key or secret.
                    log.error("user-data subscribe refused: %s", body.get("error"))
                    await asyncio.sleep(self.backoff.next_delay())
                    await ws.send_str(json.dumps(self._subscribe_request()))
                continue
            event = body.get("event")
            if not isinstance(event, dict):
                continue
            if event.get("e") == "executionReport":
                await self.on_event(parse_execution_report(event))
            else:
                await self.on_event(event)
