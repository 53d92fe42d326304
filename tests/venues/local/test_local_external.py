"""External actions: another client of the account cancels the bot's OCO or sells coins, and the
user-data stream reports it exactly as it reports the account's own requests."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from decimal import Decimal
from typing import Any

import aiohttp
import requests

from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, ExchangeThread
from aitrader.venues.local.auth import ws_payload
from conftest import Api


def _position_with_two_ocos(api: Api) -> None:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.02",
           newClientOrderId="at-p1-1E")  # fmt: skip
    last = Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])
    for k, qty in ((1, "0.01"), (2, "0.00998")):
        api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity=qty, aboveType="LIMIT_MAKER",
               abovePrice=str(last + 100 * k), aboveClientOrderId=f"at-p1-1T{k}", belowType="STOP_LOSS",
               belowStopPrice=str(last - 300), belowClientOrderId=f"at-p1-1S{k}",
               listClientOrderId=f"at-p1-1L{k}")  # fmt: skip


def _subscribe() -> dict[str, Any]:
    params: dict[str, Any] = {"apiKey": DEFAULT_API_KEY, "timestamp": int(time.time() * 1000)}
    params["signature"] = hmac.new(
        DEFAULT_SECRET.encode(), ws_payload(params).encode(), hashlib.sha256
    ).hexdigest()
    return {"id": 1, "method": "userDataStream.subscribe.signature", "params": params}


def test_external_cancel_of_the_bots_list_reaches_the_user_stream(api: Api, exchange: ExchangeThread) -> None:
    _position_with_two_ocos(api)

    async def main() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        async with aiohttp.ClientSession() as s, s.ws_connect(exchange.ws_api_url) as ws:
            await ws.send_str(json.dumps(_subscribe()))
            await ws.receive(timeout=5)
            loop = asyncio.get_running_loop()
            done = await loop.run_in_executor(None, lambda: exchange.act(action="cancel_list", bot="last"))
            events = [json.loads((await ws.receive(timeout=5)).data)["event"] for _ in range(4)]
        return done, events

    done, events = asyncio.run(main())
    assert done["action"] == "cancel_list"
    (result,) = done["results"]
    assert (result["listClientOrderId"], result["listOrderStatus"]) == ("at-p1-1L2", "ALL_DONE")
    kinds = [(e["e"], e.get("x"), e.get("C") or e.get("c")) for e in events]
    assert kinds[:3] == [("executionReport", "CANCELED", "at-p1-1S2"), ("executionReport", "CANCELED", "at-p1-1T2"),
                         ("listStatus", None, "at-p1-1L2")]  # fmt: skip
    assert events[3]["e"] == "outboundAccountPosition"
    row = exchange.protection()["symbols"][0]
    assert [x["listClientOrderId"] for x in row["open_lists"]] == ["at-p1-1L1"]
    assert (row["cover"], row["naked_qty"], row["naked"]) == ("0.01", "0.00998", True)
    assert done["wall"] >= exchange.protection()["episodes"][0]["start"]


def test_external_cancel_by_name_cancel_order_and_refusals(api: Api, exchange: ExchangeThread) -> None:
    _position_with_two_ocos(api)
    by_name = exchange.act(action="cancel_list", listClientOrderId="at-p1-1L1")
    assert by_name["results"][0]["listClientOrderId"] == "at-p1-1L1"
    leg = exchange.act(action="cancel_order", origClientOrderId="at-p1-1S2")  # a leg cancels its list
    assert leg["results"][0]["listOrderStatus"] == "ALL_DONE"
    assert api.ok("GET", "openOrderList") == []
    url = f"{exchange.rest_url}/admin/act"
    nothing = requests.post(url, json={"action": "cancel_list", "bot": "all"}, timeout=10)
    assert (nothing.status_code, nothing.json()["code"]) == (400, -2011)
    unknown = requests.post(url, json={"action": "withdraw"}, timeout=10)
    assert unknown.status_code == 400
    assert "must be one of" in unknown.json()["msg"]
    too_much = requests.post(url, json={"action": "market_sell", "quantity": "5"}, timeout=10)
    assert (too_much.status_code, too_much.json()["code"]) == (400, -2010)


def test_external_market_sell_is_the_users_not_the_bots(api: Api, exchange: ExchangeThread) -> None:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.05",
           newClientOrderId="manual-1")  # the user's own coins  # fmt: skip
    _position_with_two_ocos(api)
    sold = requests.post(
        f"{exchange.rest_url}/admin/act", json={"action": "market_sell", "quantity": "0.02"}, timeout=10
    ).json()
    (order,) = sold["results"]
    assert order["clientOrderId"].startswith("ext-")
    assert (order["status"], order["executedQty"]) == ("FILLED", "0.02000000")
    report = exchange.protection()
    assert report["foreign_sold"] == "0"
    row = report["symbols"][0]
    assert (row["bot_net"], row["total_base"], row["naked"]) == ("0.01998", "0.04993", False)
