"""Grounding: every figure of an LLM answer must match the tool results it claims to come from, value,
asset and kind together. First the rule on answers over real tool results of the in-memory book,
then the reviewer's made-up figures replayed from a server on 127.0.0.1."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from chat_fakes import MemoryAccount, MemoryJournal
from chat_misbehaving_llm import MisbehavingLLM, Raw, make_engine, text, tool, tool_calls
from chat_misbehaving_llm import call as tcall

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.grounding import ungrounded
from aitrader.agents.chat.llm_args import argument_numbers
from aitrader.agents.chat.llm_facts import Evidence
from aitrader.agents.chat.llm_figures import Vocabulary
from aitrader.agents.chat.models import DecisionView
from aitrader.agents.chat.registry import run_tool

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("get_balances", {}),
    ("get_open_orders", {}),
    ("get_trades", {"period": "this week"}),
    ("get_ticker", {"symbol": "BTCUSDT", "amount": "0.5"}),  # 0.5 is the model's own number
    ("explain_trade", {"order_id": "9"}),
    ("get_positions", {}),
]


def evidence_of(calls: list[tuple[str, dict[str, Any]]], journal: Any = None) -> tuple[Evidence, Vocabulary]:
    ctx = ToolContext(account=MemoryAccount(), journal=journal or MemoryJournal())
    ctx.now_ms()

    def split(symbol: str) -> tuple[str, str] | None:
        s = ctx.universe.by_symbol.get(symbol)
        return (s.base, s.quote) if s else None

    ev = Evidence(split_symbol=split, default_quote="USDT")
    for name, args in calls:
        ev.add(name, run_tool(ctx, name, args).model_dump(mode="json"), argument_numbers(args))
    return ev, Vocabulary(frozenset(ctx.universe.assets), split)


@pytest.fixture(scope="module")
def book() -> tuple[Evidence, Vocabulary]:
    return evidence_of(CALLS)


GROUNDED = [
    "Your BTC balance is 0.03993 BTC (free: 0.02993, locked: 0.01), worth 1,161.60 USDT.",
    "You hold 4 assets worth 13,287.45 USDT in total; BNB has no USDT price.",
    "You have 3 open orders: 2 sells and 1 buy.",
    "You have three open orders.",
    "Order 12 is a limit buy of 0.02 BTC at 25,000 USDT.",
    "Orders 9, 14 and 15 came from that decision.",
    "This week you realised +15.97 USDT on BTCUSDT and -9.56 USDT on ETHUSDT: 6.41 USDT in total.",
    "You lost 9.56 USDT on ETH this week.",
    "Fees: 0.879 USDT and 0.00002 BTC.",
    "BTC is at 29,090.88 USDT, up 0.03% over the last 24h.",
    "BTC is around 29.1k USDT ($29,091).",
    "BTCUSDT 29,090.88; 24h high 29,531, low 28,663.64.",
    "That amount is worth 14,545.44 USDT.",  # a value the tool worked out is evidence (its input is not)
    "The bot bought on 2023-05-04 at 09:29 UTC because EMA20 crossed above EMA50 on 15m (RSI 58.3).",
    "It bought on May 4th, 2023 with a stop at 27,800 and a target at 31,000.",
    "Your position of 0.01 BTC is down 0.09 USDT (-0.03%).",
    "1. BTC: 0.03993\n2. ETH: 1.2\n3. USDT: 9,950.25",
    "Your USDT is 9 950.25 USDT, your ETH 1.2 ETH.",
]


@pytest.mark.parametrize("answer", GROUNDED)
def test_grounded_answers_pass(book: tuple[Evidence, Vocabulary], answer: str) -> None:
    assert ungrounded(answer, *book) == []


UNGROUNDED: list[tuple[str, list[str]]] = [
    ("You hold 25 BTC.", ["25 BTC"]),  # a whole number under 32 is checked like any other
    ("You hold 3 BTC.", ["3 BTC"]),
    ("You have 10 000 000 USDT.", ["10 000 000 USDT"]),  # space-grouped
    ("You have 10'000'000 USDT and 10_000_000 USDT.", ["10'000'000 USDT", "10_000_000 USDT"]),
    ("You have USDT10,000,000.", ["10,000,000"]),
    ("You hold twelve million USDT.", ["twelve million USDT"]),  # number words
    ("You hold twelve million.", ["twelve million"]),
    ("You hold a dozen BTC.", ["a dozen BTC"]),
    ("You hold ½ BTC and 1¾ ETH.", ["0.5 BTC", "1.75 ETH"]),  # vulgar fractions
    ("You hold half a bitcoin.", ["half a bitcoin"]),
    ("Your USDT balance is 9,950.25 BTC.", ["9,950.25 BTC"]),  # the USDT amount labelled as BTC
    ("Your BTC is 0.03993 USDT.", ["0.03993 USDT"]),
    ("You hold 0.03993 ETH.", ["0.03993 ETH"]),
    ("0.5 BTC is worth 14,545.44 USDT.", ["0.5 BTC"]),  # the model's own tool argument
    ("You have 7 open orders.", ["7"]),  # no count of 7 anywhere
    ("You made 12 trades this week.", ["12 trades"]),
    ("Order 99 is still open.", ["99"]),
    ("BTC is up 5% today.", ["5%"]),
    ("Your BTC is 0.03993%.", ["0.03993%"]),
    ("You made +9.56 USDT on ETHUSDT.", ["+9.56 USDT"]),  # the sign is wrong
    ("Your position made 0.09 USDT.", ["0.09 USDT"]),  # a loss told as a gain
    ("BTC is around 30,000 USDT.", ["30,000 USDT"]),  # rounding is to the digits written
    ("You hold 1e999999 BTC.", ["1e999999 BTC"]),
    ("The bot bought on 2023-05-06.", ["2023-05-06"]),
    ("The bot bought at 10:45 UTC.", ["10:45"]),
    ("It has traded since 2021.", ["2021"]),
    ("Over the last 7 days you traded.", ["7 days"]),
    ("It is the 9th order.", ["9th"]),
    ("Your balance:\n25. BTC is yours", ["25"]),  # a lone "25." is no list marker
    ("Done\n17. first\n19. second", ["17", "19"]),  # nor are markers out of sequence
    ("Sure\n25 BTC", ["25 BTC"]),  # a word on the line before is no prefix glued to the number
]


@pytest.mark.parametrize(("answer", "missing"), UNGROUNDED)
def test_made_up_figures_are_caught(
    book: tuple[Evidence, Vocabulary], answer: str, missing: list[str]
) -> None:
    assert ungrounded(answer, *book) == missing


def test_free_text_in_results_is_no_source() -> None:
    """The journal's rationale is free text: "45,000 USDT" in it grounds nothing."""
    journal = MemoryJournal()
    first = journal._decisions[2]
    journal._decisions[2] = DecisionView.model_validate(
        {
            **first.model_dump(),
            "rationale": "target 45,000 USDT, size 3 BTC",
            "verdict_reason": "risk 250 USDT",
        }
    )
    ev, vocab = evidence_of([("explain_trade", {"order_id": "9"})], journal)
    assert ungrounded("The bot aimed at 45,000 USDT with 3 BTC, risking 250 USDT.", ev, vocab) == [
        "45,000 USDT",
        "3 BTC",
        "250 USDT",
    ]
    assert ungrounded("Its stop was 27,800 USDT.", ev, vocab) == []


