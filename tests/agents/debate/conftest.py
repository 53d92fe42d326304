"""Fixtures for the debate's LLM tests: a scripted OpenAI-compatible server on 127.0.0.1 and the
agents' real caller (`agents.llm`) pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chat_scripted_llm import ScriptedLLM
from debate_kit import API_KEY

from aitrader.agents.llm.config import AgentLlmConfig
from aitrader.agents.llm.factory import build_http_caller
from aitrader.agents.llm.http_caller import HttpCaller
from aitrader.agents.llm.recordings import AnswerStore


@pytest.fixture
def scripted() -> Iterator[ScriptedLLM]:
    s = ScriptedLLM()
    s.start()
    yield s
    s.stop()


@pytest.fixture
def make_caller(scripted: ScriptedLLM, tmp_path: Path) -> Callable[..., HttpCaller]:
    base_url = f"http://127.0.0.1:{scripted.port}/v1"

    def make(recordings: AnswerStore | None = None, **overrides: Any) -> HttpCaller:
        fields: dict[str, Any] = {
            "base_url": base_url,
            "api_key": API_KEY,
            "model": "scripted",
            "timeout_s": 5.0,
            "deadline_s": 10.0,
            "budget_path": tmp_path / "agents-llm-budget.json",
            "trace_path": tmp_path / "agents-trace.jsonl",
        }
        fields.update(overrides)
        return build_http_caller(AgentLlmConfig(**fields), recordings)

    return make
