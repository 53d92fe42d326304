"""Build a chat engine from Settings and command-line overrides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from aitrader.agents.chat.answer import ChatAnswer
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.sources import AccountSource, EmptyJournal, JournalSource
from aitrader.config import Settings
from aitrader.config.settings import RISK_FRACTION_CEILING, Venue


class ChatEngine(Protocol):
    name: str

    def ask(self, question: str) -> ChatAnswer: ...


@dataclass
class ChatOptions:
    rest_url: str | None = None
    api_key: str | None = None
    api_secret: str | None = None
    journal: Path | None = None
    trace: Path | None = None
    offline: bool = False
    quote: str = "USDT"


class ChatSetupError(ValueError):
    """The chat cannot start; the message says what is missing and how to fix it (no secrets)."""


def open_journal(path: Path | None) -> JournalSource:
    if path is None or not path.exists():
        return EmptyJournal()
    from aitrader.agents.chat.journal_file import JournalFile

    return JournalFile(path)


def open_account(settings: Settings, opts: ChatOptions) -> AccountSource:
    from aitrader.agents.chat.ccxt_source import CcxtAccountSource

    key = opts.api_key or settings.binance_api_key.get_secret_value()
    secret = opts.api_secret or settings.binance_api_secret.get_secret_value()
    if not key or not secret:
        raise ChatSetupError(
            "chat needs read access to the account: set BINANCE_API_KEY and BINANCE_API_SECRET "
            "(or pass --api-key/--api-secret)"
        )
    rest = opts.rest_url or settings.rest_url
    if rest is None:
        rest, _, _ = settings.endpoints()
    return CcxtAccountSource(key, secret, rest_url=rest, testnet=settings.venue is not Venue.MAINNET)


def build_engine(settings: Settings, opts: ChatOptions, account: AccountSource | None = None) -> ChatEngine:
    from aitrader.agents.chat.offline import OfflineEngine

    ctx = ToolContext(
        account=account or open_account(settings, opts),
        journal=open_journal(opts.journal or settings.journal_path),
        quote=opts.quote.upper(),
        risk_fraction=settings.risk_fraction,
        risk_ceiling=RISK_FRACTION_CEILING,
    )
    offline = OfflineEngine(ctx)
    if opts.offline or not settings.llm_enabled:
        return offline
    from aitrader.agents.chat.llm import LlmConfig, LlmEngine
    from aitrader.agents.chat.trace import Redactor, TraceWriter

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
