"""A provider stand-in on 127.0.0.1 (aiohttp, in a thread): each test registers what a path answers
in the provider's real reply format and reads back the requests it got."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web


@dataclass(frozen=True)
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


Reply = tuple[int, Any]  # (HTTP status, JSON-able body or raw bytes/str)
Handler = Callable[[Seen], Reply]


class ProviderServer:
    """`route(path, handler)`; `start()` → base URL; `seen` lists every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.seen: list[Seen] = []
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def route(self, path: str, handler: Handler) -> None:
        self.routes[path] = handler

    async def _handle(self, request: web.Request) -> web.Response:
        seen = Seen(request.path, dict(request.query), dict(request.headers))
        self.seen.append(seen)
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text="Not Found")
        status, body = handler(seen)
        if isinstance(body, bytes | str):
            raw = body.encode() if isinstance(body, str) else body
            return web.Response(status=status, body=raw, content_type="application/xml")
        return web.Response(status=status, text=json.dumps(body), content_type="application/json")

    def start(self) -> str:
        ready = threading.Event()

        async def boot() -> None:
            app = web.Application()
            app.router.add_get("/{tail:.*}", self._handle)
            self._runner = web.AppRunner(app)
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            ready.set()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(boot())
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        assert ready.wait(10), "provider server did not start"
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        async def down() -> None:
            if self._runner is not None:
                await self._runner.cleanup()

        asyncio.run_coroutine_threadsafe(down(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
