"""WebSocket market streams: /ws/<stream>, /ws/<anything> + SUBSCRIBE, /stream?streams= (wrapped).

Streams: <symbol>@kline_<interval>, @trade, @aggTrade, @bookTicker, @miniTicker, @depth5/10/20.
Every replayed tick publishes to the streams of its symbol; a kline update has x=false while its
candle forms and x=true on the tick that closes it.
"""

from __future__ import annotations

import contextlib
import json
import re
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from aitrader.domain import Timeframe
from aitrader.venues.local import market_views as mv
from aitrader.venues.local.klines import kline_rows
from aitrader.venues.local.tape import Tick
from aitrader.venues.local.wire import d8, f8
from aitrader.venues.local.wsconn import QueuedSocket

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange

_STREAM = re.compile(
    r"^([a-z0-9]+)@(kline_(1s|1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M)|trade|aggTrade|bookTicker|miniTicker|depth(5|10|20)(@100ms|@1000ms)?)$"
)


class StreamConn:
    def __init__(self, sock: QueuedSocket, combined: bool, streams: list[str]) -> None:
        self.sock = sock
        self.combined = combined
        self.streams: list[str] = list(dict.fromkeys(streams))


class StreamHub:
    def __init__(self, core: LocalExchange) -> None:
        self.core = core
        self.conns: set[StreamConn] = set()

    def valid(self, name: str) -> bool:
        m = _STREAM.match(name)
        return bool(m) and m is not None and m.group(1).upper() in self.core.eng.tapes

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(heartbeat=self.core.config.ws_ping_interval_s or None)
        await ws.prepare(request)
        combined = request.path.startswith("/stream")
        if combined:
            initial = [s for s in request.query.get("streams", "").split("/") if s]
        else:
            tail = request.match_info.get("name", "")
            initial = [s for s in tail.split("/") if s]
        conn = StreamConn(
            QueuedSocket(ws, self.core.faults, market=True), combined, [s for s in initial if self.valid(s)]
        )
        self.conns.add(conn)
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self._control(conn, msg.data)
        finally:
            self.conns.discard(conn)
            conn.sock.writer.cancel()
        return ws

    def _control(self, conn: StreamConn, text: str) -> None:
        try:
            req = json.loads(text)
        except json.JSONDecodeError as exc:
            conn.sock.send(json.dumps({"error": {"code": 3, "msg": f"Invalid JSON: {exc}"}}))
            return None
        if not isinstance(req, dict):
            conn.sock.send(
                json.dumps({"error": {"code": 2, "msg": "Invalid request: request must be a JSON object"}})
            )
            return None
        rid, method, params = req.get("id"), req.get("method"), req.get("params", [])
        result: Any = None
        if method in ("SUBSCRIBE", "UNSUBSCRIBE"):
            if not isinstance(params, list) or not all(isinstance(p, str) for p in params):
                return self._error(conn, rid, 2, "Invalid request: 'params' must be a list of stream names")
            bad = [p for p in params if method == "SUBSCRIBE" and not self.valid(p)]
            if bad:
                return self._error(conn, rid, 2, f"Invalid request: unknown stream {bad[0]!r}")
            if method == "SUBSCRIBE":
                conn.streams.extend(p for p in params if p not in conn.streams)
            else:
                conn.streams = [s for s in conn.streams if s not in params]
        elif method == "LIST_SUBSCRIPTIONS":
            result = list(conn.streams)
        elif method == "SET_PROPERTY":
            if not (isinstance(params, list) and len(params) == 2 and params[0] == "combined"):
                return self._error(conn, rid, 0, "Unknown property")
            if not isinstance(params[1], bool):
                return self._error(conn, rid, 1, "Invalid value type: expected Boolean")
            conn.combined = params[1]
        elif method == "GET_PROPERTY":
            if params != ["combined"]:
                return self._error(conn, rid, 0, "Unknown property")
            result = conn.combined
        else:
            return self._error(conn, rid, 2, f"Invalid request: unknown method {method!r}")
        conn.sock.send(json.dumps({"result": result, "id": rid}))
        return None

    def _error(self, conn: StreamConn, rid: Any, code: int, msg: str) -> None:
        conn.sock.send(json.dumps({"error": {"code": code, "msg": msg}, "id": rid}))

    # ---- publishing --------------------------------------------------------------------------
    def on_tick(self, tick: Tick) -> None:
        prefix = tick.symbol.lower() + "@"
        cache: dict[str, str | None] = {}
        for conn in list(self.conns):
            for name in conn.streams:
                if not name.startswith(prefix):
                    continue
                if name not in cache:
                    payload = self._payload(tick, name)
                    cache[name] = None if payload is None else json.dumps(payload, separators=(",", ":"))
                raw = cache[name]
                if raw is None:
                    continue
                conn.sock.send(f'{{"stream":"{name}","data":{raw}}}' if conn.combined else raw)

    def _payload(self, tick: Tick, name: str) -> dict[str, Any] | None:
        eng = self.core.eng
        kind = name.split("@", 1)[1]
        s, now = tick.symbol, eng.now()
        if kind == "trade":
            return {"e": "trade", "E": now, "s": s, "t": tick.trade_id, "p": d8(tick.price), "q": f8(tick.qty),
                    "T": tick.time, "m": tick.buyer_is_maker, "M": True}  # fmt: skip
        if kind == "aggTrade":
            return {"e": "aggTrade", "E": now, "s": s, "a": tick.trade_id, "p": d8(tick.price), "q": f8(tick.qty),
                    "f": tick.trade_id, "l": tick.trade_id, "T": tick.time, "m": tick.buyer_is_maker, "M": True}  # fmt: skip
        if kind == "bookTicker":
            bid, bq, ask, aq = mv.best_bid_ask(eng, s)
            return {"u": tick.trade_id, "s": s, "b": d8(bid), "B": d8(bq), "a": d8(ask), "A": d8(aq)}
        if kind == "miniTicker":
            return mv.mini_ticker_event(eng, s)
        if kind.startswith("depth"):
            levels = int(re.sub(r"\D.*", "", kind[5:]) or 5)
            return mv.depth(eng, s, levels)
        if kind.startswith("kline_"):
            return self._kline(tick, Timeframe(kind[6:]))
        return None

    def _kline(self, tick: Tick, interval: Timeframe) -> dict[str, Any] | None:
        tape = self.core.eng.tapes[tick.symbol]
        rows = kline_rows(tape, interval, limit=1)
        if not rows:
            return None
        r = rows[-1]
        close_time = int(str(r[6]))
        closed = tick.closes_candle and tape.tf.close_time(tick.candle_open_time) == close_time
        n = int(str(r[8]))
        return {
            "e": "kline", "E": self.core.eng.now(), "s": tick.symbol,
            "k": {"t": r[0], "T": close_time, "s": tick.symbol, "i": interval.value,
                  "f": max(1, tick.trade_id - n + 1), "L": tick.trade_id, "o": r[1], "c": r[4], "h": r[2], "l": r[3],
                  "v": r[5], "n": n, "x": closed, "q": r[7], "V": r[9], "Q": r[10], "B": "0"},
        }  # fmt: skip

    async def close_all(self, shutdown_event: bool = False) -> None:
        for conn in list(self.conns):
            if shutdown_event:
                ev = {"e": "serverShutdown", "E": self.core.eng.now()}
                payload = {"stream": "!serverShutdown", "data": ev} if conn.combined else ev
                with contextlib.suppress(Exception):
                    await conn.sock.ws.send_str(json.dumps(payload))
            await conn.sock.close()
        self.conns.clear()
