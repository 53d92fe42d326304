"""Orders on the local exchange: types, balances and fees, locks, rejections, cancels, queries."""

from __future__ import annotations

from decimal import Decimal

from aitrader.venues.local import ExchangeThread
from conftest import Api


def _last(api: Api) -> Decimal:
    return Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])


def _balances(api: Api) -> dict[str, tuple[Decimal, Decimal]]:
    acc = api.ok("GET", "account")
    return {b["asset"]: (Decimal(b["free"]), Decimal(b["locked"])) for b in acc["balances"]}


def test_account_shape_and_omit_zero_balances(api: Api) -> None:
    acc = api.ok("GET", "account")
    assert acc["commissionRates"] == {
        "maker": "0.00100000",
        "taker": "0.00100000",
        "buyer": "0.00000000",
        "seller": "0.00000000",
    }
    assert acc["makerCommission"] == 10
    assert acc["accountType"] == "SPOT"
    assert acc["permissions"] == ["SPOT"]
    assert {b["asset"] for b in acc["balances"]} == {"BTC", "USDT"}
    slim = api.ok("GET", "account", omitZeroBalances="true")
    assert slim["balances"] == [{"asset": "USDT", "free": "10000.00000000", "locked": "0.00000000"}]


def test_market_buy_and_sell_move_balances_and_charge_fees(api: Api) -> None:
    last = _last(api)
    buy = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01")
    assert buy["status"] == "FILLED"
    assert buy["type"] == "MARKET"
    assert buy["timeInForce"] == "GTC"
    fill = buy["fills"][0]
    assert Decimal(fill["price"]) == last
    assert fill["commissionAsset"] == "BTC"
    assert fill["commission"] == "0.00001000"
    assert Decimal(buy["cummulativeQuoteQty"]) == last * Decimal("0.01")
    bal = _balances(api)
    assert bal["BTC"] == (Decimal("0.00999"), Decimal(0))
    assert bal["USDT"][0] == Decimal(10000) - last * Decimal("0.01")
    sell = api.ok("POST", "order", symbol="BTCUSDT", side="SELL", type="MARKET", quoteOrderQty="100")
    assert sell["origQuoteOrderQty"] == "100.00000000"
    assert sell["fills"][0]["commissionAsset"] == "USDT"
    assert Decimal(sell["executedQty"]) == (Decimal(100) / last).quantize(
        Decimal("0.00001"), rounding="ROUND_FLOOR"
    )
    trades = api.ok("GET", "myTrades", symbol="BTCUSDT")
    assert [t["isBuyer"] for t in trades] == [True, False]
    assert trades[0]["isMaker"] is False
    assert set(trades[0]) == {"symbol", "id", "orderId", "orderListId", "price", "qty", "quoteQty", "commission",
                              "commissionAsset", "time", "isBuyer", "isMaker", "isBestMatch"}  # fmt: skip


def test_response_types_and_their_defaults(api: Api) -> None:
    last = _last(api)
    ack = api.ok(
        "POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001", newOrderRespType="ACK"
    )
    assert set(ack) == {"symbol", "orderId", "orderListId", "clientOrderId", "transactTime"}
    result = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                    quantity="0.001", price=str(last - 500), newOrderRespType="RESULT")  # fmt: skip
    assert "fills" not in result
    assert result["status"] == "NEW"
    assert result["workingTime"] == result["transactTime"]
    # Other types answer ACK by default.
    stop = api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="SELL",
        type="STOP_LOSS",
        quantity="0.0009",
        stopPrice=str(last - 300),
    )
    assert set(stop) == {"symbol", "orderId", "orderListId", "clientOrderId", "transactTime"}


def test_limit_order_locks_rests_and_fills_when_the_replay_reaches_it(
    api: Api, exchange: ExchangeThread
) -> None:
    last = _last(api)
    price = last - 40  # the next candle dips to 26190.56
    order = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                   quantity="0.1", price=str(price), newClientOrderId="my-limit_1")  # fmt: skip
    assert order["status"] == "NEW"
    assert order["fills"] == []
    assert _balances(api)["USDT"] == (Decimal(10000) - price * Decimal("0.1"), price * Decimal("0.1"))
    dup = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                  quantity="0.1", price=str(price), newClientOrderId="my-limit_1")  # fmt: skip
    assert dup == (400, -2010, "Duplicate order sent.")
    got = api.ok("GET", "order", symbol="BTCUSDT", origClientOrderId="my-limit_1")
    assert got["orderId"] == order["orderId"]
    assert got["isWorking"] is True
    assert got["stopPrice"] == "0.00000000"
    assert [o["orderId"] for o in api.ok("GET", "openOrders", symbol="BTCUSDT")] == [order["orderId"]]
    for _ in range(120):
        exchange.step(candles=1)
        if api.ok("GET", "order", symbol="BTCUSDT", orderId=order["orderId"])["status"] == "FILLED":
            break
    filled = api.ok("GET", "order", symbol="BTCUSDT", orderId=order["orderId"])
    assert filled["status"] == "FILLED"
    assert Decimal(filled["cummulativeQuoteQty"]) == price * Decimal("0.1")
    trade = api.ok("GET", "myTrades", symbol="BTCUSDT", orderId=order["orderId"])[0]
    assert trade["isMaker"] is True
    assert Decimal(trade["price"]) == price
    usdt = _balances(api)["USDT"]
    assert usdt == (Decimal(10000) - price * Decimal("0.1"), Decimal(0))
    # The same client order id is accepted again once the first order is no longer open.
    again = api.signed("POST", "order", symbol="BTCUSDT", side="SELL", type="MARKET", quantity="0.01",
                       newClientOrderId="my-limit_1")  # fmt: skip
    assert again.status_code == 200


