"""Secrets are redacted before anything leaves the process: the question, the history and every tool
result sent to the LLM, and everything written to the trace. Configured keys, and whatever looks
like a key even when nobody configured it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from chat_fakes import MemoryJournal
from chat_misbehaving_llm import MisbehavingLLM, make_engine, text, tool

from aitrader.agents.chat.llm_bip39 import BIP39_WORDS
from aitrader.agents.chat.models import DecisionView
from aitrader.agents.chat.trace import Redactor

CONFIGURED = "binance-secret-value-xyz"
SEED_12 = "legal winner thank year wave sausage worth useful legal winner thank yellow"
SEED_24 = (
    "abandon ability able about above absent absorb abstract absurd abuse access accident account accuse "
    "achieve acid acoustic acquire across act action actor actress actual"
)
PEM = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBk1Zm9vYmFy\nAwEHoUQDQgAE\n-----END EC PRIVATE KEY-----"
SECRETS: dict[str, tuple[str, str]] = {
    # name: (text around the secret, the secret itself)
    "configured key": (f"my binance secret {CONFIGURED} ok", CONFIGURED),
    "sk- key": ("use sk-proj-Ab3dEf6hIj9kLm2nOp5q please", "sk-proj-Ab3dEf6hIj9kLm2nOp5q"),
    "64-char exchange key": (
        "key vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
        "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
    ),
    "hex secret": (
        "hex 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    ),
    "base64 secret": (
        f"b64 {base64.b64encode(bytes(range(33))).decode()} end",
        base64.b64encode(bytes(range(33))).decode(),
    ),
    "JWT": (
        "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ),
    "PEM block": (f"here:\n{PEM}\nthanks", "MHcCAQEEIBk1Zm9vYmFy"),
    "unterminated PEM": ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=", "b3BlbnNzaC1rZXktdjE="),
    "12-word seed": (f"my seed is: {SEED_12}. is it safe?", "sausage worth useful"),
    "24-word seed": (f"backup {SEED_24}", "acoustic acquire across"),
    "numbered seed": (
        "1. legal 2. winner 3. thank 4. year 5. wave 6. sausage 7. worth 8. useful 9. legal 10. winner 11. thank 12. yellow",
        "sausage",
    ),
    "api_key=": ("curl ...?api_key=abc123&x=1", "abc123"),
    "apiKey: (JSON)": ('{"apiKey": "zz9-secret-zz"}', "zz9-secret-zz"),
    "secret:": ("secret: hunter2", "hunter2"),
    "password=": ("password=Tr0ub4dor&3", "Tr0ub4dor"),
    "spoken password": ("my password is hunter2!", "hunter2"),
    "spoken api key": ("my api key is QWERTY12", "QWERTY12"),
    "bearer token": ("Authorization: Bearer abc.def.ghi123", "abc.def.ghi123"),
}

KEPT = [
    "what is my btc balance and how much did we make this week on BTCUSDT?",
    "Your BTC balance is 0.03993 (free: 0.02993, locked: 0.01), time 1683192660000.",
    "why did the bot buy on 2023-05-04 when EMA20 crossed above EMA50 on 15m?",
    "what about the total value then, please show all open orders since last monday morning thanks",
]


@pytest.mark.parametrize(("around", "secret"), list(SECRETS.values()), ids=list(SECRETS))
def test_secrets_are_redacted(around: str, secret: str) -> None:
    out = Redactor([CONFIGURED]).text(around)
    assert secret not in out
    assert "***" in out


@pytest.mark.parametrize("plain", KEPT)
def test_ordinary_text_is_kept(plain: str) -> None:
    assert Redactor([CONFIGURED]).text(plain) == plain


def test_the_seed_words_are_the_bip39_list() -> None:
    assert len(BIP39_WORDS) == 2048
    assert set(SEED_12.split()) <= BIP39_WORDS


class LeakyJournal(MemoryJournal):
    """A journal whose rationale holds a key someone pasted in."""

    def __init__(self) -> None:
        super().__init__()
        d = self._decisions[2]
        self._decisions[2] = DecisionView.model_validate(
            {**d.model_dump(), "rationale": "EMA cross; api_key=sk-live-9d8c7b6a5f4e3d2c1b0a"}
        )


def test_nothing_secret_leaves_the_process(server: MisbehavingLLM, tmp_path: Path) -> None:
    trace = tmp_path / "t.jsonl"
    engine = make_engine(server.base_url, trace, secrets=(CONFIGURED,))
    engine.ctx.journal = LeakyJournal()
    question = "why did you buy? " + " ".join(around for around, _ in SECRETS.values())
    server.script = [
        tool("explain_trade", {"order_id": "9"}),
        text("It bought because of an EMA cross."),
        text("Nothing more."),
    ]
    engine.ask(question)
    engine.ask("and then?")  # the first question travels again, in the history
    sent = b"\n".join(server.raw_requests).decode()
    written = trace.read_text()
    for _, secret in SECRETS.values():
        assert secret not in sent
        assert secret not in written
    for leaked in ("sk-live-9d8c7b6a5f4e3d2c1b0a", "sk-test-SECRET-0123456789abcdef"):
        assert leaked not in sent
        assert leaked not in written
    history = server.requests[-1]["messages"]
    assert history[1]["role"] == "user"
    assert "***" in history[1]["content"]
    tool_result = json.loads(server.requests[1]["messages"][-1]["content"])
    assert tool_result["decision"]["rationale"] == "EMA cross; api_key=***"
