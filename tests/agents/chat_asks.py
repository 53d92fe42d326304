"""What the offline chat made of a question, for the chat tests: each part asked (intent, entities),
and whether any part of the answer refuses a request."""

from __future__ import annotations

from aitrader.agents.chat.offline import OfflineEngine


def asks(engine: OfflineEngine, question: str) -> list[tuple[str, dict[str, str]]]:
    """(intent, entities) of each part of the answer: one, or one per question a message asked."""
    a = engine.ask(question)
    parts = a.parts if a.intent == "multi" else [a]
    return [(p.intent, p.entities) for p in parts]


def refused(engine: OfflineEngine, text: str) -> bool:
    """Does the answer to `text` refuse a request, whole or in one of its parts?"""
    return any(intent == "trade_request" for intent, _ in asks(engine, text))


def assert_read_as(
    engine: OfflineEngine, question: str, intent: str, entities: dict[str, str | None]
) -> None:
    """`question` is asked as one `intent` whose entities include these (None: that one is not set)."""
    [(got, ent)] = asks(engine, question)
    assert got == intent, (question, got, ent)
    assert {k: ent.get(k) for k in entities} == entities, (question, ent)


def assert_asked_in_parts(
    engine: OfflineEngine, question: str, parts: list[tuple[str, dict[str, str]]]
) -> None:
    """`question` is answered in these parts, in order: each (intent, entities it includes)."""
    got = asks(engine, question)
    assert [i for i, _ in got] == [i for i, _ in parts], got
    for (_, ent), (_, want) in zip(got, parts, strict=True):
        assert {k: ent.get(k) for k in want} == want, got


def assert_last_turn_read_as(
    engine: OfflineEngine, turns: list[str], intent: str, entities: dict[str, str | None]
) -> None:
    """Asked in one conversation, the last of `turns` is read as `intent` with these entities."""
    for turn in turns[:-1]:
        engine.ask(turn)
    assert_read_as(engine, turns[-1], intent, entities)
