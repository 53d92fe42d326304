"""`aitrader traces` on a trace the agents' caller wrote against a scripted server, joined with a
journal that holds the trade one decision opened (and the gate's refusal of another)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agents_llm_helpers import make_caller, request, url
from chat_misbehaving_llm import MisbehavingLLM, raw_json
from chat_scripted_llm import ScriptedLLM, text_reply
from sqlalchemy import insert
from typer.testing import CliRunner

from aitrader.agents.llm_calls import LlmUnavailable
from aitrader.cli.app import app
from aitrader.execution import journal_schema as s
from aitrader.execution.journal import open_engine

runner = CliRunner()
T0 = 1_717_200_000_000  # 2024-06-01 00:00 UTC, a bar close
HOUR = 3_600_000


def _decide(caller: object, snapshot: str, time_ms: int, proposal: object, why: str) -> None:
    caller.note_decision(  # type: ignore[attr-defined]
        snapshot,
        "debate.arbiter",
        {"symbol": "BTCUSDT", "time_ms": time_ms, "proposal": proposal, "why": why},
    )


@pytest.fixture
def trace(scripted: ScriptedLLM, tmp_path: Path) -> Path:
    caller = make_caller(url(scripted), tmp_path)
    scripted.script = [
        text_reply('{"stance": "bull", "score": 0.7}', tokens=600),
        text_reply('{"stance": "bear", "score": -0.1}', tokens=620),
        text_reply('{"stance": "bear", "score": -0.5}', tokens=640),
    ]
    caller.complete(request(role="debate.bull", snapshot_id="snap-a"))
    caller.complete(request(role="debate.bear", snapshot_id="snap-a"))
    _decide(
        caller, "snap-a", T0, {"kind": "enter", "side": "BUY", "price": 64210.5, "stop": 63500}, "bull 0.7"
    )
    caller.complete(request(role="debate.bull", snapshot_id="snap-b"))
    _decide(caller, "snap-b", T0 + HOUR, {"kind": "enter", "side": "SELL", "price": 64900.0}, "bear wins")
    _decide(caller, "snap-c", T0 + 2 * HOUR, None, "conviction 0.31 < 0.6")
    return tmp_path / "agents-trace.jsonl"


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite"
    engine = open_engine(path)
    with engine.begin() as db:
        db.execute(
            insert(s.runs).values(
                run_id="r1", mode="paper", strategy="debate", symbol="BTCUSDT", timeframe="1h",
                started_ms=T0 - HOUR, status="finished", initial_equity=10_000.0, params="{}",
            )
        )  # fmt: skip
        for pid, t, side, ok, code in (
            (1, T0, "BUY", True, None),
            (2, T0 + HOUR, "SELL", False, "MAX_EXPOSURE"),
        ):
            db.execute(
                insert(s.proposals).values(
                    id=pid, run_id="r1", bar=pid, time_ms=t, symbol="BTCUSDT", strategy="debate", kind="enter",
                    side=side, price=64_000.0, rationale="debate", evidence="{}",
                )
            )  # fmt: skip
            db.execute(
                insert(s.verdicts).values(
                    proposal_id=pid, run_id="r1", time_ms=t, approved=ok, code=code,
                    message="ok" if ok else "exposure cap reached",
                )
            )  # fmt: skip
        db.execute(
            insert(s.trades).values(
                run_id="r1", symbol="BTCUSDT", side="BUY", quantity=0.01, entry_bar=2, entry_time=T0 + 60_000,
                entry_price=64_215.0, exit_bar=5, exit_time=T0 + 4 * HOUR, exit_price=64_900.0, fees=1.3,
                pnl=5.55, exit_reason="target", strategy="debate", rationale="debate",
            )
        )  # fmt: skip
    engine.dispose()
    return path


def _run(*args: str) -> object:
    return runner.invoke(app, ["traces", *args], env={"COLUMNS": "200"})


def test_traces_lists_calls_by_decision_with_outcomes_and_totals(trace: Path, journal: Path) -> None:
    result = _run("--trace", str(trace), "--journal", str(journal))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    assert "snapshot snap-a" in out
    assert "snapshot snap-b" in out
    assert "snapshot snap-c" in out
    assert "debate.bull" in out
    assert "debate.bear" in out
    assert "enter BUY @ 64210.5 stop 63500 (bull 0.7)" in out
    assert "trade #1 BUY" in out
    assert "P&L +5.55 (target)" in out
    assert "refused by the gate: MAX_EXPOSURE" in out
    assert "none: conviction 0.31 < 0.6" in out
    assert "no trade (no proposal)" in out
    assert "3 decision(s), 3 call(s)" in out
    assert "tokens 1,830 in / 30 out" in out
    assert "p50" in out
    assert "p95" in out


def test_traces_without_a_journal_says_so(trace: Path, tmp_path: Path) -> None:
    result = _run("--trace", str(trace), "--journal", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "no journal at" in result.output  # type: ignore[attr-defined]


def test_show_prints_one_call_in_full(trace: Path) -> None:
    first = json.loads(trace.read_text().splitlines()[0])
    result = _run("--trace", str(trace), "--show", first["id"])
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.output  # type: ignore[attr-defined]
    assert "BTCUSDT 1h: close 64210, RSI 61" in out  # the prompt
    assert '{"stance": "bull", "score": 0.7}' in out  # the response
    assert "tokens 590 in / 10 out (reported)" in out


def test_unavailable_calls_show_their_reason(server: MisbehavingLLM, tmp_path: Path) -> None:
    caller = make_caller(server.base_url, tmp_path)
    server.script = [raw_json({"error": "boom"}, status=500)]
    with pytest.raises(LlmUnavailable):
        caller.complete(request())
    result = _run("--trace", str(tmp_path / "agents-trace.jsonl"), "--journal", str(tmp_path / "j.sqlite"))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "unavailable: the LLM endpoint failed (HTTP 500)" in result.output  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--day", "June 1st"], "is not a date"),
        (["--day", "2024-02-30"], "is not a date"),
        (["--show", "c-nope"], "no call or decision 'c-nope'"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(trace: Path, args: list[str], words: str) -> None:
    result = _run("--trace", str(trace), *args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1
    assert words in lines[0]


def test_a_missing_trace_is_one_line(tmp_path: Path) -> None:
    result = _run("--trace", str(tmp_path / "nothing.jsonl"))
    assert result.exit_code == 1
    assert "no agents' LLM trace" in result.output


def test_day_filters_and_an_empty_day_says_so(trace: Path) -> None:
    result = _run("--trace", str(trace), "--day", "1999-01-01")
    assert result.exit_code == 1
    assert "no LLM calls" in result.output
