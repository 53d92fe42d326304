"""The trace: one JSONL record per question holding every round (messages sent, reply, tool calls and
their results, the last round's included), the fallback reason, the answer shown and its engine,
and a crash's type and message. Linear in size, append-only, 0600, never through a symlink."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount
from chat_misbehaving_llm import MisbehavingLLM, make_engine, text, tool

from aitrader.agents.chat.llm import SYSTEM_PROMPT
from aitrader.agents.chat.models import TickerView

QUESTION = "what's my usdt balance"


def test_every_round_is_in_one_record(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace)
    server.script = [tool("get_balances", {"asset": "USDT"})] * 4
    a = engine.ask(QUESTION)
    lines = trace.read_text().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["question"] == QUESTION
    assert record["fallback"] == "no answer after 4 tool rounds"
    assert record["engine"] == a.engine == "offline (LLM fallback: no answer after 4 tool rounds)"
    assert record["answer"] == a.text
    assert record["crash"] is None
    rounds = record["rounds"]
    assert [r["round"] for r in rounds] == [1, 2, 3, 4]
    last = rounds[-1]
    assert last["tool_calls"][0]["status"] == "ran"  # the last round's tool results are kept
    assert json.loads(last["tool_calls"][0]["result"])["lines"][0]["asset"] == "USDT"
    # linear: each round lists only the messages not sent before; the system prompt appears once
    assert [m["role"] for m in rounds[0]["messages_sent"]] == ["system", "user"]
    assert all([m["role"] for m in r["messages_sent"]] == ["assistant", "tool"] for r in rounds[1:])
    assert lines[0].count(SYSTEM_PROMPT[:60]) == 1
    for r in rounds:
        assert r["http_status"] == 200
        assert r["tokens"]["charged"] > 0


def test_records_are_appended_and_private(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "new" / "dir" / "t.jsonl"
    engine = make_engine(server.base_url, trace)
    server.script = [text("Your USDT balance is 9,950.25.")]  # ungrounded: no tool was called
    engine.ask(QUESTION)
    first = trace.read_text()
    server.script = [tool("get_balances", {"asset": "USDT"}), text("Your USDT balance is 9,950.25.")]
    engine.ask(QUESTION)
    both = trace.read_text()
    assert both.startswith(first)
    assert len(both.splitlines()) == 2
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600
    assert stat.S_IMODE(trace.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700


def test_an_older_world_readable_trace_is_made_private(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    trace.write_text("")
    trace.chmod(0o644)
    make_engine(server.base_url, trace).ask(QUESTION)
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600


def test_a_symlinked_trace_is_not_followed(server: MisbehavingLLM, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me\n")
    trace = tmp_path / "t.jsonl"
    os.symlink(target, trace)
    engine = make_engine(server.base_url, trace)
    server.script = [tool("get_balances", {"asset": "USDT"}), text("Your USDT balance is 9,950.25.")]
    a = engine.ask(QUESTION)
    assert a.engine == "llm"  # a trace that cannot be written never stops an answer
    assert target.read_text() == "keep me\n"
    assert engine.trace.last_error is not None


class FailsOnce(MemoryAccount):
    """A venue adapter with a bug that shows on the first ticker only."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc: BaseException | None = exc

    def ticker(self, symbol: str) -> TickerView:
        if self.exc is not None:
            exc, self.exc = self.exc, None
            raise exc
        return super().ticker(symbol)


def test_a_crash_is_traced_and_the_session_goes_on(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, account=FailsOnce(RuntimeError("adapter bug 42")))
    server.script = [tool("get_ticker", {"symbol": "BTCUSDT"}), text("unused")]
    a = engine.ask("btc price")
    assert a.engine == "offline (LLM fallback: internal error (RuntimeError))"
    assert a.text.startswith("BTCUSDT is at ")
    record = json.loads(trace.read_text())
    assert record["crash"] == {"type": "RuntimeError", "message": "adapter bug 42"}
    assert record["fallback"] == "internal error (RuntimeError)"
    assert record["answer"] == a.text


def test_an_interrupt_is_traced_and_not_swallowed(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, account=FailsOnce(KeyboardInterrupt()))
    server.script = [tool("get_ticker", {"symbol": "BTCUSDT"}), text("unused")]
    with pytest.raises(KeyboardInterrupt):
        engine.ask("btc price")
    record = json.loads(trace.read_text())
    assert record["crash"]["type"] == "KeyboardInterrupt"
    assert record["answer"] is None
    assert record["rounds"][0]["response"]["tool_calls"][0]["name"] == "get_ticker"
