"""Build the agents' `LlmCaller` from `Settings` in one call: `build_caller(settings, mode)`.

    caller = build_caller(settings, "live")      # calls the model, traces, budgets, records answers
    caller = build_caller(settings, "record")    # answers from the recordings when there, else calls
    caller = build_caller(settings, "replay")    # only the recordings: never a model (backtests)

None when the mode needs a model and none is configured (no AITRADER_LLM_BASE_URL / _API_KEY):
the agents then decide offline. A replay needs no model: it reads `llm-answers.sqlite` (or
`recordings_path`) keyed by AITRADER_LLM_MODEL."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Literal

from aitrader.agents.chat.llm_budget import DailyBudget
from aitrader.agents.chat.llm_redact import Redactor
from aitrader.agents.llm.config import AgentLlmConfig, answers_path, llm_config
from aitrader.agents.llm.http_caller import HttpCaller
from aitrader.agents.llm.recordings import AnswerStore, RecordingCaller
from aitrader.agents.llm.trace import AgentTrace
from aitrader.agents.llm_calls import LlmCaller
from aitrader.config import Settings

CallerMode = Literal["live", "record", "replay"]


def build_http_caller(config: AgentLlmConfig, recordings: AnswerStore | None = None) -> HttpCaller:
    """An HttpCaller with its trace (config.trace_path) and day budget (config.budget_path)."""
    trace = AgentTrace(config.trace_path, Redactor(config.redacted_secrets()))
    budget = DailyBudget(config.token_budget, config.budget_path, money_limit_usd=config.money_budget_usd)
    return HttpCaller(config, trace, budget, recordings)


def build_caller(
    settings: Settings,
    mode: CallerMode = "live",
    recordings_path: Path | None = None,
    trace_path: Path | None = None,
) -> LlmCaller | None:
    """The agents' caller for `mode` (see the module docstring); `recordings_path` defaults to
    `llm-answers.sqlite` and `trace_path` to `agents-trace.jsonl`, both next to the telemetry. A
    replay writes a trace only when `trace_path` is given."""
    if mode not in ("live", "record", "replay"):
        raise ValueError(f"unknown LLM caller mode {mode!r}: live, record or replay")
    config = llm_config(settings)
    if mode == "replay":  # traced only where asked: a backtest's replays would bury the real calls
        store = AnswerStore(recordings_path or answers_path(settings), config.model)
        trace = AgentTrace(trace_path, Redactor(config.redacted_secrets())) if trace_path else None
        return RecordingCaller(None, store, "replay", trace)
    if not settings.llm_enabled:
        return None
    if trace_path is not None:
        config = dataclasses.replace(config, trace_path=trace_path)
    store = AnswerStore(recordings_path or answers_path(settings), config.model)
    if mode == "live":
        return build_http_caller(config, store)
    inner = build_http_caller(config)
    return RecordingCaller(inner, store, "record", inner.trace)
