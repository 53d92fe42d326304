"""The SMA(fast)/SMA(slow) long-only crossover in peer frameworks, for bench_backtest.py.

Every peer: decision at a bar's close, fill at the next bar's open, 0.1% commission per side,
a fixed quantity per entry (`qty` base units) or all-in sizing (`qty=None`). Each function returns
`PeerRun` or raises ImportError when the peer is missing.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from aitrader.domain import Candles
from aitrader.features.indicators.trend import sma


@dataclass
class PeerRun:
    name: str
    seconds: float
    trades: int
    final_equity: float
    entry_bars: np.ndarray
    note: str = ""
    cpu_seconds: float = 0.0


def _frame(c: Candles):  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.DataFrame(
        {"Open": c.open, "High": c.high, "Low": c.low, "Close": c.close, "Volume": c.volume},
        index=pd.to_datetime(c.open_time, unit="ms"),
    )


def run_backtesting_py(
    c: Candles, fast: int, slow: int, fee: float, cash: float, qty: float | None
) -> PeerRun:
    from backtesting import Strategy
    from backtesting.lib import FractionalBacktest, crossover

    f_arr, s_arr = sma(c.close, fast), sma(c.close, slow)
    # FractionalBacktest trades whole units of 1e-8 BTC; a size in (0, 1) means a share of equity
    size = 0.9999999999 if qty is None else round(qty * 1e8)

    class SmaCrossBt(Strategy):  # type: ignore[misc]
        def init(self) -> None:
            self.f = self.I(lambda: f_arr)
            self.s = self.I(lambda: s_arr)

        def next(self) -> None:
            if crossover(self.f, self.s):
                if not self.position:
                    self.buy(size=size)
            elif crossover(self.s, self.f):
                self.position.close()

    df = _frame(c)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t, cpu = time.perf_counter(), time.process_time()
        bt = FractionalBacktest(
            df, SmaCrossBt, cash=cash, commission=fee, trade_on_close=False, finalize_trades=False
        )
        stats = bt.run()
        dt, cpu = time.perf_counter() - t, time.process_time() - cpu
    trades = stats["_trades"]
    return PeerRun(
        "backtesting.py",
        dt,
        len(trades),
        float(stats["Equity Final [$]"]),
        trades.EntryBar.to_numpy(),
        cpu_seconds=cpu,
    )


def run_backtrader(c: Candles, fast: int, slow: int, fee: float, cash: float, qty: float | None) -> PeerRun:
    import backtrader as bt

    class SmaCrossBtr(bt.Strategy):  # type: ignore[misc]
        def __init__(self) -> None:
            self.cross = bt.indicators.CrossOver(
                bt.indicators.SMA(self.data.close, period=fast),
                bt.indicators.SMA(self.data.close, period=slow),
            )
            self.entries: list[int] = []

        def next(self) -> None:
            if self.cross[0] > 0 and not self.position:
                size = qty or self.broker.getcash() / (self.data.close[0] * (1 + fee)) * 0.999
                self.buy(size=size)
                self.entries.append(len(self) - 1)
            elif self.cross[0] < 0 and self.position:
                self.close()

    cerebro = bt.Cerebro(stdstats=False)
    cerebro.adddata(bt.feeds.PandasData(dataname=_frame(c)))
    cerebro.addstrategy(SmaCrossBtr)
    cerebro.broker.setcash(cash)
    cerebro.broker.setcommission(commission=fee)
    t, cpu = time.perf_counter(), time.process_time()
    strat = cerebro.run()[0]
    dt, cpu = time.perf_counter() - t, time.process_time() - cpu
    entries = np.asarray(strat.entries)
    return PeerRun(
        "backtrader",
        dt,
        len(entries),
        float(cerebro.broker.getvalue()),
        entries,
        "all-in size decided at close (99.9%)" if qty is None else "",
        cpu_seconds=cpu,
    )


def run_vectorbt(c: Candles, fast: int, slow: int, fee: float, cash: float, qty: float | None) -> PeerRun:
    import pandas as pd
    import vectorbt as vbt

    t, cpu = time.perf_counter(), time.process_time()
    f_arr, s_arr = sma(c.close, fast), sma(c.close, slow)
    up = np.zeros(len(c), dtype=bool)
    down = np.zeros(len(c), dtype=bool)
    with np.errstate(invalid="ignore"):
        up[1:] = (f_arr[:-1] < s_arr[:-1]) & (f_arr[1:] > s_arr[1:])
        down[1:] = (f_arr[:-1] > s_arr[:-1]) & (f_arr[1:] < s_arr[1:])
    entries = pd.Series(np.roll(up, 1), dtype=bool)  # decided at close i, executed at open i+1
    exits = pd.Series(np.roll(down, 1), dtype=bool)
    entries.iloc[0] = exits.iloc[0] = False
    pf = vbt.Portfolio.from_signals(
        pd.Series(c.close),
        entries,
        exits,
        price=pd.Series(c.open),
        fees=fee,
        init_cash=cash,
        size=np.inf if qty is None else qty,
    )
    n_trades = int(pf.trades.count())
    final = float(pf.final_value())
    dt, cpu = time.perf_counter() - t, time.process_time() - cpu
    entry_bars = pf.trades.records["entry_idx"].to_numpy() - 1
    return PeerRun("vectorbt", dt, n_trades, final, entry_bars, "vectorised (no event loop)", cpu)
