"""`--strategy debate` in `backtest` and `decide`, offline, on the real BTCUSDT and ETHUSDT 1h
samples: a backtest trades only through the gate (every proposal has a verdict, and each is the
verdict of a journaled debate), journals every debate as a real `DebateRecord`, also as a
portfolio; `decide` shows the proposal or "no proposal" with the debate's verdict, for one symbol
and for a portfolio (the same verdicts the backtest journaled on that bar)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from agent_cli_kit import debate_record, deliberations, home, ok, proposals, run_id_of

from aitrader.agents.debate.record import DebateRecord
from aitrader.backtest.inputs import build_strategy
from aitrader.data import load_sample
from aitrader.domain import Timeframe
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter
from aitrader.domain.timeframe import format_ms, parse_time
from aitrader.execution.journal_reader import JournalReader
from aitrader.strategies.base import MarketView

__all__ = ["home"]  # fixtures

DEBATE_1H = ["--strategy", "debate", "--timeframe", "1h"]


def _gate_only(journal: Path, run_id: str) -> tuple[list[dict[str, Any]], list[DebateRecord]]:
    """The run's proposals and debates, checked: each proposal has the gate's verdict and comes from
    a debate's verdict (an entry from an "enter", an exit from an "exit"), one for one; every trade
    opened on an approved debate entry."""
    asked = proposals(journal, run_id)
    said = deliberations(journal, run_id)
    records = [debate_record(p) for p in said]
    assert all(p["strategy"] == "debate" and p["approved"] is not None for p in asked)
    for kind in ("enter", "exit"):
        by_symbol = sorted(p["symbol"] for p in asked if p["kind"] == kind)
        assert by_symbol == sorted(r.symbol for r in records if r.verdict.action == kind)
    reader = JournalReader(journal)
    trades = reader.trades(run_id, limit=10_000)
    assert trades
    for t in trades:
        why = reader.explain_trade(t["id"])
        assert why is not None
        assert why["entry_proposal"] is not None
        assert why["entry_proposal"]["approved"]
        assert why["entry_proposal"]["strategy"] == "debate"
    return asked, records


@pytest.mark.slow
def test_a_debate_backtest_trades_only_through_the_gate_and_journals_every_debate(home: Path) -> None:
    journal = home / "journal.sqlite"
    out = ok(["backtest", *DEBATE_1H, "--symbol", "BTCUSDT", "--from", "2022-01-01", "--to", "2022-03-15",
              "--journal", str(journal), "--json", "report.json"])  # fmt: skip
    run_id = run_id_of(journal, "backtest")
    asked, records = _gate_only(journal, run_id)
    approved = sum(1 for p in asked if p["approved"])
    assert f"gate verdicts: {len(asked):,} proposals, {approved:,} approved" in out
    assert len(records) > len(asked)  # most debates end in "no trade": journaled all the same
    assert {r.verdict.action for r in records} == {"enter", "exit", "none"}
    assert all(r.symbol == "BTCUSDT" and r.timeframe == "1h" and len(r.reports) == 7 for r in records)
    none = next(r for r in records if r.verdict.action == "none")
    assert none.turns_of("bull")
    assert none.turns_of("bear")
    assert none.turns_of("arbiter")
    report = json.loads((home / "report.json").read_text())
    assert report["strategy"] == "debate"
    assert len(report["trades"]) == len(JournalReader(journal).trades(run_id, limit=10_000))


@pytest.mark.slow
def test_a_debate_portfolio_backtest_debates_each_symbol_through_one_gate(home: Path) -> None:
    journal = home / "journal.sqlite"
    out = ok(["backtest", *DEBATE_1H, "--symbols", "BTCUSDT,ETHUSDT", "--from", "2021-01-01",
              "--to", "2021-03-01", "--journal", str(journal)])  # fmt: skip
    assert "Per symbol" in out
    _, records = _gate_only(journal, run_id_of(journal, "backtest"))
    assert {r.symbol for r in records} == {"BTCUSDT", "ETHUSDT"}
    assert {r.symbol for r in records if r.verdict.action == "enter"} == {"BTCUSDT", "ETHUSDT"}


def _debate_at(until: str) -> tuple[MarketView, str, list[tuple[int, str, bool]]]:
    """The debate over the BTCUSDT 1h sample up to `until` (as `decide --at` sees it): the view
    there, and the screened bars (index, verdict line, whether it proposed an entry), newest first."""
    strat = build_strategy("debate", {}, Timeframe.H1)
    candles = load_sample("BTCUSDT", "1h").between(end_ms=parse_time(until) + 1)
    feats = strat.features(candles)
    screened = [int(j) for j in strat.signals(feats).entry_long.nonzero()[0]]
    out = []
    for j in screened[::-1][:12]:
        proposals = strat.on_bar(MarketView(feats, j), EMPTY_BOOK)
        said = strat.drain_deliberations()  # type: ignore[attr-defined]
        out.append((j, said[-1].verdict, any(isinstance(p, Enter) for p in proposals)))
    return MarketView(feats, len(candles) - 1), format_ms(int(candles.open_time[-1])), out


@pytest.mark.slow
def test_decide_shows_the_debate_verdict_with_the_proposal_or_none(home: Path) -> None:
    view, _, screened = _debate_at("2018-03-01 00:00")
    times = view.features.candles.open_time

    def at(j: int) -> str:
        return format_ms(int(times[j]))

    entry = next(j for j, _, enters in screened if enters)
    verdict = next(v for j, v, _ in screened if j == entry)
    out = ok(["decide", *DEBATE_1H, "--symbol", "BTCUSDT", "--at", at(entry)])
    assert f"debate verdict: {verdict}" in out
    assert "ENTER LONG" in out
    assert "RiskGate: APPROVED" in out

    quiet = next((j, v) for j, v, enters in screened if not enters)
    out = ok(["decide", *DEBATE_1H, "--symbol", "BTCUSDT", "--at", at(quiet[0])])
    assert f"debate verdict: {quiet[1]}" in out
    assert "No proposal on this bar from debate (see its verdict)" in out

    unscreened = screened[0][0] + 1  # the screen let the bar before it through, not this one
    assert all(j != unscreened for j, _, _ in screened)
    out = ok(["decide", *DEBATE_1H, "--symbol", "BTCUSDT", "--at", at(unscreened)])
    assert "its screen passed over this bar: nothing was deliberated" in out
    assert "Most recent bar with a signal" in out  # then the newest bar where it proposed an entry


@pytest.mark.slow
def test_decide_on_a_portfolio_shows_each_symbols_debate_as_the_backtest_journaled_it(home: Path) -> None:
    journal = home / "journal.sqlite"
    ok(["backtest", *DEBATE_1H, "--symbols", "BTCUSDT,ETHUSDT", "--to", "2018-01-20",
        "--journal", str(journal)])  # fmt: skip
    said = deliberations(journal, run_id_of(journal, "backtest"))
    last = said[-1]["record"]["time_ms"]  # the newest decision time with a debate
    there = {p["symbol"]: p["verdict"] for p in said if p["record"]["time_ms"] == last}
    at = format_ms(last - Timeframe.H1.duration_ms)  # the bar's open
    out = ok(["decide", *DEBATE_1H, "--symbols", "BTCUSDT,ETHUSDT", "--at", at])
    assert f"portfolio BTCUSDT, ETHUSDT 1h: bar {at} UTC" in out
    for symbol in ("BTCUSDT", "ETHUSDT"):
        if symbol in there:
            assert f"{symbol} debate: {there[symbol]}" in out
        else:
            assert f"{symbol} debate: its screen passed over this bar, nothing was deliberated" in out
