"""Volatility-targeted buy-and-hold on the shipped BTCUSDT 1h sample (58,419 bars, 2017-2024).

It holds min(1, target / trailing 30-day volatility) of the account, rebalanced at most daily past a
10-point drift: never levered, blind to the future, close to its target over years, and it pays
for every rebalance. Beside a real backtest it starts where buy-and-hold starts and aims at the
strategy's own volatility.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import engine_result, flat_result

from aitrader.backtest.benchmark import benchmark_for, buy_and_hold
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import (
    DEFAULT_TARGET,
    MIN_TARGET,
    strategy_volatility,
    target_for,
    vol_target_benchmark_for,
    vol_target_buy_and_hold,
    window_bars,
)
from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.execution.fill_model import FillModel

CASH, FEE, SLIP = 10_000.0, 0.001, 2.0


@cache
def btc() -> Candles:
    return load_sample("BTCUSDT", "1h")


def run(
    target: float, candles: Candles | None = None, fee: float = FEE, slip: float = SLIP
) -> BacktestResult:
    return vol_target_buy_and_hold(
        candles or btc(), CASH, target, fee, slippage_bps=slip, start=0, entry_bar=1
    )


def held_weights(r: BacktestResult) -> tuple[np.ndarray, np.ndarray]:
    """The position's value / the equity at the close of every bar a trade covers (not the last:
    it is net of the final sale), and the weight each rebalance aimed at."""
    close = np.asarray(r.candles.close)
    weights, aimed = [], []
    for t in r.trades:
        bars = np.arange(t.entry_bar, min(t.exit_bar, len(close) - 1))
        weights.append(t.quantity * close[bars] / r.equity[bars])
        aimed.append(float(t.rationale.split("weight ")[1].split("%")[0]) / 100)
    return np.concatenate(weights), np.asarray(aimed)


def test_a_30_day_window_on_1h_bars_is_720_bars() -> None:
    assert window_bars(3_600_000) == 720
    assert window_bars(60_000) == 43_200
    assert window_bars(86_400_000) == 30


@pytest.mark.parametrize("target", [0.05, 0.2, 0.6])
def test_the_account_is_never_levered(target: float) -> None:
    r = run(target)
    weights, aimed = held_weights(r)
    assert len(r.trades) == r.params["rebalances"] > 3
    assert aimed.max() <= 1.0
    assert weights.max() <= 1.0 + 1e-12  # cash never below zero, whatever the price did since
    assert weights.min() > 0
    assert 0 < r.params["mean_weight"] <= 1.0


def test_a_target_above_the_assets_volatility_is_plain_buy_and_hold() -> None:
    """Weight min(1, 10 / sigma) = 1 from the first fill on: one trade, the plain benchmark exactly."""
    c = btc()
    start = 2_000  # history before it: the first fill has a volatility estimate
    vt = vol_target_buy_and_hold(c, CASH, 10.0, FEE, slippage_bps=SLIP, start=start, entry_bar=1)
    bh = buy_and_hold(c.slice(start, None), CASH, FEE, slippage_bps=SLIP, entry_bar=1)
    assert vt.params["rebalances"] == len(vt.trades) == 1
    np.testing.assert_allclose(vt.equity, bh.equity, rtol=1e-12)
    assert vt.fees_paid == pytest.approx(bh.fees_paid, rel=1e-12)
    assert vt.trades[0].pnl == pytest.approx(bh.trades[0].pnl, rel=1e-9)


def test_no_look_ahead_changing_the_future_leaves_the_past_alone() -> None:
    base = run(0.2)
    # a rebalance in the middle of the series: it fills at the open of the first bar of a day
    k = base.trades[len(base.trades) // 2].entry_bar
    c = btc()
    future = np.ones(len(c))
    future[k:] = np.linspace(0.3, 3.0, len(c) - k)  # from the close of bar k on, another market
    close = c.close * future
    changed = replace(
        c, close=close, high=np.maximum(c.high * future, close), low=np.minimum(c.low * future, close)
    )
    changed = replace(changed, open=np.where(np.arange(len(c)) > k, c.open * future, c.open))
    other = run(0.2, changed)
    np.testing.assert_array_equal(other.equity[:k], base.equity[:k])
    # the weight taken at bar k's open was decided on the closes before it: the same trade opens
    same = next(t for t in other.trades if t.entry_bar == k)
    assert same.quantity == base.trades[len(base.trades) // 2].quantity
    assert other.equity[-1] != base.equity[-1]


@pytest.mark.parametrize("target", [0.1, 0.2, 0.3])
def test_realised_volatility_is_near_the_target_over_years(target: float) -> None:
    """Within 20% of the target over 6.7 years (measured: +16%, +12%, +10%). It cannot be exact: the
    trailing 30-day estimate lags a volatility jump (the weight is cut after a spike has begun,
    so realised runs above the target), the 10-point band lets the weight drift up to ±10 points
    (a third of a 30% weight) before it is reset, and rebalancing is daily. Plain buy-and-hold's
    79% shows the scaling is real."""
    m = compute_metrics(run(target))
    assert m.volatility_annual is not None
    assert m.volatility_annual == pytest.approx(target, rel=0.2)
    plain = compute_metrics(buy_and_hold(btc(), CASH, FEE, slippage_bps=SLIP, entry_bar=1))
    assert plain.volatility_annual is not None
    assert plain.volatility_annual > 2.5 * target


def test_fees_and_slippage_cost_it_something() -> None:
    paid, free = run(0.2), run(0.2, fee=0.0, slip=0.0)
    assert free.fees_paid == 0.0
    assert paid.fees_paid == pytest.approx(sum(t.fees for t in paid.trades), rel=1e-12)
    assert paid.fees_paid > 0.01 * CASH  # 78 rebalances and a final sale
    assert paid.final_equity < free.final_equity
    assert compute_metrics(paid).total_return < compute_metrics(free).total_return


def test_the_trades_add_up_to_the_result() -> None:
    r = run(0.2)
    assert sum(t.pnl for t in r.trades) == pytest.approx(r.final_equity - CASH, abs=1e-6)
    assert [t.exit_reason for t in r.trades] == ["rebalance"] * (len(r.trades) - 1) + ["end"]
    assert all(a.exit_bar == b.entry_bar for a, b in zip(r.trades, r.trades[1:], strict=False))
    m = compute_metrics(r)
    assert m.n_trades == len(r.trades)
    # every rebalance after the first fill is at the first bar of a UTC day (00:00 in this series)
    times = np.asarray(r.times)
    assert all(times[t.entry_bar] % 86_400_000 == 0 for t in r.trades[1:])


def test_beside_a_backtest_it_starts_with_buy_and_hold_and_aims_at_its_volatility() -> None:
    res = engine_result()
    plain, vt = benchmark_for(res), vol_target_benchmark_for(res)
    assert plain is not None
    assert vt is not None
    np.testing.assert_array_equal(vt.times, plain.times)
    assert vt.initial_equity == plain.initial_equity == res.initial_equity
    assert vt.trades[0].entry_time == plain.trades[0].entry_time  # the same first fill
    assert vt.equity[0] == res.initial_equity  # cash on the first measured bar
    vol = compute_metrics(res).volatility_annual
    assert vol is not None
    assert strategy_volatility(res) == pytest.approx(vol, rel=1e-12)
    assert vt.params["target_volatility"] == target_for(res) == max(vol, MIN_TARGET)
    assert vt.fee_model == res.fee_model


def test_with_the_live_fill_model_it_fills_at_the_first_decision_close() -> None:
    res = engine_result(bars=6_000, fill_model=FillModel.LIVE)
    vt = vol_target_benchmark_for(res)
    assert vt is not None
    first = res.first_bar
    assert vt.trades[0].entry_time == int(res.times[first]) + 60_000
    assert vt.trades[0].entry_price == float(res.candles.close[first])
    assert vt.in_market[0]


def test_a_strategy_without_trades_gets_the_default_target() -> None:
    flat = flat_result(3_000)
    assert strategy_volatility(flat) is None
    assert target_for(flat) == DEFAULT_TARGET
