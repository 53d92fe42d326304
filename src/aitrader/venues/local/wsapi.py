"""WebSocket API /ws-api/v3: user-data subscriptions (userDataStream.subscribe.signature), ping, time,
order.place / order.cancel / order.status, session.subscriptions.

Events reach a subscribed connection as {"subscriptionId": N, "event": {...}}.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from aitrader.venues.local import auth, cancelling, hook_events, placing, views
from aitrader.venues.local import errors as errs
from aitrader.venues.local.hooks import HookEvent
from aitrader.venues.local.wsconn import QueuedSocket

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange


class ApiConn:
    def __init__(self, sock: QueuedSocket, connected_since: int) -> None:
        self.sock = sock
        self.subs: dict[int, str] = {}  # subscriptionId -> account api key
        self.next_sub = 0
        self.connected_since = connected_since


class WsApi:
    def __init__(self, core: LocalExchange) -> None:
        self.core = core
        self.conns: set[ApiConn] = set()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=self.core.config.ws_ping_interval_s or None)
        await ws.prepare(request)
        conn = ApiConn(QueuedSocket(ws, self.core.faults, market=False), self.core.server_time())
        self.conns.add(conn)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    await self._request(conn, msg.data, request.remote or "?")
        finally:
            self.conns.discard(conn)
            conn.sock.writer.cancel()
        return ws

    def _rate_limits(self, ip: str) -> list[dict[str, Any]]:
        return [{"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1,
                 "limit": self.core.config.request_weight_limit, "count": self.core.limiter.used_weight(ip)}]  # fmt: skip

    async def _request(self, conn: ApiConn, text: str, ip: str) -> None:
        rid: Any = None
        try:
            req = json.loads(text)
            if not isinstance(req, dict):
                raise errs.BinanceError(-1100, "Illegal request: not a JSON object.")
            rid = req.get("id")
            params = req.get("params") or {}
            if not isinstance(params, dict):
                raise errs.BinanceError(-1100, "Illegal characters found in parameter 'params'.")
            self.core.limiter.charge(ip, 2)
            method = str(req.get("method"))
            hook_ev = self._hook_event(method, params)
            if hook_ev is not None:
                await self.core.hooks.act(hook_ev, "before")
            result = self._call(conn, method, params)
            if hook_ev is not None:  # acted; the reply has not left yet
                await self.core.hooks.act(hook_events.with_result(hook_ev, result), "after")
            out: dict[str, Any] = {
                "id": rid,
                "status": 200,
                "result": result,
                "rateLimits": self._rate_limits(ip),
            }
        except json.JSONDecodeError:
            out = {
                "id": None,
                "status": 400,
                "error": {"code": -1100, "msg": "Malformed request: invalid JSON."},
            }
        except errs.BinanceError as err:
            out = {
                "id": rid,
                "status": err.status,
                "error": err.payload(),
                "rateLimits": self._rate_limits(ip),
            }
        conn.sock.send(json.dumps(out, separators=(",", ":")))
        self.core.after_change()

    def _hook_event(self, method: str, params: dict[str, Any]) -> HookEvent | None:
        kind = hook_events.WS_KINDS.get(method)
        if kind is None or not self.core.hooks.armed():
            return None
        account = self._signed(params)  # a request that fails security never reaches a hook
        return hook_events.request_event(kind, self.core.eng, account, _str_params(params))

    def _signed(self, params: Mapping[str, Any]) -> str:
        acc = auth.account_for_key(self.core.eng.book.accounts, params.get("apiKey"))
        sig = params.get("signature")
        if not sig:
            raise errs.mandatory("signature")
        if not auth.signature_ok(acc, auth.ws_payload(params).encode("utf-8"), str(sig)):
            raise errs.BAD_SIGNATURE
        if self.core.config.check_timestamps:
            ts, rw = params.get("timestamp"), params.get("recvWindow")
            auth.check_timestamp(
                None if ts is None else str(ts), None if rw is None else str(rw), self.core.auth_time()
            )
        return acc.api_key

    def _call(self, conn: ApiConn, method: str, params: dict[str, Any]) -> Any:
        core = self.core
        str_params = _str_params(params)
        if method == "ping":
            return {}
        if method == "time":
            return {"serverTime": core.server_time()}
        if method == "userDataStream.subscribe.signature":
            account = self._signed(params)
            if account in conn.subs.values():
                raise errs.BinanceError(-2035, "User Data Stream subscription already active.")
            sid = conn.next_sub
            conn.next_sub += 1
            conn.subs[sid] = account
            return {"subscriptionId": sid}
        if method == "userDataStream.unsubscribe":
            raw_sid = params.get("subscriptionId")
            targets = list(conn.subs) if raw_sid is None else [int(raw_sid)]
            if raw_sid is not None and int(raw_sid) not in conn.subs:
                raise errs.BinanceError(-2036, "User Data Stream subscription not active.")
            for s in targets:
                conn.subs.pop(s, None)
            return {}
        if method == "session.subscriptions":
            return [{"subscriptionId": s} for s in sorted(conn.subs)]
        if method == "session.status":
            return {"apiKey": None, "authorizedSince": None, "connectedSince": conn.connected_since,
                    "returnRateLimits": True, "serverTime": core.server_time(), "userDataStream": bool(conn.subs)}  # fmt: skip
        if method == "order.place":
            account = self._signed(params)
            return placing.place_order(core.eng, account, str_params)
        if method == "order.test":
            account = self._signed(params)
            return placing.place_order(core.eng, account, str_params, test=True)
        if method == "order.cancel":
            account = self._signed(params)
            return cancelling.cancel_order(core.eng, account, str_params)
        if method == "order.status":
            account = self._signed(params)
            return views.order_query(cancelling.find_order(core.eng, account, str_params, for_cancel=False))
        raise errs.BinanceError(-1100, f"Unknown method '{method}'.")

    def deliver(self, events: list[tuple[str, dict[str, Any]]]) -> None:
        """Hand user-data events to every subscription of their account."""
        if not events:
            return
        for conn in list(self.conns):
            for sid, account in conn.subs.items():
                for acc, ev in events:
                    if acc == account:
                        conn.sock.send(
                            json.dumps({"subscriptionId": sid, "event": ev}, separators=(",", ":"))
                        )

    async def close_all(self, shutdown_event: bool = False) -> None:
        for conn in list(self.conns):
            if shutdown_event:
                with contextlib.suppress(Exception):
                    await conn.sock.ws.send_str(
                        json.dumps({"event": {"e": "serverShutdown", "E": self.core.eng.now()}})
                    )
            await conn.sock.close()
        self.conns.clear()


def _str_params(params: Mapping[str, Any]) -> dict[str, str]:
    """WS API params as the REST code reads them (JSON booleans as 'true' / 'false')."""
    return {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in params.items()}
