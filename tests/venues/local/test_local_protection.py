"""The protection monitor: exposure, cover and naked episodes from the exchange's records; doubles;
foreign coins sold. Real signed requests against a real local exchange."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import requests

from aitrader.domain import Candles
from aitrader.venues.local import AccountConfig, ExchangeThread, run_local_exchange
from conftest import Api, make_config

ENTRY = "at-p1-1E"


def _last(api: Api) -> Decimal:
    return Decimal(api.public("ticker/price", symbol="BTCUSDT").json()["price"])


def _oco(api: Api, qty: str, version: int = 1, k: str = "") -> Any:
    last = _last(api)
    return api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity=qty,
                  aboveType="LIMIT_MAKER", abovePrice=str(last + 300), aboveClientOrderId=f"at-p1-{version}T{k}",
                  belowType="STOP_LOSS", belowStopPrice=str(last - 300), belowClientOrderId=f"at-p1-{version}S{k}",
                  listClientOrderId=f"at-p1-{version}L{k}")  # fmt: skip


def _row(report: dict[str, Any]) -> dict[str, Any]:
    (row,) = [r for r in report["symbols"] if r["symbol"] == "BTCUSDT"]
    return row


@pytest.fixture
def foreign(sample_candles: dict[str, Candles]) -> Iterator[ExchangeThread]:
    """An account that holds 0.5 BTC of the user's own before the bot trades."""
    acc = AccountConfig(balances={"USDT": Decimal(10000), "BTC": Decimal("0.5")})
    with run_local_exchange(make_config(accounts=[acc]), sample_candles) as ex:
        yield ex


def test_a_bot_entry_is_naked_until_its_oco_covers_it(api: Api, exchange: ExchangeThread) -> None:
    assert exchange.protection()["symbols"] == []
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId=ENTRY)  # fmt: skip
    naked = exchange.protection()
    row = _row(naked)
    assert row["bot_net"] == "0.00999"  # 0.01 less the 0.1% commission taken in BTC
    assert (row["exposure"], row["cover"], row["naked_qty"], row["naked"]) == (
        "0.00999", "0", "0.00999", True,
    )  # fmt: skip
    assert naked["naked_now"] is True
    (episode,) = naked["episodes"]
    assert episode["end"] is None
    assert episode["max_qty"] == "0.00999"
    _oco(api, "0.00999")
    covered = exchange.protection()
    row = _row(covered)
    assert (row["cover"], row["naked_qty"], row["naked"]) == ("0.00999", "0", False)
    assert row["open_lists"][0]["listClientOrderId"] == "at-p1-1L"
    assert row["open_lists"][0]["quantity"] == "0.00999"
    (episode,) = covered["episodes"]
    assert episode["end"] is not None
    assert episode["end"] >= episode["start"]
    ex = exchange.exchange
    assert exchange.call(lambda: ex.protection.naked_seconds_after(episode["end"])) == 0.0
    assert exchange.call(lambda: ex.protection.naked_seconds_after(episode["start"])) == pytest.approx(
        episode["end"] - episode["start"]
    )


def test_half_a_cover_leaves_the_rest_naked_and_dust_does_not_count(
    api: Api, exchange: ExchangeThread
) -> None:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId=ENTRY)  # fmt: skip
    _oco(api, "0.005", k="1")
    row = _row(exchange.protection())
    assert (row["cover"], row["naked_qty"], row["naked"]) == ("0.005", "0.00499", True)
    _oco(api, "0.00498", k="2")  # 0.00001 BTC (~0.26 USDT) stays uncovered: below minNotional
    report = exchange.protection()
    row = _row(report)
    assert (row["naked_qty"], row["naked"]) == ("0.00001", False)
    assert report["naked_now"] is False
    assert [x["listClientOrderId"] for x in row["open_lists"]] == ["at-p1-1L1", "at-p1-1L2"]


