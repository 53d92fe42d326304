"""Caps on what the model may ask for: tool calls per round and per question, argument size and
depth, rounds per question. Past a cap the question falls back offline; oversized arguments never
reach the trace whole. Within the caps, unknown tools and bad arguments are refused to the model."""

from __future__ import annotations

import json
from pathlib import Path

from chat_fakes import MemoryAccount
from chat_misbehaving_llm import MisbehavingLLM, call, make_engine, text, tool, tool_calls

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.factory import ChatOptions
from aitrader.agents.chat.llm_setup import build_llm_engine
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.config import load_settings

QUESTION = "what's my usdt balance"
OFFLINE_TEXT = "Your USDT balance is 9,950.25 (free: 9,450.25, locked: 500.00)."


def balances_calls(n: int, prefix: str = "c") -> list[dict[str, object]]:
    return [call("get_balances", {"asset": "USDT"}, f"{prefix}{i}") for i in range(n)]


def test_too_many_calls_in_one_round(server: MisbehavingLLM, tmp_path: Path) -> None:
    account = MemoryAccount()
    engine = make_engine(server.base_url, tmp_path / "t.jsonl", account=account)
    server.script = [tool_calls(*balances_calls(5)), text("unused")]
    a = engine.ask(QUESTION)
    assert a.engine == "offline (LLM fallback: the LLM asked for 5 tool calls in one round (cap 4))"
    assert a.text == OFFLINE_TEXT
    assert account.calls.count("balances") == 1  # the offline answer's own; none of the five ran
    assert len(server.requests) == 1


def test_too_many_calls_in_one_question(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace)
    server.script = [
        tool_calls(*balances_calls(4, "a")),
        tool_calls(*balances_calls(4, "b")),
        tool_calls(*balances_calls(1, "c")),
        text("unused"),
    ]
    a = engine.ask(QUESTION)
    assert a.engine == "offline (LLM fallback: the LLM asked for more than 8 tool calls for one question)"
    rounds = json.loads(trace.read_text())["rounds"]
    assert [len(r["tool_calls"]) for r in rounds] == [4, 4, 0]


def test_oversized_arguments_are_refused_and_clipped_in_the_trace(
    server: MisbehavingLLM, tmp_path: Path
) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace)
    huge = "B" * 50_000
    server.script = [tool("get_balances", {"asset": huge}), text("unused")]
    a = engine.ask(QUESTION)
    assert a.engine == "offline (LLM fallback: tool arguments for get_balances are 50013 bytes (cap 2048))"
    raw = trace.read_text()
    assert huge not in raw
    assert len(raw) < 10_000
    logged = json.loads(raw)["rounds"][0]["response"]["tool_calls"][0]["arguments"]
    assert logged.endswith("…[truncated 47965 more characters]")
    assert len(server.requests) == 1  # never sent back to the model either


def test_a_small_cap_from_settings(server: MisbehavingLLM, tmp_path: Path) -> None:
    settings = load_settings(
        AITRADER_LLM_BASE_URL=server.base_url,
        AITRADER_LLM_MAX_TOOL_CALLS_PER_ROUND=1,
        AITRADER_LLM_MAX_TOOL_CALLS=2,
        AITRADER_LLM_MAX_ARGUMENT_BYTES=64,
        AITRADER_LLM_DEADLINE_S=7,
        AITRADER_TELEMETRY=tmp_path / "telemetry.jsonl",
    )
    from chat_fakes import MemoryJournal

    ctx = ToolContext(account=MemoryAccount(), journal=MemoryJournal())
    engine = build_llm_engine(settings, ChatOptions(), ctx, OfflineEngine(ctx))
    assert engine.config.deadline_s == 7
    assert (engine.config.caps.per_round, engine.config.caps.per_question) == (1, 2)
    server.script = [tool_calls(*balances_calls(2)), text("unused")]
    assert "2 tool calls in one round (cap 1)" in engine.ask(QUESTION).engine
    server.script = [tool("get_ticker", {"symbol": "BTCUSDT" + " " * 80}), text("unused")]
    assert "(cap 64)" in engine.ask(QUESTION).engine


def test_at_most_four_rounds(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    server.script = [tool("get_balances", {"asset": "USDT"})] * 5
    a = engine.ask(QUESTION)
    assert a.engine == "offline (LLM fallback: no answer after 4 tool rounds)"
    assert len(server.requests) == 4


def test_unknown_tools_and_bad_types_are_refused_to_the_model(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    account = MemoryAccount()
    engine = make_engine(server.base_url, trace, account=account)
    server.script = [
        tool_calls(
            call("place_order", {"symbol": "BTCUSDT", "side": "BUY", "quantity": "5"}, "c1"),
            call("cancel_all_orders", {}, "c2"),
            call("get_open_orders", {"symbol": 42}, "c3"),
            call("get_open_orders", {"symbol": "BTCUSDT", "side": "HOLD"}, "c4"),
        ),
        text("I can't place or cancel orders; I can only read your account."),
    ]
    a = engine.ask("what can you tell me about my orders?")  # the model tries to act anyway
    assert a.engine == "llm"
    offered = {t["function"]["name"] for t in server.requests[0]["tools"]}
    assert not any(w in name for name in offered for w in ("place", "cancel", "create", "amend", "withdraw"))
    results = [json.loads(m["content"]) for m in server.requests[1]["messages"] if m["role"] == "tool"]
    assert results[0]["error"].startswith("no tool named 'place_order'")
    assert results[1]["error"].startswith("no tool named 'cancel_all_orders'")
    assert "bad arguments for get_open_orders" in results[2]["error"]
    assert "bad arguments for get_open_orders" in results[3]["error"]
    assert not any(c.startswith("open_orders") for c in account.calls)
    statuses = [c["status"] for c in json.loads(trace.read_text())["rounds"][0]["tool_calls"]]
    assert statuses == ["refused"] * 4


def test_a_long_numeric_id_is_an_id_not_an_amount(server: MisbehavingLLM, tmp_path: Path) -> None:
    """Some venues use 19-digit order ids: looked up, never computed with, so not range-capped."""
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    server.script = [
        tool("explain_trade", {"order_id": "1234567890123456789"}),
        text("I found no journaled decision for that order."),
    ]
    assert engine.ask("why was order 1234567890123456789 placed?").engine == "llm"
    server.script = [tool("explain_trade", {"order_id": "1e999999"}), text("unused")]
    assert "number out of range" in engine.ask("why?").engine
