"""The chat's journal reader over an older live journal (only the `live_*` tables, written by the live
journal's own API, before live runs wrote the kernel tables): positions, loop-record decisions, status."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount, ms
from chat_journal_seed import EVIDENCE, RATIONALE, REJECT_REASON, Entry, write_journal

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.offline import OfflineEngine

D = Decimal
ENTRY = Entry(
    symbol="BTCUSDT",
    order_id="9",
    price=D("29100"),
    quantity=D("0.01"),
    time_ms=ms("2023-05-04T09:29:00"),
    stop=D("27800"),
    stop_order_id="14",
    target=D("31000"),
    target_order_id="15",
)


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite"
    write_journal(path, ENTRY, "SOLUSDT", ms("2023-05-05T10:00:00"), ms("2023-05-05T11:59:00"))
    return path


def test_positions_decisions_and_orders(journal_path: Path) -> None:
    src = BotJournal(journal_path)
    [pos] = src.positions()
    assert (pos.symbol, pos.side, pos.quantity, pos.entry_price, pos.stop_price, pos.targets) == (
        "BTCUSDT",
        "BUY",
        D("0.01"),
        D("29100"),
        D("27800"),
        [D("31000")],
    )
    newest, older = src.decisions(10)
    assert (newest.symbol, newest.verdict, newest.verdict_reason) == (
        "SOLUSDT",
        "rejected (reward_risk_too_low)",
        REJECT_REASON,
    )
    assert (older.kind, older.side, older.rationale, older.verdict) == ("enter", "BUY", RATIONALE, "approved")
    assert older.evidence == EVIDENCE
    assert older.order_ids == ["9", "14", "15"]
    assert src.decision_for_order("14") == older
    assert src.decision_for_order("999") is None


def test_status_reads_the_last_loop(journal_path: Path) -> None:
    status = BotJournal(journal_path).status()
    assert status.running  # the file was just written
    assert (status.last_candle_ms, status.symbol, status.mode) == (
        ms("2023-05-05T11:59:00"),
        "BTCUSDT",
        "paper",
    )
    assert status.last_decision is not None
    assert status.last_decision.symbol == "SOLUSDT"


def test_chat_never_writes_the_journal(journal_path: Path) -> None:
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()
    engine = OfflineEngine(ToolContext(account=MemoryAccount(), journal=BotJournal(journal_path)))
    why = engine.ask("why did you buy btc")
    assert RATIONALE in why.text
    assert "Risk gate: approved" in why.text
    assert "Orders: 9, 14, 15" in why.text
    assert "stop 27,800.00, target 31,000.00" in engine.ask("where's my stop on btc").text
    assert "rejected (reward_risk_too_low)" in engine.ask("bot status").text
    assert "Open risk is 13.00" in engine.ask("risk usage").text
    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before