def test_zero_never_stands_for_a_balance() -> None:
    ev, vocab = evidence_of([("get_balances", {"asset": "BTC"})])
    assert ungrounded("You hold 0 BTC.", ev, vocab) == ["0 BTC"]
    assert ungrounded("You hold 1 BTC.", ev, vocab) == ["1 BTC"]  # 0.03993 does not round to 1 here
    assert ungrounded("You hold 0.04 BTC.", ev, vocab) == []


def test_nothing_is_grounded_without_a_tool_call() -> None:
    ev, vocab = evidence_of([])
    assert ungrounded("BTC is at 29,090.88 USDT, 24h change 0.03%.", ev, vocab) == [
        "29,090.88 USDT",
        "24h",
        "0.03%",
    ]
    assert Decimal(0) not in {f.value for f in ev.facts}


# --- the reviewer's scenarios, replayed on the wire -------------------------------------------------


class RationaleJournal(MemoryJournal):
    """The journal of the book, whose latest BTC entry's rationale quotes a made-up target."""

    def __init__(self) -> None:
        super().__init__()
        d = self._decisions[2]
        self._decisions[2] = DecisionView.model_validate(
            {**d.model_dump(), "rationale": "EMA20 crossed EMA50; target 45,000 USDT"}
        )


SCENARIOS: list[tuple[str, str, list[Raw], str]] = [
    (
        "whole number under 32",
        "my btc?",
        [tool("get_balances", {"asset": "BTC"}), text("You hold 25 BTC.")],
        '"25 BTC"',
    ),
    (
        "space-grouped",
        "my usdt?",
        [tool("get_balances", {"asset": "USDT"}), text("You have 10 000 000 USDT.")],
        '"10 000 000 USDT"',
    ),
    (
        "number words",
        "my usdt?",
        [tool("get_balances", {"asset": "USDT"}), text("You have twelve million USDT.")],
        '"twelve million USDT"',
    ),
    (
        "USDT amount labelled BTC",
        "my usdt?",
        [tool("get_balances", {"asset": "USDT"}), text("You hold 9,950.25 BTC.")],
        '"9,950.25 BTC"',
    ),
    (
        "its own tool argument",
        "what is my btc worth?",
        [
            tool("get_ticker", {"symbol": "BTCUSDT", "amount": "25"}),
            text("You hold 25 BTC, worth 727,272 USDT."),
        ],
        '"25 BTC"',
    ),
    (
        "a number from the question",
        "I have 3 BTC, right?",
        [tool("get_balances", {"asset": "BTC"}), text("Yes, you hold 3 BTC.")],
        '"3 BTC"',
    ),
    (
        "journal text",
        "why did you buy?",
        [tool("explain_trade", {}), text("It aimed at 45,000 USDT.")],
        '"45,000 USDT"',
    ),
    ("no tool call at all", "btc price?", [text("BTC is at 29,090.88 USDT.")], '"29,090.88 USDT"'),
    (
        "a refused call's arguments",
        "what is 0.5 btc worth?",
        [
            tool_calls(tcall("get_ticker", {"symbol": "BTCUSDT", "amount": "0.5", "execute": True})),
            text("0.5 BTC is worth 14,545.44 USDT."),
        ],
        '"0.5 BTC", "14,545.44 USDT"',
    ),
    (
        "a made-up count",
        "open orders?",
        [tool("get_open_orders", {}), text("You have 7 open orders.")],
        '"7"',
    ),
]


