"""Recorded answers: record then replay bit for bit with no server request, a missing recording is
unavailable, failures and decisions replay too, and build_caller wires it all from Settings."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path

import pytest
from agents_llm_helpers import make_caller, request, url
from chat_misbehaving_llm import MisbehavingLLM, raw_json
from chat_scripted_llm import ScriptedLLM, text_reply, tool_reply

from aitrader.agents.llm.factory import build_caller
from aitrader.agents.llm.http_caller import HttpCaller
from aitrader.agents.llm.recordings import NOT_RECORDED, AnswerStore, RecordingCaller
from aitrader.agents.llm_calls import LlmUnavailable
from aitrader.config import load_settings


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    return AnswerStore(tmp_path / "llm-answers.sqlite", "scripted")


def test_record_then_replay_is_identical_without_a_request(
    scripted: ScriptedLLM, tmp_path: Path, store: AnswerStore
) -> None:
    recorder = RecordingCaller(make_caller(url(scripted), tmp_path), store, "record")
    scripted.script = [
        text_reply('{"stance": "bull", "score": 0.6}', tokens=600),
        tool_reply("get_candles", {"symbol": "ETHUSDT"}, tokens=700),
    ]
    first = recorder.complete(request())
    second = recorder.complete(request(role="adviser.planner", json_reply=False))
    assert len(scripted.requests) == 2

    replayer = RecordingCaller(None, AnswerStore(tmp_path / "llm-answers.sqlite", "scripted"), "replay")
    again = [
        replayer.complete(request()),
        replayer.complete(request(role="adviser.planner", json_reply=False)),
    ]
    assert len(scripted.requests) == 2  # no model was called
    assert all(r.replayed for r in again)
    assert [dataclasses.replace(r, replayed=False) for r in again] == [first, second]
    assert again[0].cost_usd == first.cost_usd
    assert again[0].latency_s == first.latency_s


def test_record_mode_answers_from_the_store_when_it_can(
    scripted: ScriptedLLM, tmp_path: Path, store: AnswerStore
) -> None:
    recorder = RecordingCaller(make_caller(url(scripted), tmp_path), store, "record")
    scripted.script = [text_reply('{"stance": "bear", "score": -0.3}', tokens=600)]
    first = recorder.complete(request())
    recorder.note_decision("snap-0001", "debate", {"proposal": None})  # the snapshot is decided again:
    hit = recorder.complete(request())
    assert len(scripted.requests) == 1
    assert hit.replayed
    assert dataclasses.replace(hit, replayed=False) == first
    another_run = RecordingCaller(make_caller(url(scripted), tmp_path), store, "record")
    assert dataclasses.replace(another_run.complete(request()), replayed=False) == first
    assert len(scripted.requests) == 1
    assert another_run.replay_report().line() == (
        "LLM answers (record): 1 answered from the recording, 0 asked the model, "
        "0 answered for a different prompt, 0 decision(s) differ from the recording"
    )


def test_replay_of_a_missing_answer_is_unavailable_and_calls_nothing(
    scripted: ScriptedLLM, tmp_path: Path, store: AnswerStore
) -> None:
    replayer = RecordingCaller(None, store, "replay")
    with pytest.raises(LlmUnavailable) as caught:
        replayer.complete(request(snapshot_id="never-seen"))
    assert caught.value.reason == f"{NOT_RECORDED} for debate.bull (call 1) about snapshot never-seen"
    assert scripted.requests == []
    report = replayer.replay_report()
    assert (report.answered, report.missing, report.clean) == (0, 1, False)
    assert report.first_missing == caught.value.reason


def test_a_failed_call_replays_as_the_same_failure(
    server: MisbehavingLLM, tmp_path: Path, store: AnswerStore
) -> None:
    recorder = RecordingCaller(make_caller(server.base_url, tmp_path), store, "record")
    server.script = [raw_json({"error": "boom"}, status=500)]
    with pytest.raises(LlmUnavailable) as recorded:
        recorder.complete(request())
    with pytest.raises(LlmUnavailable) as replayed:
        RecordingCaller(None, store, "replay").complete(request())
    assert replayed.value.reason == recorded.value.reason
    assert len(server.requests) == 1


def test_decisions_are_recorded_and_a_replay_is_compared(
    scripted: ScriptedLLM, tmp_path: Path, store: AnswerStore
) -> None:
    recorder = RecordingCaller(make_caller(url(scripted), tmp_path), store, "record")
    decision = {"symbol": "BTCUSDT", "proposal": {"kind": "enter", "side": "BUY", "price": 64210.5}}
    recorder.note_decision("snap-0001", "debate.arbiter", decision)
    replayer = RecordingCaller(None, store, "replay")
    replayer.note_decision("snap-0001", "debate.arbiter", dict(decision))
    assert replayer.divergences == []
    replayer.note_decision("snap-0001", "debate.arbiter", {"symbol": "BTCUSDT", "proposal": None})
    replayer.note_decision("snap-0002", "debate.arbiter", {"symbol": "BTCUSDT", "proposal": None})
    assert [(d.snapshot_id, d.recorded is None) for d in replayer.divergences] == [
        ("snap-0001", False),
        ("snap-0002", True),
    ]
    trace = [json.loads(x) for x in (tmp_path / "agents-trace.jsonl").read_text().splitlines()]
    assert [r["kind"] for r in trace] == ["decision"]  # the recorder's inner traced it


def test_the_store_file_is_private(store: AnswerStore) -> None:
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_recording_needs_a_caller(store: AnswerStore) -> None:
    with pytest.raises(ValueError, match="no LLM is configured"):
        RecordingCaller(None, store, "record")


def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_url: str | None) -> object:
    for name in ("AITRADER_LLM_BASE_URL", "AITRADER_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AITRADER_TELEMETRY", str(tmp_path / "var" / "telemetry.jsonl"))
    monkeypatch.setenv("AITRADER_LLM_MODEL", "scripted")
    monkeypatch.setenv("AITRADER_LLM_PRICE_IN_PER_MTOK", "3")
    if base_url is not None:
        monkeypatch.setenv("AITRADER_LLM_BASE_URL", base_url)
    return load_settings(_env_file=None)


def test_build_caller_from_settings(
    scripted: ScriptedLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offline = _settings(tmp_path, monkeypatch, None)
    assert build_caller(offline, "live") is None  # type: ignore[arg-type]
    assert build_caller(offline, "record") is None  # type: ignore[arg-type]

    settings = _settings(tmp_path, monkeypatch, url(scripted))
    live = build_caller(settings, "live")  # type: ignore[arg-type]
    assert isinstance(live, HttpCaller)
    scripted.script = [text_reply('{"stance": "bull", "score": 0.2}', tokens=600)]
    answer = live.complete(request())
    assert answer.cost_usd == pytest.approx(590 * 3 / 1e6)
    var = tmp_path / "var"
    assert {p.name for p in var.iterdir()} >= {
        "agents-trace.jsonl",
        "agents-llm-budget.json",
        "llm-answers.sqlite",
    }

    replay = build_caller(offline, "replay")  # type: ignore[arg-type]  # a replay needs no model
    assert replay is not None
    assert dataclasses.replace(replay.complete(request()), replayed=False) == answer
    assert len(scripted.requests) == 1


def test_build_caller_record_mode_answers_from_the_recordings_and_traces_it(
    scripted: ScriptedLLM, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offline = _settings(tmp_path, monkeypatch, None)
    assert build_caller(offline, "live") is None  # type: ignore[arg-type]
    assert not (tmp_path / "var").exists()  # no model, no files
    settings = _settings(tmp_path, monkeypatch, url(scripted))
    recorder = build_caller(settings, "record")  # type: ignore[arg-type]
    assert recorder is not None
    scripted.script = [text_reply('{"stance": "bear", "score": -0.4}', tokens=600)]
    first = recorder.complete(request())
    recorder.note_decision("snap-0001", "debate.arbiter", {"proposal": None})
    hit = recorder.complete(request())
    assert len(scripted.requests) == 1
    assert hit.replayed
    trace = [json.loads(x) for x in (tmp_path / "var" / "agents-trace.jsonl").read_text().splitlines()]
    assert [r.get("outcome", r["kind"]) for r in trace] == ["ok", "decision", "replayed"]
    assert trace[2]["replay_of"] == first.call_id
    assert trace[2]["replayed"] is True
    with pytest.raises(ValueError, match="unknown LLM caller mode"):
        build_caller(settings, "backtest")  # type: ignore[arg-type]
