"""`LocalExchange`: the Binance-Spot-compatible server (aiohttp: HTTP and WebSocket on one port).

Start it in a test with `async with LocalExchange(config) as ex:` (or `await ex.start()` /
`await ex.stop()`), or from sync code with `with run_local_exchange(config) as ex:` (background thread).
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from aitrader.domain import Candles
from aitrader.venues.local import auth, external, hook_events
from aitrader.venues.local import errors as errs
from aitrader.venues.local.admin import add_admin_routes
from aitrader.venues.local.admin_harness import add_harness_routes
from aitrader.venues.local.config import LocalExchangeConfig
from aitrader.venues.local.engine import Engine
from aitrader.venues.local.faults import FaultInjector
from aitrader.venues.local.hooks import Hooks
from aitrader.venues.local.models import LocalTrade
from aitrader.venues.local.protection import ProtectionMonitor
from aitrader.venues.local.ratelimit import RateLimiter
from aitrader.venues.local.rest import add_routes, not_found
from aitrader.venues.local.rest_private import PRIVATE_ROUTES
from aitrader.venues.local.rest_public import PUBLIC_ROUTES
from aitrader.venues.local.streams import StreamHub
from aitrader.venues.local.wsapi import WsApi


def wall_ms() -> int:
    return int(time.time() * 1000)


class LocalExchange:
    """The server. One instance owns one engine (markets + accounts) and serves it on one port."""

    def __init__(
        self, config: LocalExchangeConfig | None = None, candles: dict[str, Candles] | None = None
    ) -> None:
        self.config = config or LocalExchangeConfig()
        self.eng = Engine(self.config, candles)
        if self.config.state_path and Path(self.config.state_path).exists():
            self.eng.restore(json.loads(Path(self.config.state_path).read_text()))
        self.limiter = RateLimiter(
            self.config.request_weight_limit, self.config.orders_per_10s, self.config.orders_per_day,
            self.config.ban_after_429s, self.config.ban_seconds,
        )  # fmt: skip
        self.faults = FaultInjector(self.config.faults)
        self.streams = StreamHub(self)
        self.wsapi = WsApi(self)
        self.eng.listeners.append(self.streams.on_tick)
        self.protection = ProtectionMonitor(self.eng)
        self.hooks = Hooks(before_act=self.protection.update)
        self.eng.fill_listeners.append(self._on_fills)
        self._runner: web.AppRunner | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._replay: asyncio.Task[None] | None = None
        self.port = self.config.port
        self._wall0 = 0.0
        self._clock0 = self.eng.clock_ms
        self._dirty = False

    # ---- URLs --------------------------------------------------------------------------------
    @property
    def rest_url(self) -> str:
        """Base URL; REST endpoints are under /api/v3 (python-binance wants rest_url + '/api')."""
        return f"http://{self.config.host}:{self.port}"

    @property
    def ws_url(self) -> str:
        """Market streams base: /ws/<stream>, /ws/0 + SUBSCRIBE; combined at ws_base + '/stream?streams='."""
        return f"ws://{self.config.host}:{self.port}/ws"

    @property
    def ws_api_url(self) -> str:
        return f"ws://{self.config.host}:{self.port}/ws-api/v3"

    # ---- lifecycle ---------------------------------------------------------------------------
    def _app(self) -> web.Application:
        app = web.Application()
        add_routes(app, self, PUBLIC_ROUTES + PRIVATE_ROUTES)
        add_admin_routes(app, self)
        add_harness_routes(app, self)
        app.router.add_get("/ws-api/v3", self.wsapi.handle)
        app.router.add_get("/ws", self.streams.handle)
        app.router.add_get("/ws/{name:.*}", self.streams.handle)
        app.router.add_get("/stream", self.streams.handle)
        app.router.add_route("*", "/{tail:.*}", not_found)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.config.host, self.port, reuse_address=True)
        await site.start()
        if self.port == 0:
            server = site._server
            sockets = getattr(server, "sockets", None) or []
            self.port = int(sockets[0].getsockname()[1])
        self._wall0, self._clock0 = time.monotonic(), self.eng.clock_ms
        if self.config.speed > 0:
            self._replay = asyncio.create_task(self._replay_loop())
            self._tasks.append(self._replay)
        self._tasks.append(asyncio.create_task(self._drop_loop()))  # idle until a drop fault is set

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        self._tasks = []
        self._replay = None
        await self.streams.close_all(shutdown_event=True)
        await self.wsapi.close_all(shutdown_event=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self.save_state()

    async def restart(self, downtime_s: float = 0.5) -> None:
        """Go away (all connections closed, port closed) and come back on the same port, state kept.

        With `state_path` set the state goes through the file (saved, then loaded again).
        """
        await self.stop()
        if self.config.state_path:
            self.eng.restore(json.loads(Path(self.config.state_path).read_text()))
        await asyncio.sleep(downtime_s)
        await self.start()

    async def __aenter__(self) -> LocalExchange:
        await self.start()
        return self

    async def __aexit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # ---- clocks ------------------------------------------------------------------------------
    def replay_now(self) -> int:
        """The replay clock, moving continuously with the speed factor between ticks."""
        if self.config.speed > 0 and not math.isinf(self.config.speed) and self._replay is not None:
            elapsed = (time.monotonic() - self._wall0) * 1000 * self.config.speed
            return max(self.eng.clock_ms, int(self._clock0 + elapsed))
        return self.eng.clock_ms

    def server_time(self) -> int:
        return self.replay_now() if self.config.replay_server_time else wall_ms()

    def auth_time(self) -> int:
        """The time signed timestamps are checked against (the same as /api/v3/time answers)."""
        return self.server_time()

    # ---- security ----------------------------------------------------------------------------
    def authenticate(self, api_key: str | None, raw_query: str, raw_body: str, params: dict[str, str]) -> str:
        acc = auth.account_for_key(self.eng.book.accounts, api_key)
        query, sig_q = auth.strip_signature(raw_query)
        body, sig_b = auth.strip_signature(raw_body)
        signature = sig_q or sig_b
        if not signature:
            raise errs.mandatory("signature")
        if not params.get("timestamp"):
            raise errs.mandatory("timestamp")
        if not auth.signature_ok(acc, (query + body).encode("utf-8"), signature):
            raise errs.BAD_SIGNATURE
        if self.config.check_timestamps:
            auth.check_timestamp(params.get("timestamp"), params.get("recvWindow"), self.auth_time())
        return acc.api_key

    # ---- replay ------------------------------------------------------------------------------
    async def _replay_loop(self) -> None:
        speed = self.config.speed
        while True:
            if math.isinf(speed):
                if self.eng.step_tick() is None:
                    return
                self.after_change()
                await asyncio.sleep(0)
                continue
            nxt = self.eng.next_tick_time()
            if nxt is None:
                return
            now = self.replay_now()
            if nxt <= now:
                self.eng.step_tick()
                self.after_change()
            else:
                await asyncio.sleep(min(0.25, (nxt - now) / speed / 1000))

    def pause_replay(self) -> None:
        """Stop a timed replay where it stands (a harness freezing the market to compare states).

        The market stays at its last price; `step()` still moves it. A restart replays timed again.
        """
        if self._replay is not None:
            self._replay.cancel()
            self._replay = None

    async def step(self, ticks: int = 0, candles: int = 0) -> int:
        """Stepped mode: replay `ticks` ticks and/or `candles` candles. Returns ticks replayed."""
        n = self.eng.step_ticks(ticks) if ticks else 0
        if candles:
            n += self.eng.step_candles(candles)
        self.after_change()
        await asyncio.sleep(0)
        return n

    # ---- events, faults, state ---------------------------------------------------------------
    def after_change(self) -> None:
        self.protection.update()
        events = self.eng.book.take_events()
        if events:
            self.wsapi.deliver(events)
            self._dirty = True
        if self._dirty and self.config.state_path:
            self.save_state()

    def _on_fills(self, trades: list[LocalTrade]) -> None:
        """Fill hooks, run after a tick matched resting orders and before its events are sent."""
        if not self.hooks.armed("fill"):
            return
        for oid in dict.fromkeys(t.order_id for t in trades):
            self.hooks.fire(hook_events.fill_event(self.eng, self.eng.book.orders[oid]), "after")

    def act(self, spec: dict[str, Any]) -> dict[str, Any]:
        """An external action as another client of the account (see `external.act`)."""
        return external.act(self, spec)

    async def drop_connections(self) -> int:
        n = len(self.streams.conns) + len(self.wsapi.conns)
        await self.streams.close_all()
        await self.wsapi.close_all()
        return n

    async def _drop_loop(self) -> None:
        while True:
            every = self.faults.config.drop_ws_every_s
            await asyncio.sleep(every if every > 0 else 0.5)
            if self.faults.config.drop_ws_every_s > 0:
                await self.drop_connections()

    def save_state(self) -> None:
        path = self.config.state_path
        if not path:
            return
        tmp = Path(str(path) + ".tmp")
        tmp.write_text(json.dumps(self.eng.state()))
        os.replace(tmp, path)
        self._dirty = False

    def status(self) -> dict[str, Any]:
        return {
            "clock_ms": self.eng.clock_ms,
            "prices": {s: str(t.last_price) for s, t in self.eng.tapes.items()},
            "exhausted": all(t.exhausted for t in self.eng.tapes.values()),
            "stream_connections": len(self.streams.conns),
            "ws_api_connections": len(self.wsapi.conns),
        }
