"""Shared helpers of the API tests: a demo-like run on the local exchange with the in-process API
over it, a real uvicorn on a free 127.0.0.1 port in the test's loop, and waiting for a condition
(never for a time)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.hub import Event, EventHub
from aitrader.api.listen import bind, url_of
from aitrader.api.reload import ReloadSettings
from aitrader.api.server import server_for
from aitrader.api.sources.in_process import InProcessSource
from aitrader.live.runner import LiveRunner
from aitrader.venues.local import LocalExchange
from live.helpers import TARGET_START_MS, exchange, run_config, started, wait_for

__all__ = ["TARGET_START_MS", "Run", "demo_run", "events_of", "serving", "step", "wait_for"]


@dataclass
class Run:
    ex: LocalExchange
    runner: LiveRunner
    source: InProcessSource
    app: FastAPI
    client: httpx.AsyncClient
    tmp: Path


def client_for(app: FastAPI, headers: dict[str, str] | None = None) -> httpx.AsyncClient:
    """httpx on the app itself (ASGI), addressed as a loopback host."""
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1", headers=headers
    )


@contextlib.asynccontextmanager
async def demo_run(
    tmp: Path,
    start_ms: int = TARGET_START_MS,
    auth: AuthConfig | None = None,
    reload: ReloadSettings | None = None,
    paper: bool = False,
    **cfg: Any,
) -> AsyncIterator[Run]:
    """The local exchange replaying real BTCUSDT candles one step at a time, a `LiveRunner` trading
    it (live orders, or paper), the in-process source following it and the app over the source."""
    auth = auth or AuthConfig()
    async with exchange(start_ms) as ex:
        runner = LiveRunner(run_config(ex, tmp, paper=paper, **cfg))
        source = InProcessSource(mode="demo", poll_s=0.05, allow_control=auth.allow_control, reload=reload)
        source.attach(runner)
        task = asyncio.create_task(runner.run())
        await source.start()
        app = create_app(source, auth, reports_dir=tmp / "reports")
        client = client_for(app)
        try:
            await started(runner)
            await wait_for(lambda: source.run_id() is not None, what="the run record")
            yield Run(ex, runner, source, app, client, tmp)
        finally:
            runner.request_stop("test over")
            await task
            await source.stop()
            await client.aclose()


async def step(run: Run, n: int) -> None:
    """Replay `n` candles, waiting until each is decided and the source has published its loop."""
    for _ in range(n):
        target = run.runner.loops_done + 1
        await run.ex.step(candles=1)
        await wait_for(lambda t=target: run.runner.loops_done >= t, what="the runner to decide")  # type: ignore[misc]
    await asyncio.sleep(0.02)  # let a user-data event land (the tests wait on conditions after it)


def events_of(hub: EventHub, kind: str | None = None) -> list[Event]:
    return [e for e in hub.after(0) or [] if kind is None or e.kind == kind]


async def until(cond: Callable[[], bool], what: str) -> None:
    await wait_for(cond, timeout=30.0, what=what)


class HubSource:
    """A source that is only a hub (the WebSocket and auth tests publish by hand)."""

    kind = "in-process"

    def __init__(self, hub: EventHub | None = None) -> None:
        self.hub = hub if hub is not None else EventHub()

    @property
    def controls(self) -> None:
        return None

    def status(self) -> dict[str, Any]:
        return {"mode": "test", "symbols": ["BTCUSDT"], "source": "in-process", "paused": False}

    def positions(self) -> list[dict[str, Any]]:
        return []

    def balances(self) -> list[dict[str, Any]]:
        return []

    def equity(self, limit: int) -> list[dict[str, Any]]:
        return []

    def run_id(self) -> str | None:
        return None

    def journal(self) -> None:
        return None

    def chat_target(self) -> Any:
        from aitrader.api.sources.base import ChatTarget

        return ChatTarget()

    def health(self) -> dict[str, Any]:
        return {"mode": "test", "session": None, "uptime_s": 0.0}

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None


@contextlib.asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[str]:
    """`app` on a real uvicorn at a free 127.0.0.1 port, in this loop; yields its base URL."""
    sock = bind("127.0.0.1", 0)
    server = server_for(app, embedded=True)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        await until(lambda: server.started, "uvicorn to start")
        yield url_of(sock, "127.0.0.1")
    finally:
        server.should_exit = True
        await task
        sock.close()
