"""Which engine `aitrader chat` builds from Settings and options."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_fakes import MemoryAccount

from aitrader.agents.chat.factory import ChatOptions, build_engine, open_account
from aitrader.agents.chat.llm import LlmEngine
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.sources import EmptyJournal, NoAccountError
from aitrader.config import load_settings


def test_offline_by_default_and_when_asked(tmp_path: Path) -> None:
    settings = load_settings(AITRADER_LLM_BASE_URL=None, AITRADER_LLM_API_KEY="")
    engine = build_engine(settings, ChatOptions(journal=tmp_path / "none.sqlite"), account=MemoryAccount())
    assert isinstance(engine, OfflineEngine)
    assert isinstance(engine.ctx.journal, EmptyJournal)
    llm_settings = load_settings(AITRADER_LLM_BASE_URL="http://127.0.0.1:9/v1", AITRADER_LLM_API_KEY="sk-x")
    forced = build_engine(llm_settings, ChatOptions(offline=True), account=MemoryAccount())
    assert isinstance(forced, OfflineEngine)


def test_llm_when_configured(tmp_path: Path) -> None:
    settings = load_settings(
        AITRADER_LLM_BASE_URL="http://127.0.0.1:9/v1",
        AITRADER_LLM_API_KEY="sk-local-123456",
        AITRADER_LLM_TOKEN_BUDGET=1234,
    )
    engine = build_engine(settings, ChatOptions(trace=tmp_path / "trace.jsonl"), account=MemoryAccount())
    assert isinstance(engine, LlmEngine)
    assert engine.config.token_budget == 1234
    assert engine.trace.path == tmp_path / "trace.jsonl"
    assert "sk-local-123456" in engine.trace.redactor.secrets


def test_keys_are_required_for_the_account_not_for_the_journal() -> None:
    settings = load_settings(BINANCE_API_KEY="", BINANCE_API_SECRET="")
    account = open_account(settings, ChatOptions(rest_url="http://127.0.0.1:9"))
    with pytest.raises(NoAccountError, match="BINANCE_API_KEY and BINANCE_API_SECRET"):
        account.balances()
    assert account.symbols() == []  # the chat still starts: journal questions need no key