def test_orders_that_are_not_the_bots_neither_expose_nor_cover(api: Api, exchange: ExchangeThread) -> None:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId="manual-buy")  # fmt: skip
    assert exchange.protection()["symbols"] == []
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId=ENTRY)  # fmt: skip
    last = _last(api)
    api.ok("POST", "orderList/oco", symbol="BTCUSDT", side="SELL", quantity="0.01", aboveType="LIMIT_MAKER",
           abovePrice=str(last + 300), belowType="STOP_LOSS", belowStopPrice=str(last - 300),
           listClientOrderId="someone-else")  # fmt: skip
    row = _row(exchange.protection())
    assert (row["bot_net"], row["total_base"], row["cover"], row["naked"]) == (
        "0.00999", "0.01998", "0", True,
    )  # fmt: skip


def test_a_bot_sell_beyond_its_own_coins_is_foreign_sold(foreign: ExchangeThread) -> None:
    api = Api(foreign.rest_url)
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId=ENTRY)  # fmt: skip
    row = _row(foreign.protection())
    assert (row["bot_net"], row["total_base"], row["exposure"]) == ("0.00999", "0.50999", "0.00999")
    api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="SELL",
        type="MARKET",
        quantity="0.1",
        newClientOrderId="own-sale",
    )  # the user selling their own coins is no concern of the bot's
    assert foreign.protection()["foreign_sold"] == "0"
    api.ok("POST", "order", symbol="BTCUSDT", side="SELL", type="MARKET", quantity="0.02",
           newClientOrderId="at-p1-1X")  # fmt: skip
    report = foreign.protection()
    assert report["foreign_sold"] == "0.01001"
    row = _row(report)
    assert (row["bot_net"], row["exposure"], row["naked"]) == ("0", "0", False)


def test_an_id_accepted_twice_is_a_double(api: Api, exchange: ExchangeThread) -> None:
    last = _last(api)
    rest = api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="LIMIT", timeInForce="GTC",
                  quantity="0.01", price=str(last - 2000), newClientOrderId="at-p2-1E")  # fmt: skip
    api.ok("DELETE", "order", symbol="BTCUSDT", orderId=rest["orderId"])
    api.ok(
        "POST",
        "order",
        symbol="BTCUSDT",
        side="BUY",
        type="MARKET",
        quantity="0.01",
        newClientOrderId="at-p2-1E",
    )  # Binance takes the id again once the first order is closed
    for _ in range(2):
        api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
               newClientOrderId="at-p3-1E")  # fmt: skip
    first = _oco(api, "0.01")
    api.ok("DELETE", "orderList", symbol="BTCUSDT", orderListId=first["orderListId"])
    _oco(api, "0.01")
    doubles = {(d["kind"], d["id"]): d for d in exchange.protection()["doubles"]}
    assert set(doubles) == {("order", "at-p2-1E"), ("order", "at-p3-1E"), ("order", "at-p1-1S"),
                            ("order", "at-p1-1T"), ("order_list", "at-p1-1L")}  # fmt: skip
    assert doubles[("order", "at-p2-1E")]["executed"] == ["0", "0.01"]
    assert doubles[("order", "at-p2-1E")]["executed_twice"] is False
    assert doubles[("order", "at-p3-1E")]["executed_twice"] is True
    assert len(doubles[("order_list", "at-p1-1L")]["ids"]) == 2


def test_http_report_reset_and_loopback_only_json(api: Api, exchange: ExchangeThread) -> None:
    api.ok("POST", "order", symbol="BTCUSDT", side="BUY", type="MARKET", quantity="0.01",
           newClientOrderId=ENTRY)  # fmt: skip
    _oco(api, "0.00999")
    got = requests.get(f"{exchange.rest_url}/admin/protection", timeout=10).json()
    assert len(got["episodes"]) == 1
    assert got["max_naked_s"] >= 0
    later = requests.get(f"{exchange.rest_url}/admin/protection", params={"after": 4e9}, timeout=10).json()
    assert later["max_naked_s"] == 0.0
    bad = requests.get(f"{exchange.rest_url}/admin/protection", params={"after": "soon"}, timeout=10)
    assert bad.status_code == 400
    reset = requests.post(f"{exchange.rest_url}/admin/protection/reset", timeout=10).json()
    assert reset["episodes"] == []
    assert _row(reset)["bot_net"] == "0.00999"  # positions are kept, only the history goes
