"""OCO order lists: one lock for both legs, price rules, a fill expiring the other leg, cancels."""

from __future__ import annotations

from decimal import Decimal

from aitrader.venues.local import ExchangeThread
from conftest import Api


def _setup(api: Api) -> Decimal:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.02")
    return Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])


def _btc(api: Api) -> tuple[Decimal, Decimal]:
    b = next(x for x in api.ok("GET", "account")["balances"] if x["asset"] == "BTC")
    return Decimal(b["free"]), Decimal(b["locked"])


def test_oco_locks_once_and_the_filled_leg_expires_the_other(api: Api, exchange: ExchangeThread) -> None:
    last = _setup(api)
    free_before = _btc(api)[0]
    oco = api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.01",
                 aboveType="LIMIT_MAKER", abovePrice=str(last + 100),
                 belowType="STOP_LOSS_LIMIT", belowStopPrice=str(last - 500), belowPrice=str(last - 510),
                 belowTimeInForce="GTC", listClientOrderId="bracket-1")  # fmt: skip
    assert (oco["contingencyType"], oco["listStatusType"], oco["listOrderStatus"]) == (
        "OCO",
        "EXEC_STARTED",
        "EXECUTING",
    )
    assert oco["listClientOrderId"] == "bracket-1"
    assert len(oco["orders"]) == 2
    stop_report, maker_report = oco["orderReports"]
    assert stop_report["type"] == "STOP_LOSS_LIMIT"
    assert stop_report["workingTime"] == -1
    assert "stopPrice" in stop_report
    assert maker_report["type"] == "LIMIT_MAKER"
    assert "stopPrice" not in maker_report
    assert _btc(api) == (free_before - Decimal("0.01"), Decimal("0.01"))
    assert [x["orderListId"] for x in api.ok("GET", "openOrderList")] == [oco["orderListId"]]
    again = api.err("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.001",
                    aboveType="LIMIT_MAKER", abovePrice=str(last + 100), belowType="STOP_LOSS",
                    belowStopPrice=str(last - 500), listClientOrderId="bracket-1")  # fmt: skip
    assert again == (400, -2010, "Duplicate order sent.")
    assert len(api.ok("GET", "openOrders", symbol="BTCUSDT")) == 2
    for _ in range(300):
        exchange.step(candles=1)
        if not api.ok("GET", "openOrderList"):
            break
    lst = api.ok("GET", "orderList", orderListId=oco["orderListId"])
    assert (lst["listStatusType"], lst["listOrderStatus"]) == ("ALL_DONE", "ALL_DONE")
    legs = {
        o["type"]: o
        for o in (api.ok("GET", "order", symbol="BTCUSDT", orderId=x["orderId"]) for x in lst["orders"])
    }
    assert legs["LIMIT_MAKER"]["status"] == "FILLED"
    assert legs["STOP_LOSS_LIMIT"]["status"] == "EXPIRED"
    assert _btc(api) == (free_before - Decimal("0.01"), Decimal(0))
    trade = api.ok("GET", "myTrades", symbol="BTCUSDT")[-1]
    assert trade["orderListId"] == oco["orderListId"]
    assert trade["isMaker"] is True


def test_oco_price_relationship_and_combinations(api: Api) -> None:
    last = _setup(api)
    wrong = api.err("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.01",
                    aboveType="LIMIT_MAKER", abovePrice=str(last - 100),
                    belowType="STOP_LOSS", belowStopPrice=str(last - 500))  # fmt: skip
    assert wrong == (400, -2010, "The relationship of the prices for the orders is not correct.")
    two_stops = api.err("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.01",
                        aboveType="STOP_LOSS", aboveStopPrice=str(last + 100),
                        belowType="STOP_LOSS", belowStopPrice=str(last - 500))  # fmt: skip
    assert two_stops[1] == -2010
    missing = api.err("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.01",
                      aboveType="LIMIT_MAKER", belowType="STOP_LOSS", belowStopPrice=str(last - 500))  # fmt: skip
    assert missing[1:] == (
        -1102,
        "Mandatory parameter 'abovePrice' was not sent, was empty/null, or malformed.",
    )


def test_legacy_oco_and_cancels(api: Api) -> None:
    last = _setup(api)
    legacy = api.ok("POST", "order/oco", symbol="BTCUSDT", side="SELL", quantity="0.005", price=str(last + 200),
                    stopPrice=str(last - 200), stopLimitPrice=str(last - 210), stopLimitTimeInForce="GTC")  # fmt: skip
    assert {r["type"] for r in legacy["orderReports"]} == {"STOP_LOSS_LIMIT", "LIMIT_MAKER"}
    canceled = api.ok("DELETE", "orderList", symbol="BTCUSDT", orderListId=legacy["orderListId"])
    assert canceled["listOrderStatus"] == "ALL_DONE"
    assert {r["status"] for r in canceled["orderReports"]} == {"CANCELED"}
    assert api.err("DELETE", "orderList", symbol="BTCUSDT", orderListId=legacy["orderListId"])[1] == -2011
    buy_oco = api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="BUY", quantity="0.005",
                     aboveType="STOP_LOSS", aboveStopPrice=str(last + 300),
                     belowType="LIMIT_MAKER", belowPrice=str(last - 300))  # fmt: skip
    usdt_locked = Decimal(
        next(b for b in api.ok("GET", "account")["balances"] if b["asset"] == "USDT")["locked"]
    )
    assert usdt_locked == (last + 300) * Decimal("0.005")
    leg = buy_oco["orders"][0]["orderId"]
    via_leg = api.ok("DELETE", "order", symbol="BTCUSDT", orderId=leg)
    assert via_leg["orderListId"] == buy_oco["orderListId"]
    assert len(via_leg["orderReports"]) == 2
    assert api.ok("GET", "openOrders", symbol="BTCUSDT") == []
    usdt_locked = Decimal(
        next(b for b in api.ok("GET", "account")["balances"] if b["asset"] == "USDT")["locked"]
    )
    assert usdt_locked == 0
    third = api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.005",
                   aboveType="LIMIT_MAKER", abovePrice=str(last + 100),
                   belowType="STOP_LOSS", belowStopPrice=str(last - 100))  # fmt: skip
    plain = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC", quantity="0.001",
                   price=str(last - 1000))  # fmt: skip
    mixed = api.ok("DELETE", "openOrders", symbol="BTCUSDT")
    assert {x.get("orderListId") for x in mixed} == {third["orderListId"], -1}
    assert any("orderReports" in x for x in mixed)
    assert any(x.get("orderId") == plain["orderId"] for x in mixed)
