"""WebSocket market streams and the WS API user-data stream of the local exchange."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from pathlib import Path
from typing import Any

import aiohttp

from aitrader.domain import Candles
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, ExchangeThread, run_local_exchange
from aitrader.venues.local.auth import ws_payload
from conftest import Api, make_config

FIXTURES = Path(__file__).resolve().parents[3] / "data" / "binance"


async def _recv_json(ws: aiohttp.ClientWebSocketResponse, timeout: float = 5) -> Any:
    msg = await ws.receive(timeout=timeout)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    return json.loads(msg.data)


def _step_soon(ex: ExchangeThread, **kw: int) -> None:
    asyncio.get_running_loop().run_in_executor(None, lambda: ex.step(**kw))


def test_kline_stream_in_progress_then_final(exchange: ExchangeThread) -> None:
    async def main() -> list[dict[str, Any]]:
        async with aiohttp.ClientSession() as s, s.ws_connect(f"{exchange.ws_url}/btcusdt@kline_1m") as ws:
            await asyncio.sleep(0.05)
            _step_soon(exchange, candles=1)
            return [await _recv_json(ws) for _ in range(4)]

    events = asyncio.run(main())
    assert [e["k"]["x"] for e in events] == [False, False, False, True]
    assert {e["e"] for e in events} == {"kline"}
    assert events[0]["s"] == "BTCUSDT"
    k = events[-1]["k"]
    assert set(k) == {"t", "T", "s", "i", "f", "L", "o", "c", "h", "l", "v", "n", "x", "q", "V", "Q", "B"}
    assert k["T"] == k["t"] + 59_999
    assert k["i"] == "1m"
    assert float(k["l"]) <= float(k["o"]) <= float(k["h"])
    assert events[0]["k"]["v"] < k["v"]


def test_ws_0_subscribe_list_and_combined_streams(exchange: ExchangeThread) -> None:
    async def main() -> tuple[Any, ...]:
        async with aiohttp.ClientSession() as s:
            async with s.ws_connect(f"{exchange.ws_url}/0") as ws:
                await ws.send_str(
                    json.dumps(
                        {"method": "SUBSCRIBE", "params": ["btcusdt@trade", "btcusdt@bookTicker"], "id": 1}
                    )
                )
                ack = await _recv_json(ws)
                await ws.send_str(json.dumps({"method": "LIST_SUBSCRIPTIONS", "id": 3}))
                listed = await _recv_json(ws)
                await ws.send_str("not json")
                bad = await _recv_json(ws)
                _step_soon(exchange, ticks=2)  # one BTCUSDT tick and one ETHUSDT tick
                trade, book = await _recv_json(ws), await _recv_json(ws)
            url = exchange.ws_url.removesuffix("/ws") + "/stream?streams=ethusdt@miniTicker/ethusdt@aggTrade"
            async with s.ws_connect(url) as ws2:
                await asyncio.sleep(0.05)
                _step_soon(exchange, ticks=2)
                combined = [await _recv_json(ws2), await _recv_json(ws2)]
        return ack, listed, bad, trade, book, combined

    ack, listed, bad, trade, book, combined = asyncio.run(main())
    assert ack == {"result": None, "id": 1}
    assert listed == {"result": ["btcusdt@trade", "btcusdt@bookTicker"], "id": 3}
    assert bad["error"]["code"] == 3
    assert set(trade) == {"e", "E", "s", "t", "p", "q", "T", "m", "M"}
    assert trade["e"] == "trade"
    assert set(book) == {"u", "s", "b", "B", "a", "A"}
    assert {c["stream"] for c in combined} == {"ethusdt@miniTicker", "ethusdt@aggTrade"}
    mini = next(c["data"] for c in combined if c["stream"] == "ethusdt@miniTicker")
    assert set(mini) == {"e", "E", "s", "c", "o", "h", "l", "v", "q"}
    assert mini["e"] == "24hrMiniTicker"


def test_server_pings_and_drops_connections_that_do_not_pong(sample_candles: dict[str, Candles]) -> None:
    with run_local_exchange(make_config(ws_ping_interval_s=0.2), sample_candles) as ex:

        async def main() -> tuple[bool, bool]:
            async with (
                aiohttp.ClientSession() as s,
                s.ws_connect(f"{ex.ws_url}/btcusdt@trade", autoping=False) as ws,
            ):
                ping = await ws.receive(timeout=2)
                got_ping = ping.type == aiohttp.WSMsgType.PING
                closed = await ws.receive(timeout=3)  # no pong sent: the server hangs up
                return got_ping, closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)

        got_ping, dropped = asyncio.run(main())
    assert got_ping
    assert dropped


def _subscribe_frame(rid: str = "1") -> dict[str, Any]:
    params: dict[str, Any] = {
        "apiKey": DEFAULT_API_KEY,
        "recvWindow": 10000,
        "timestamp": int(time.time() * 1000),
    }
    params["signature"] = hmac.new(
        DEFAULT_SECRET.encode(), ws_payload(params).encode(), hashlib.sha256
    ).hexdigest()
    return {"id": rid, "method": "userDataStream.subscribe.signature", "params": params}


def test_user_data_stream_delivers_binance_shaped_events(exchange: ExchangeThread) -> None:
    api = Api(exchange.rest_url)
    expected = json.loads((FIXTURES / "market_order_expired_sequence.json").read_text())["user_data_events"]
    doc_keys = {k for k in expected[0] if k != "v"}

    async def main() -> tuple[Any, ...]:
        async with aiohttp.ClientSession() as s, s.ws_connect(exchange.ws_api_url) as ws:
            await ws.send_str(json.dumps(_subscribe_frame()))
            sub = await _recv_json(ws)
            await ws.send_str(json.dumps({"id": 2, "method": "session.subscriptions"}))
            subs = await _recv_json(ws)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(
                None,
                lambda: api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01"),
            )
            market = [await _recv_json(ws) for _ in range(3)]
            last = float(api.public("ticker/price", symbol="BTCUSDT").json()["price"])
            await loop.run_in_executor(None, lambda: api.ok(
                "POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.005", aboveType="LIMIT_MAKER",
                abovePrice=f"{last + 100:.2f}", belowType="STOP_LOSS", belowStopPrice=f"{last - 100:.2f}"))  # fmt: skip
            oco = [await _recv_json(ws) for _ in range(4)]
            await ws.send_str(
                json.dumps({"id": 5, "method": "userDataStream.unsubscribe", "params": {"subscriptionId": 0}})
            )
            unsub = await _recv_json(ws)
            await ws.send_str(
                json.dumps({"id": 6, "method": "userDataStream.unsubscribe", "params": {"subscriptionId": 0}})
            )
            again = await _recv_json(ws)
        return sub, subs, market, oco, unsub, again

    sub, subs, market, oco, unsub, again = asyncio.run(main())
    assert sub["id"] == "1"
    assert sub["status"] == 200
    assert sub["result"] == {"subscriptionId": 0}
    assert subs["result"] == [{"subscriptionId": 0}]
    assert [m["subscriptionId"] for m in market] == [0, 0, 0]
    new, trade, position = (m["event"] for m in market)
    assert (new["x"], new["X"], trade["x"], trade["X"]) == ("NEW", "NEW", "TRADE", "FILLED")
    assert set(new) == doc_keys
    assert set(trade) == doc_keys
    assert trade["N"] == "BTC"
    assert trade["t"] > 0
    assert trade["l"] == "0.01000000"
    assert trade["M"] is True
    assert position["e"] == "outboundAccountPosition"
    assert {b["a"] for b in position["B"]} == {"BTC", "USDT"}
    kinds = [(m["event"]["e"], m["event"].get("x"), m["event"].get("l")) for m in oco]
    assert kinds == [("executionReport", "NEW", "0.00000000"), ("executionReport", "NEW", "0.00000000"),
                     ("listStatus", None, "EXEC_STARTED"), ("outboundAccountPosition", None, None)]  # fmt: skip
    status = oco[2]["event"]
    assert set(status) == {"e", "E", "s", "g", "c", "l", "L", "r", "C", "T", "O"}
    assert status["L"] == "EXECUTING"
    assert unsub["status"] == 200
    assert unsub["result"] == {}
    assert again["status"] == 400
    assert again["error"]["code"] == -2036


def test_ws_api_ping_time_order_place_and_bad_signature(exchange: ExchangeThread) -> None:
    async def main() -> tuple[Any, ...]:
        async with aiohttp.ClientSession() as s, s.ws_connect(exchange.ws_api_url) as ws:
            await ws.send_str(json.dumps({"id": 1, "method": "ping"}))
            ping = await _recv_json(ws)
            await ws.send_str(json.dumps({"id": 2, "method": "time"}))
            tm = await _recv_json(ws)
            params: dict[str, Any] = {"apiKey": DEFAULT_API_KEY, "symbol": "BTCUSDT", "side": "BUY", "type": "MARKET",
                                      "quantity": "0.001", "timestamp": int(time.time() * 1000)}  # fmt: skip
            params["signature"] = hmac.new(
                DEFAULT_SECRET.encode(), ws_payload(params).encode(), hashlib.sha256
            ).hexdigest()
            await ws.send_str(json.dumps({"id": 3, "method": "order.place", "params": params}))
            placed = await _recv_json(ws)
            frame = _subscribe_frame("x")
            frame["params"]["signature"] = "0" * 64
            await ws.send_str(json.dumps(frame))
            bad = await _recv_json(ws)
        return ping, tm, placed, bad

    ping, tm, placed, bad = asyncio.run(main())
    assert ping["result"] == {}
    assert ping["rateLimits"][0]["rateLimitType"] == "REQUEST_WEIGHT"
    assert abs(tm["result"]["serverTime"] - time.time() * 1000) < 5000
    assert placed["status"] == 200
    assert placed["result"]["status"] == "FILLED"
    assert bad["status"] == 400
    assert bad["error"] == {
        "code": -1022,
        "msg": "Signature for this request is not valid.",
    }