@pytest.mark.parametrize(
    ("question", "script", "shown"), [s[1:] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS]
)
def test_made_up_figures_from_the_wire_fall_back(
    server: MisbehavingLLM, tmp_path: Path, question: str, script: list[Raw], shown: str
) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    engine.ctx.journal = RationaleJournal()
    server.script = list(script)
    a = engine.ask(question)
    assert a.engine.startswith("offline (LLM fallback: the LLM reply states figures no tool returned: ")
    assert shown in a.engine
    assert a.intent != "llm"


def test_a_grounded_answer_from_the_wire_is_shown(server: MisbehavingLLM, tmp_path: Path) -> None:
    engine = make_engine(server.base_url, tmp_path / "t.jsonl")
    server.script = [
        tool_calls(tcall("get_open_orders", {}), tcall("get_ticker", {"symbol": "BTCUSDT"}, "c2")),
        text("You have 3 open orders on BTCUSDT (2 sells, 1 buy at 25,000 USDT); BTC is at 29,090.88 USDT."),
    ]
    a = engine.ask("open orders and btc price")
    assert a.engine == "llm"
    assert a.text.startswith("You have 3 open orders")


OFFLINE_QUESTIONS = [
    "what is my btc balance",
    "show my balances",
    "what's my account worth",
    "what's my portfolio worth in btc",
    "open orders",
    "open orders on BTCUSDT",
    "oco lists",
    "order history this week",
    "orders filled since Nov 29",
    "trades this week",
    "did we make money this week",
    "pnl since nov 28",
    "btc price",
    "what is 0.5 btc worth",
    "eth 24h stats",
    "min order size for btcusdt",
    "positions",
    "bot status",
    "risk usage",
    "why did you buy",
    "why was order 9 placed",
    "what's your take on solana",
]


@pytest.mark.parametrize("question", OFFLINE_QUESTIONS)
def test_the_offline_engines_own_answers_are_grounded(question: str) -> None:
    """Calibration: the offline answer is worded from one tool result, so each of its figures is in
    that result. If grounding refused it, it would refuse the same truthful answer from the model."""
    from aitrader.agents.chat.llm_claims import action_claim
    from aitrader.agents.chat.offline import OfflineEngine

    ctx = ToolContext(account=MemoryAccount(), journal=MemoryJournal())
    a = OfflineEngine(ctx).ask(question)
    assert a.tool is not None
    assert a.data is not None

    def split(symbol: str) -> tuple[str, str] | None:
        s = ctx.universe.by_symbol.get(symbol)
        return (s.base, s.quote) if s else None

    ev = Evidence(split_symbol=split, default_quote="USDT")
    ev.add(a.tool, a.data, [])
    assert ungrounded(a.text, ev, Vocabulary(frozenset(ctx.universe.assets), split)) == []
    assert action_claim(a.text) is None