def test_rejections_use_binance_codes_and_messages(api: Api) -> None:
    last = _last(api)
    lot = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.000001")
    assert lot == (400, -1013, "Filter failure: LOT_SIZE")
    tick = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                   quantity="0.001", price=str(last) + "1")  # fmt: skip
    assert tick == (400, -1013, "Filter failure: PRICE_FILTER")
    notional = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                       quantity="0.0001", price=str(last - 100))  # fmt: skip
    assert notional == (400, -1013, "Filter failure: NOTIONAL")
    funds = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1")
    assert funds == (400, -2010, "Account has insufficient balance for requested action.")
    sell = api.err("POST", "order", symbol="BTCUSDT", side="SELL", type="MARKET", quantity="0.01")
    assert sell[1] == -2010
    maker = api.err(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="LIMIT_MAKER",
        quantity="0.001",
        price=str(last + 10),
    )
    assert maker == (400, -2010, "Order would immediately match and take.")
    trig = api.err(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="STOP_LOSS",
        quantity="0.001",
        stopPrice=str(last - 10),
    )
    assert trig == (400, -2010, "Order would trigger immediately.")
    assert api.err("POST", "order", symbol="NOPE", side="BUY", type="MARKET", quantity="1")[1:] == (
        -1121,
        "Invalid symbol.",
    )
    assert api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", quantity="0.001", price="1")[
        2
    ] == ("Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.")
    both = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET")
    assert both[2] == "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!"
    ill = api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="1e-3")
    assert ill[1] == -1100
    assert "quantity" in ill[2]
    assert api.err("POST", "order", symbol="BTCUSDT", side="UP", type="MARKET", quantity="1")[1] == -1117
    assert api.err("POST", "order", symbol="BTCUSDT", side="BUY", type="ICEBERG", quantity="1")[1] == -1116
    stp = api.err(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="MARKET",
        quantity="0.001",
        selfTradePreventionMode="NOPE",
    )
    assert stp[1] == -1013


def test_ioc_fok_and_stop_orders(api: Api, exchange: ExchangeThread) -> None:
    last = _last(api)
    ioc = api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="LIMIT",
        timeInForce="IOC",
        quantity="0.001",
        price=str(last - 200),
    )
    assert ioc["status"] == "EXPIRED"
    assert ioc["expiryReason"] == "UNFILLED_IOC_QUANTITY_EXPIRED"
    fok = api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="LIMIT",
        timeInForce="FOK",
        quantity="0.001",
        price=str(last + 200),
    )
    assert fok["status"] == "FILLED"
    assert Decimal(fok["fills"][0]["price"]) == last
    stop = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="STOP_LOSS_LIMIT", timeInForce="GTC",
                  quantity="0.001", stopPrice=str(last + 20), price=str(last + 30), newOrderRespType="RESULT")  # fmt: skip
    assert stop["stopPrice"] == f"{last + 20:.8f}"
    assert stop["workingTime"] == -1
    for _ in range(200):
        exchange.step(candles=1)
        got = api.ok("GET", "order", symbol="BTCUSDT", orderId=stop["orderId"])
        if got["status"] != "NEW":
            break
    assert got["status"] == "FILLED"
    assert got["workingTime"] > 0


def test_cancels_order_test_and_rate_limit_endpoint(api: Api, exchange: ExchangeThread) -> None:
    exchange.exchange.limiter.clock = lambda: 1_700_000_003.0  # order counts use fixed 10 s windows
    last = _last(api)
    a = api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="LIMIT",
        timeInForce="GTC",
        quantity="0.001",
        price=str(last - 300),
    )
    b = api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="LIMIT",
        timeInForce="GTC",
        quantity="0.001",
        price=str(last - 400),
    )
    canceled = api.ok("DELETE", "order", symbol="BTCUSDT", orderId=a["orderId"], newClientOrderId="cancel-1")
    assert canceled["status"] == "CANCELED"
    assert canceled["origClientOrderId"] == a["clientOrderId"]
    assert canceled["clientOrderId"] == "cancel-1"
    assert api.err("DELETE", "order", symbol="BTCUSDT", orderId=a["orderId"]) == (
        400,
        -2011,
        "Unknown order sent.",
    )
    assert api.err("GET", "order", symbol="BTCUSDT", orderId=999999) == (400, -2013, "Order does not exist.")
    everything = api.ok("DELETE", "openOrders", symbol="BTCUSDT")
    assert [x["orderId"] for x in everything] == [b["orderId"]]
    assert api.err("DELETE", "openOrders", symbol="BTCUSDT") == (400, -2011, "Unknown order sent.")
    assert _balances(api)["USDT"] == (Decimal(10000), Decimal(0))
    assert len(api.ok("GET", "allOrders", symbol="BTCUSDT")) == 2
    assert api.ok("POST", "order/test", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001") == {}
    rates = api.ok("POST", "order/test", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001",
                   computeCommissionRates="true")  # fmt: skip
    assert rates["standardCommissionForOrder"] == {"maker": "0.00100000", "taker": "0.00100000"}
    assert len(api.ok("GET", "allOrders", symbol="BTCUSDT")) == 2  # order/test never reaches the book
    limits = api.ok("GET", "rateLimit/order")
    assert [x["interval"] for x in limits] == ["SECOND", "DAY"]
    assert limits[0]["count"] == 2
    r = api.signed("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.001")
    assert r.headers["X-MBX-ORDER-COUNT-10S"] == "3"
    assert r.headers["X-MBX-ORDER-COUNT-1D"] == "3"
