"""Buy-and-hold on the same capital, period and fee: the line a strategy has to beat.

The whole account buys at the open of the first bar (taker fee on entry), is marked at every close
and sells at the last close (taker fee on exit, taken on the last bar), as one trade.
"""

from __future__ import annotations

import numpy as np

from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.candles import Candles
from aitrader.domain.enums import Side


def buy_and_hold(candles: Candles, cash: float, fee: float) -> BacktestResult:
    n = len(candles)
    if n == 0:
        raise ValueError("no candles for a buy-and-hold benchmark")
    entry = float(candles.open[0])
    qty = cash * (1.0 - fee) / entry
    equity = qty * np.asarray(candles.close, dtype=np.float64)
    exit_price = float(candles.close[-1])
    exit_fee = qty * exit_price * fee
    equity[-1] -= exit_fee
    fees = cash * fee + exit_fee
    trade = TradeRecord(
        symbol=candles.symbol,
        side=Side.BUY,
        quantity=qty,
        entry_bar=0,
        entry_time=int(candles.open_time[0]),
        entry_price=entry,
        exit_bar=n - 1,
        exit_time=int(candles.open_time[-1]),
        exit_price=exit_price,
        fees=fees,
        pnl=float(equity[-1]) - cash,
        exit_reason="end",
        strategy="buy_and_hold",
    )
    return BacktestResult(
        symbol=candles.symbol,
        timeframe=candles.timeframe,
        strategy="buy_and_hold",
        initial_equity=cash,
        times=candles.open_time,
        equity=equity,
        in_market=np.ones(n, dtype=bool),
        trades=[trade],
        fees_paid=fees,
        candles=candles,
    )
