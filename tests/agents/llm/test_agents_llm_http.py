"""The agents' HttpCaller against OpenAI-compatible servers on 127.0.0.1: scripted answers with
tokens and cost, garbage and slow servers, the day's token and money budget, and redaction."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from agents_llm_helpers import API_KEY, CANDLES_TOOL, VENUE_SECRET, make_caller, request, url
from chat_misbehaving_llm import MisbehavingLLM, Raw, completion_body, raw_json, text
from chat_scripted_llm import ScriptedLLM, text_reply, tool_reply

from aitrader.agents.chat.llm_budget import DailyBudget
from aitrader.agents.llm.http_caller import MONEY_SPENT, TOKENS_SPENT
from aitrader.agents.llm_calls import LlmToolCall, LlmUnavailable


def _trace(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "agents-trace.jsonl").read_text().splitlines()]


def test_a_scripted_answer_comes_back_with_tokens_and_cost(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path)
    scripted.script = [text_reply('{"stance": "bull", "score": 0.6}', tokens=600)]
    response = caller.complete(request(tools=(CANDLES_TOOL,)))
    assert response.content == '{"stance": "bull", "score": 0.6}'
    assert (response.prompt_tokens, response.completion_tokens) == (590, 10)
    assert response.cost_usd == pytest.approx((590 * 2.0 + 10 * 8.0) / 1e6)
    assert response.replayed is False
    assert response.call_id.startswith("c-")
    sent = scripted.requests[0]
    assert sent["temperature"] == 0
    assert sent["model"] == "scripted"
    assert sent["max_tokens"] == 200
    assert sent["response_format"] == {"type": "json_object"}
    assert sent["tools"] == [CANDLES_TOOL]
    (record,) = _trace(tmp_path)
    assert record["kind"] == "call"
    assert record["id"] == response.call_id
    assert (record["role"], record["snapshot_id"], record["outcome"]) == ("debate.bull", "snap-0001", "ok")
    assert record["tokens"] == {"prompt": 590, "completion": 10, "source": "reported"}
    assert record["cost_usd"] == response.cost_usd
    assert record["price"] == "configured"
    assert record["messages"][1]["content"].startswith("BTCUSDT 1h")
    assert record["tools"] == ["get_candles"]
    budget = json.loads((tmp_path / "agents-llm-budget.json").read_text())
    assert budget["used"] == 600
    assert budget["usd"] == pytest.approx(response.cost_usd)


def test_tool_calls_come_back_as_the_model_wrote_them(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path)
    scripted.script = [tool_reply("get_candles", {"symbol": "ETHUSDT", "limit": 24})]
    response = caller.complete(request(tools=(CANDLES_TOOL,), json_reply=False))
    assert response.tool_calls == (
        LlmToolCall("call_get_candles", "get_candles", '{"symbol": "ETHUSDT", "limit": 24}'),
    )
    assert "response_format" not in scripted.requests[0]
    (record,) = _trace(tmp_path)
    assert record["response"]["tool_calls"][0]["name"] == "get_candles"


def test_an_implausible_usage_report_is_charged_at_our_estimate(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    caller = make_caller(url(scripted), tmp_path)
    scripted.script = [text_reply('{"stance": "bull", "score": 0.6}', tokens=12)]  # far below the size
    response = caller.complete(request())
    assert response.prompt_tokens + response.completion_tokens > 12
    assert _trace(tmp_path)[0]["tokens"]["source"] == "estimate"


def test_without_prices_the_cost_is_zero_and_the_trace_says_why(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    caller = make_caller(url(scripted), tmp_path, price_in_per_mtok=0.0, price_out_per_mtok=0.0)
    scripted.script = [text_reply('{"stance": "bear", "score": -0.2}')]
    assert caller.complete(request()).cost_usd == 0.0
    assert _trace(tmp_path)[0]["price"] == "price not configured"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Raw(body=b'{"choices": [{"message": {"content": "x"'), "not valid JSON"),
        (raw_json({"id": "x", "object": "chat.completion"}), "no choices"),
        (raw_json(completion_body({"role": "assistant", "content": 42})), "content is not text"),
        (Raw(body=b"<html>busy</html>", content_type="text/html", status=200), "not JSON"),
        (raw_json({"error": "boom"}, status=500), "HTTP 500"),
        (text("Sure! The stance is bull."), "not the JSON object asked for"),
        (text('["bull", 0.6]'), "not the JSON object asked for"),
    ],
)
def test_garbage_is_unavailable_with_a_safe_reason(
    server: MisbehavingLLM, tmp_path: Path, reply: Raw, reason: str
) -> None:
    caller = make_caller(server.base_url, tmp_path)
    server.script = [reply]
    with pytest.raises(LlmUnavailable) as caught:
        caller.complete(request())
    assert reason in caught.value.reason
    assert "boom" not in caught.value.reason
    assert "busy" not in caught.value.reason
    (record,) = _trace(tmp_path)
    assert record["outcome"] == "unavailable"
    assert reason in record["error"]


def test_a_dead_endpoint_is_unavailable(tmp_path: Path) -> None:
    caller = make_caller("http://127.0.0.1:9/v1", tmp_path)
    with pytest.raises(LlmUnavailable, match="LLM endpoint"):
        caller.complete(request())


def test_a_bad_base_url_is_unavailable_without_a_call(tmp_path: Path) -> None:
    caller = make_caller("ftp://example.invalid/v1", tmp_path)
    with pytest.raises(LlmUnavailable, match="http:// or https://"):
        caller.complete(request())


@pytest.mark.parametrize(
    "reply",
    [
        Raw(body=b"{}", hang_s=30.0),  # never answers
        Raw(
            body=json.dumps(completion_body({"role": "assistant", "content": "{}"})).encode(), trickle_s=0.05
        ),
    ],
    ids=["hangs", "trickles"],
)
def test_a_slow_server_is_unavailable_at_the_deadline(
    server: MisbehavingLLM, tmp_path: Path, reply: Raw
) -> None:
    caller = make_caller(server.base_url, tmp_path, timeout_s=30.0, deadline_s=0.5)
    server.script = [reply]
    with pytest.raises(LlmUnavailable, match="deadline"):
        caller.complete(request())
    assert _trace(tmp_path)[0]["outcome"] == "unavailable"


def test_the_calls_of_one_decision_share_its_deadline(server: MisbehavingLLM, tmp_path: Path) -> None:
    caller = make_caller(server.base_url, tmp_path, timeout_s=30.0, deadline_s=0.5)
    server.script = [Raw(body=b"{}", hang_s=30.0)]
    with pytest.raises(LlmUnavailable, match=r"decision's 0\.5s deadline"):
        caller.complete(request(role="adviser.planner"))
    with pytest.raises(LlmUnavailable, match="no time left"):
        caller.complete(request(role="adviser.executor"))
    assert len(server.requests) == 1  # the executor's call was never sent
    caller.note_decision("snap-0001", "adviser", {"proposal": None, "why": "no answer in time"})
    server.script = [text('{"stance": "bull"}')]
    assert caller.complete(request()).content == '{"stance": "bull"}'  # a new decision, a new clock


def test_one_slow_request_is_cut_at_the_request_timeout(server: MisbehavingLLM, tmp_path: Path) -> None:
    caller = make_caller(server.base_url, tmp_path, timeout_s=0.3, deadline_s=30.0)
    server.script = [Raw(body=b"{}", hang_s=30.0)]
    with pytest.raises(LlmUnavailable, match=r"0\.3s deadline of one request"):
        caller.complete(request())


def test_the_token_budget_stops_calls_before_they_are_made(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path, token_budget=2_000)
    scripted.script = [text_reply('{"stance": "bull", "score": 1}', tokens=1_900)]
    caller.complete(request())  # fits, and charges 1,900
    with pytest.raises(LlmUnavailable) as caught:
        caller.complete(request(snapshot_id="snap-0002"))
    assert caught.value.reason == TOKENS_SPENT
    assert len(scripted.requests) == 1  # the server never saw the second call
    assert _trace(tmp_path)[-1]["error"] == TOKENS_SPENT


def test_a_request_that_alone_would_pass_the_token_budget_is_not_sent(
    scripted: ScriptedLLM, tmp_path: Path
) -> None:
    caller = make_caller(url(scripted), tmp_path, token_budget=100)
    with pytest.raises(LlmUnavailable, match=TOKENS_SPENT):
        caller.complete(request(max_tokens=200))
    assert scripted.requests == []


def test_the_money_budget_stops_calls(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path, money_budget_usd=0.01, price_in_per_mtok=1.0)
    scripted.script = [text_reply('{"stance": "bull", "score": 1}', tokens=20_000)]  # about $0.02
    first = caller.complete(request())
    assert first.cost_usd > 0.01
    with pytest.raises(LlmUnavailable) as caught:
        caller.complete(request(snapshot_id="snap-0002"))
    assert caught.value.reason == MONEY_SPENT
    assert len(scripted.requests) == 1


def test_the_money_budget_is_shared_through_its_file(scripted: ScriptedLLM, tmp_path: Path) -> None:
    DailyBudget(10**6, tmp_path / "agents-llm-budget.json", money_limit_usd=1.0).charge(10, 1.0)
    caller = make_caller(url(scripted), tmp_path, money_budget_usd=1.0)
    with pytest.raises(LlmUnavailable, match=MONEY_SPENT):
        caller.complete(request())
    assert scripted.requests == []


def test_a_damaged_budget_file_fails_closed(scripted: ScriptedLLM, tmp_path: Path) -> None:
    (tmp_path / "agents-llm-budget.json").write_text('{"day": "2024-01-01", "used": 1, "usd": "lots"}')
    caller = make_caller(url(scripted), tmp_path)
    with pytest.raises(LlmUnavailable, match="damaged"):
        caller.complete(request())
    assert scripted.requests == []


def test_keys_never_reach_the_request_body_or_the_trace(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path)
    scripted.script = [text_reply('{"stance": "bull", "score": 0.1}')]
    leaky = f"news: a user posted api_key={API_KEY} and the venue secret {VENUE_SECRET}"
    caller.complete(request(leaky))
    caller.note_decision("snap-0001", "debate.arbiter", {"proposal": None, "why": f"saw {VENUE_SECRET}"})
    body = json.dumps(scripted.requests[0])
    trace_text = (tmp_path / "agents-trace.jsonl").read_text()
    for secret in (API_KEY, VENUE_SECRET):
        assert secret not in body
        assert secret not in trace_text
    assert "***" in body
    assert scripted.headers[0]["Authorization"] == f"Bearer {API_KEY}"  # the key goes in its header only
    assert stat.S_IMODE((tmp_path / "agents-trace.jsonl").stat().st_mode) == 0o600


def test_a_decision_is_traced(scripted: ScriptedLLM, tmp_path: Path) -> None:
    caller = make_caller(url(scripted), tmp_path)
    caller.note_decision(
        "snap-0001", "adviser", {"symbol": "BTCUSDT", "proposal": None, "why": "conviction 0.41 < 0.6"}
    )
    (record,) = _trace(tmp_path)
    assert record["kind"] == "decision"
    assert record["id"].startswith("d-")
    assert record["decision"] == {"symbol": "BTCUSDT", "proposal": None, "why": "conviction 0.41 < 0.6"}
