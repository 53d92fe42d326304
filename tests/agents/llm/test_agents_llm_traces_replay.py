"""`aitrader traces` on what the adviser notes (symbol, the bar's close, the proposal, why): the bar
time and the decision are shown and joined with the journal (a live proposal is stamped a little
after the close; another strategy's proposal at that bar is not this decision's); a replay's calls
are a group of their own, counted as replayed and never in the tokens or cost; `--limit` keeps the
decisions with the latest calls."""

from __future__ import annotations

import json
from pathlib import Path

from agents_llm_helpers import make_caller, request, url
from chat_scripted_llm import ScriptedLLM, text_reply, tool_reply
from sqlalchemy import insert
from typer.testing import CliRunner

from aitrader.agents.chat.llm_redact import Redactor
from aitrader.agents.llm.recordings import AnswerStore, RecordingCaller
from aitrader.agents.llm.trace import AgentTrace
from aitrader.cli.app import app
from aitrader.execution import journal_schema as s
from aitrader.execution.journal import open_engine

runner = CliRunner()
T0 = 1_717_200_000_000  # 2024-06-01 00:00 UTC, the bar's close
HOUR = 3_600_000
PROPOSAL = {  # as the adviser notes it (msgspec.to_builtins of its Enter, plus the kind)
    "kind": "enter",
    "symbol": "BTCUSDT",
    "side": "BUY",
    "price": 64210.5,
    "stop": 63500.0,
    "targets": [{"price": 65600.0, "fraction": 1.0}],
    "confidence": 0.7,
    "strategy": "llm",
    "time_ms": T0,
}
DECISION = {"symbol": "BTCUSDT", "time_ms": T0, "proposal": PROPOSAL, "why": "trend and volume agree"}


def _adviser(caller: object) -> None:
    for role in ("adviser.planner", "adviser.planner", "adviser.executor"):
        caller.complete(request(role=role, snapshot_id="snap-a", json_reply=False))  # type: ignore[attr-defined]
    caller.note_decision("snap-a", "adviser", DECISION)  # type: ignore[attr-defined]


def _journal(path: Path) -> Path:
    engine = open_engine(path)
    with engine.begin() as db:
        for run_id, strategy in (("r-llm", "llm"), ("r-conf", "confluence")):
            db.execute(
                insert(s.runs).values(
                    run_id=run_id, mode="paper", strategy=strategy, symbol="BTCUSDT", timeframe="1h",
                    started_ms=T0 - HOUR, status="finished", initial_equity=10_000.0, params="{}",
                )
            )  # fmt: skip
        for pid, run_id, strategy, t, ok in (
            (1, "r-conf", "confluence", T0, False),  # another strategy refused at this bar: not ours
            (1, "r-llm", "llm", T0 + 1_234, True),  # live: stamped when the gate saw it
        ):
            db.execute(
                insert(s.proposals).values(
                    id=pid, run_id=run_id, bar=7, time_ms=t, symbol="BTCUSDT", strategy=strategy, kind="enter",
                    side="BUY", price=64_210.5, rationale=strategy, evidence="{}",
                )
            )  # fmt: skip
            db.execute(
                insert(s.verdicts).values(
                    proposal_id=pid, run_id=run_id, time_ms=t, approved=ok, code=None if ok else "MAX_EXPOSURE",
                    message="ok" if ok else "exposure cap reached",
                )
            )  # fmt: skip
        db.execute(
            insert(s.trades).values(
                run_id="r-llm", symbol="BTCUSDT", side="BUY", quantity=0.01, entry_bar=8, entry_time=T0 + 5_000,
                entry_price=64_215.0, exit_bar=12, exit_time=T0 + 4 * HOUR, exit_price=65_600.0, fees=1.3,
                pnl=12.5, exit_reason="target", strategy="llm", rationale="llm",
            )
        )  # fmt: skip
    engine.dispose()
    return path


def _run(*args: str) -> str:
    result = runner.invoke(app, ["traces", *args], env={"COLUMNS": "220"})
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_a_replay_is_its_own_group_and_costs_nothing(scripted: ScriptedLLM, tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")
    live = make_caller(url(scripted), tmp_path, recordings=store)
    scripted.script = [
        tool_reply("get_candles", {"symbol": "BTCUSDT"}, tokens=700),
        text_reply('{"plan": "buy"}', tokens=650),
        text_reply('{"action": "enter"}', tokens=640),
    ]
    _adviser(live)
    trace_file = tmp_path / "agents-trace.jsonl"
    replay = RecordingCaller(None, store, "replay", AgentTrace(trace_file, Redactor(())))
    _adviser(replay)
    assert len(scripted.requests) == 3

    records = [json.loads(x) for x in trace_file.read_text().splitlines()]
    assert len({r["trace_run"] for r in records}) == 2  # the live run's and the replay's
    out = _run("--trace", str(trace_file), "--journal", str(_journal(tmp_path / "journal.sqlite")))
    assert out.count("snapshot snap-a") == 2  # never one group merging both runs
    assert out.count("2024-06-01 00:00") >= 2  # the bar's close, not when the calls were made
    assert "BTCUSDT" in out
    assert "adviser: enter BUY @ 64210.5 stop 63500.0 conf 0.7 (trend and volume agree)" in out
    assert "approved; trade #1 BUY 64215 → 65600 P&L +12.50 (target)" in out
    assert "MAX_EXPOSURE" not in out  # the confluence run's refusal is not this decision's outcome
    assert "replayed: 3 call(s)" in out
    assert "2 decision(s), 3 call(s) to a model" in out
    assert "3 replayed from recordings" in out
    assert "tokens 1,960 in / 30 out" in out  # the live calls only (700 + 650 + 640, 10 out each)


def _line(kind: str, snapshot: str, ts_ms: int, **extra: object) -> str:
    record = {"kind": kind, "id": f"{kind[0]}-{snapshot}-{ts_ms}", "snapshot_id": snapshot, "ts_ms": ts_ms}
    record.update(extra)
    if kind == "call":
        record.update(
            role="debate.bull", outcome="ok", tokens={"prompt": 100, "completion": 10, "source": "reported"}
        )
    return json.dumps(record)


def test_limit_keeps_the_decisions_with_the_latest_calls(tmp_path: Path) -> None:
    trace_file = tmp_path / "agents-trace.jsonl"
    lines = [
        _line("call", "snap-old", T0, trace_run="t-1"),
        _line("call", "snap-mid", T0 + 1_000, trace_run="t-1"),
        _line("call", "snap-old", T0 + 2_000, trace_run="t-1"),  # snap-old's latest call is the newest
        _line(
            "decision", "snap-old", T0 + 2_001, trace_run="t-1", role="debate", decision={"symbol": "ETHUSDT"}
        ),
    ]
    trace_file.write_text("\n".join(lines) + "\n")
    out = _run("--trace", str(trace_file), "--limit", "1", "--journal", str(tmp_path / "none.sqlite"))
    assert "snapshot snap-old" in out
    assert "snap-mid" not in out
    assert "ETHUSDT" in out
    assert "? (called" in out  # no bar time noted: said so, with when it was called
    both = _run("--trace", str(trace_file), "--limit", "2", "--journal", str(tmp_path / "none.sqlite"))
    assert both.index("snap-mid") < both.index("snap-old")  # the latest last
