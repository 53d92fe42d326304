"""Hourly backtest whose intrabar stop/target order is resolved on the real 1m candles of each hour."""

from __future__ import annotations

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.data import load_sample, resample
from aitrader.domain import Timeframe
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams


def test_one_minute_bars_time_the_exits_inside_the_hour() -> None:
    minutes = load_sample("BTCUSDT", "1m").slice(0, 30_000)
    hours = resample(minutes, Timeframe.H1, drop_incomplete_tail=True)
    strategy = SmaCross(SmaCrossParams(fast=5, slow=15, stop_pct=0.004, target_pct=0.006))
    coarse = run_backtest(strategy, hours, BacktestConfig(), gate=AllInSizer())
    fine = run_backtest(strategy, hours, BacktestConfig(lower=minutes), gate=AllInSizer())
    assert len(fine.trades) > 10
    protected = [t for t in fine.trades if t.exit_reason in ("stop", "target")]
    assert protected
    # resolved on minutes: exits happen inside the hour, not at its open
    assert any(t.exit_time % 3_600_000 != 0 for t in protected)
    assert all(t.exit_time % 60_000 == 0 for t in fine.trades)
    # the first trade opens identically; only the order of events inside an hour can change outcomes
    assert fine.trades[0].entry_bar == coarse.trades[0].entry_bar
    assert fine.trades[0].entry_price == coarse.trades[0].entry_price
