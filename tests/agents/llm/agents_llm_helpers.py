"""Building the agents' HttpCaller against a server on 127.0.0.1, and a request to send it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aitrader.agents.chat.llm_budget import DailyBudget
from aitrader.agents.chat.llm_redact import Redactor
from aitrader.agents.llm.config import AgentLlmConfig
from aitrader.agents.llm.http_caller import HttpCaller
from aitrader.agents.llm.recordings import AnswerStore
from aitrader.agents.llm.trace import AgentTrace
from aitrader.agents.llm_calls import LlmRequest

API_KEY = "sk-test-SECRET-0123456789abcdef"
VENUE_SECRET = "Zq7vR2mW9xK4pL8nB3cT6yH1jD5fG0sA"  # a venue API secret the process also holds


def make_caller(
    base_url: str,
    tmp_path: Path,
    *,
    recordings: AnswerStore | None = None,
    **overrides: Any,
) -> HttpCaller:
    fields: dict[str, Any] = {
        "base_url": base_url,
        "api_key": API_KEY,
        "model": "scripted",
        "timeout_s": 5.0,
        "deadline_s": 10.0,
        "token_budget": 1_000_000,
        "money_budget_usd": 5.0,
        "price_in_per_mtok": 2.0,
        "price_out_per_mtok": 8.0,
        "budget_path": tmp_path / "agents-llm-budget.json",
        "trace_path": tmp_path / "agents-trace.jsonl",
        "secrets": (VENUE_SECRET,),
    }
    fields.update(overrides)
    config = AgentLlmConfig(**fields)
    trace = AgentTrace(config.trace_path, Redactor(config.redacted_secrets()))
    budget = DailyBudget(config.token_budget, config.budget_path, money_limit_usd=config.money_budget_usd)
    return HttpCaller(config, trace, budget, recordings)


def request(
    text: str = "BTCUSDT 1h: close 64210, RSI 61. Bull or bear?",
    *,
    role: str = "debate.bull",
    snapshot_id: str = "snap-0001",
    json_reply: bool = True,
    tools: tuple[dict[str, Any], ...] = (),
    max_tokens: int = 200,
) -> LlmRequest:
    return LlmRequest(
        role=role,
        snapshot_id=snapshot_id,
        messages=(
            {"role": "system", "content": 'Answer as JSON: {"stance": "bull"|"bear", "score": number}.'},
            {"role": "user", "content": text},
        ),
        tools=tools,
        json_reply=json_reply,
        max_tokens=max_tokens,
    )


CANDLES_TOOL: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_candles",
        "description": "Closed candles of a symbol up to the snapshot.",
        "parameters": {
            "type": "object",
            "properties": {"symbol": {"type": "string"}, "limit": {"type": "integer"}},
            "required": ["symbol"],
        },
    },
}


def url(server: Any) -> str:
    """The base URL of a started ScriptedLLM."""
    return f"http://127.0.0.1:{server.port}/v1"
