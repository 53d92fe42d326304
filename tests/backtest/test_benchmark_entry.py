"""Buy-and-hold buys when the strategy could first fill and pays the run's slippage and fees.

The strategy decides first on the close of its first tradable bar (`first_bar`); with the
`next-open` fill model that order fills at the next bar's open, so buy-and-hold holds cash on the
first measured bar and buys at the next open. Both of its fills are taker fills: slippage against
the order, then the taker fee on the slipped notional.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import engine_result

from aitrader.backtest.benchmark import benchmark_for, buy_and_hold
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import BacktestResult
from aitrader.execution.fill_model import FillModel

REL = 1e-12
FEE = 0.001  # engine_result's


def with_slippage(run: BacktestResult, bps: float) -> BacktestResult:
    return replace(run, params={**run.params, "slippage_bps": bps})


def test_it_buys_at_the_open_after_the_first_decision_bar() -> None:
    run = engine_result()
    first = run.first_bar
    bench = benchmark_for(run)
    assert bench is not None
    assert bench.times[0] == run.times[first]
    assert bench.equity[0] == run.initial_equity
    assert not bench.in_market[0]
    assert bench.in_market[1:].all()
    trade = bench.trades[0]
    assert trade.entry_time == run.times[first + 1]
    assert trade.entry_price == run.candles.open[first + 1]
    # the strategy cannot fill earlier than that either
    assert min(t.entry_bar for t in run.trades) >= first + 1


def test_it_pays_the_runs_slippage_on_both_legs() -> None:
    run = engine_result()
    first, cash = run.first_bar, run.initial_equity
    bench = benchmark_for(with_slippage(run, 5.0))
    assert bench is not None
    trade = bench.trades[0]
    entry = float(run.candles.open[first + 1]) * 1.0005
    exit_price = float(run.candles.close[-1]) * 0.9995
    qty = cash * (1 - FEE) / entry
    assert trade.entry_price == pytest.approx(entry, rel=REL)
    assert trade.exit_price == pytest.approx(exit_price, rel=REL)
    assert trade.quantity == pytest.approx(qty, rel=REL)
    final = qty * exit_price * (1 - FEE)
    assert bench.final_equity == pytest.approx(final, rel=REL)
    assert bench.fees_paid == pytest.approx(cash * FEE + qty * exit_price * FEE, rel=REL)
    assert trade.pnl == pytest.approx(final - cash, rel=REL)
    free = benchmark_for(run)
    assert free is not None
    assert bench.final_equity < free.final_equity
    # marked at every close in between, the bought quantity times the close
    np.testing.assert_allclose(bench.equity[1:-1], qty * run.candles.close[first + 1 : -1], rtol=REL)
    m = compute_metrics(bench)
    assert m.total_return == pytest.approx(final / cash - 1, rel=REL)


def test_with_the_live_fill_model_it_buys_at_the_first_decision_close() -> None:
    """`live`: a market order fills at the close it was decided on, so buy-and-hold does too."""
    run = with_slippage(engine_result(bars=6_000, fill_model=FillModel.LIVE), 2.0)
    first = run.first_bar
    bench = benchmark_for(run)
    assert bench is not None
    trade = bench.trades[0]
    assert trade.entry_price == pytest.approx(float(run.candles.close[first]) * 1.0002, rel=REL)
    assert bench.in_market.all()
    assert bench.equity[0] == pytest.approx(trade.quantity * run.candles.close[first], rel=REL)


def test_the_plain_benchmark_is_unchanged_for_its_other_callers() -> None:
    """The optimiser and `rl evaluate` call `buy_and_hold(candles, cash, fee)`: bar 0's open, no slippage."""
    candles = engine_result().candles.slice(0, 1_000)
    bh = buy_and_hold(candles, 10_000.0, FEE)
    qty = 10_000.0 * (1 - FEE) / float(candles.open[0])
    assert bh.trades[0].entry_price == candles.open[0]
    assert bh.final_equity == pytest.approx(qty * float(candles.close[-1]) * (1 - FEE), rel=REL)


def test_one_measured_bar_leaves_nothing_to_buy() -> None:
    run = engine_result()
    last = replace(run, first_bar=len(run.times) - 1)
    bench = benchmark_for(last)
    assert bench is not None
    assert bench.trades == []
    assert bench.fees_paid == 0.0
    assert bench.final_equity == run.initial_equity
