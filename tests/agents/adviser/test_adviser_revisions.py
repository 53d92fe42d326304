"""Garbage from the executor is sent back with the reason; it may revise up to `max_revisions`
times, then there is no trade and the deliberation says why."""

from __future__ import annotations

import json
from pathlib import Path

from adviser_kit import adviser, decision, entry_bars, make_caller, plan, roles, view_at
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter


def test_malformed_json_is_revised_into_a_valid_decision(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [
        text_reply(plan()),
        text_reply('{"action": "enter_long", "stop": 1,'),  # cut off mid-object
        text_reply(decision(view.close)),
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    (p,) = strategy.on_bar(view, EMPTY_BOOK)
    assert isinstance(p, Enter)
    assert roles(llm.requests) == ["planner", "executor", "executor"]
    revision = llm.requests[2]["messages"]
    assert revision[-2] == {"role": "assistant", "content": '{"action": "enter_long", "stop": 1,'}
    assert "not valid JSON" in revision[-1]["content"]
    record = json.loads(strategy.drain_deliberations()[0].payload)
    assert record["revisions"] == 1
    assert len(record["validation_errors"]) == 1


def test_a_decision_that_does_not_fit_the_snapshot_is_revised(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    close = view.close
    llm.script = [
        text_reply(plan()),
        text_reply(decision(close, stop=round(close * 1.01, 2))),  # a long's stop above the close
        text_reply(decision(close, targets=[{"price": round(close * 3, 2), "fraction": 1.0}])),  # 200% away
        text_reply(decision(close)),
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    (p,) = strategy.on_bar(view, EMPTY_BOOK)
    assert isinstance(p, Enter)
    assert "must lie below the close" in llm.requests[2]["messages"][-1]["content"]
    assert "more than 20% above the close" in llm.requests[3]["messages"][-1]["content"]


def test_garbage_after_the_revision_cap_is_no_trade_with_the_reason(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [
        text_reply(plan()),
        text_reply("I think you should buy."),
        text_reply("[1, 2, 3]"),
        text_reply(json.dumps({"action": "moon", "confidence": 2})),
        text_reply(decision(view.close)),  # never asked for: the cap is 2 revisions
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path), max_revisions=2)  # type: ignore[attr-defined]
    assert strategy.on_bar(view, EMPTY_BOOK) == ()
    assert roles(llm.requests) == ["planner", "executor", "executor", "executor"]
    (d,) = strategy.drain_deliberations()
    assert d.verdict.startswith("no trade: the decision failed validation after 2 revisions")
    assert "action" in d.verdict  # the last error names what was wrong
    record = json.loads(d.payload)
    assert record["decision"] is None
    assert record["proposal"] is None
    assert len(record["validation_errors"]) == 3


def test_a_plan_that_is_not_a_plan_leaves_the_executor_to_decide(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    llm.script = [text_reply("Let me think... buy!"), text_reply(decision(view.close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    assert len(strategy.on_bar(view, EMPTY_BOOK)) == 1
    record = json.loads(strategy.drain_deliberations()[0].payload)
    assert record["plan"] is None
    assert "not a plan" in record["plan_problem"]
