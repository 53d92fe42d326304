"""Fixtures for the adviser tests: a scripted OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from chat_misbehaving_llm import MisbehavingLLM
from chat_scripted_llm import ScriptedLLM


@pytest.fixture
def llm() -> Iterator[ScriptedLLM]:
    s = ScriptedLLM()
    s.base_url = s.start()  # type: ignore[attr-defined]
    yield s
    s.stop()


@pytest.fixture
def rough_llm() -> Iterator[MisbehavingLLM]:
    s = MisbehavingLLM()
    s.start()
    yield s
    s.stop()
