"""/admin/hooks, /admin/protection and /admin/act: what a fault harness needs, over HTTP.

The same objects as `LocalExchange.hooks`, `.protection` and `.act`, for a harness in another
process. Loopback peers only, like the other /admin endpoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from aitrader.venues.local import errors as errs
from aitrader.venues.local.admin import guard, params
from aitrader.venues.local.hooks import Hook

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange


def _bad(msg: str) -> web.Response:
    return web.json_response({"code": -1, "msg": msg}, status=400)


def add_harness_routes(app: web.Application, core: LocalExchange) -> None:
    async def list_hooks(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        hooks = core.hooks
        return web.json_response(
            {"hooks": [h.to_json() for h in hooks.hooks], "firings": [f.to_json() for f in hooks.firings]}
        )

    async def add_hook(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        try:
            hook = core.hooks.add(Hook.from_json(await params(request)))
        except (ValueError, TypeError, KeyError) as exc:
            return _bad(f"bad hook: {exc}")
        return web.json_response({"hook": hook.to_json()})

    async def delete_hooks(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        p = await params(request)
        if p.get("id") is None:
            return web.json_response({"removed": core.hooks.clear()})
        try:
            return web.json_response({"removed": int(core.hooks.remove(int(p["id"])))})
        except ValueError:
            return _bad(f"'id' must be a hook id, not {p['id']!r}")

    async def protection(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        p = await params(request)
        try:
            after = float(p.get("after", 0.0))
        except ValueError:
            return _bad("'after' must be a wall time in seconds (time.time())")
        return web.json_response(core.protection.report(after))

    async def reset(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        core.protection.reset()
        core.hooks.firings.clear()
        return web.json_response(core.protection.report())

    async def act(request: web.Request) -> web.Response:
        if (denied := guard(request)) is not None:
            return denied
        try:
            return web.json_response(core.act(await params(request)))
        except errs.BinanceError as err:
            return web.json_response(err.payload(), status=err.status)

    app.router.add_get("/admin/hooks", list_hooks)
    app.router.add_post("/admin/hooks", add_hook)
    app.router.add_delete("/admin/hooks", delete_hooks)
    app.router.add_get("/admin/protection", protection)
    app.router.add_post("/admin/protection/reset", reset)
    app.router.add_post("/admin/act", act)
