"""Fixtures for the chat tests: a tool context over the in-memory account and journal, and an
OpenAI-compatible server on 127.0.0.1 that replays scripted (mis)behaviour, and one that plays the
LLM adviser by fixed rules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from adviser.adviser_model import RuleModel
from chat_fakes import MemoryAccount, MemoryJournal
from chat_misbehaving_llm import MisbehavingLLM

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.universe import Universe


@pytest.fixture
def ctx() -> ToolContext:
    return ToolContext(account=MemoryAccount(), journal=MemoryJournal())


@pytest.fixture
def engine(ctx: ToolContext) -> OfflineEngine:
    """The offline chat over the in-memory account (test files with their own `engine` keep theirs)."""
    return OfflineEngine(ctx)


@pytest.fixture
def universe(engine: OfflineEngine) -> Universe:
    return engine.ctx.universe


@pytest.fixture
def server() -> Iterator[MisbehavingLLM]:
    """A misbehaving LLM server (test_chat_llm.py has its own scripted one under the same name)."""
    s = MisbehavingLLM()
    s.start()
    yield s
    s.stop()


@pytest.fixture
def rule_model() -> Iterator[RuleModel]:
    """An OpenAI-compatible server on 127.0.0.1 whose adviser answers follow fixed rules."""
    m = RuleModel()
    m.base_url = m.start()  # type: ignore[attr-defined]
    yield m
    m.stop()
