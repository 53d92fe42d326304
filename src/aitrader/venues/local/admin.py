"""/admin/... endpoints for tests and demos: step the replay, drop sockets, set faults, restart.

They answer loopback peers only (403 otherwise). Hooks, the protection monitor and external actions
are in `admin_harness`.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def guard(request: web.Request) -> web.Response | None:
    if request.remote not in LOOPBACK:
        return web.json_response(
            {"code": -1, "msg": "admin endpoints answer loopback peers only"}, status=403
        )
    return None


async def params(request: web.Request) -> dict[str, Any]:
    out: dict[str, Any] = dict(request.query)
    if request.body_exists and request.content_type == "application/json":
        data = await request.json()
        if isinstance(data, dict):
            out.update(data)
    elif request.body_exists:
        out.update(await request.post())
    return out


def add_admin_routes(app: web.Application, core: LocalExchange) -> None:
    async def state(request: web.Request) -> web.Response:
        return guard(request) or web.json_response(core.status())

    async def step(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        p = await params(request)
        ticks = await core.step(ticks=int(p.get("ticks", 0)), candles=int(p.get("candles", 0)))
        return web.json_response({"ticks": ticks, **core.status()})

    async def drop(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        n = await core.drop_connections()
        return web.json_response({"dropped": n})

    async def faults(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        try:
            cfg = core.faults.update(await params(request))
        except (ValueError, TypeError) as exc:
            return web.json_response({"code": -1, "msg": str(exc)}, status=400)
        return web.json_response(dict(cfg.__dict__))

    async def restart(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        p = await params(request)
        asyncio.get_running_loop().create_task(core.restart(float(p.get("downtime", 0.5))))
        return web.json_response({"restarting": True})

    app.router.add_get("/admin/state", state)
    app.router.add_post("/admin/step", step)
    app.router.add_post("/admin/drop", drop)
    app.router.add_post("/admin/faults", faults)
    app.router.add_post("/admin/restart", restart)
