"""More of what the offline understanding reads from a question: period idioms ("since inception", "on
the day", "across both days"), when a status word filters orders and when it only asks about them,
counts, sides, the currency a total is counted in, coins typed with a slip, and follow-ups that carry
the last question's filters."""

from __future__ import annotations

import pytest
from chat_fakes import NOW

from aitrader.agents.chat.entities import extract
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.order_status import order_status
from aitrader.agents.chat.periods import parse_period
from aitrader.agents.chat.universe import Universe


def _label(text: str) -> str | None:
    period = parse_period(text, NOW)  # NOW is Friday 2023-05-05 12:00 UTC
    return period.label if period else None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("P&L since inception", "all time"),
        ("trade log for eth, all of it, from day one", "all time"),
        ("lifetime pnl", "all time"),
        ("how much have I made in total", "all time"),
        ("Realised gains and losses for the previous week", "last week"),
        ("the past week's trades", "last 7 days"),
        ("Show us me trades from the last fortnight", "last 2 weeks"),
        ("realised pnl across both days", "since yesterday"),
        ("pnl yesterday and today", "since yesterday"),
        ("realized on the day?", "today"),
        ("why no entries all week", "this week"),
        ("and for the whole week", "this week"),
        ("week?", "this week"),
        ("Realised P&L month-to-date on BTCUSDT.", "this month"),
        ("fills in the past 2 days", "last 2 days"),
        ("extend to 3 days", "last 3 days"),
        ("and last 48?", "last 48h"),
        ("my btc trades since yday", "since yesterday"),
        ("Paki-show naman yung mga trades ko kahapon", "yesterday"),
        ("pnl last month", "last month"),
        ("Gains and losses over the preceding 72 hours", "last 72h"),
        ("has anything been cancelled over the last couple of days", "last 2 days"),
        ("the executions on BTCUSDT between Monday and now", "since monday"),
        ("from monday until now trade what", "since monday"),
        ("then why hasn't it traded in 48 hours", "last 48h"),
        ("pnl ytd", "since 2023-01-01"),
        ("Realised P&L since the 1st, to the cent.", "since 2023-05-01"),
        ("orders since the 30th", "since 2023-04-30"),  # still ahead this month: last month's
    ],
)
def test_period_idioms(text: str, label: str) -> None:
    assert _label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "How much do I have in total?",  # a sum of holdings, not a period
        "how much is at risk right now in total",
        "3 days ago",
        "remind me in 3 days",
        "the bot bought ETH two days ago",
        "last 5",  # a count (entities), not hours
    ],
)
def test_no_period_where_none_is_named(text: str) -> None:
    assert _label(text) is None


def test_a_named_day_beats_a_bare_count_of_hours() -> None:
    assert _label("just got off a 12hr night shift, how much did I make today") == "today"
    assert _label("pnl 12h") == "last 12h"


def test_last_month_is_the_calendar_month_before_this_one() -> None:
    period = parse_period("pnl last month", NOW)
    assert period is not None
    assert (period.since_ms, period.until_ms) == (1680307200000, 1682899200000)  # April 2023, UTC


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("cancels this week", "CANCELED"),
        ("cancelled btc orders", "CANCELED"),
        ("only filled", "FILLED"),
        ("and the ones filled?", "FILLED"),
        ("the ETH orders that already went through", "FILLED"),
        ("every order on BTCUSDT that expired without being filled", "EXPIRED"),
        ("did any orders get filled today", "FILLED"),
        ("hist cxl", "CANCELED"),
        ("hist rej", "REJECTED"),
        ("what orders did i have yesterday on btc, cancelled or not", None),
        ("five most recent orders, regardless of whether they were filled or cancelled", None),
        ("cancelled and rejected orders", None),  # several statuses: no one filter
        ("whether any part of my order has been filled", None),
        ("has any of my buy order filled yet?", None),
        ("the full ETH order history, cancellations included", None),
        ("orders waiting to get filled", None),
        ("list all orders of mine that have not yet been executed", None),
        ("which of my orders haven't filled yet", None),
        ("list any one-cancels-the-other order lists", None),
        ("filled 0.5 btc", None),  # a quantity, not the orders it narrows
    ],
)
def test_order_status_filters_only_when_it_narrows(text: str, status: str | None) -> None:
    assert order_status(text.lower()) == status


