"""The token budget: per UTC day, in a JSON file next to the telemetry, so separate `aitrader chat "…"`
runs add up; the server's usage is believed only when plausible; no call once it is spent."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount
from chat_misbehaving_llm import MisbehavingLLM, call, make_engine, raw_json, text, tool, tool_calls

from aitrader.agents.chat.factory import ChatOptions
from aitrader.agents.chat.llm_budget import DailyBudget, charge_for
from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_setup import BUDGET_NAME, build_llm_engine
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.config import load_settings

QUESTION = "what's my usdt balance"
ANSWER = "Your USDT balance is 9,950.25."


def one_shot(server: MisbehavingLLM, tmp_path: Path, budget: int, trace_name: str) -> object:
    """What one `aitrader chat "…"` run builds: a fresh engine from settings (its own --trace)."""
    from chat_fakes import MemoryJournal

    from aitrader.agents.chat.context import ToolContext

    settings = load_settings(
        AITRADER_LLM_BASE_URL=server.base_url,
        AITRADER_LLM_API_KEY="sk-local-0123456789",
        AITRADER_LLM_TOKEN_BUDGET=budget,
        AITRADER_TELEMETRY=tmp_path / "var" / "telemetry.jsonl",
    )
    ctx = ToolContext(account=MemoryAccount(), journal=MemoryJournal())
    return build_llm_engine(settings, ChatOptions(trace=tmp_path / trace_name), ctx, OfflineEngine(ctx))


def test_one_shot_runs_share_the_day_and_cannot_reset_it(server: MisbehavingLLM, tmp_path: Path) -> None:
    first = one_shot(server, tmp_path, 6_000, "a.jsonl")
    server.script = [tool("get_balances", {"asset": "USDT"}), text(ANSWER)]
    assert first.ask(QUESTION).engine == "llm"  # type: ignore[attr-defined]
    path = tmp_path / "var" / BUDGET_NAME
    state = json.loads(path.read_text())
    used = state["used"]
    assert used > 0
    assert state["day"] == first.budget._today()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700  # created by us
    # a second run, with another --trace, sees the same day's count and spends the rest
    second = one_shot(server, tmp_path, 6_000, "elsewhere/b.jsonl")
    assert second.tokens_used == used  # type: ignore[attr-defined]
    server.script = [tool("get_balances", {"asset": "USDT"}), text(ANSWER)] * 3
    answers = [second.ask(QUESTION) for _ in range(3)]  # type: ignore[attr-defined]
    spent = answers[-1].engine
    assert spent.startswith("offline (LLM fallback: ")
    assert "daily LLM token budget" in spent
    calls = len(server.requests)
    third = one_shot(server, tmp_path, 6_000, "c.jsonl")
    a = third.ask(QUESTION)  # type: ignore[attr-defined]
    assert "daily LLM token budget" in a.engine
    assert a.text == "Your USDT balance is 9,950.25 (free: 9,450.25, locked: 500.00)."
    assert len(server.requests) == calls  # no call was made


def test_a_request_that_would_pass_the_budget_is_not_sent(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl", budget=100)
    a = engine.ask(QUESTION)
    assert a.engine.startswith("offline (LLM fallback: the request (~")
    assert "would pass the daily LLM token budget (100 of 100 left)" in a.engine
    assert server.requests == []
    (round_1,) = json.loads((tmp_path / "t.jsonl").read_text())["rounds"]
    assert round_1["error"].startswith("not sent: the request (~")
    assert round_1["http_status"] is None


def test_a_new_utc_day_starts_from_zero(tmp_path: Path) -> None:
    day = ["2024-03-01"]
    budget = DailyBudget(1_000, tmp_path / "b.json", today=lambda: day[0])
    budget.charge(990)
    with pytest.raises(LlmFallback, match="would pass"):
        budget.check(20)
    day[0] = "2024-03-02"
    assert budget.used() == 0
    budget.check(20)


@pytest.mark.parametrize(
    ("reported", "estimated", "charged", "source"),
    [
        (None, 500, 500, "estimate"),  # missing, negative or non-numeric usage reaches here as None
        (100, 500, 500, "estimate"),  # implausibly low: under a third of our estimate
        (200, 500, 200, "reported"),
        (5_000, 500, 5_000, "reported"),  # more than we thought: believed
    ],
)
def test_the_servers_count_is_believed_only_when_plausible(
    reported: int | None, estimated: int, charged: int, source: str
) -> None:
    c = charge_for(reported, estimated)
    assert (c.charged, c.source) == (charged, source)


def test_implausible_usage_on_the_wire_is_charged_at_our_estimate(
    server: MisbehavingLLM, tmp_path: Path
) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, budget_path=tmp_path / "budget.json")
    tiny = {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
    server.script = [
        tool_calls(call("get_balances", {"asset": "USDT"}), usage=tiny),
        text(ANSWER, usage=tiny),
    ]
    engine.ask(QUESTION)
    rounds = json.loads(trace.read_text())["rounds"]
    assert [r["tokens"]["reported"] for r in rounds] == [2, 2]
    assert all(r["tokens"]["estimated"] >= r["request_chars"] / 4 for r in rounds)  # ~4 chars a token
    charged = sum(r["tokens"]["charged"] for r in rounds)
    assert charged == sum(r["tokens"]["estimated"] for r in rounds)
    assert json.loads((tmp_path / "budget.json").read_text())["used"] == charged


def test_failed_calls_are_charged_too(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl", budget_path=tmp_path / "budget.json")
    server.script = [raw_json({"error": "boom"}, status=500)]
    engine.ask(QUESTION)
    assert json.loads((tmp_path / "budget.json").read_text())["used"] > 0


def test_a_damaged_budget_file_keeps_the_llm_off(server: MisbehavingLLM, tmp_path: Path) -> None:
    path = tmp_path / "budget.json"
    path.write_text('{"day": "2024-01-01", "used": "lots"}')
    engine = make_engine(server.base_url, tmp_path / "t.jsonl", budget_path=path)
    a = engine.ask(QUESTION)
    assert a.engine == f"offline (LLM fallback: the token budget file {path} is damaged; delete it to reset)"
    assert server.requests == []
