"""Build the LLM chat engine from Settings: its config, the secrets to redact and the trace file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.llm import LlmConfig, LlmEngine
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.trace import Redactor, TraceWriter
from aitrader.config import Settings

if TYPE_CHECKING:
    from aitrader.agents.chat.factory import ChatOptions


def build_llm_engine(
    settings: Settings, opts: ChatOptions, ctx: ToolContext, offline: OfflineEngine
) -> LlmEngine:
    secrets = [
        settings.llm_api_key.get_secret_value(),
        settings.binance_api_key.get_secret_value(),
        settings.binance_api_secret.get_secret_value(),
        opts.api_key or "",
        opts.api_secret or "",
    ]
    config = LlmConfig(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key.get_secret_value(),
        model=settings.llm_model,
        timeout_s=settings.llm_timeout_s,
        token_budget=settings.llm_token_budget,
    )
    trace_path = opts.trace or settings.telemetry_path.with_name("chat-trace.jsonl")
    return LlmEngine(ctx, config, TraceWriter(trace_path, Redactor(secrets)), offline)
