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