def test_an_order_named_by_id_has_its_status_asked(universe: Universe) -> None:
    ent = extract("the order id is 2290417, has it been filled or did it went thru?", universe, NOW)
    assert (ent.order_id, ent.status) == ("2290417", None)
    assert extract("my order 9912034 went thru?", universe, NOW).status is None


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("my last trade", 1),
        ("my last ordr, did it go thru?", 1),
        ("last 5", 5),
        ("what about last 10", 10),
        ("give me last 2 only", 2),
        ("show me the last three things the bot sold", 3),
        ("and last 48?", None),  # hours
        ("trades last 24h", None),
    ],
)
def test_counts(universe: Universe, text: str, limit: int | None) -> None:
    assert extract(text, universe, NOW).limit == limit


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("why did the bot by eth", "BUY"),
        ("show me the orders i placed to by solana this week", "BUY"),
        ("bro why'd the bot ape into eth", "BUY"),
        ("any working offers on SOL", "SELL"),
        ("all executed bitcoin sales since monday", "SELL"),
        ("did I flog any bitcoin today", "SELL"),
        ("orders placed by the bot", None),
        ("what does the bot offer", None),
    ],
)
def test_sides(universe: Universe, text: str, side: str | None) -> None:
    assert extract(text, universe, NOW).side == side


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Total equity, USDT-denominated.", "USDT"),
        ("what's my account value in tether", "USDT"),
        ("if i sold everything right now how much usdt would i end up with", "USDT"),
        ("if I cashed out everything right now how many dollars would that be roughly", "USDT"),
        ("whats my whole account worth in usd", "USDT"),
        ("what is my account worth", None),
    ],
)
def test_the_currency_a_total_is_counted_in(universe: Universe, text: str, quote: str | None) -> None:
    assert extract(text.lower(), universe, NOW).quote == quote


@pytest.mark.parametrize(
    ("text", "asset"),
    [
        ("how much dry powder do i have", "USDT"),
        ("hey how much soul do I have in my account", "SOL"),
        ("opne orders on etj", "ETH"),
        ("any orders on eht", "ETH"),
        ("how much money do i have", None),
        ("gtc orders", None),  # good-till-cancelled, not a slip of BTC
    ],
)
def test_coins_named_another_way_or_with_a_slip(universe: Universe, text: str, asset: str | None) -> None:
    assert extract(text, universe, NOW).asset == asset


@pytest.mark.parametrize(
    ("text", "backref"),
    [
        ("profit in this time?", True),
        ("why did the bot place this order?", True),
        ("this week's trades", False),
    ],
)
def test_words_pointing_back(universe: Universe, text: str, backref: bool) -> None:
    assert extract(text, universe, NOW).backref is backref


def test_this_time_points_back_at_the_last_period(engine: OfflineEngine) -> None:
    engine.ask("Show me my trades of the last 3 days.")
    a = engine.ask("What was my realised profit with ETH in this time?")
    assert (a.intent, a.entities.get("period"), a.entities.get("symbol")) == ("pnl", "last 3 days", "ETHUSDT")


def test_follow_ups_that_only_change_a_filter(engine: OfflineEngine) -> None:
    engine.ask("pnl today")
    a = engine.ask("week?")
    assert (a.intent, a.entities.get("period")) == ("pnl", "this week")
    b = OfflineEngine(engine.ctx)
    b.ask("my BTC trades")
    c = b.ask("nah the buys")  # a filler word does not make a new question
    assert (c.intent, c.entities.get("symbol"), c.entities.get("side")) == ("trades", "BTCUSDT", "BUY")
    d = b.ask("last 5")
    assert (d.intent, d.entities.get("symbol"), d.entities.get("limit")) == ("trades", "BTCUSDT", "5")
    e = OfflineEngine(engine.ctx)
    e.ask("order history ETHUSDT")
    f = e.ask("status=CANCELED")
    assert (f.intent, f.entities.get("symbol"), f.entities.get("status")) == (
        "order_history",
        "ETHUSDT",
        "CANCELED",
    )
