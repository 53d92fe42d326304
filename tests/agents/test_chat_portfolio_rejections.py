"""The chat over a portfolio's journal: "why didn't you buy ETH?" is answered with ETH's latest
refusal (code and sentence, e.g. correlated exposure with BTCUSDT), "which symbols were rejected
today?" with the refusals by symbol and code; the LLM gets the same facts from the same tool.

Real data: a journaled portfolio backtest of the shipped BTC/ETH/SOL samples with a tight
correlation limit (tests/portfolio_rejections.py). The questions here are written for this file.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from chat_fakes import MemoryAccount
from chat_scripted_llm import ScriptedLLM, text_reply, tool_reply

from aitrader.agents.chat import fmt
from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.factory import LazyJournal
from aitrader.agents.chat.llm import LlmConfig, LlmEngine
from aitrader.agents.chat.offline import OfflineEngine
from aitrader.agents.chat.periods import parse_period
from aitrader.agents.chat.rejections import rejection_figures
from aitrader.agents.chat.trace import Redactor, TraceWriter
from aitrader.execution.journal_reader import JournalReader
from portfolio_rejections import RUN_ID, journaled_run


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chat") / "runs.sqlite"
    journaled_run(path)
    return path


@pytest.fixture(scope="module")
def reader(journal_path: Path) -> JournalReader:
    return JournalReader(journal_path)


class AfterTheRun(MemoryAccount):
    """The venue's clock a minute after the run's last decision: "today" is its last day."""

    def __init__(self, now_ms: int) -> None:
        super().__init__()
        self.now_ms = now_ms

    def server_time_ms(self) -> int:
        return self.now_ms


def _now(reader: JournalReader) -> int:
    newest = reader.latest_proposal(run_id=RUN_ID)
    assert newest is not None
    return int(newest["time_ms"]) + 60_000


@pytest.fixture
def engine(journal_path: Path, reader: JournalReader) -> OfflineEngine:
    return OfflineEngine(ToolContext(account=AfterTheRun(_now(reader)), journal=LazyJournal(journal_path)))


def _lead(reader: JournalReader, symbol: str) -> dict[str, Any]:
    """The refusal an answer about `symbol` leads with: its newest, a refused spot short aside."""
    rows = reader.rejections(RUN_ID, limit=100_000, symbol=symbol)
    return next(r for r in rows if r["code"] != "short_not_allowed")


@pytest.mark.parametrize(
    ("question", "symbol"),
    [
        ("why didn't you buy ETH?", "ETHUSDT"),
        ("why no trade on SOLUSDT", "SOLUSDT"),
        ("what stopped the ETH entry", "ETHUSDT"),
        ("why was BTC rejected", "BTCUSDT"),
        ("how come you never bought solana?", "SOLUSDT"),
    ],
)
def test_why_not_on_one_symbol_leads_with_its_latest_refusal(
    engine: OfflineEngine, reader: JournalReader, question: str, symbol: str
) -> None:
    a = engine.ask(question)
    assert (a.intent, a.tool) == ("why_not", "explain_no_trade"), a.text
    lead = _lead(reader, symbol)
    first = a.text.splitlines()[0]
    assert (
        first
        == f"{symbol} was not bought at {fmt.when(lead['time_ms'])}: {lead['message']} ({lead['code']})."
    )
    assert a.data is not None
    head = a.data["headline"]
    assert (head["symbol"], head["code"], head["verdict_reason"]) == (symbol, lead["code"], lead["message"])
    # the refusals of that symbol in that run, by code, as the journal counts them
    counts = {r["code"]: r["count"] for r in reader.rejection_summary(RUN_ID) if r["symbol"] == symbol}
    assert {t["code"]: t["count"] for t in a.data["by_symbol"]} == counts
    total = sum(counts.values())
    assert f"The risk gate refused {total} proposal(s) on {symbol} in that run: " in a.text
    for code, n in counts.items():
        assert f"{n} {code}" in a.text


def test_the_correlated_exposure_refusal_carries_its_figures(
    engine: OfflineEngine, reader: JournalReader
) -> None:
    rows = reader.rejections(RUN_ID, limit=100_000, symbol="ETHUSDT", code="correlated_exposure")
    assert rows
    a = engine.ask("why didn't you buy eth")
    assert a.data is not None
    head = a.data["headline"]
    if head["code"] != "correlated_exposure":  # the newest refusal is another one: check one that is
        head = {"verdict_reason": rows[0]["message"], "figures": rejection_figures(rows[0]["message"])}
    figures = head["figures"]
    assert figures["correlated_with"] in {"BTCUSDT", "SOLUSDT"}
    assert (
        f"correlated exposure with {figures['correlated_with']} at {figures['correlation']:.2f}"
        in head["verdict_reason"]
    )
    assert figures["correlation_limit"] == 0.5
    assert figures["exposure_limit_pct"] == 30.0
    assert figures["exposure_pct"] > 30.0


def test_which_symbols_were_rejected_today(engine: OfflineEngine, reader: JournalReader) -> None:
    now = _now(reader)
    today = parse_period("today", now)
    assert today is not None
    expected = reader.rejection_summary(None, today.since_ms, today.until_ms)
    assert expected  # the run's last day had refusals
    for question in ("which symbols were rejected today?", "rejections today"):
        a = engine.ask(question)
        assert (a.intent, a.tool) == ("why_not", "explain_no_trade"), (question, a.text)
        assert a.table is not None
        assert a.table.title == "Refusals by symbol and reason"
        got = {(row[0], row[1]): int(row[2]) for row in a.table.rows}
        assert got == {(r["symbol"], r["code"]): r["count"] for r in expected}
        total = sum(r["count"] for r in expected)
        assert f"By symbol and reason today ({total} refusal(s) on " in a.text
        for symbol in {r["symbol"] for r in expected}:
            line = next(ln for ln in a.text.splitlines() if ln.startswith(f"- {symbol}: "))
            for r in expected:
                if r["symbol"] == symbol:
                    assert f"{r['count']} {r['code']}" in line


def test_why_no_trades_lists_every_symbol_of_the_run(engine: OfflineEngine, reader: JournalReader) -> None:
    a = engine.ask("why no trades?")
    assert a.intent == "why_not"
    summary = reader.rejection_summary(RUN_ID)
    assert a.table is not None
    assert {(row[0], row[1]): int(row[2]) for row in a.table.rows} == {
        (r["symbol"], r["code"]): r["count"] for r in summary
    }
    for symbol in ("BTCUSDT", "ETHUSDT", "SOLUSDT"):
        lead = _lead(reader, symbol)
        line = next(ln for ln in a.text.splitlines() if ln.startswith(f"- {symbol}: "))
        assert line.endswith(f"latest {lead['code']} at {fmt.when(lead['time_ms'])}: {lead['message']}")


def test_rejected_orders_stay_order_history(engine: OfflineEngine) -> None:
    """A venue's rejected orders are not the gate's refusals."""
    assert engine.ask("which orders were rejected today").intent == "order_history"


def test_the_chat_only_reads_the_journal(journal_path: Path, reader: JournalReader) -> None:
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()
    engine = OfflineEngine(ToolContext(account=AfterTheRun(_now(reader)), journal=BotJournal(journal_path)))
    for q in ("why didn't you buy ETH?", "which symbols were rejected today", "why no trades"):
        assert engine.ask(q).intent == "why_not"
    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before


def test_the_llm_gets_the_same_refusal_and_may_quote_its_figures(
    journal_path: Path, reader: JournalReader, tmp_path: Path
) -> None:
    server = ScriptedLLM()
    server.start()
    try:
        ctx = ToolContext(account=AfterTheRun(_now(reader)), journal=LazyJournal(journal_path))
        config = LlmConfig(
            base_url=f"http://127.0.0.1:{server.port}/v1", api_key="sk-test-0123456789abcdef",
            model="scripted", timeout_s=5.0, token_budget=100_000,
        )  # fmt: skip
        engine = LlmEngine(
            ctx, config, TraceWriter(tmp_path / "trace.jsonl", Redactor([])), OfflineEngine(ctx)
        )
        lead = _lead(reader, "ETHUSDT")
        figures = rejection_figures(lead["message"])
        answer = (
            f"ETHUSDT was not bought: the risk gate refused it ({lead['code']})."
            if "correlation" not in figures
            else f"ETHUSDT was not bought: its correlation with {figures['correlated_with']} was "
            f"{figures['correlation']:.2f}, above the {figures['correlation_limit']:.2f} limit, and correlated "
            f"longs already held {figures['exposure_pct']:g}% of equity (max {figures['exposure_limit_pct']:g}%)."
        )
        server.script = [tool_reply("explain_no_trade", {"symbol": "ETHUSDT"}), text_reply(answer)]
        a = engine.ask("why didn't you buy ETH?")
        assert a.engine == "llm", a.text  # grounded: every figure came from the tool's result
        assert a.text == answer
        result = json.loads(server.requests[1]["messages"][-1]["content"])
        assert result["headline"]["code"] == lead["code"]
        assert result["headline"]["verdict_reason"] == lead["message"]
        assert result["headline"]["figures"] == json.loads(json.dumps(figures))
        assert {(t["symbol"], t["code"]) for t in result["by_symbol"]} == {
            ("ETHUSDT", r["code"]) for r in reader.rejection_summary(RUN_ID) if r["symbol"] == "ETHUSDT"
        }
    finally:
        server.stop()
