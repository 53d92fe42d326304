"""The chat's journal reader over the kernel journal, written through aitrader.execution.journal."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount, ms

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.backtest.result import TradeRecord
from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, Target
from aitrader.execution.journal import Journal
from aitrader.execution.reports import ExecutionReport, Intent

D = Decimal
RUN = "paper-confluence-1"
T0 = ms("2023-05-04T09:29:00")
RATIONALE = "EMA20 crossed above EMA50 on 15m; RSI 58 and rising"


def _plan(plan_id: str, symbol: str, entry: str, stop: str, target: str, qty: str) -> OrderPlan:
    reqs = (
        OrderRequest(symbol, Side.BUY, OrderType.MARKET, quantity=D(qty)),
        OrderRequest(
            symbol, Side.SELL, OrderType.STOP_LOSS_LIMIT, quantity=D(qty), price=D(stop), stop_price=D(stop)
        ),
        OrderRequest(symbol, Side.SELL, OrderType.LIMIT_MAKER, quantity=D(qty), price=D(target)),
    )
    return OrderPlan(
        plan_id=plan_id,
        version=1,
        kind=PlanKind.OPEN,
        symbol=symbol,
        side=Side.BUY,
        quantity=D(qty),
        entry_price=D(entry),
        stop_price=D(stop),
        entry=reqs[0],
        stop=reqs[1],
        targets=(reqs[2],),
        risk_quote=(D(entry) - D(stop)) * D(qty),
        created_ms=T0 if symbol == "BTCUSDT" else T0 - 86_400_000,
    )


def _enter(symbol: str, price: float, stop: float, target: float, time_ms: int, rationale: str) -> Enter:
    return Enter(
        symbol=symbol,
        side=Side.BUY,
        price=price,
        stop=stop,
        targets=(Target(target),),
        confidence=0.7,
        rationale=rationale,
        time_ms=time_ms,
        strategy="confluence",
        evidence={"rsi_14": 58.3},
    )


def _fill(order_id: str, symbol: str, price: float, qty: float, time_ms: int) -> ExecutionReport:
    return ExecutionReport(
        order_id,
        f"at-{order_id}",
        symbol,
        Side.BUY,
        OrderType.MARKET,
        price,
        qty,
        0.0,
        False,
        time_ms,
        0,
        Intent.ENTRY,
    )


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    path = tmp_path / "runs.sqlite"
    j = Journal(path, batch=1)
    j.start_run(RUN, "paper", "confluence", "BTCUSDT", "1m", 10_000.0)
    # An ETH round trip the day before: entered, then closed (so no open position).
    eth = _plan("eth1", "ETHUSDT", "1900", "1850", "2000", "0.5")
    j.record_verdict(
        RUN, 1, T0 - 86_400_000, _enter("ETHUSDT", 1900, 1850, 2000, T0 - 86_400_000, "range breakout"), eth
    )
    j.record_order(RUN, 1, T0 - 86_400_000, "21", "entry", Intent.ENTRY, eth.entry)  # type: ignore[arg-type]
    j.record_fill(RUN, _fill("21", "ETHUSDT", 1900.0, 0.5, T0 - 86_400_000), "entry")
    j.record_trade(
        RUN,
        TradeRecord(
            "ETHUSDT",
            Side.BUY,
            0.5,
            1,
            T0 - 86_400_000,
            1900.0,
            2,
            T0 - 3_600_000,
            2000.0,
            0.0,
            50.0,
            "target",
            1850.0,
            2000.0,
            "confluence",
            "range breakout",
        ),
    )
    # The open BTC position: entry filled, OCO resting.
    btc = _plan("btc1", "BTCUSDT", "29100", "27800", "31000", "0.01")
    j.record_verdict(RUN, 10, T0, _enter("BTCUSDT", 29100, 27800, 31000, T0, RATIONALE), btc)
    for oid, role, req, intent in (
        ("9", "entry", btc.entry, Intent.ENTRY),
        ("14", "stop", btc.stop, Intent.EXIT),
        ("15", "target", btc.targets[0], Intent.EXIT),
    ):
        j.record_order(RUN, 10, T0 + 1000, oid, role, intent, req)  # type: ignore[arg-type]
    j.record_fill(RUN, _fill("9", "BTCUSDT", 29100.0, 0.01, T0 + 1000), "entry")
    # A rejected SOL proposal, the newest decision.
    j.record_verdict(
        RUN,
        20,
        T0 + 3_600_000,
        _enter("SOLUSDT", 21.5, 21.45, 21.6, T0 + 3_600_000, "4h breakout"),
        Rejection(RejectionCode.REWARD_RISK_TOO_LOW, "reward/risk 1.2 < 1.5", "SOLUSDT"),
    )
    j.record_event(RUN, T0 + 3_660_000, "heartbeat", {"candle": T0 + 3_660_000})
    j.close()
    return path


def test_decisions_positions_status(journal_path: Path) -> None:
    src = BotJournal(journal_path)
    assert src.kernel is not None
    assert "live_plans" in src.tables  # one schema: every journal has every table
    assert not any(t.startswith("live_") for t in src.written)  # no live run wrote here
    newest, btc, eth = src.decisions(10)
    assert (newest.symbol, newest.verdict, newest.verdict_reason) == (
        "SOLUSDT",
        "rejected (reward_risk_too_low)",
        "reward/risk 1.2 < 1.5",
    )
    assert (btc.rationale, btc.verdict, btc.order_ids, btc.stop_price) == (
        RATIONALE,
        "approved",
        ["14", "15", "9"],
        D("27800"),
    )
    assert eth.order_ids == ["21"]
    assert src.decision_for_order("14") == btc
    [pos] = src.positions()
    assert (pos.symbol, pos.quantity, pos.entry_price, pos.stop_price, pos.targets) == (
        "BTCUSDT",
        D("0.01"),
        D("29100"),
        D("27800"),
        [D("31000")],
    )
    status = src.status()
    assert (status.running, status.mode, status.symbol, status.last_candle_ms) == (
        True,
        "paper",
        "BTCUSDT",
        T0 + 3_660_000,
    )


def test_chat_over_the_kernel_journal_is_read_only(journal_path: Path) -> None:
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()
    engine = OfflineEngine(ToolContext(account=MemoryAccount(), journal=BotJournal(journal_path)))
    assert RATIONALE in engine.ask("why did you buy bitcoin?").text
    assert "rejected (reward_risk_too_low)" in engine.ask("bot status").text
    assert engine.ask("positions").text.startswith("BTCUSDT: BUY 0.01 from 29,100.00")
    assert RATIONALE in engine.ask("explain order 15").text
    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before


def test_a_finished_run_is_not_running_even_when_the_file_was_just_written(journal_path: Path) -> None:
    import json

    from aitrader.live.journal import LiveJournal

    j = Journal(journal_path, batch=1)
    j.finish_run(RUN, 10_050.0)
    j.close()
    live = LiveJournal(journal_path)  # the live order flow's tables, written a moment ago
    live.telemetry(json.dumps({"time_ms": T0 + 3_720_000, "symbol": "BTCUSDT", "mode": "paper"}), T0)
    live.close()
    src = BotJournal(journal_path)
    assert "live_telemetry" in src.tables
    status = src.status()
    assert status.running is False
    assert status.run_status == "finished"
    assert status.finished_ms is not None
    text = OfflineEngine(ToolContext(account=MemoryAccount(), journal=src)).ask("bot status").text
    assert text.startswith(f"The bot is not running; last run {RUN} (confluence, paper BTCUSDT) finished at ")
    assert "is running" not in text
    assert "(finished)" not in text


def test_a_running_run_says_running_with_its_run(journal_path: Path) -> None:
    text = (
        OfflineEngine(ToolContext(account=MemoryAccount(), journal=BotJournal(journal_path)))
        .ask("bot status")
        .text
    )
    assert text.startswith(f"The bot is running: {RUN} (confluence, paper BTCUSDT); last candle ")
    assert "not running" not in text


def test_why_answer_reads_cleanly_with_gate_risk_and_evidence_table(journal_path: Path) -> None:
    engine = OfflineEngine(ToolContext(account=MemoryAccount(), journal=BotJournal(journal_path)))
    a = engine.ask("why did you buy bitcoin?")
    lines = a.text.splitlines()
    assert lines[0] == "Entered BUY BTCUSDT at 2023-05-04 09:29 UTC (strategy confluence)."
    assert lines[1] == f"Why: {RATIONALE}."
    assert lines[2] == "Risk gate: approved, risk 13.00 USDT, size 0.01."  # the plan kept no risk fraction
    assert lines[3] == "Stop 27,800.00; target 31,000.00 (100%)."
    assert a.text.count(RATIONALE) == 1
    assert ".." not in a.text
    assert "Evidence" not in a.text
    assert a.table is not None
    assert (a.table.title, a.table.rows) == ("Evidence", [["rsi_14", "58.3"]])
