"""The REST front: parameters from query + body (query wins), request weight, security, JSON answers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from aitrader.venues.local import errors as errs
from aitrader.venues.local import hook_events
from aitrader.venues.local.routes import Ctx, Route

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CONTENT_TYPE = "application/json;charset=UTF-8"


def _json(body: Any, status: int, headers: dict[str, str]) -> web.Response:
    text = json.dumps(body, separators=(",", ":"))
    resp = web.Response(text=text, status=status, headers=headers)
    resp.headers["Content-Type"] = CONTENT_TYPE
    return resp


def make_handler(core: LocalExchange, route: Route) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        ip = request.remote or "?"
        headers: dict[str, str] = {}
        status = 200
        body: Any
        injected = core.faults.rest_error()
        if core.faults.config.rest_delay_ms > 0:
            await asyncio.sleep(core.faults.config.rest_delay_ms / 1000)
        try:
            if injected is not None and not core.faults.config.rest_error_after_execution:
                raise injected
            raw_query = request.rel_url.raw_query_string
            raw_body = (await request.read()).decode("utf-8", "replace") if request.body_exists else ""
            params = dict(parse_qsl(raw_body, keep_blank_values=True)) if raw_body and "=" in raw_body else {}
            params.update(parse_qsl(raw_query, keep_blank_values=True))
            weight = route.weight_for(params)
            core.limiter.charge(ip, weight)
            account = ""
            if route.signed:
                account = core.authenticate(request.headers.get("X-MBX-APIKEY"), raw_query, raw_body, params)
            for _ in range(route.new_order):
                c10, cday = core.limiter.count_order(ip)
                headers["X-MBX-ORDER-COUNT-10S"], headers["X-MBX-ORDER-COUNT-1D"] = str(c10), str(cday)
            hook_ev = (
                hook_events.request_event(route.hook, core.eng, account, params)
                if route.hook and core.hooks.armed()
                else None
            )
            if hook_ev is not None:
                await core.hooks.act(hook_ev, "before")
            body = route.fn(Ctx(core, core.eng, params, account, ip))
            if hook_ev is not None:  # acted; the reply has not left yet
                await core.hooks.act(hook_events.with_result(hook_ev, body), "after")
            if route.free_on_success:
                core.limiter.refund(ip, weight)
            if injected is not None:  # executed, but the client is told the status is unknown
                raise injected
        except errs.BinanceError as err:
            status, body = err.status, err.payload()
            if err.retry_after is not None:
                headers["Retry-After"] = str(err.retry_after)
        core.after_change()
        used = str(core.limiter.used_weight(ip))
        headers["X-MBX-USED-WEIGHT-1M"] = used
        headers["x-mbx-used-weight"] = used
        return _json(body, status, headers)

    return handler


def add_routes(app: web.Application, core: LocalExchange, routes: list[Route]) -> None:
    for route in routes:
        app.router.add_route(route.method, route.path, make_handler(core, route))


async def not_found(request: web.Request) -> web.StreamResponse:
    return _json({"code": -1000, "msg": f"Unknown endpoint {request.method} {request.path}."}, 404, {})
