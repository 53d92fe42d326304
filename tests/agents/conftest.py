"""Fixtures for the chat tests: a tool context over the in-memory account and journal."""

from __future__ import annotations

import pytest
from chat_fakes import MemoryAccount, MemoryJournal

from aitrader.agents.chat.context import ToolContext


@pytest.fixture
def ctx() -> ToolContext:
    return ToolContext(account=MemoryAccount(), journal=MemoryJournal())
