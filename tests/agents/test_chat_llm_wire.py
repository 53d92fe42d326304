"""Malformed server output never reaches the user and never raises: each reply below, sent on the wire
by a server on 127.0.0.1, makes the question fall back to the offline engine with a short reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount
from chat_misbehaving_llm import (
    MisbehavingLLM,
    Raw,
    call,
    completion_body,
    make_engine,
    raw_json,
    text,
    tool,
    tool_calls,
)

QUESTION = "what's my usdt balance"
OFFLINE_TEXT = "Your USDT balance is 9,950.25 (free: 9,450.25, locked: 500.00)."
SSE = (
    b'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"You hold"}}]}\n\n'
    b'data: {"id":"c","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":" 25 BTC"}}]}\n\n'
    b"data: [DONE]\n\n"
)
HTML = b"<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>"
NESTED = '{"symbol": ' + "[" * 1000 + "]" * 1000 + "}"  # under the 2 KiB cap, so depth is what stops it
BOMB = b'{"choices": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"

MALFORMED: list[tuple[str, Raw, str]] = [
    ("invalid JSON body", Raw(body=b'{"choices": [{"message": '), "the LLM reply is not valid JSON"),
    ("empty body", Raw(body=b""), "the LLM reply is not valid JSON"),
    ("unrequested SSE stream", Raw(body=SSE, content_type="text/event-stream"), "a stream nobody asked for"),
    ("SSE stream labelled JSON", Raw(body=SSE), "the LLM reply is not valid JSON"),
    (
        "HTML page",
        Raw(body=HTML, content_type="text/html; charset=utf-8", status=200),
        "not JSON (text/html)",
    ),
    ("HTML page labelled JSON", Raw(body=HTML), "the LLM reply is not valid JSON"),
    (
        "no content type",
        Raw(body=json.dumps(completion_body({"content": "hi"})).encode(), content_type=None),
        "no content type",
    ),
    ("tool call without a function", tool_calls({"id": "c1", "type": "function"}), "without a function"),
    (
        "tool call with a null function",
        tool_calls({"id": "c1", "type": "function", "function": None}),
        "without a function",
    ),
    (
        "tool call without a name",
        tool_calls({"id": "c1", "type": "function", "function": {"arguments": "{}"}}),
        "without a name",
    ),
    (
        "tool call with an empty name",
        tool_calls({"id": "c1", "function": {"name": " ", "arguments": "{}"}}),
        "without a name",
    ),
    (
        "tool call with a numeric name",
        tool_calls({"id": "c1", "function": {"name": 7, "arguments": "{}"}}),
        "without a name",
    ),
    ("tool name with a newline", tool("get_balances\nplace_order", {}), "not a plain identifier"),
    (
        "tool call of another type",
        tool_calls({"id": "c1", "type": "code", "function": {"name": "get_balances"}}),
        "not a function call",
    ),
    ("tool call that is a string", tool_calls("get_balances"), "malformed tool call"),  # type: ignore[arg-type]
    (
        "tool_calls not a list",
        raw_json(completion_body({"content": None, "tool_calls": {"a": 1}})),
        "not a list",
    ),
    ("non-JSON arguments", tool("get_balances", "{asset: BTC"), "not valid JSON"),
    ("arguments a JSON list", tool("get_balances", '["BTC"]'), "not a JSON object"),
    ("arguments a JSON string", tool("get_balances", '"BTC"'), "not a JSON object"),
    (
        "arguments a number",
        tool_calls({"id": "c", "function": {"name": "get_balances", "arguments": 5}}),
        "not a JSON object",
    ),
    ("arguments with NaN", tool("get_ticker", '{"symbol": "BTCUSDT", "amount": NaN}'), "not valid JSON"),
    (
        "arguments with duplicate keys",
        tool("get_balances", '{"asset": "BTC", "asset": "ETH"}'),
        "not valid JSON",
    ),
    ("deeply nested arguments", tool("get_balances", NESTED), "nested too deeply"),
    ("a deeply nested reply", Raw(body=BOMB), "nested too deeply"),
    ("arguments nested 3 deep", tool("get_balances", {"asset": {"a": {"b": "BTC"}}}), "nested too deeply"),
    (
        "huge number as a string",
        tool("get_ticker", {"symbol": "BTCUSDT", "amount": "1e999999"}),
        "number out of range",
    ),
    (
        "huge number as JSON",
        tool("get_ticker", '{"symbol": "BTCUSDT", "amount": 1e999999}'),
        "number out of range",
    ),
    (
        "Infinity as a string",
        tool("get_ticker", {"symbol": "BTCUSDT", "amount": "Infinity"}),
        "number out of range",
    ),
    (
        "a 5000-digit integer",
        tool("get_ticker", '{"symbol": "BTCUSDT", "amount": ' + "9" * 5000 + "}"),
        "cap 2048",
    ),
    (
        "control characters in arguments",
        tool("get_balances", {"asset": "BTC\u001b[2J"}),
        "control characters",
    ),
    ("empty choices", raw_json(completion_body(None, choices=[])), "has no choices"),
    ("no choices key", raw_json({"id": "x", "object": "chat.completion"}), "has no choices"),
    ("choices not a list", raw_json(completion_body(None, choices={"0": {}})), "has no choices"),
    ("choice not an object", raw_json(completion_body(None, choices=["hi"])), "malformed choice"),
    ("null message", raw_json(completion_body(None)), "has no message"),
    ("message a string", raw_json(completion_body("You hold 25 BTC")), "malformed message"),
    ("content a list", text(["You hold 25 BTC"]), "content is not text"),
    ("content an object", text({"text": "hi"}), "content is not text"),
    ("null content, no tool calls", text(None), "empty reply"),
    ("blank content", text("   \n "), "empty reply"),
    ("reply a JSON list", raw_json([1, 2]), "not a JSON object"),
    ("an error object", raw_json({"error": {"message": "quota"}}), "has no choices"),
    ("HTTP 500", raw_json({"error": "boom"}, status=500), "failed (HTTP 500)"),
    (
        "HTTP 429",
        raw_json({"error": "slow down"}, status=429, headers=(("Retry-After", "1"),)),
        "rate limiting (HTTP 429)",
    ),
    ("HTTP 401", raw_json({"error": "bad key"}, status=401), "refused the API key (HTTP 401)"),
    ("HTTP 404", Raw(body=HTML, status=404, content_type="text/html"), "(HTTP 404)"),
    (
        "a redirect",
        Raw(status=302, headers=(("Location", "http://127.0.0.1:9/"),)),
        "redirects are not followed",
    ),
    ("gzip encoding", Raw(body=b"\x1f\x8b\x08\x00", headers=(("Content-Encoding", "gzip"),)), "compressed"),
    ("not UTF-8", Raw(body=b'{"choices": "\xff\xfe"}'), "not UTF-8"),
    ("NaN in the reply", Raw(body=b'{"choices": [], "usage": NaN}'), "not valid JSON"),
    ("a reply over 1 MiB", Raw(body=b'{"pad": "' + b"x" * (1 << 20) + b'"}'), "larger than"),
    (
        "a reply over 1 MiB, no length",
        Raw(body=b'{"pad": "' + b"x" * (1 << 20) + b'"}', length=False),
        "larger than",
    ),
    ("connection closed, no reply", Raw(close_without_reply=True), "LLM endpoint: broken HTTP reply"),
    (
        "a truncated body",
        Raw(body=b'{"choices": []}', headers=(("Content-Length", "400"),), length=False),
        "LLM endpoint: the reply was cut short",
    ),
    ("not HTTP at all", Raw(raw=b"SSH-2.0-OpenSSH_9.6\r\n"), "LLM endpoint: broken HTTP reply"),
    (
        "broken chunked encoding",
        Raw(body=b"zz\r\nabc\r\n", headers=(("Transfer-Encoding", "chunked"),), length=False),
        "LLM endpoint: broken HTTP reply",
    ),
    (
        "a header flood",
        Raw(body=b"{}", headers=tuple((f"X-Pad-{i}", "y") for i in range(150))),
        "LLM endpoint: broken HTTP reply",
    ),
    ("HTTP 502 HTML page", Raw(body=HTML, status=502, content_type="text/html"), "failed (HTTP 502)"),
    (
        "control characters in the answer",
        text("Your USDT balance is 9,950.25\u001b]0;pwned\u0007"),
        "control characters",
    ),
    ("bidi override in the answer", text("Your balance is \u202e52.059,9 TDSU"), "control characters"),
    ("zero-width space in the answer", text("I can\u200bcelled nothing"), "control characters"),
    ("homoglyph in the answer", text("I c\u0430ncelled your orders."), "mixes alphabets"),
    ("a link in the answer", text("Confirm at https://evil.example/login"), "holds a link"),
    ("a markdown link", text("See [your orders](javascript:alert(1))"), "holds a link"),
    ("a wall of text", text("Your USDT balance is 9,950.25. " * 200), "longer than 4000"),
]


@pytest.mark.parametrize(
    ("reply", "reason"), [(r, why) for _, r, why in MALFORMED], ids=[n for n, _, _ in MALFORMED]
)
def test_malformed_output_falls_back_offline(
    server: MisbehavingLLM, tmp_path: Path, reply: Raw, reason: str
) -> None:
    trace = tmp_path / "t.jsonl"
    account = MemoryAccount()
    engine = make_engine(server.base_url, trace, account=account)
    server.script = [reply]
    a = engine.ask(QUESTION)  # never raises
    assert a.engine.startswith("offline (LLM fallback: ")
    assert reason in a.engine
    assert "Traceback" not in a.engine
    assert len(a.engine) < 200
    assert a.text == OFFLINE_TEXT
    assert "25 BTC" not in a.text
    assert not any(c.startswith("open_orders") for c in account.calls)  # nothing ran that was not asked
    record = json.loads(trace.read_text().splitlines()[-1])
    assert reason in record["fallback"]
    assert record["crash"] is None  # a reply is never a crash: every case is handled by name
    assert record["engine"] == a.engine
    assert record["answer"] == OFFLINE_TEXT


def test_the_session_goes_on_after_every_misbehaviour(server: MisbehavingLLM, tmp_path: Path) -> None:
    """One engine, one session: every malformed reply in a row, then a good one is still answered."""
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    server.script = [r for _, r, _ in MALFORMED] + [
        tool("get_balances", {"asset": "USDT"}),
        text("Your USDT balance is 9,950.25 (free: 9,450.25, locked: 500.00)."),
    ]
    for _ in MALFORMED:
        assert engine.ask(QUESTION).engine.startswith("offline (LLM fallback: ")
    a = engine.ask(QUESTION)
    assert a.engine == "llm"
    assert a.tool == "get_balances"


@pytest.mark.parametrize(
    "usage",
    [
        None,
        {"total_tokens": "lots"},
        {"total_tokens": -5},
        {"total_tokens": 1.5},
        {"total_tokens": True},
        "x",
    ],
    ids=["missing", "non-numeric", "negative", "fractional", "boolean", "not an object"],
)
def test_odd_token_usage_is_no_error_and_is_estimated(
    server: MisbehavingLLM, tmp_path: Path, usage: object
) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace)
    server.script = [
        tool_calls(call("get_balances", {"asset": "USDT"}), usage=usage),
        text("Your USDT balance is 9,950.25.", usage=usage),
    ]
    a = engine.ask(QUESTION)
    assert a.engine == "llm"
    for rnd in json.loads(trace.read_text())["rounds"]:
        assert rnd["tokens"]["source"] == "estimate"
        assert rnd["tokens"]["charged"] == rnd["tokens"]["estimated"] > 0
