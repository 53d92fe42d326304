"""`aitrader trade --strategy debate|llm` end to end, on paper and live against the local exchange
replaying real BTCUSDT 1h candles: the agent runs behind the decision deadline (a default one when
none is given, said in the start line), every debate or adviser deliberation is journaled, and
what it proposes reaches the exchange only through the gate."""

from __future__ import annotations

from pathlib import Path

import pytest
from adviser.adviser_model import RuleModel
from agent_cli_kit import (
    debate_record,
    deliberations,
    home,
    hour_ex,
    proposals,
    run_id_of,
    trade_on,
)

from aitrader.cli.commands.trade import decision_deadline_of
from aitrader.config.settings import Settings
from aitrader.venues.local import DEFAULT_API_KEY, DEFAULT_SECRET, ExchangeThread

__all__ = ["home", "hour_ex"]  # fixtures


def _market(ex: ExchangeThread) -> dict[str, str | None]:
    return {"AITRADER_MARKET_DATA_URL": ex.rest_url, "AITRADER_MARKET_DATA_WS_URL": ex.ws_url}


def _venue(ex: ExchangeThread) -> dict[str, str | None]:
    return {
        "AITRADER_REST_URL": ex.rest_url, "AITRADER_WS_URL": ex.ws_url, "AITRADER_WS_API_URL": ex.ws_api_url,
        "BINANCE_API_KEY": DEFAULT_API_KEY, "BINANCE_API_SECRET": DEFAULT_SECRET,
    }  # fmt: skip


def _args(strategy: str, journal: Path, *more: str) -> list[str]:
    return ["trade", "--strategy", strategy, "--timeframe", "1h", "--no-view", "--max-candles", "3",
            "--max-runtime", "120", "--journal", str(journal), *more]  # fmt: skip


def test_agent_strategies_get_a_decision_deadline_by_default() -> None:
    s = Settings(AITRADER_LLM_DEADLINE_S=12)  # type: ignore[call-arg]
    assert decision_deadline_of(None, "confluence", {}, s) == (None, "")
    assert decision_deadline_of(7.0, "llm", {}, s) == (7.0, "")  # --decision-deadline wins
    assert decision_deadline_of(None, "debate", {}, s)[0] == 30.0
    assert decision_deadline_of(None, "LLM", {}, s)[0] == 17.0
    assert decision_deadline_of(None, "debate", {"voices": "llm"}, s)[0] == 17.0


@pytest.mark.slow
@pytest.mark.parametrize("paper", [True, False], ids=["paper", "live"])
def test_a_debate_trades_behind_the_deadline_and_journals_its_debates(
    home: Path, hour_ex: ExchangeThread, paper: bool
) -> None:
    journal = home / "journal.sqlite"
    env = _market(hour_ex) if paper else _venue(hour_ex)
    args = _args("debate", journal, *(["--paper"] if paper else []))
    result = trade_on(hour_ex, args, env)
    assert result.exit_code == 0, result.output
    out = result.output
    mode = "paper" if paper else "live"
    assert f"{mode} trading debate BTCUSDT 1h" in out
    assert "each decision due within 30s (the default for the offline debate" in out
    assert "run summary (processed 3 candles)" in out

    run_id = run_id_of(journal, mode)
    said = deliberations(journal, run_id)
    assert said, out
    records = [debate_record(p) for p in said]  # the journal keeps the whole debate
    first = records[0]
    assert said[0]["decider"] == "debate"
    assert said[0]["symbol"] == "BTCUSDT"
    assert first.symbol == "BTCUSDT"
    assert first.timeframe == "1h"
    assert {t.speaker for t in first.rounds} >= {"bull", "bear", "arbiter"}
    assert len(first.reports) == 7  # every analyst spoke
    assert first.verdict.action == "enter"  # the bar the replay starts on
    assert said[0]["verdict"] == first.verdict.rationale

    asked = proposals(journal, run_id)  # what it proposed went to the gate, and only that
    assert [p["kind"] for p in asked][-1] == "enter"
    assert all(p["strategy"] == "debate" and p["approved"] is not None for p in asked)
    assert len(asked) == sum(r.verdict.action in ("enter", "exit") for r in records)
    if not paper:  # the exchange holds what the gate approved, protected
        base = hour_ex.balances()["BTC"]
        assert float(base[0]) + float(base[1]) > 0


@pytest.mark.slow
def test_an_llm_adviser_trades_on_paper_behind_the_llm_deadline(
    home: Path, hour_ex: ExchangeThread, rule_model: RuleModel
) -> None:
    journal = home / "journal.sqlite"
    env = {**_market(hour_ex), "AITRADER_LLM_BASE_URL": rule_model.base_url, "AITRADER_LLM_MODEL": "scripted",  # type: ignore[attr-defined]
           "AITRADER_LLM_DEADLINE_S": "15"}  # fmt: skip
    result = trade_on(hour_ex, _args("llm", journal, "--paper"), env)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "each decision due within 20s (the default for llm: AITRADER_LLM_DEADLINE_S 15s + 5s" in out
    run_id = run_id_of(journal, "paper")
    said = deliberations(journal, run_id)
    assert said
    assert all(p["decider"] == "llm" for p in said)
    assert rule_model.requests  # the adviser asked the model ...
    first = said[0]["record"]
    assert first["decision"]["action"] == "enter_long"
    assert first["calls"]
    asked = proposals(journal, run_id)  # ... and its proposal met the gate
    assert asked
    assert asked[-1]["strategy"] == "llm"
    assert asked[-1]["approved"] is True
    assert (home / "llm-answers.sqlite").exists()
    assert (home / "agents-trace.jsonl").exists()
