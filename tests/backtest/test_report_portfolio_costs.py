"""A portfolio run with the cost rules on (the defaults): the gate refuses plans whose net
reward:risk is under its minimum, and the report explains that code like every other."""

from __future__ import annotations

from portfolio_fixture import SYMBOLS, parse, samples, table_rows

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.backtest.report import render_portfolio_report
from aitrader.backtest.report.portfolio_figures import RULES
from aitrader.domain import Timeframe
from aitrader.risk import RiskConfig, RiskGate


def test_net_reward_risk_refusals_are_counted_and_explained() -> None:
    strategies = {s: build_strategy("confluence", {}, Timeframe.M1) for s in SYMBOLS}
    run = run_portfolio(strategies, samples(), BacktestConfig(slippage_bps=5), gate=RiskGate(RiskConfig()))  # type: ignore[arg-type]
    refused = {s: codes.get("reward_risk_too_low", 0) for s, codes in run.rejections.items()}
    assert sum(refused.values()) > 0, run.rejections
    example = next(run.examples[f"{s} reward_risk_too_low"] for s, n in refused.items() if n)
    assert example.startswith("net reward:risk ")
    assert "below the minimum 1.5" in example
    rows = [
        [c.text for c in r]
        for r in table_rows(parse(render_portfolio_report(run)).find("table", class_="rejections"))
    ]
    explained = [r for r in rows if r[1] == "reward_risk_too_low"]
    assert explained
    assert all(r[3] == RULES["reward_risk_too_low"] for r in explained)
