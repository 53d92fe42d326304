"""`--strategy llm` from the command line against an OpenAI-compatible model on 127.0.0.1 (a
scripted one that answers from the request): a backtest trades only through the gate and records
the model's answers next to the telemetry; run again without the model it replays them and gives
the same report, bit for bit, without a request. `decide` shows the adviser's verdict with the
proposal. Missing answers or a missing model are a one-line error saying what to do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from adviser.adviser_model import RuleModel
from agent_cli_kit import deliberations, home, invoke, ok, one_line_error, proposals, run_id_of

from aitrader.agents.debate.strategy import DebateStrategy
from aitrader.data import load_sample
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import format_ms, parse_time

__all__ = ["home"]  # fixtures

LLM_WEEK = ["backtest", "--strategy", "llm", "--symbol", "BTCUSDT", "--timeframe", "1h",
            "--from", "2024-01-01", "--to", "2024-01-08"]  # fmt: skip
DECIDE_LLM = ["decide", "--strategy", "llm", "--symbol", "BTCUSDT", "--timeframe", "1h"]


def _env(model: RuleModel) -> dict[str, str | None]:
    return {"AITRADER_LLM_BASE_URL": model.base_url, "AITRADER_LLM_MODEL": "scripted"}  # type: ignore[attr-defined]


def _report(path: Path) -> dict[str, Any]:
    """The JSON report without what differs between two runs of one backtest: its id and duration."""
    doc: dict[str, Any] = json.loads(path.read_text())
    doc.pop("elapsed_s")
    doc["params"].pop("run_id")
    return doc


@pytest.mark.slow
def test_an_llm_backtest_trades_through_the_gate_and_replays_identically_without_a_model(home: Path) -> None:
    model = RuleModel()
    model.base_url = model.start()  # type: ignore[attr-defined]
    journal = home / "journal.sqlite"
    out = ok([*LLM_WEEK, "--json", "out1.json", "--journal", str(journal)], _env(model))
    asked_model = len(model.requests)
    assert asked_model > 0
    assert (home / "llm-answers.sqlite").exists()
    assert (home / "agents-trace.jsonl").exists()

    run_id = run_id_of(journal, "backtest")  # every proposal met the gate, and each is an adviser's
    asked = proposals(journal, run_id)
    said = deliberations(journal, run_id)
    assert asked
    assert all(p["strategy"] == "llm" and p["approved"] is not None for p in asked)
    assert len(asked) == sum(1 for d in said if d["record"]["proposal"] is not None)
    assert all(d["decider"] == "llm" and d["record"]["calls"] for d in said)
    assert f"gate verdicts: {len(asked):,} proposals" in out
    first = _report(home / "out1.json")
    assert first["trades"]

    no_model = {"AITRADER_LLM_BASE_URL": None, "AITRADER_LLM_MODEL": "scripted"}  # answers are per model
    replayed = ok([*LLM_WEEK, "--json", "out2.json"], no_model)
    assert _report(home / "out2.json") == first  # the same trades, equity and metrics
    # and it says where the answers came from: all from the recording, none missing or different
    assert f"LLM answers (replay): {asked_model} answered from the recording" in " ".join(replayed.split())
    assert "0 with no recorded answer" in " ".join(replayed.split())
    model.stop()  # even with the model's address set, its recorded answers are what it says
    ok([*LLM_WEEK, "--json", "out3.json"], _env(model))
    assert _report(home / "out3.json") == first
    ok([*LLM_WEEK, "--json", "out4.json", "--param", "answers=replay"], _env(model))
    assert _report(home / "out4.json") == first
    assert len(model.requests) == asked_model  # not one request after the recording run


def test_no_recorded_answers_to_replay_is_one_line(home: Path, rule_model: RuleModel) -> None:
    result = invoke([*LLM_WEEK, "--param", "answers=replay"], _env(rule_model))
    line = one_line_error(result)
    assert "no recorded answers of model scripted" in line
    assert str(home / "llm-answers.sqlite") in line
    assert not rule_model.requests


def test_no_model_and_no_recordings_says_how_to_configure_one(home: Path) -> None:
    line = one_line_error(invoke(LLM_WEEK))
    assert "set AITRADER_LLM_BASE_URL" in line
    assert "OpenAI-compatible" in line
    line = one_line_error(invoke([*LLM_WEEK, "--param", "answers=live"]))
    assert line.startswith("error: answers=live calls a model: set AITRADER_LLM_BASE_URL")
    decide = one_line_error(invoke(["decide", "--strategy", "llm", "--timeframe", "1h"]))
    assert "set AITRADER_LLM_BASE_URL" in decide


@pytest.mark.slow
def test_decide_shows_the_advisers_verdict_and_the_gates(home: Path, rule_model: RuleModel) -> None:
    candles = load_sample("BTCUSDT", "1h").between(end_ms=parse_time("2018-03-01") + 1)
    screen = DebateStrategy(timeframe=Timeframe.H1)  # the adviser's screen is the debate's
    entry = int(screen.signals(screen.features(candles)).entry_long.nonzero()[0][-1])
    at = format_ms(int(candles.open_time[entry]))
    out = ok([*DECIDE_LLM, "--at", at], _env(rule_model))
    assert f"llm on BTCUSDT 1h: bar {at} UTC" in out
    assert "llm verdict: enter long at" in out  # the model's decision, past the overlays ...
    assert "ENTER LONG" in out
    assert "RiskGate: APPROVED" in out
    assert len(rule_model.requests) == 2  # one bar: the planner, then the executor

    later = format_ms(int(candles.open_time[entry]) + 3_600_000)  # the screen passed over it
    out = ok([*DECIDE_LLM, "--at", later], _env(rule_model))
    assert "No proposal on this bar from llm (its screen passed over this bar" in out
    assert "Most recent bar with a signal" in out
    assert "llm verdict: enter long at" in out
