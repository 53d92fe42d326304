"""Build the LLM chat engine from Settings: its config, the secrets to redact, the trace file and the
daily token budget file (always next to the default trace, so `--trace` elsewhere cannot reset it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.llm import LlmConfig, LlmEngine
from aitrader.agents.chat.llm_args import CallCaps
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.trace import Redactor, TraceWriter
from aitrader.config import Settings

if TYPE_CHECKING:
    from aitrader.agents.chat.factory import ChatOptions

TRACE_NAME = "chat-trace.jsonl"
BUDGET_NAME = "chat-llm-budget.json"


def build_llm_engine(
    settings: Settings, opts: ChatOptions, ctx: ToolContext, offline: OfflineEngine
) -> LlmEngine:
    database_url = settings.database_url.get_secret_value() if settings.database_url is not None else ""
    secrets = [
        settings.llm_api_key.get_secret_value(),
        settings.binance_api_key.get_secret_value(),
        settings.binance_api_secret.get_secret_value(),
        database_url,
        opts.api_key or "",
        opts.api_secret or "",
    ]
    config = LlmConfig(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key.get_secret_value(),
        model=settings.llm_model,
        timeout_s=settings.llm_timeout_s,
        token_budget=settings.llm_token_budget,
        deadline_s=settings.llm_deadline_s,
        caps=CallCaps(
            per_round=settings.llm_max_tool_calls_per_round,
            per_question=settings.llm_max_tool_calls,
            argument_bytes=settings.llm_max_argument_bytes,
        ),
        budget_path=settings.telemetry_path.with_name(BUDGET_NAME),
    )
    trace_path = opts.trace or settings.telemetry_path.with_name(TRACE_NAME)
    return LlmEngine(ctx, config, TraceWriter(trace_path, Redactor(secrets)), offline)
