"""The live journal keeps its answers about plans and closed results until its next order-flow
write (the candle loop reads them before every decision): a kept answer is never stale."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from aitrader.live.journal import LiveJournal

D = Decimal


def _plan(j: LiveJournal, plan_id: str = "p1") -> None:
    j.add_plan(plan_id, 1, "BTCUSDT", "BUY", f"at-{plan_id}-1E", D("28000"), D("27500"), [(D("29000"), D("1"))],
               "confluence", "test")  # fmt: skip


def test_plans_follow_every_write_in_or_out_of_a_transaction(tmp_path: Path) -> None:
    j = LiveJournal(tmp_path / "j.sqlite")
    assert j.plans("pending_entry", "open") == []
    _plan(j)
    assert [p.status for p in j.plans("pending_entry", "open")] == ["pending_entry"]
    j.update_plan("p1", status="open")
    assert [p.status for p in j.plans("pending_entry", "open")] == ["open"]
    with j.transaction():
        j.update_plan("p1", status="closing")
        assert [p.status for p in j.plans("closing")] == ["closing"]  # its own write, inside
    assert j.plans("pending_entry", "open") == []
    assert [p.plan_id for p in j.plans("closing")] == ["p1"]
    j.event("note", detail="an event is not order flow")  # kept answers stay (and stay right)
    assert [p.plan_id for p in j.plans("closing")] == ["p1"]
    j.close()


def test_closed_results_follow_fills_and_closes(tmp_path: Path) -> None:
    j = LiveJournal(tmp_path / "j.sqlite")
    _plan(j)
    j.order_intent("at-p1-1E", "p1", 1, "E", "BTCUSDT", "BUY", "MARKET", D("0.1"), None, None)
    j.order_intent("at-p1-1X", "p1", 1, "X", "BTCUSDT", "SELL", "MARKET", D("0.1"), None, None)
    assert j.closed_results() == []
    j.add_fill("f1", "at-p1-1E", "1", "BTCUSDT", "BUY", D("28000"), D("0.1"), D("0"), "USDT", 1_000)
    j.add_fill("f2", "at-p1-1X", "2", "BTCUSDT", "SELL", D("27900"), D("0.1"), D("0"), "USDT", 2_000)
    assert j.closed_results() == []  # the plan is not closed yet
    j.update_plan("p1", status="closed")
    assert j.closed_results() == [("p1", D("-10.0"), 2_000)]
    got = j.closed_results()
    got.clear()  # a caller's copy: the journal's answer is not touched
    assert j.closed_results() == [("p1", D("-10.0"), 2_000)]
    j.close()
