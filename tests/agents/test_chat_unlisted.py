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
    ("question", "name"),
    [
        ("price of DOGEUSDT", "DOGEUSDT"),
        ("price of dogeusdt", "DOGEUSDT"),
        ("what's dogecoin at?", "DOGE"),
        ("price of doge/usdt", "DOGEUSDT"),
        ("tick size of PEPE", "PEPE"),
        ("open orders on XRPUSDT", "XRPUSDT"),
    ],
)
def test_unlisted_ticker_is_named_with_the_listed_ones(
    engine: OfflineEngine, question: str, name: str
) -> None:
    a = engine.ask(question)
    hint = listed_hint(engine.ctx.universe)
    assert a.text == f"{name} isn't listed on this venue; listed: {hint}."
    assert a.intent == "unlisted"
    assert a.tool is None
    assert not a.clarification
    assert "BTCUSDT" in hint


def test_listed_names_and_plain_words_are_left_alone(engine: OfflineEngine) -> None:
    assert engine.ask("price of BTCUSDT").intent == "price"
    assert engine.ask("what's bitcoin at").intent == "price"
    assert engine.ask("show my open orders").intent == "open_orders"
    assert engine.ask("price?").text.startswith("Which symbol's price?")
    universe = engine.ctx.universe
    assert unlisted_names("my entry and my teeth, in USD", universe).names(include_weak=True) == []
    assert unlisted_names("PEPE price", universe).strong == []
    assert unlisted_names("PEPE price", universe).weak == ["PEPE"]


def test_listed_hint_is_short_and_quote_first(engine: OfflineEngine) -> None:
    universe = engine.ctx.universe
    hint = listed_hint(universe, limit=2)
    first = sorted(s.symbol for s in universe.by_symbol.values() if s.quote == universe.quote)[:2]
    assert hint.startswith(", ".join(first))
    if len(universe.by_symbol) > 2:
        assert hint.endswith(f"({len(universe.by_symbol)} in all)")
