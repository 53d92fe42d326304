"""An answer that claims an action is never shown: chat is read-only, so the claim is false by
construction. The offline engine answers instead, and it refuses trade requests truthfully."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount
from chat_misbehaving_llm import MisbehavingLLM, make_engine, text, tool

from aitrader.agents.chat.llm_claims import action_claim

CLAIMS = [
    "Done: I cancelled all your orders.",
    "Done! All 3 orders are gone.",
    "I've placed the order.",
    "I’ve placed a market buy for 0.01 BTC.",
    "I have bought 0.01 BTC for you.",
    "I sold your ETH.",
    "I moved 0.5 BTC to your savings.",
    "I withdrew 100 USDT to your wallet.",
    "I transferred 100 USDT to your funding account.",
    "I went ahead and cancelled order 12.",
    "I will sell 0.01 BTC at market now.",
    "I'll cancel it right away.",
    "I can place that order for you.",
    "We have closed your BTC position.",
    "Let me cancel those orders.",
    "Your orders have been cancelled.",
    "Your order has now been placed.",
    "All your orders are now cancelled.",
    "Your withdrawal is sent.",
    "Order placed.",
    "Orders cancelled: 12, 14 and 15.",
    "Successfully cancelled 3 orders.",
    "Cancelled successfully.",
    "Sure! Cancelling your orders now.",
    "Sure. Placing a limit buy at 25,000.",
    "Order 12 was cancelled by me a minute ago.",
    "Ｉ ｃａｎｃｅｌｌｅｄ ｙｏｕｒ ｏｒｄｅｒｓ.",  # full-width letters
]

NOT_CLAIMS = [
    "I can't place, cancel or change orders: chat is read-only.",
    "I cannot cancel orders; I can only read your account.",
    "I did not cancel anything.",
    "I'm not able to sell for you.",
    "Order 10 was cancelled on 2023-05-04.",
    "The bot sold 0.03 BTC at 29,300.",
    "Order 9 is filled.",
    "Your stop is set at 27,800.",
    "You have 3 open orders: 2 sells and 1 buy.",
    "I found 4 trades this week.",
    "Closing price was 29,090.88.",
]


@pytest.mark.parametrize("reply", CLAIMS)
def test_claims_are_recognised(reply: str) -> None:
    assert action_claim(unicodedata.normalize("NFKC", reply)) is not None


@pytest.mark.parametrize("reply", NOT_CLAIMS)
def test_denials_and_reported_history_are_not_claims(reply: str) -> None:
    assert action_claim(reply) is None


@pytest.mark.parametrize("reply", CLAIMS)
def test_a_claimed_action_from_the_wire_is_never_shown(
    server: MisbehavingLLM, tmp_path: Path, reply: str
) -> None:
    trace = tmp_path / "t.jsonl"
    account = MemoryAccount()
    engine = make_engine(server.base_url, trace, account=account)
    server.script = [tool("get_open_orders", {}), text(reply)]
    a = engine.ask("what are my open orders?")  # a request to act never reaches the model at all
    assert a.engine.startswith("offline (LLM fallback: the LLM reply claims an action")
    assert a.intent == "open_orders"  # the truthful answer, from the offline engine
    assert reply not in a.text
    record = json.loads(trace.read_text())
    assert record["answer"] == a.text
    assert record["rounds"][-1]["response"]["content"] == reply  # the claim is kept for the audit


def test_a_denial_is_shown(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    server.script = [text("I can't place, cancel or change orders: chat is read-only.")]
    a = engine.ask("can you show me my orders?")
    assert a.engine == "llm"
