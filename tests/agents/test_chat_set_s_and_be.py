"""Stop 46: the general classes set S (now tuned on) and sets ba–be missed on first sight — whether a coin
can be had here asked, not ordered ("is it possible to buy kaspa on this exchange?", "chez vous"); a coin
named with two letters swapped ("dgoe"); money that is not crypto and a phone's timer out of scope; the
locked part of a balance ("tied up in open orders") not read as the orders; an amount glued to a word of
another script ("0.5ETHって") or carried ("the same amount of eth"); a remark beside a request ("the user
already approved it") not hiding the question before it; a count of hours ("make that 36") not read as a
count of trades; and questions of more languages glossed (Czech, Turkish, Darija, Swahili, Japanese,
Korean, Vietnamese, Portuguese, Italian, French, German, Malay)."""

from __future__ import annotations

import pytest
from chat_asks import assert_asked_in_parts, assert_last_turn_read_as, assert_read_as, refused

from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.refusal import asks_to_act


@pytest.mark.parametrize(
    ("question", "intent", "entities"),
    [
        ("is it possible to buy kaspa on this exchange?", "unlisted", {"asset": "KAS"}),
        ("can i trade pi coin here?", "unlisted", {"asset": "PI"}),
        ("Est-ce qu'on peut acheter du Dogecoin chez vous ?", "unlisted", {"asset": "DOGE"}),
        ("prcie of dgoe", "unlisted", {"asset": "DOGE"}),
        ("can you place trades at all, or is this read-only?", "help", {}),
        ("s čím mi můžeš pomoct?", "help", {}),
        ("Bana hangi konularda yardımcı olabilirsin?", "help", {}),
        ("chno t9der tdir enta?", "help", {}),
        ("what's the naira to dollar rate today?", "out_of_scope", {}),
        ("set an alarm for 6am", "out_of_scope", {}),
        ("tolong buat kerja rumah matematik aku", "out_of_scope", {}),
        ("qui a gagné la coupe du monde ?", "out_of_scope", {}),
        ("el bot rah khdam wla wa9ef?", "bot_status", {}),
        ("how much of my USDT is tied up in open orders?", "balance", {"asset": "USDT"}),
        ("why is there an oco on btc?", "why", {"symbol": "BTCUSDT"}),
        ("what has to happen for the bot to buy sol?", "analysis", {"symbol": "SOLUSDT"}),
        ("what's an eth going for right now?", "price", {"symbol": "ETHUSDT"}),
        ("how'm i tracking this week", "pnl", {"period": "this week"}),
        ("does the bot have a weekly loss limt?", "risk", {}),
        ("ch7al rba7t had la semaine?", "pnl", {"period": "this week"}),
        ("orders zilizocancel jana", "order_history", {"status": "CANCELED", "period": "yesterday"}),
        ("BTCはどれくらい持ってますか", "balance", {"asset": "BTC"}),
        ("0.5ETHって今いくら?", "price", {"symbol": "ETHUSDT", "amount": "0.5"}),
        ("어제부터 체결된 거래", "trades", {"period": "since yesterday"}),
        ("Tổng tài sản quy ra đô la là bao nhiêu?", "account_value", {"quote": "USDT"}),
        ("O que o bot acha do ETH?", "analysis", {"symbol": "ETHUSDT"}),
        ("tampilkan transaksi jual saya", "trades", {"side": "SELL"}),
        ("Mua BTC tối thiểu là bao nhiêu?", "symbol_info", {"symbol": "BTCUSDT"}),
        ("tô arriscando quanto por trade?", "risk", {}),
        ("e ieri perché è fermo?", "why_not", {"period": "yesterday"}),
        ("Mindestnotional für SOLUSDT?", "symbol_info", {"symbol": "SOLUSDT"}),
        ("the orders wey dem reject, abeg show me", "order_history", {"status": "REJECTED"}),
        ("recent fills on btc", "trades", {"symbol": "BTCUSDT", "limit": None}),
        ("what have I made so far in total", "pnl", {"period": "all time"}),
        ("list the orders that haven't filled yet", "open_orders", {}),
    ],
)
def test_questions_are_read_as_asked(
    engine: OfflineEngine, question: str, intent: str, entities: dict[str, str | None]
) -> None:
    assert_read_as(engine, question, intent, entities)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "What's my SOL balance? After that, also sell 1 SOL, it's approved.",
            [("balance", {"asset": "SOL"}), ("trade_request", {})],
        ),
        (
            "Summarise my trades for today. Then cancel every open order.",
            [("trades", {"period": "today"}), ("trade_request", {})],
        ),
        (
            "Could you tell me my ETH balance, and secondly whether there are any open orders?",
            [("balance", {"asset": "ETH"}), ("open_orders", {})],
        ),
        (
            "Tôi còn bao nhiêu BTC, và có lệnh nào đang mở không?",
            [("balance", {"asset": "BTC"}), ("open_orders", {})],
        ),
        (
            "ch7al 3andi BTC, w chhal soum el ETH daba?",
            [("balance", {"asset": "BTC"}), ("price", {"symbol": "ETHUSDT"})],
        ),
    ],
)
def test_each_ask_is_answered(
    engine: OfflineEngine, question: str, parts: list[tuple[str, dict[str, str]]]
) -> None:
    assert_asked_in_parts(engine, question, parts)


@pytest.mark.parametrize(
    ("turns", "intent", "entities"),
    [
        (
            ["what would 2 sol be worth?", "and the same amount of eth?"],
            "price",
            {"symbol": "ETHUSDT", "amount": "2"},
        ),
        (["how much eth do i have", "and how much bitcoin?"], "balance", {"asset": "BTC"}),
        (
            ["btc trades in the last 12h", "make that 36"],
            "trades",
            {"symbol": "BTCUSDT", "period": "last 36h", "limit": None},
        ),
        (["what happened to order 1234567", "and 1234568?"], "order_history", {"order_id": "1234568"}),
        (
            ["aped into anything today?", "and dumped anything?"],
            "trades",
            {"side": "SELL", "period": "today"},
        ),
        (
            ["my eth trades this week", "actually make that sol"],
            "trades",
            {"symbol": "SOLUSDT", "period": "this week"},
        ),
        (["0.2BTCっていくら?", "じゃあ0.3だと?"], "price", {"symbol": "BTCUSDT", "amount": "0.3"}),
    ],
)
def test_follow_ups_keep_the_question(
    engine: OfflineEngine, turns: list[str], intent: str, entities: dict[str, str | None]
) -> None:
    assert_last_turn_read_as(engine, turns, intent, entities)


@pytest.mark.parametrize(
    "request_",
    [
        "把止损改到2900",  # change the stop to 2900
        "jual semua sol saya sekarang",  # sell all my SOL now
        "set a timer and then sell my btc",
        "vous pouvez vendre mon btc ?",
        "wa9ef lbot daba",  # stop the bot now
        "mua sol tối thiểu đi",  # buy the minimum of SOL
        "can you place trades at all? sell my eth",
    ],
)
def test_requests_beside_them_are_still_refused(engine: OfflineEngine, request_: str) -> None:
    assert asks_to_act(request_) or refused(engine, request_)
