"""Answers keyed by the question (model, role, snapshot, the call's ordinal in the decision): a live
recording replays in a backtest whose prompt differs in a float's last digit (a Divergence says so),
the ordinal restarts when a snapshot is decided again, a miss names its role and snapshot, a replay
sums itself up in one line, and a store of the old key scheme still opens and answers exactly."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from agents_llm_helpers import CANDLES_TOOL, make_caller, request, url
from chat_scripted_llm import ScriptedLLM, text_reply, tool_reply

from aitrader.agents.llm.answer_store import (
    SCHEMA_VERSION,
    AnswerStore,
    CallOrdinals,
    StoreVersionError,
    canonical_json,
    legacy_key,
)
from aitrader.agents.llm.recordings import NOT_RECORDED, RecordingCaller, replay_line
from aitrader.agents.llm_calls import LlmRequest, LlmUnavailable

LIVE_PROMPT = "BTCUSDT 1h: close 64210.5, SMA20 64011.83333333333, RSI 61.2. Plan, then decide."
BACKTEST_PROMPT = "BTCUSDT 1h: close 64210.5, SMA20 64011.83333333334, RSI 61.2. Plan, then decide."
DECISION = {"symbol": "BTCUSDT", "time_ms": 1_717_200_000_000, "proposal": None, "why": "hold"}


def _decide(caller: object, prompt: str, snapshot: str = "snap-0001") -> list[object]:
    """An adviser-like decision: two planner rounds (the first asks for a tool), one executor call."""
    answers = []
    for role, text in (
        ("adviser.planner", prompt),
        ("adviser.planner", prompt + " [tool: 24 candles]"),
        ("adviser.executor", prompt + " [plan: hold]"),
    ):
        answers.append(
            caller.complete(  # type: ignore[attr-defined]
                request(text, role=role, snapshot_id=snapshot, json_reply=False, tools=(CANDLES_TOOL,))
            )
        )
    caller.note_decision(snapshot, "adviser", DECISION)  # type: ignore[attr-defined]
    return answers


def _script(scripted: ScriptedLLM) -> None:
    scripted.script = [
        tool_reply("get_candles", {"symbol": "BTCUSDT", "limit": 24}, tokens=700),
        text_reply('{"plan": "hold"}', tokens=650),
        text_reply('{"action": "hold"}', tokens=640),
    ]


def test_a_live_recording_replays_when_the_prompt_differs_in_a_last_digit(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    store = AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")
    live = make_caller(url(scripted), tmp_path, recordings=store)  # `trade`: live, recording as it goes
    _script(scripted)
    recorded = _decide(live, LIVE_PROMPT)
    assert live.recording_error is None

    replay = RecordingCaller(None, AnswerStore(store.path, "scripted"), "replay")
    replayed = _decide(replay, BACKTEST_PROMPT)  # the backtest's features: other float noise
    assert len(scripted.requests) == 3  # no model was called
    assert [a.content for a in replayed] == [a.content for a in recorded]  # type: ignore[attr-defined]
    assert all(a.replayed for a in replayed)  # type: ignore[attr-defined]
    assert [(d.role, d.snapshot_id, d.what, d.ordinal) for d in replay.divergences] == [
        ("adviser.planner", "snap-0001", "prompt differs", 0),
        ("adviser.planner", "snap-0001", "prompt differs", 1),
        ("adviser.executor", "snap-0001", "prompt differs", 0),
    ]  # and the decision is the recorded one: no divergence about it
    report = replay.replay_report()
    assert (report.answered, report.missing, report.requests_differ, report.decisions_differ) == (3, 0, 3, 0)
    assert not report.clean
    assert replay_line(replay) == (
        "LLM answers (replay): 3 answered from the recording, 0 with no recorded answer, "
        "3 answered for a different prompt, 0 decision(s) differ from the recording"
    )
    assert replay_line(live) is None  # a live caller has nothing to report


def test_the_same_prompt_replays_without_divergence_and_the_ordinal_restarts_per_decision(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    store = AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")
    _script(scripted)
    _decide(RecordingCaller(make_caller(url(scripted), tmp_path), store, "record"), LIVE_PROMPT)
    replay = RecordingCaller(None, store, "replay")
    _decide(replay, LIVE_PROMPT)
    _decide(replay, LIVE_PROMPT)  # the same snapshot decided again in this process: calls 1, 2, 1 again
    report = replay.replay_report()
    assert (report.answered, report.missing, report.clean) == (6, 0, True)
    assert replay.divergences == []


def test_a_replay_miss_says_which_role_call_and_snapshot(scripted: ScriptedLLM, tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")
    scripted.script = [text_reply('{"plan": "hold"}', tokens=650)]
    recorder = RecordingCaller(make_caller(url(scripted), tmp_path), store, "record")
    recorder.complete(request(role="adviser.planner", snapshot_id="snap-0001", json_reply=False))
    replay = RecordingCaller(None, store, "replay")
    replay.complete(request(role="adviser.planner", snapshot_id="snap-0001", json_reply=False))
    with pytest.raises(LlmUnavailable) as caught:  # a second planner round was never recorded
        replay.complete(request(role="adviser.planner", snapshot_id="snap-0001", json_reply=False))
    assert caught.value.reason == f"{NOT_RECORDED} for adviser.planner (call 2) about snapshot snap-0001"
    line = replay_line(replay)
    assert line is not None
    assert "1 answered from the recording" in line
    assert (
        "1 with no recorded answer (first: no recorded answer for adviser.planner (call 2) about "
        "snapshot snap-0001)" in line
    )


def test_a_recorded_failure_replays_and_other_differences_are_named(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    store = AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")
    store.put_unavailable(request(), 0, "daily token budget spent")
    store.put(request(role="debate.bear"), 0, _answer())
    replay = RecordingCaller(None, store, "replay")
    with pytest.raises(LlmUnavailable, match="daily token budget spent"):
        replay.complete(request(max_tokens=300))
    replay.complete(request(role="debate.bear", tools=(CANDLES_TOOL,)))
    assert [d.what for d in replay.divergences] == ["reply options differ", "tools differ"]
    report = replay.replay_report()
    assert (report.answered, report.failures, report.missing, report.requests_differ) == (1, 1, 0, 2)


def _answer() -> object:
    from aitrader.agents.llm_calls import LlmResponse

    return LlmResponse('{"stance": "bear", "score": -0.2}', prompt_tokens=590, completion_tokens=10)


def test_ordinals_count_per_role_and_a_decision_resets_only_its_deciders_roles() -> None:
    ordinals = CallOrdinals()

    def ask(role: str, snapshot: str = "s1") -> int:
        return ordinals.next(LlmRequest(role, snapshot, ()))

    assert [ask("debate.bull"), ask("debate.bear"), ask("debate.bull"), ask("debate.bull", "s2")] == [
        0,
        0,
        1,
        0,
    ]
    assert [ask("adviser.planner"), ask("adviser.planner")] == [0, 1]
    ordinals.decided("s1", "debate")  # the debate about s1 is decided: its roles start again
    assert [ask("debate.bull"), ask("debate.bear"), ask("adviser.planner"), ask("debate.bull", "s2")] == [
        0,
        0,
        2,
        1,
    ]


_OLD_SCHEMA = (
    """CREATE TABLE answers (
        key TEXT PRIMARY KEY, model TEXT NOT NULL, role TEXT NOT NULL, snapshot_id TEXT NOT NULL,
        outcome TEXT NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL)""",
    "CREATE INDEX answers_snapshot ON answers (snapshot_id)",
    """CREATE TABLE decisions (
        model TEXT NOT NULL, snapshot_id TEXT NOT NULL, role TEXT NOT NULL, decision TEXT NOT NULL,
        created_ms INTEGER NOT NULL, PRIMARY KEY (model, snapshot_id, role))""",
)


def _old_store(path: Path) -> None:
    """A store as the first key scheme wrote it: keyed by a hash of the exact request."""
    response = {
        "content": '{"stance": "bull", "score": 0.6}',
        "tool_calls": [],
        "prompt_tokens": 590,
        "completion_tokens": 10,
        "cost_usd": 0.00126,
        "latency_s": 0.25,
        "call_id": "c-old",
    }
    db = sqlite3.connect(path)
    with db:
        for statement in _OLD_SCHEMA:
            db.execute(statement)
        db.execute(
            "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                legacy_key("scripted", request()),
                "scripted",
                "debate.bull",
                "snap-0001",
                "answer",
                canonical_json(response),
                int(time.time() * 1000),
            ),
        )
    db.close()


def test_a_store_of_the_old_key_scheme_opens_and_answers_its_exact_requests(tmp_path: Path) -> None:
    path = tmp_path / "llm-answers.sqlite"
    _old_store(path)
    store = AnswerStore(path, "scripted")  # upgraded in place, nothing lost
    assert store.legacy_answers == 1
    assert store.count() == 1
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert db.execute("SELECT COUNT(*) FROM answers_v1").fetchone() == (1,)
    db.close()
    assert AnswerStore(path, "scripted").legacy_answers == 1  # opening it again changes nothing

    replay = RecordingCaller(None, store, "replay")
    answer = replay.complete(request())  # byte for byte the request it was recorded for
    assert (answer.content, answer.call_id, answer.replayed) == (
        '{"stance": "bull", "score": 0.6}',
        "c-old",
        True,
    )
    with pytest.raises(LlmUnavailable, match=r"no recorded answer for debate\.bull"):
        replay.complete(request("a different prompt", snapshot_id="snap-0002"))
    line = replay_line(replay)
    assert line is not None
    assert "1 answered from the recording (1 from old-scheme recordings)" in line
    assert "recorded by an older aitrader" in line


def test_a_store_of_a_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "llm-answers.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreVersionError, match="written by a newer aitrader"):
        AnswerStore(path, "scripted")
