"""A tiny Binance-compatible REST server on 127.0.0.1 for download tests.

It answers `GET /api/v3/exchangeInfo` (the real testnet BTCUSDT entry), `/api/v3/time`,
`/api/v3/ping` and `/api/v3/klines` from real sample candles, honouring startTime, endTime and
limit the way Binance does (default 500, max 1000; open time in [startTime, endTime]).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from aiohttp import web

from aitrader.domain import Candles, Timeframe

EXCHANGE_INFO = Path(__file__).resolve().parents[2] / "data" / "binance" / "exchangeinfo_btcusdt.json"


class KlineStub:
    def __init__(self, candles: Candles, server_time_ms: int) -> None:
        self.candles = candles
        self.server_time_ms = server_time_ms
        self.requests: list[dict[str, str]] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v3/exchangeInfo", self.exchange_info)
        app.router.add_get("/api/v3/time", self.time)
        app.router.add_get("/api/v3/ping", self.ping)
        app.router.add_get("/api/v3/klines", self.klines)
        return app

    async def exchange_info(self, request: web.Request) -> web.Response:
        entry = json.loads(EXCHANGE_INFO.read_text())
        body = {
            "timezone": "UTC", "serverTime": self.server_time_ms, "rateLimits": [],
            "exchangeFilters": [], "symbols": [entry],
        }  # fmt: skip
        return web.json_response(body)

    async def time(self, request: web.Request) -> web.Response:
        return web.json_response({"serverTime": self.server_time_ms})

    async def ping(self, request: web.Request) -> web.Response:
        return web.json_response({})

    async def klines(self, request: web.Request) -> web.Response:
        q = dict(request.query)
        self.requests.append(q)
        if q.get("symbol") != "BTCUSDT" or q.get("interval") != self.candles.timeframe.value:
            return web.json_response({"code": -1121, "msg": "Invalid symbol."}, status=400)
        limit = min(int(q.get("limit", 500)), 1000)
        t = self.candles.open_time
        lo = int(np.searchsorted(t, int(q["startTime"]), "left")) if "startTime" in q else None
        hi = int(np.searchsorted(t, int(q["endTime"]), "right")) if "endTime" in q else len(t)
        visible = int(np.searchsorted(t, self.server_time_ms, "right"))
        hi = min(hi, visible)
        if lo is None:
            lo = max(0, hi - limit)
        hi = min(hi, lo + limit)
        tf: Timeframe = self.candles.timeframe
        rows: list[list[Any]] = []
        for i in range(lo, hi):
            open_ms = int(t[i])
            rows.append([
                open_ms, repr(float(self.candles.open[i])), repr(float(self.candles.high[i])),
                repr(float(self.candles.low[i])), repr(float(self.candles.close[i])),
                repr(float(self.candles.volume[i])), tf.close_time(open_ms), "0", 0, "0", "0", "0",
            ])  # fmt: skip
        return web.json_response(rows)


@contextmanager
def serve(stub: KlineStub) -> Iterator[str]:
    """Run the stub on an ephemeral loopback port in a background thread; yields its base URL."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, Any] = {}

    async def start() -> None:
        runner = web.AppRunner(stub.app())
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        holder["runner"] = runner
        holder["port"] = runner.addresses[0][1]
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("kline stub did not start")
    try:
        yield f"http://127.0.0.1:{holder['port']}"
    finally:
        asyncio.run_coroutine_threadsafe(holder["runner"].cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
