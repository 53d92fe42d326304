"""Live mode pushes one closed candle at a time into the same kernel (features on a trailing window)
and makes the same decisions and fills as the backtest over the whole history."""

from __future__ import annotations

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, default_instrument, run_backtest
from aitrader.data import load_sample
from aitrader.engine.kernel import Kernel
from aitrader.execution.fees import PercentFee
from aitrader.execution.sim_broker import SimBroker
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams


def test_candle_by_candle_equals_whole_history() -> None:
    candles = load_sample("BTCUSDT", "1m").slice(0, 4_000)
    strategy = SmaCross(SmaCrossParams(stop_pct=0.003, target_pct=0.004))
    backtest = run_backtest(strategy, candles, BacktestConfig(), gate=AllInSizer())

    broker = SimBroker(fees=PercentFee(0.001, 0.001))
    inst = default_instrument("BTCUSDT", float(candles.close[0]))
    kernel = Kernel(strategy, AllInSizer(), broker, inst, 10_000.0, window=120)
    for candle in candles:
        kernel.push(candle)

    live = kernel.portfolio.trades
    assert len(live) == len(backtest.trades) > 20
    for a, b in zip(live, backtest.trades, strict=True):
        assert (a.entry_bar, a.exit_bar, a.exit_reason) == (b.entry_bar, b.exit_bar, b.exit_reason)
        assert a.entry_price == b.entry_price
        assert a.exit_price == b.exit_price
        assert abs(a.pnl - b.pnl) < 1e-9
    assert len(kernel.candles) == 120  # the window stays bounded
