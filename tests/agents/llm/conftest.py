"""Fixtures for the agents' LLM caller: a scripted OpenAI-compatible server on 127.0.0.1 (the
misbehaving one, `server`, comes from tests/agents/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_scripted_llm import ScriptedLLM


@pytest.fixture
def scripted() -> Iterator[ScriptedLLM]:
    s = ScriptedLLM()
    s.start()
    yield s
    s.stop()
