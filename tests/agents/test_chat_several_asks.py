"""Several things asked at once, and follow-ups to such an answer: a message cut at full stops between
terse asks, "also" after a question mark, capitals, statuses and "the same for" joining two asks, a
period named once for every part, and "same for eth" / "and yesterday?" asking each part again."""

from __future__ import annotations

import pytest
from chat_asks import asks

from aitrader.agents.chat.offline import OfflineEngine


def _intents(engine: OfflineEngine, question: str) -> list[str]:
    return [intent for intent, _ in asks(engine, question)]


@pytest.mark.parametrize(
    ("question", "intents"),
    [
        ("eth px. pnl today.", ["price", "pnl"]),
        ("what can you actually do? also is the bot live", ["help", "bot_status"]),
        ("WHAT IS MY RISK AND IS THE BOT ON", ["risk", "bot_status"]),
        ("sol price, sol min order size, and any sol orders open?", ["price", "symbol_info", "open_orders"]),
        # a story told in sentences before the questions does not stop them being cut
        (
            "Hello, retired postal worker from Saskatoon here. My son-in-law does most of this but he's away. "
            "Could you tell me two things: how much Ethereum I have, and what the price of Ethereum is today?",
            ["balance", "price"],
        ),
        ("how do i cancel an order? cancel all of them", ["help", "trade_request"]),  # "an" joins nothing
    ],
)
def test_several_asks_are_each_answered(engine: OfflineEngine, question: str, intents: list[str]) -> None:
    assert _intents(engine, question) == intents


def test_asks_that_differ_in_a_status_or_an_order_id_are_two(engine: OfflineEngine) -> None:
    assert [
        (i, e.get("status"), e.get("period"))
        for i, e in asks(engine, "list cancelled orders from yesterday and filled ones from today")
    ] == [
        ("order_history", "CANCELED", "yesterday"),
        ("order_history", "FILLED", "today"),
    ]
    ids = [e.get("order_id") for _, e in asks(engine, "Status of order 71234509 and also order 71234510")]
    assert ids == ["71234509", "71234510"]


def test_a_period_named_last_is_of_every_part(engine: OfflineEngine) -> None:
    parts = asks(engine, "Filled and cancelled orders today?")
    assert [(e.get("status"), e.get("period")) for _, e in parts] == [
        ("FILLED", "today"),
        ("CANCELED", "today"),
    ]


def test_the_same_for_another_coin_asks_the_same_again(engine: OfflineEngine) -> None:
    parts = asks(engine, "open orders for eth, and the same for btc")
    assert [(i, e.get("symbol")) for i, e in parts] == [
        ("open_orders", "ETHUSDT"),
        ("open_orders", "BTCUSDT"),
    ]


def test_a_follow_up_to_several_parts_asks_each_again(engine: OfflineEngine) -> None:
    assert _intents(engine, "how much sol do I have and what is it trading at") == ["balance", "price"]
    assert [(i, e.get("asset"), e.get("symbol")) for i, e in asks(engine, "same for eth")] == [
        ("balance", "ETH", None),
        ("price", "ETH", "ETHUSDT"),
    ]
    assert _intents(engine, "and yesterday?") == ["price"]  # a balance and a price have no period to change


def test_a_new_window_or_coin_for_both_parts(engine: OfflineEngine) -> None:
    assert _intents(engine, "my pnl this week and my trades this week") == ["pnl", "trades"]
    assert [(i, e.get("period")) for i, e in asks(engine, "and yesterday?")] == [
        ("pnl", "yesterday"),
        ("trades", "yesterday"),
    ]
    assert [(i, e.get("symbol")) for i, e in asks(engine, "only btc for both")] == [
        ("pnl", "BTCUSDT"),
        ("trades", "BTCUSDT"),
    ]
    assert _intents(engine, "what is the weather in Lagos") == ["out_of_scope"]
    assert _intents(engine, "and eth?") != [
        "pnl",
        "trades",
    ]  # a question of its own in between: no parts to repeat


def test_a_window_named_after_a_list_keeps_the_list(engine: OfflineEngine) -> None:
    assert asks(engine, "any expired orders?")[0][0] == "order_history"
    intent, ent = asks(engine, "over the last 2 weeks i mean")[0]
    assert (intent, ent.get("status"), ent.get("period")) == ("order_history", "EXPIRED", "last 2 weeks")


@pytest.mark.parametrize(
    ("question", "limit"),
    [
        ("trades.tail(3)", "3"),
        ("select * from orders where status='REJECTED' limit 10", "10"),
        ("orders.head( 4 )", "4"),
    ],
)
def test_a_count_in_pasted_code(engine: OfflineEngine, question: str, limit: str) -> None:
    assert asks(engine, question)[0][1].get("limit") == limit


def test_periods_in_spelt_out_compound_numbers(engine: OfflineEngine) -> None:
    assert asks(engine, "what did I make in the last twenty four hours")[0][1].get("period") == "last 24h"
    assert asks(engine, "pnl over the last forty-eight hours")[0][1].get("period") == "last 48h"


def test_a_follow_up_of_one_part_asks_that_part(engine: OfflineEngine) -> None:
    assert _intents(engine, "hows the bot, live or paper? and pnl today") == ["bot_status", "pnl"]
    assert asks(engine, "and since monday?") == [
        ("pnl", {"period": "since monday"})
    ]  # the status has no period
    assert _intents(engine, "whats my usdt balance and do i have any open orders") == [
        "balance",
        "open_orders",
    ]
    assert [(i, e.get("symbol")) for i, e in asks(engine, "only the sol ones")] == [
        ("open_orders", "SOLUSDT")
    ]
