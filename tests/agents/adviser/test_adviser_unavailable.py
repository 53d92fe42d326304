"""No model answer — a deadline, a dead endpoint, a spent budget — is no decision, with the reason
kept; a slow adviser behind the kernel's `WithDeadline` is a missed bar, never a stalled stream."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from adviser_kit import adviser, decision, entry_bars, make_caller, plan, view_at
from chat_misbehaving_llm import MisbehavingLLM, Raw, text
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.domain.position import EMPTY_BOOK
from aitrader.engine.deadline import WithDeadline
from aitrader.engine.events import DecisionMissed


def test_a_model_past_its_deadline_is_no_decision(rough_llm: MisbehavingLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    rough_llm.script = [text(plan()), text("not json"), Raw(hang_s=5.0)]  # dies while revising
    caller = make_caller(rough_llm.base_url, tmp_path, timeout_s=0.4, deadline_s=0.4)
    strategy = adviser(caller)
    assert strategy.on_bar(view, EMPTY_BOOK) == ()
    (d,) = strategy.drain_deliberations()
    assert d.verdict.startswith("no decision: no answer within")
    assert "0.4s deadline" in d.verdict
    record = json.loads(d.payload)
    assert [c["role"] for c in record["calls"]] == ["adviser.planner", "adviser.executor"]  # those answered


def test_a_dead_endpoint_is_no_decision(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    strategy = adviser(make_caller(f"http://127.0.0.1:{port}/v1", tmp_path, timeout_s=1.0, deadline_s=1.0))
    assert strategy.on_bar(view_at(entry_bars()[0]), EMPTY_BOOK) == ()
    (d,) = strategy.drain_deliberations()
    assert d.verdict.startswith("no decision: LLM endpoint")


def test_a_spent_budget_is_no_decision_and_calls_nothing(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [text_reply(plan()), text_reply(decision(view.close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path, token_budget=500))  # type: ignore[attr-defined]
    assert strategy.on_bar(view, EMPTY_BOOK) == ()
    (d,) = strategy.drain_deliberations()
    assert d.verdict == "no decision: daily token budget spent"
    assert llm.requests == []


def test_the_budget_runs_out_between_decisions(llm: ScriptedLLM, tmp_path: Path) -> None:
    bars = entry_bars()
    first, second = view_at(bars[0]), view_at(bars[1])
    llm.script = [text_reply(plan(), tokens=4000), text_reply(decision(first.close), tokens=4000)]
    caller = make_caller(llm.base_url, tmp_path, token_budget=12_000)  # type: ignore[attr-defined]
    strategy = adviser(caller)
    assert len(strategy.on_bar(first, EMPTY_BOOK)) == 1
    assert strategy.on_bar(second, EMPTY_BOOK) == ()
    verdicts = [d.verdict for d in strategy.drain_deliberations()]
    assert verdicts[1] == "no decision: daily token budget spent"
    assert len(llm.requests) < 4  # the second decision never got its executor's answer


def test_behind_with_deadline_a_slow_adviser_misses_the_bar(
    rough_llm: MisbehavingLLM, tmp_path: Path
) -> None:
    view = view_at(entry_bars()[0])
    rough_llm.script = [Raw(hang_s=5.0)]
    caller = make_caller(rough_llm.base_url, tmp_path, timeout_s=10.0, deadline_s=10.0)
    missed: list[DecisionMissed] = []
    slow = WithDeadline(adviser(caller), deadline_s=0.2, on_miss=missed.append)
    try:
        assert slow.on_bar(view, EMPTY_BOOK) == ()
    finally:
        rough_llm.stop()  # the hanging reply ends, and the worker with it
        slow.close()
    assert slow.missed == 1
    assert missed[0].decider == "llm"
    assert missed[0].reason.startswith("deadline")
    assert slow.answers[view.time_ms] is None
