"""The agents' LLM settings, read once from `Settings`: endpoint, key, model, limits, prices and files.

The agents (debate roles, the LLM adviser) share the chat's endpoint settings (AITRADER_LLM_*) but
keep their own files next to the telemetry, like the chat does (`agents.chat.llm_setup`): the
trace `agents-trace.jsonl`, the day's tokens and dollars `agents-llm-budget.json` (separate from the
chat's, so a chatty evening cannot starve a trading run or the other way round) and the recorded
answers `llm-answers.sqlite`. Prices are per million tokens; 0 means "not configured": calls then
cost 0 and the traces say "price not configured" (the money budget cannot stop what it cannot price).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aitrader.config import Settings

TRACE_NAME = "agents-trace.jsonl"
BUDGET_NAME = "agents-llm-budget.json"
ANSWERS_NAME = "llm-answers.sqlite"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
PRICE_NOT_CONFIGURED = "price not configured"


@dataclass(frozen=True)
class AgentLlmConfig:
    base_url: str
    api_key: str
    model: str
    timeout_s: float = 20.0  # one HTTP request
    deadline_s: float = 20.0  # one decision: every call about a snapshot until its decision is noted
    token_budget: int = 200_000  # tokens per UTC day
    money_budget_usd: float = 5.0  # USD per UTC day
    price_in_per_mtok: float = 0.0  # USD per million prompt tokens; 0: not configured
    price_out_per_mtok: float = 0.0  # USD per million completion tokens
    budget_path: Path | None = None  # None: the day's count lives in memory only
    trace_path: Path | None = None  # None: no trace file
    secrets: tuple[str, ...] = ()  # redacted from every request and trace record (the key is added)

    @property
    def price_known(self) -> bool:
        return self.price_in_per_mtok > 0 or self.price_out_per_mtok > 0

    def cost_usd(self, prompt_tokens: int, completion_tokens: int) -> float:
        """What a call with these token counts costs at the configured prices (0 when unknown)."""
        return (
            max(0, prompt_tokens) * self.price_in_per_mtok
            + max(0, completion_tokens) * self.price_out_per_mtok
        ) / 1e6

    def redacted_secrets(self) -> tuple[str, ...]:
        return (self.api_key, *self.secrets)


def var_dir(settings: Settings) -> Path:
    """Where the agents' LLM files live: next to the telemetry file, like the chat's."""
    return settings.telemetry_path.parent


def answers_path(settings: Settings) -> Path:
    return var_dir(settings) / ANSWERS_NAME


def trace_path(settings: Settings) -> Path:
    return var_dir(settings) / TRACE_NAME


def llm_config(settings: Settings) -> AgentLlmConfig:
    """The agents' LLM config from `Settings` (whether an LLM is configured at all: `settings.llm_enabled`)."""
    database_url = settings.database_url.get_secret_value() if settings.database_url is not None else ""
    secrets = (
        settings.binance_api_key.get_secret_value(),
        settings.binance_api_secret.get_secret_value(),
        database_url,
        settings.notify_webhook_url.get_secret_value(),
        settings.telegram_bot_token.get_secret_value(),
        settings.api_token.get_secret_value(),
        settings.api_control_token.get_secret_value(),
    )
    return AgentLlmConfig(
        base_url=settings.llm_base_url or DEFAULT_BASE_URL,
        api_key=settings.llm_api_key.get_secret_value(),
        model=settings.llm_model,
        timeout_s=settings.llm_timeout_s,
        deadline_s=settings.llm_deadline_s,
        token_budget=settings.llm_token_budget,
        money_budget_usd=settings.llm_money_budget_usd,
        price_in_per_mtok=settings.llm_price_in_per_mtok,
        price_out_per_mtok=settings.llm_price_out_per_mtok,
        budget_path=var_dir(settings) / BUDGET_NAME,
        trace_path=trace_path(settings),
        secrets=tuple(s for s in secrets if s),
    )
