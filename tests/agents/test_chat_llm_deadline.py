"""One wall-clock deadline per question, over every round, byte and tool run. A server that trickles a
byte a second defeats a per-read timeout; here the question must still end by its deadline.

These are bounds, not speed measurements: each case would take tens of seconds without the deadline
and is asserted to end within the deadline plus a generous slack."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount
from chat_misbehaving_llm import MisbehavingLLM, Raw, call, make_engine, text, tool, tool_calls

from aitrader.agents.chat.models import TickerView

DEADLINE_S = 1.5
SLACK_S = 2.5  # thread start, the offline answer, a slow CI machine; the trickle alone would take 30 s+
QUESTION = "what's my usdt balance"
OFFLINE_TEXT = "Your USDT balance is 9,950.25 (free: 9,450.25, locked: 500.00)."
LATE = f"offline (LLM fallback: no answer within the {DEADLINE_S:g}s deadline)"


def _ask_timed(engine: object, question: str = QUESTION) -> tuple[object, float]:
    started = time.monotonic()
    answer = engine.ask(question)  # type: ignore[attr-defined]
    return answer, time.monotonic() - started


TRICKLES = {
    "status line and headers trickled": Raw(body=text("Your USDT balance is 9,950.25.").body, trickle_s=1.0),
    "body trickled": Raw(
        body=text("Your USDT balance is 9,950.25.").body, trickle_s=1.0, trickle_body_only=True
    ),
    "no length, body trickled": Raw(
        body=b'{"choices": []}' * 50, trickle_s=0.5, trickle_body_only=True, length=False
    ),
    "accepts, then silence": Raw(hang_s=60),
}


@pytest.mark.parametrize("reply", list(TRICKLES.values()), ids=list(TRICKLES))
def test_a_trickling_server_cannot_outlast_the_deadline(
    server: MisbehavingLLM, tmp_path: Path, reply: Raw
) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, timeout_s=60, deadline_s=DEADLINE_S)
    server.script = [reply]
    a, elapsed = _ask_timed(engine)
    assert a.engine == LATE  # type: ignore[attr-defined]
    assert a.text == OFFLINE_TEXT  # type: ignore[attr-defined]
    assert elapsed < DEADLINE_S + SLACK_S
    record = json.loads(trace.read_text())
    assert record["fallback"] == f"no answer within the {DEADLINE_S:g}s deadline"
    assert record["rounds"][0]["error"] == record["fallback"]


def test_the_deadline_covers_a_tls_handshake(server: MisbehavingLLM, tmp_path: Path) -> None:
    """https to a server that never answers the TLS hello: the handshake is cut at the deadline too."""
    engine = make_engine(
        server.base_url.replace("http://", "https://"),
        tmp_path / "t.jsonl",
        timeout_s=60,
        deadline_s=DEADLINE_S,
    )
    server.script = [Raw(hang_s=60)]
    a, elapsed = _ask_timed(engine)
    assert a.engine == LATE  # type: ignore[attr-defined]
    assert elapsed < DEADLINE_S + SLACK_S


def test_a_trickled_tls_handshake_is_cut_at_the_deadline(server: MisbehavingLLM, tmp_path: Path) -> None:
    """The server opens a 16 KiB TLS handshake record and sends it a byte a second: each read
    succeeds, so only the watchdog can end the handshake."""
    engine = make_engine(
        server.base_url.replace("http://", "https://"),
        tmp_path / "t.jsonl",
        timeout_s=60,
        deadline_s=DEADLINE_S,
    )
    server.script = [Raw(raw=b"\x16\x03\x03\x40\x00" + b"\x02" * 64, trickle_s=1.0)]
    a, elapsed = _ask_timed(engine)
    assert a.engine == LATE  # type: ignore[attr-defined]
    assert elapsed < DEADLINE_S + SLACK_S


def test_the_deadline_is_one_for_all_rounds(server: MisbehavingLLM, tmp_path: Path) -> None:
    """Each reply comes in 0.6 s, well inside the per-request timeout; the third round passes the
    question's deadline and is cut."""
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, timeout_s=60, deadline_s=DEADLINE_S)
    slow = [
        tool("get_balances", {"asset": "USDT"}),
        tool("get_balances", {}),
        text("Your USDT balance is 9,950.25."),
    ]
    server.script = [Raw(body=r.body, hang_s=0.6) for r in slow]
    a, elapsed = _ask_timed(engine)
    assert a.engine == LATE  # type: ignore[attr-defined]
    assert elapsed < DEADLINE_S + SLACK_S
    rounds = json.loads(trace.read_text())["rounds"]
    assert [r["tool_calls"][0]["status"] for r in rounds[:2]] == ["ran", "ran"]
    assert rounds[-1]["error"] == f"no answer within the {DEADLINE_S:g}s deadline"


class SlowTickers(MemoryAccount):
    """A venue that takes 0.8 s per ticker."""

    def ticker(self, symbol: str) -> TickerView:
        time.sleep(0.8)
        return super().ticker(symbol)


def test_tool_runs_count_against_the_deadline(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, account=SlowTickers(), timeout_s=60, deadline_s=DEADLINE_S)
    server.script = [
        tool_calls(
            *(
                call("get_ticker", {"symbol": s}, f"c{i}")
                for i, s in enumerate(["BTCUSDT", "ETHUSDT", "SOLUSDT"])
            )
        ),
        text("unused"),
    ]
    a, _ = _ask_timed(engine, "what's my usdt balance")
    assert a.engine == LATE  # type: ignore[attr-defined]
    ran = json.loads(trace.read_text())["rounds"][0]["tool_calls"]
    assert len(ran) == 2  # the third never started: the deadline had passed
    assert len(server.requests) == 1  # and no further round was asked for


def test_the_per_request_timeout_still_applies(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl", timeout_s=0.5, deadline_s=30)
    server.script = [Raw(hang_s=60)]
    a, elapsed = _ask_timed(engine)
    assert a.engine == "offline (LLM fallback: no reply within 0.5s)"  # type: ignore[attr-defined]
    assert elapsed < 0.5 + SLACK_S
