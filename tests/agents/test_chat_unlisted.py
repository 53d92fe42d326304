"""A ticker the venue does not list gets "isn't listed; listed: …", not "which symbol?"."""

from __future__ import annotations

import pytest
from chat_fakes import MemoryAccount, MemoryJournal

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.unlisted import listed_hint, unlisted_names


@pytest.fixture
def engine() -> OfflineEngine:
    return OfflineEngine(ToolContext(account=MemoryAccount(), journal=MemoryJournal()))


@pytest.mark.parametrize(
    ("question", "name", "tail"),
    [
        ("price of DOGEUSDT", "DOGEUSDT", ", so I have no price for it"),
        ("price of dogeusdt", "DOGEUSDT", ", so I have no price for it"),
        ("what's dogecoin at?", "DOGE", ", so I have no price for it"),
        ("price of doge/usdt", "DOGEUSDT", ", so I have no price for it"),
        ("tick size of PEPE", "PEPE", ", so it has no trading rules here"),
        ("open orders on XRPUSDT", "XRPUSDT", ", so you have no open orders on it"),
        ("is ethereum classic trending?", "ETC", ", so I have no market data to analyse it"),
    ],
)
def test_unlisted_ticker_is_named_with_the_listed_ones(
    engine: OfflineEngine, question: str, name: str, tail: str
) -> None:
    a = engine.ask(question)
    hint = listed_hint(engine.ctx.universe)
    assert a.text == f"{name} isn't listed on this venue{tail}; listed: {hint}."
    assert a.intent == "unlisted"
    assert a.tool is None
    assert not a.clarification
    assert "BTCUSDT" in hint


def test_a_balance_of_an_unlisted_asset_says_what_is_held(engine: OfflineEngine) -> None:
    hint = listed_hint(engine.ctx.universe)
    none = engine.ask("how much doge do i have?")
    assert (none.intent, none.entities) == ("unlisted", {"asset": "DOGE"})
    assert none.text == f"You hold no DOGE: DOGE isn't listed on this venue; listed: {hint}."
    held = engine.ask("my BNB balance")  # the wallet holds BNB, which no market here trades
    assert held.text == (
        f"You hold 0.5 BNB (free 0.5, locked 0), but BNB isn't listed on this venue, so I can't price it; listed: {hint}."
    )


def test_listed_names_and_plain_words_are_left_alone(engine: OfflineEngine) -> None:
    assert engine.ask("price of BTCUSDT").intent == "price"
    assert engine.ask("what's bitcoin at").intent == "price"
    assert engine.ask("show my open orders").intent == "open_orders"
    fresh = OfflineEngine(engine.ctx)  # a new conversation: no coin to carry over
    assert fresh.ask("price?").text.startswith("Which symbol's price?")
    universe = engine.ctx.universe
    assert unlisted_names("my entry and my teeth, in USD", universe).names(include_weak=True) == []
    assert unlisted_names("PEPE price", universe).strong == ["PEPE"]  # a known coin's name
    assert unlisted_names("ZORK price", universe).strong == ["ZORK"]  # named as a market
    assert unlisted_names("is ZORK up?", universe).strong == []
    assert unlisted_names("is ZORK up?", universe).weak == ["ZORK"]  # only a ticker when a price is asked
    assert unlisted_names("SHOW ME ALL MY BALANCES", universe).names(include_weak=True) == []


def test_listed_hint_is_short_and_quote_first(engine: OfflineEngine) -> None:
    universe = engine.ctx.universe
    hint = listed_hint(universe, limit=2)
    first = sorted(s.symbol for s in universe.by_symbol.values() if s.quote == universe.quote)[:2]
    assert hint.startswith(", ".join(first))
    if len(universe.by_symbol) > 2:
        assert hint.endswith(f"({len(universe.by_symbol)} in all)")
