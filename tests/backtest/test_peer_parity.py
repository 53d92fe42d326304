"""The kernel and backtesting.py agree trade for trade on an SMA(10)/SMA(30) crossover on real data.

Both: decision at a bar's close, fill at the next bar's open, 0.1% commission per side, all-in
sizing in units of 1e-8 BTC (backtesting.py's FractionalBacktest; our AllInSizer buys with
quoteOrderQty = cash / (1 + fee) and rounds down to 1e-8). Same SMA arrays for both, so only the
engines are compared.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from aitrader.backtest.all_in import AllInSizer
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.data import load_sample
from aitrader.features.indicators.trend import sma
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams


def test_sma_crossover_matches_backtesting_py_on_20k_real_bars() -> None:
    from backtesting import Strategy
    from backtesting.lib import FractionalBacktest, crossover

    c = load_sample("BTCUSDT", "1m").slice(0, 20_000)
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
            df, SmaCrossBt, cash=10_000, commission=0.001, trade_on_close=False, finalize_trades=False
        ).run()
    peer = stats["_trades"]
    ours = run_backtest(
        SmaCross(SmaCrossParams(stop_pct=0.5, target_pct=4.0)),
        c,
        BacktestConfig(cash=10_000, fee=0.001),
        gate=AllInSizer(),
    )

    assert len(ours.trades) == len(peer) > 300
    assert [t.entry_bar for t in ours.trades] == peer.EntryBar.tolist()
    assert [t.exit_bar for t in ours.trades] == peer.ExitBar.tolist()
    np.testing.assert_allclose([t.entry_price for t in ours.trades], peer.EntryPrice, rtol=1e-12)
    np.testing.assert_allclose([t.exit_price for t in ours.trades], peer.ExitPrice, rtol=1e-12)
    np.testing.assert_allclose([t.quantity for t in ours.trades], peer.Size, rtol=0, atol=1e-12)
    np.testing.assert_allclose([t.pnl for t in ours.trades], peer.PnL, rtol=1e-9, atol=1e-8)
    assert ours.final_equity == pytest.approx(float(stats["Equity Final [$]"]), rel=1e-10)
