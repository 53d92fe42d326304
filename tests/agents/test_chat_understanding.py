"""What the offline understanding makes of the ways people ask: filters and time words, totals in a
currency, why no trade, analysis, two questions in one, follow-ups and amounts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from chat_fakes import NOW, MemoryAccount, MemoryJournal

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.entities import extract
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.periods import parse_period
from aitrader.agents.chat.tool_io import AccountValueOut, HistoryOut, TradesOut


@pytest.fixture
def engine() -> OfflineEngine:
    return OfflineEngine(ToolContext(account=MemoryAccount(), journal=MemoryJournal()))


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("my last trade", 1),
        ("last 3 orders", 3),
        ("the four most recent trades", 4),
        ("recent fills", None),  # no count named: every fill, newest first
        ("just the last one", 1),
        ("trades in the last 3 days", None),
    ],
)
def test_last_and_counts_become_a_limit(engine: OfflineEngine, text: str, limit: int | None) -> None:
    assert extract(text, engine.ctx.universe, NOW).limit == limit


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("pnl 7d", "last 7 days"),
        ("orders from the last 12h", "last 12h"),
        ("fills in the past day", "last 24h"),
        ("realsied pnl this weak", "this week"),
        ("did we make money yesturday", "yesterday"),
        ("trades since 28 Nov", "since 2022-11-28"),
        ("since the 1st of May", "since 2023-05-01"),
    ],
)
def test_time_words(text: str, label: str) -> None:
    period = parse_period(text, NOW)  # NOW is 2023-05-05: a date still ahead this year is last year's
    assert period is not None
    assert period.label == label


def test_cancelled_and_last_filter_the_history(engine: OfflineEngine) -> None:
    a = engine.ask("cancelled btc orders")
    assert (a.intent, a.entities.get("status")) == ("order_history", "CANCELED")
    out = HistoryOut.model_validate(a.data)
    assert out.orders
    assert all(o.status == "CANCELED" for o in out.orders)
    b = OfflineEngine(engine.ctx).ask("my last btc order")
    newest = HistoryOut.model_validate(b.data)
    assert b.entities["limit"] == "1"
    assert len(newest.orders) == 1
    assert newest.matched > 1
    assert newest.orders[0].time_ms == max(o.time_ms for o in engine.ctx.account.orders("BTCUSDT", None))


def test_last_trade_is_one_row(engine: OfflineEngine) -> None:
    a = engine.ask("what was my last trade?")
    out = TradesOut.model_validate(a.data)
    assert len(out.trades) == 1
    assert out.matched >= 1
    assert a.text.startswith("Your last trade")


def test_account_total_in_a_currency(engine: OfflineEngine) -> None:
    usdt = engine.ask("total account value in usdt")
    assert (usdt.intent, usdt.tool) == ("account_value", "get_account_value")
    in_usdt = AccountValueOut.model_validate(usdt.data)
    assert usdt.text.startswith("Your account is worth ")
    btc = OfflineEngine(engine.ctx).ask("what's my portfolio worth in btc?")
    in_btc = AccountValueOut.model_validate(btc.data)
    assert in_btc.quote == "BTC"
    assert in_btc.rate is not None
    assert in_btc.total == pytest.approx(in_usdt.total / in_btc.rate, rel=Decimal("1e-9"))


def test_why_no_trade_names_the_refusals(engine: OfflineEngine) -> None:
    a = engine.ask("why didn't you buy sol?")
    assert (a.intent, a.tool, a.entities.get("symbol")) == ("why_not", "explain_no_trade", "SOLUSDT")
    assert "stop too tight for the fees and slippage" in a.text
    assert "Last trade:" not in a.text or "SOLUSDT" in a.text


def test_two_questions_in_one_get_two_answers(engine: OfflineEngine) -> None:
    a = engine.ask("what's my btc balance and the price of eth?")
    assert a.intent == "multi"
    assert [(p.intent, p.entities.get("asset"), p.entities.get("symbol")) for p in a.parts] == [
        ("balance", "BTC", None),
        ("price", "ETH", "ETHUSDT"),
    ]
    assert a.parts[0].text in a.text
    assert a.parts[1].text in a.text
    b = OfflineEngine(engine.ctx).ask("btc and eth prices pls")
    assert [p.entities["symbol"] for p in b.parts] == ["BTCUSDT", "ETHUSDT"]
    c = OfflineEngine(engine.ctx).ask("is there a stop-loss and take-profit pair set up on ETH?")
    assert c.intent == "order_lists"  # "and" between two nouns is one question


def test_follow_ups_carry_the_coin_and_amounts(engine: OfflineEngine) -> None:
    assert engine.ask("what's the price of eth").intent == "price"
    a = engine.ask("and 1.5?")
    assert (a.intent, a.entities["symbol"], a.entities["amount"]) == ("price", "ETHUSDT", "1.5")
    b = engine.ask("should I buy?")
    assert (b.intent, b.entities["symbol"]) == ("analysis", "ETHUSDT")


def test_clear_questions_are_not_clarified(engine: OfflineEngine) -> None:
    for q in ("Are we in paper mode or live?", "uptime", "last 10 orders", "btc px", "NAV", "wat can u do"):
        assert not OfflineEngine(engine.ctx).ask(q).clarification, q


def test_off_topic_questions_are_out_of_scope(engine: OfflineEngine) -> None:
    for q in (
        "how tall is mount everest",
        "recommend a good sci-fi book",
        "help me write an email to my boss",
    ):
        assert OfflineEngine(engine.ctx).ask(q).intent == "out_of_scope", q
