"""The chat answers "what did the bear say?" from a real journal: backtests of `DebateStrategy` on the
sample candles (BTCUSDT, then ETHUSDT, 1h) whose deliberations the kernel publishes as `Deliberated`
and the `JournalRecorder` journals, then an LLM adviser's deliberation journaled the same way; asked
through the offline engine, the answers quote what each role actually said and its figures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from chat_fakes import MemoryAccount, MemoryJournal

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.debate_words import debate_role
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.registry import ToolRejectedError, run_tool, validate_call
from aitrader.agents.chat.render_debate import figure
from aitrader.agents.chat.tool_io import DebateOut
from aitrader.agents.debate import DebateRecord, DebateStrategy
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.data.sample import load_sample
from aitrader.domain.deliberation import Deliberation
from aitrader.engine.bus import EventBus
from aitrader.engine.events import Deliberated
from aitrader.engine.journaling import JournalRecorder
from aitrader.execution.journal import Journal

BARS = 300  # bars traded after the debate's warm-up: some forty debates per symbol


@dataclass(frozen=True)
class Journaled:
    path: Path
    btc: list[DebateRecord]  # oldest first
    eth: list[DebateRecord]
    lines: dict[str, str]  # snapshot id -> the verdict line journaled with the debate


def _backtest(symbol: str, journal: Journal) -> list[Deliberated]:
    strategy = DebateStrategy()
    candles = load_sample(symbol, "1h")
    n = len(candles)
    bus = EventBus()
    seen: list[Deliberated] = []
    bus.subscribe(Deliberated, seen.append)
    window = candles.slice(n - strategy.warmup - BARS, n)
    run_backtest(strategy, window, BacktestConfig(), bus=bus, journal=journal, run_id=f"debate-{symbol}")
    return seen


ADVISER_RECORD = {  # the layout `aitrader.agents.adviser.strategy` journals
    "snapshot_id": "adv-1",
    "symbol": "BTCUSDT",
    "analysts": [{"analyst": "technical", "stance": "bearish", "score": -0.4, "confidence": 0.7}],
    "plan": {"thesis": "Momentum is rolling over under the 50-bar EMA.", "checks": ["volume trend"]},
    "decision": {
        "action": "hold",
        "confidence": 0.35,
        "rationale": "RSI 41 and a falling EMA slope argue against a long; wait for a reclaim of 27,900.",
        "evidence": ["technical.rsi_14", "technical.ema_slope"],
    },
    "tools": [{"name": "recent_candles", "arguments": "{}", "ok": True, "answer_chars": 812}],
    "calls": [{"role": "adviser.planner"}, {"role": "adviser.executor"}],
    "tokens": 2_345,
    "cost_usd": 0.0042,
    "verdict": "hold: the adviser sees no trade",
}


@pytest.fixture(scope="module")
def journaled(tmp_path_factory: pytest.TempPathFactory) -> Journaled:
    path = tmp_path_factory.mktemp("debate") / "journal.sqlite"
    journal = Journal(path, batch=1)
    btc, eth = _backtest("BTCUSDT", journal), _backtest("ETHUSDT", journal)  # ETH's run is the newer
    journal.start_run("llm-1", "backtest", "llm", "BTCUSDT", "1h", 10_000.0)
    bus = EventBus()
    recorder = JournalRecorder(bus, journal, "llm-1")
    time_ms = btc[-1].deliberation.time_ms + 3_600_000
    adviser = Deliberation(
        "llm", "BTCUSDT", time_ms, "adv-1", str(ADVISER_RECORD["verdict"]), json.dumps(ADVISER_RECORD)
    )
    bus.publish(Deliberated(0, adviser))
    recorder.detach()
    journal.close()
    lines = {e.deliberation.snapshot_id: e.deliberation.verdict for e in btc + eth}
    return Journaled(
        path,
        [DebateRecord.from_json(e.deliberation.payload) for e in btc],
        [DebateRecord.from_json(e.deliberation.payload) for e in eth],
        lines,
    )


@pytest.fixture
def engine(journaled: Journaled) -> OfflineEngine:
    return OfflineEngine(ToolContext(account=MemoryAccount(), journal=BotJournal(journaled.path)))


def _said(r: DebateRecord, who: str) -> list[str]:
    return [t.text for t in r.rounds if t.speaker == who]


def _figures(r: DebateRecord, who: str) -> list[str]:
    """The figures of the evidence `who` rested on, printed as the debate prints them."""
    items = {f"{a.analyst}.{e.name}": e for a in r.reports for e in a.evidence}
    return [
        f"{name} {figure(items[name].value, items[name].unit)}"
        for t in r.rounds
        if t.speaker == who
        for name in t.evidence
    ]


def _weighed(r: DebateRecord) -> str:
    side = "at or above" if r.conviction >= r.threshold else "below"
    return f"Conviction {r.conviction:+.2f}, {side} the entry threshold {r.threshold:+.2f}"


def test_the_journal_holds_real_debates(journaled: Journaled) -> None:
    assert len(journaled.btc) >= 2
    assert journaled.eth
    assert journaled.btc[-1].verdict.action == "none"  # the last BTC debate passed
    for r in (journaled.btc[-1], journaled.btc[-2], journaled.eth[-1]):
        assert all(_said(r, who) for who in ("bull", "bear", "arbiter"))
        assert _figures(r, "bear"), "the bear rests on evidence with figures"


def test_what_did_the_bear_say_quotes_every_bear_turn_with_its_figures(
    engine: OfflineEngine, journaled: Journaled
) -> None:
    a = engine.ask("what did the bear say?")
    assert (a.intent, a.tool) == ("debate", "get_debate")
    latest = journaled.eth[-1]  # the newest debate (the adviser's deliberation is not a debate)
    assert a.text.startswith("What the bear said in the debate on ETHUSDT")
    for text in _said(latest, "bear"):
        assert text in a.text
    for fig in _figures(latest, "bear"):
        assert fig in a.text
    assert journaled.lines[latest.snapshot_id].rstrip(".") in a.text
    assert _weighed(latest) in a.text
    assert not any(text in a.text for text in _said(latest, "bull"))


def test_bull_case_and_a_follow_up_about_the_other_side(engine: OfflineEngine, journaled: Journaled) -> None:
    latest = journaled.eth[-1]
    a = engine.ask("bull case?")
    assert all(text in a.text for text in _said(latest, "bull"))
    b = engine.ask("and the bear?")
    assert b.intent == "debate"
    assert all(text in b.text for text in _said(latest, "bear"))


def test_a_follow_up_on_another_symbol_keeps_the_role(engine: OfflineEngine, journaled: Journaled) -> None:
    engine.ask("what did the bear say?")
    a = engine.ask("and on btc?")
    assert (a.intent, a.entities.get("symbol")) == ("debate", "BTCUSDT")
    assert a.text.startswith("What the bear said in the debate on BTCUSDT")
    assert all(text in a.text for text in _said(journaled.btc[-1], "bear"))


def test_the_bearish_argument_on_btc_is_btcs_debate(engine: OfflineEngine, journaled: Journaled) -> None:
    a = engine.ask("What was the bearish argument on BTC")
    assert a.entities.get("symbol") == "BTCUSDT"
    btc = journaled.btc[-1]
    assert "on BTCUSDT" in a.text
    assert all(text in a.text for text in _said(btc, "bear"))
    assert all(fig in a.text for fig in _figures(btc, "bear"))


def test_why_the_debate_passed_on_btc_is_the_arbiters_verdict(
    engine: OfflineEngine, journaled: Journaled
) -> None:
    a = engine.ask("why did the debate pass on BTC")
    assert (a.intent, a.entities.get("symbol")) == ("debate", "BTCUSDT")
    r = journaled.btc[-1]
    assert a.text.startswith("The arbiter's verdict on BTCUSDT")
    assert r.verdict.rationale in a.text
    assert _weighed(r) in a.text
    assert "below the entry threshold" in a.text
    latest = engine.ask("what did the arbiter decide")  # any symbol: ETH's debate is the newest
    assert journaled.eth[-1].verdict.rationale in latest.text


def test_the_previous_btc_debate(engine: OfflineEngine, journaled: Journaled) -> None:
    a = engine.ask("what did the arbiter decide on the previous btc debate")
    r = journaled.btc[-2]
    assert r.verdict.rationale in a.text
    assert _weighed(r) in a.text


def test_what_the_analysts_thought(engine: OfflineEngine, journaled: Journaled) -> None:
    a = engine.ask("what did the analysts think of btc")
    r = journaled.btc[-1]  # the debate's panel: the adviser's record keeps only their stances
    for report in r.reports:
        assert f"- {report.analyst}: {report.stance.value}, score {report.score:+.2f}" in a.text
        assert report.summary in a.text


def test_show_the_last_debate_gives_every_role(engine: OfflineEngine, journaled: Journaled) -> None:
    a = engine.ask("show the last debate")
    r = journaled.eth[-1]
    assert a.text.startswith("The debate on ETHUSDT at ")
    assert journaled.lines[r.snapshot_id].rstrip(".") in a.text
    assert all(t in a.text for t in _said(r, "bull") + _said(r, "bear"))
    assert r.verdict.rationale in a.text


def test_the_llm_advisers_reasoning(engine: OfflineEngine) -> None:
    a = engine.ask("what did the llm adviser say")
    assert a.tool == "get_debate"
    assert "hold: the adviser sees no trade" in a.text
    assert "RSI 41 and a falling EMA slope argue against a long" in a.text
    assert "Plan: Momentum is rolling over under the 50-bar EMA." in a.text
    assert "Tools it read: recent_candles" in a.text


def test_no_debate_journaled_says_how_to_make_one(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    journal = Journal(path, batch=1)
    journal.start_run("r1", "backtest", "confluence", "BTCUSDT", "1h", 10_000.0)
    journal.close()
    for source in (BotJournal(path), MemoryJournal()):
        a = OfflineEngine(ToolContext(account=MemoryAccount(), journal=source)).ask("what did the bear say?")
        assert a.text.startswith("No debate has been journaled yet")
        assert "run `aitrader backtest --strategy debate` or `aitrader trade --strategy debate`" in a.text


def test_a_debate_question_names_the_decider_it_lacks(journaled: Journaled) -> None:
    ctx = ToolContext(account=MemoryAccount(), journal=BotJournal(journaled.path))
    out = run_tool(ctx, "get_debate", {"symbol": "SOLUSDT", "role": "bear"})
    assert isinstance(out, DebateOut)
    assert out.deliberation is None
    assert out.text.startswith("No debate on SOLUSDT has been journaled yet")
    llm = run_tool(ctx, "get_debate", {"role": "adviser", "which": 2})
    assert isinstance(llm, DebateOut)
    assert llm.text.startswith("Only 1 LLM adviser deliberation(s) are in the journal")


def test_the_tool_is_read_only_and_its_arguments_are_checked(journaled: Journaled) -> None:
    with pytest.raises(ToolRejectedError, match="role"):
        validate_call("get_debate", {"role": "trader"})
    with pytest.raises(ToolRejectedError, match="Extra inputs"):
        validate_call("get_debate", {"action": "enter"})
    before = journaled.path.read_bytes()
    ctx = ToolContext(account=MemoryAccount(), journal=BotJournal(journaled.path))
    out = run_tool(ctx, "get_debate", {"role": "bear"})
    assert isinstance(out, DebateOut)
    assert out.deliberation is not None
    rested = [e for t in out.deliberation.rounds for e in t.evidence]
    assert rested
    assert all(e.figure is not None for e in rested)  # figures reach an LLM as data
    assert journaled.path.read_bytes() == before


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("is eth bull or bear szn", "analysis"),
        ("what are you seeing on eth, bulls or bears in control", "analysis"),
        ("bullish or bearish on btc", "analysis"),
        ("why didn't you buy eth", "why_not"),
        ("why did you buy", "why"),
        ("what's the btc price", "price"),
    ],
)
def test_the_market_mood_and_other_intents_stay_theirs(question: str, intent: str, ctx: ToolContext) -> None:
    assert OfflineEngine(ctx).ask(question).intent == intent


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("what did the bear say?", "bear"),
        ("the bulls' argument", "bull"),
        ("why did the debate pass on btc", "arbiter"),
        ("what did the analysts think", "analysts"),
        ("what did the llm adviser say", "adviser"),
        ("what did the bull and the bear say", None),
        ("show the last debate", None),
    ],
)
def test_whose_words_a_question_asks_for(question: str, role: str | None) -> None:
    assert debate_role(question) == role


def test_the_command_answers_from_the_journal_without_any_keys(
    journaled: Journaled, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a backtest there is no account to read, and none is needed to say what the bear said;
    an account question still says which keys it needs."""
    from typer.testing import CliRunner

    from aitrader.cli.app import app

    for name in ("BINANCE_API_KEY", "BINANCE_API_SECRET", "AITRADER_LLM_BASE_URL", "AITRADER_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    journal = str(journaled.path)
    said = CliRunner().invoke(app, ["chat", "--no-attach", "--journal", journal, "what did the bear say?"])
    assert said.exit_code == 0, said.output
    flat = " ".join(said.output.split())
    assert "What the bear said in the debate on ETHUSDT" in flat  # ETH's run is the newer one
    balance = CliRunner().invoke(app, ["chat", "--no-attach", "--journal", journal, "what's my balance?"])
    assert balance.exit_code == 1
    assert "chat needs read access to the account: set BINANCE_API_KEY" in balance.output
