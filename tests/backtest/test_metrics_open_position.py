"""A position open at the end: valued at the last close net of the exit fee, counted as a trade.

Checked against backtesting.py's `finalize_trades=True`, which closes it with the commission paid
(at the last bar's open: the one difference, accounted for exactly below), and against the
optimiser's `close_out`, which closes it the same way with slippage on top.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import BacktestResult, open_trade_record
from aitrader.data import load_sample
from aitrader.execution.fees import FixedFee
from aitrader.features.indicators.trend import sma
from aitrader.optimize.closeout import close_out
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams

FEE = 0.001


@pytest.fixture(scope="module")
def sma_run() -> BacktestResult:
    """SMA(10/30) all-in on 20,000 real bars, stop and target too far to matter (as the peer has
    none): it ends holding a position (test_peer_parity's run)."""
    c = load_sample("BTCUSDT", "1m").slice(0, 20_000)
    strategy = SmaCross(SmaCrossParams(stop_pct=0.5, target_pct=4.0))
    return run_backtest(strategy, c, BacktestConfig(cash=10_000, fee=FEE), gate=AllInSizer())


def test_open_position_is_marked_net_of_its_exit_fee(sma_run: BacktestResult) -> None:
    held = sma_run.params["open_trade"]
    last_close = float(sma_run.candles.close[-1])
    assert held["mark_price"] == last_close
    assert held["exit_fee"] == pytest.approx(held["qty"] * last_close * FEE, rel=1e-12)
    m = compute_metrics(sma_run)
    assert m.final_equity == pytest.approx(sma_run.final_equity - held["exit_fee"], rel=1e-15)
    assert m.fees_paid == pytest.approx(sma_run.fees_paid + held["exit_fee"], rel=1e-12)
    assert m.n_open_trades == 1
    assert m.n_trades == len(sma_run.trades) + 1
    pnl = [t.pnl for t in sma_run.trades] + [open_trade_record(sma_run).pnl]  # type: ignore[union-attr]
    assert m.avg_trade_pnl == pytest.approx(np.mean(pnl), rel=1e-12)
    assert m.final_equity == pytest.approx(sma_run.initial_equity + sum(pnl), rel=1e-9)


def test_agrees_with_backtesting_py_finalize_trades(sma_run: BacktestResult) -> None:
    from backtesting import Strategy
    from backtesting.lib import FractionalBacktest, crossover

    c = sma_run.candles
    fast, slow = sma(c.close, 10), sma(c.close, 30)

    class SmaCrossBt(Strategy):  # type: ignore[misc]
        def init(self) -> None:
            self.f = self.I(lambda: fast)
            self.s = self.I(lambda: slow)

        def next(self) -> None:
            if crossover(self.f, self.s):
                if not self.position:
                    self.buy(size=0.9999999999)
            elif crossover(self.s, self.f):
                self.position.close()

    df = pd.DataFrame(
        {"Open": c.open, "High": c.high, "Low": c.low, "Close": c.close, "Volume": c.volume},
        index=pd.to_datetime(c.open_time, unit="ms"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stats = FractionalBacktest(
            df, SmaCrossBt, cash=10_000, commission=FEE, trade_on_close=False, finalize_trades=True
        ).run()
    peer = stats["_trades"]
    m = compute_metrics(sma_run)
    assert m.n_trades == len(peer)  # the open position counts as a trade in both
    # backtesting.py closes it at the last bar's OPEN, we value it at the last CLOSE; same fee rule
    qty = sma_run.params["open_trade"]["qty"]
    price_gap = qty * (float(c.close[-1]) - float(c.open[-1])) * (1 - FEE)
    assert m.final_equity - price_gap == pytest.approx(float(stats["Equity Final [$]"]), rel=1e-10)
    ours = open_trade_record(sma_run)
    assert ours is not None
    last = peer.iloc[-1]
    assert last.ExitPrice == float(c.open[-1])
    assert ours.pnl - price_gap == pytest.approx(float(last.PnL), rel=1e-9)


def test_the_optimisers_close_out_gives_the_same_figures_without_slippage(sma_run: BacktestResult) -> None:
    """close_out (optimize) sells the position on the last bar: with no slippage that is exactly
    the report's valuation, and it is not charged twice."""
    ours = compute_metrics(sma_run)
    closed = compute_metrics(close_out(sma_run, FEE, 0.0))
    assert closed.n_open_trades == 0
    assert closed.n_trades == ours.n_trades
    assert closed.final_equity == pytest.approx(ours.final_equity, rel=1e-12)
    assert closed.fees_paid == pytest.approx(ours.fees_paid, rel=1e-12)
    assert closed.sharpe == pytest.approx(ours.sharpe, rel=1e-9)
    assert closed.avg_trade_pnl == pytest.approx(ours.avg_trade_pnl, rel=1e-9)


def test_the_fee_model_in_use_prices_the_exit() -> None:
    c = load_sample("BTCUSDT", "1m").slice(0, 20_000)
    fixed = run_backtest(
        SmaCross(),
        c,
        BacktestConfig(cash=10_000, fee_model=FixedFee(2.0, 3.5)),
        gate=AllInSizer(fixed_qty=0.01),
    )
    assert fixed.params["open_trade"]["exit_fee"] == 3.5
    assert compute_metrics(fixed).final_equity == pytest.approx(fixed.final_equity - 3.5, rel=1e-15)


def test_partially_closed_open_position_counts_its_realised_part() -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    held = run.params["open_trade"]
    assert held["realised"] > 0  # target 1 was taken before the end
    opened = open_trade_record(run)
    assert opened is not None
    assert opened.exit_reason == "open"
    assert opened.quantity == held["entered_qty"]
    gross = held["realised"] + (held["mark_price"] - held["entry_price"]) * held["qty"]
    assert opened.pnl == pytest.approx(gross - held["fees"] - held["exit_fee"], rel=1e-12)
    m = compute_metrics(run)
    assert (m.n_trades, m.n_open_trades) == (len(run.trades) + 1, 1)
    assert m.final_equity == pytest.approx(run.final_equity - held["exit_fee"], rel=1e-15)


def test_a_run_that_ends_flat_is_unchanged() -> None:
    run = engine_result()
    assert "open_trade" not in run.params
    m = compute_metrics(run)
    assert m.n_open_trades == 0
    assert m.final_equity == run.final_equity
    assert m.fees_paid == run.fees_paid
    assert compute_metrics(replace(run, params={})) == m
