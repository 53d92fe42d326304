"""The planner's data tools answer from the snapshot only: nothing after the decision bar, caps on
calls, rounds, argument size and latency; an unknown tool or bad arguments are refused, not run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from adviser_kit import adviser, decision, entry_bars, make_caller, plan, view_at
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.adviser.tools import ToolBox, ToolCaps
from aitrader.agents.analysts.panel import run_panel
from aitrader.agents.llm_calls import LlmToolCall
from aitrader.agents.snapshot import Snapshot
from aitrader.domain.position import EMPTY_BOOK


def tool_calls(*calls: tuple[str, dict[str, Any] | str], turn: int = 0) -> dict[str, Any]:
    """One assistant turn calling several tools (ids call_0, call_1, ... on turn 0; t1_0, ... on 1)."""
    return {
        "finish_reason": "tool_calls",
        "message": {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": f"call_{k}" if turn == 0 else f"t{turn}_{k}",
                    "type": "function",
                    "function": {
                        "name": name,
                        "arguments": args if isinstance(args, str) else json.dumps(args),
                    },
                }
                for k, (name, args) in enumerate(calls)
            ],
        },
        "tokens": 150,
    }


def tool_answers(request: dict[str, Any]) -> dict[str, Any]:
    """The tool messages of a request, by tool_call_id, parsed."""
    return {m["tool_call_id"]: json.loads(m["content"]) for m in request["messages"] if m["role"] == "tool"}


def test_planner_tools_answer_from_the_snapshot_and_never_after_the_bar(
    llm: ScriptedLLM, tmp_path: Path
) -> None:
    i = entry_bars()[1]
    view = view_at(i)
    features = view.features
    assert len(features) > i + 10  # the history holds later bars: the tools must not reach them
    llm.script = [
        tool_calls(
            ("get_candles", {"timeframe": "1h", "n": 5}),
            ("get_indicator", {"name": "rsi_14", "n": 3}),
            ("get_candles", {"timeframe": "1h", "n": 5, "until_ms": view.close_ms + 3_600_000}),
            ("get_analyst_report", {"name": "technical"}),
        ),
        tool_calls(("get_candles", {"timeframe": "4h", "n": 2}), ("get_positions", {}), turn=1),
        text_reply(plan()),
        text_reply(decision(view.close)),
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    (p,) = strategy.on_bar(view, EMPTY_BOOK)
    assert p.strategy == "llm"

    first = tool_answers(llm.requests[1])
    rows = first["call_0"]["rows"]
    opens = [r[0] for r in rows]
    assert opens == [int(t) for t in features.candles.open_time[i - 4 : i + 1]]
    assert rows[-1][4] == view.close  # the decision bar is the last one there is
    assert first["call_1"]["values"] == [float(f"{v:.8g}") for v in features["rsi_14"][i - 2 : i + 1]]
    assert "after the decision time" in first["call_2"]["error"]
    assert first["call_3"]["analyst"] == "technical"

    second = tool_answers(llm.requests[2])
    four_hour = second["t1_0"]["rows"]
    assert four_hour[-1][0] + 4 * 3_600_000 <= view.close_ms  # only 4h candles closed by the bar's close
    assert second["t1_1"] == {"positions": []}
    # the executor reads what the tools answered, as data
    executor_data = llm.requests[3]["messages"][1]["content"]
    assert "tool_answers" in executor_data
    assert "get_analyst_report" in executor_data

    record = json.loads(strategy.drain_deliberations()[0].payload)
    assert [t["ok"] for t in record["tools"]] == [True, True, False, True, True, True]


def test_unknown_tools_oversized_and_bad_arguments_are_refused_not_run(
    llm: ScriptedLLM, tmp_path: Path
) -> None:
    view = view_at(entry_bars()[0])
    huge = json.dumps({"timeframe": "1h", "n": 5, "pad": "x" * 5000})
    llm.script = [
        tool_calls(
            ("place_order", {"side": "BUY", "quantity": 100}),
            ("get_candles", huge),
            ("get_candles", {"timeframe": "1h", "n": 5, "limit": 9}),
            ("get_candles", "{not json"),
        ),
        text_reply(plan()),
        text_reply(decision(view.close)),
    ]
    strategy = adviser(make_caller(llm.base_url, tmp_path))  # type: ignore[attr-defined]
    strategy.on_bar(view, EMPTY_BOOK)
    answers = tool_answers(llm.requests[1])
    assert "unknown tool 'place_order'" in answers["call_0"]["error"]
    assert "over the cap of 512" in answers["call_1"]["error"]
    assert "bad arguments" in answers["call_2"]["error"]
    assert "limit" in answers["call_2"]["error"]
    assert "bad arguments" in answers["call_3"]["error"]
    assert all("rows" not in a for a in answers.values())


def test_calls_per_round_and_per_decision_are_capped(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    ask = ("get_indicator", {"name": "rsi_14", "n": 1})
    llm.script = [
        tool_calls(ask, ask, ask),  # 2 per round: the third is refused
        tool_calls(ask, ask, turn=1),  # 3 per decision: the second is refused
        text_reply(plan()),
        text_reply(decision(view.close)),
    ]
    strategy = adviser(
        make_caller(llm.base_url, tmp_path),  # type: ignore[attr-defined]
        max_tool_calls=3,
        max_tool_calls_per_round=2,
    )
    strategy.on_bar(view, EMPTY_BOOK)
    first, second = tool_answers(llm.requests[1]), tool_answers(llm.requests[2])
    assert "values" in first["call_0"]
    assert "values" in first["call_1"]
    assert "per round" in first["call_2"]["error"]
    assert "values" in second["t1_0"]
    assert "are spent" in second["t1_1"]["error"]
    assert "tools" not in llm.requests[3]  # a spent tool budget offers no tools any more


def test_the_last_planner_round_offers_no_tools(llm: ScriptedLLM, tmp_path: Path) -> None:
    view = view_at(entry_bars()[0])
    ask = ("get_positions", {})
    llm.script = [tool_calls(ask), tool_calls(ask), text_reply(decision(view.close))]
    strategy = adviser(make_caller(llm.base_url, tmp_path), max_tool_rounds=1)  # type: ignore[attr-defined]
    assert strategy.on_bar(view, EMPTY_BOOK) != ()  # the executor still decides, without a plan
    assert "tools" in llm.requests[0]
    assert "tools" not in llm.requests[1]
    record = json.loads(strategy.drain_deliberations()[0].payload)
    assert record["plan"] is None
    assert "after its tool rounds" in record["plan_problem"]


def test_a_tool_slower_than_its_latency_cap_answers_an_error() -> None:
    view = view_at(entry_bars()[0])
    snap = Snapshot.take(view)
    ticks = iter([0.0, 5.0])  # a clock that says the tool took 5 s
    box = ToolBox(snap, run_panel(snap), ToolCaps(latency_s=1.0), clock=lambda: next(ticks))
    (outcome,) = box.answer_round([LlmToolCall("c1", "get_positions", "{}")])
    assert not outcome.ok
    assert "longer than its 1s cap" in json.loads(outcome.content)["error"]


def test_context_series_are_cut_at_the_decision_bar() -> None:
    from aitrader.agents.snapshot import ContextData
    from aitrader.data import load_sample

    view = view_at(entry_bars()[0])
    whole = load_sample("BTCUSDT", "1h")  # runs years past the decision bar
    assert whole.end_ms > view.close_ms
    snap = Snapshot.take(view, context=ContextData(series={"BTC.ref": whole}))
    ok, future = ToolBox(snap).answer_round(
        [
            LlmToolCall("a", "get_context", json.dumps({"series": "BTC.ref", "n": 3})),
            LlmToolCall(
                "b", "get_context", json.dumps({"series": "BTC.ref", "n": 3, "until_ms": view.close_ms + 1})
            ),
        ]
    )
    rows = json.loads(ok.content)["rows"]
    assert [r[0] for r in rows] == [view.time_ms - 7_200_000, view.time_ms - 3_600_000, view.time_ms]
    assert not future.ok
    assert "after the decision time" in json.loads(future.content)["error"]
