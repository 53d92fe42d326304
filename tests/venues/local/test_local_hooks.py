"""Hooks that act before a reply is sent: kill a real process, delay, answer an error; REST, WS API
and resting fills; registered in process and over HTTP."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import aiohttp
import pytest
import requests

from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, ExchangeThread
from aitrader.venues.local.auth import ws_payload
from conftest import Api


@pytest.fixture
def victim() -> Iterator[subprocess.Popen[bytes]]:
    """A real process standing in for the bot."""
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(10)


def _buy(api: Api, cid: str, qty: str = "0.01") -> requests.Response:
    return api.signed("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity=qty,
                      newClientOrderId=cid)  # fmt: skip


def _orders(api: Api) -> dict[str, str]:
    return {o["clientOrderId"]: o["status"] for o in api.ok("GET", "allOrders", symbol="BTCUSDT")}


def test_kill_before_the_entry_executes_it_anyway(
    api: Api, exchange: ExchangeThread, victim: subprocess.Popen[bytes]
) -> None:
    hook = exchange.add_hook(on="order", match=r"-1E$", side="BUY", when="before", pid=victim.pid)
    assert _buy(api, "manual-1").status_code == 200  # not matched: nothing happens
    assert victim.poll() is None
    r = _buy(api, "at-p1-1E")
    assert r.status_code == 200  # the request was already sent when its sender died
    assert victim.wait(5) == -signal.SIGKILL
    assert _orders(api)["at-p1-1E"] == "FILLED"
    (firing,) = exchange.firings()
    assert (firing["hook_id"], firing["on"], firing["when"], firing["action"]) == (
        hook,
        "order",
        "before",
        "kill",
    )
    assert firing["ids"] == ["at-p1-1E"]
    assert firing["outcome"] == f"killed pid {victim.pid}"
    assert firing["wall"] <= time.time()
    assert _buy(api, "at-p2-1E").status_code == 200  # times=1: spent


def test_kill_with_drop_loses_the_request(
    api: Api, exchange: ExchangeThread, victim: subprocess.Popen[bytes]
) -> None:
    exchange.add_hook(on="order", match="-1E$", pid=victim.pid, drop=True)
    r = _buy(api, "at-p1-1E")
    assert (r.status_code, r.json()["code"]) == (503, -1008)
    assert victim.wait(5) == -signal.SIGKILL
    assert "at-p1-1E" not in _orders(api)


def test_error_after_means_executed_but_unknown_to_the_client(api: Api, exchange: ExchangeThread) -> None:
    exchange.add_hook(on="order", match="-1E$", when="after", action="error", status=503)
    r = _buy(api, "at-p1-1E")
    assert (r.status_code, r.json()["code"]) == (503, -1008)
    assert _orders(api)["at-p1-1E"] == "FILLED"
    exchange.add_hook(on="order", match="^at-p2-", when="before", action="error", status=429)
    r = _buy(api, "at-p2-1E")
    assert (r.status_code, r.json()["code"], r.headers["Retry-After"]) == (429, -1003, "1")
    assert "at-p2-1E" not in _orders(api)


def test_nth_and_times_pick_which_matches_fire(api: Api, exchange: ExchangeThread) -> None:
    exchange.add_hook(on="order", type="MARKET", action="error", nth=2, times=2)
    codes = [_buy(api, f"at-p{i}-1E", "0.001").status_code for i in range(1, 6)]
    assert codes == [200, 503, 503, 200, 200]
    exchange.add_hook(on="order", action="delay", delay_ms=30)
    assert _buy(api, "at-p9-1E", "0.001").status_code == 200
    assert exchange.firings()[-1]["outcome"] == "delayed 30 ms"


def test_cancel_hooks_see_the_list_they_cancel(
    api: Api, exchange: ExchangeThread, victim: subprocess.Popen[bytes]
) -> None:
    _buy(api, "at-p1-1E")
    last = Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])
    oco = api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.009",
                 aboveType="LIMIT_MAKER", abovePrice=str(last + 300), aboveClientOrderId="at-p1-1T",
                 belowType="STOP_LOSS", belowStopPrice=str(last - 300), belowClientOrderId="at-p1-1S",
                 listClientOrderId="at-p1-1L")  # fmt: skip
    exchange.add_hook(on="cancel_list", match=r"^at-p1-1L$", when="after", pid=victim.pid)
    api.ok("DELETE", "orderList", symbol="BTCUSDT", orderListId=oco["orderListId"])  # by id, not by client id
    assert victim.wait(5) == -signal.SIGKILL
    (firing,) = exchange.firings()
    assert set(firing["ids"]) == {"at-p1-1L", "at-p1-1S", "at-p1-1T"}
    report = exchange.protection()
    assert report["naked_now"] is True
    assert report["episodes"][-1]["start"] <= firing["wall"]  # the monitor saw the cancel before the kill


def test_fill_hook_kills_when_a_take_profit_leg_fills(
    api: Api, exchange: ExchangeThread, victim: subprocess.Popen[bytes]
) -> None:
    _buy(api, "at-p1-1E")
    last = Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])
    api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.009",
           aboveType="LIMIT_MAKER", abovePrice=str(last + 20), aboveClientOrderId="at-p1-1T",
           belowType="STOP_LOSS", belowStopPrice=str(last - 2000), belowClientOrderId="at-p1-1S",
           listClientOrderId="at-p1-1L")  # fmt: skip
    exchange.add_hook(on="fill", type="LIMIT_MAKER", match="-1T$", pid=victim.pid)
    for _ in range(300):
        exchange.step(candles=1)
        if victim.poll() is not None:
            break
    assert victim.wait(5) == -signal.SIGKILL
    assert _orders(api)["at-p1-1T"] == "FILLED"
    (firing,) = exchange.firings()
    assert (firing["on"], firing["when"]) == ("fill", "after")
    assert "at-p1-1L" in firing["ids"]


def _signed_ws(params: dict[str, Any]) -> dict[str, Any]:
    params = {"apiKey": DEFAULT_API_KEY, "timestamp": int(time.time() * 1000), **params}
    params["signature"] = hmac.new(
        DEFAULT_SECRET.encode(), ws_payload(params).encode(), hashlib.sha256
    ).hexdigest()
    return params


def test_ws_api_orders_and_cancels_meet_the_same_hooks(api: Api, exchange: ExchangeThread) -> None:
    exchange.add_hook(on="order", match="-1E$", action="error", status=503)
    exchange.add_hook(on="cancel", match="^rest-me$", when="after", action="error", status=503)
    last = Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])

    async def main() -> list[Any]:
        out = []
        async with aiohttp.ClientSession() as s, s.ws_connect(exchange.ws_api_url) as ws:
            frames = [
                ("order.place", {"symbol": "BTCUSDT", "side": "BUY", "type": "MARKET", "quantity": "0.001",
                                 "newClientOrderId": "at-p1-1E"}),
                ("order.place", {"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                                 "quantity": "0.001", "price": str(last - 1000), "newClientOrderId": "rest-me"}),
                ("order.cancel", {"symbol": "BTCUSDT", "origClientOrderId": "rest-me"}),
            ]  # fmt: skip
            for n, (method, params) in enumerate(frames):
                await ws.send_str(json.dumps({"id": n, "method": method, "params": _signed_ws(params)}))
                out.append(json.loads((await ws.receive(timeout=5)).data))
        return out

    placed, resting, cancel = asyncio.run(main())
    assert (placed["status"], placed["error"]["code"]) == (503, -1008)
    assert resting["status"] == 200
    assert cancel["status"] == 503  # cancelled, but the client was not told
    assert _orders(api) == {"rest-me": "CANCELED"}


def test_http_hooks_register_list_and_delete(
    exchange: ExchangeThread, victim: subprocess.Popen[bytes]
) -> None:
    url = f"{exchange.rest_url}/admin/hooks"
    added = requests.post(url, json={"on": "order_list", "match": "L$", "when": "after", "pid": victim.pid,
                                     "signal": "SIGTERM", "nth": 2}, timeout=10).json()["hook"]  # fmt: skip
    assert (added["on"], added["signal"], added["nth"], added["fired"]) == (
        "order_list",
        signal.SIGTERM,
        2,
        0,
    )
    bad = [
        {"on": "orders"},
        {"on": "order", "action": "kill"},  # no pid
        {"on": "fill", "action": "error"},
        {"on": "order", "action": "error", "drop": True},
        {"on": "order", "when": "later", "action": "error"},
        {"on": "order", "action": "error", "colour": "red"},
    ]
    for spec in bad:
        r = requests.post(url, json=spec, timeout=10)
        assert r.status_code == 400, spec
        assert r.json()["msg"].startswith("bad hook")
    listed = requests.get(url, timeout=10).json()
    assert [h["hook_id"] for h in listed["hooks"]] == [added["hook_id"]]
    assert listed["firings"] == []
    assert requests.delete(url, params={"id": added["hook_id"]}, timeout=10).json() == {"removed": 1}
    assert requests.delete(url, timeout=10).json() == {"removed": 0}
