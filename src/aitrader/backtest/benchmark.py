"""Buy-and-hold on the same capital, period and fee: the line a strategy has to beat.

The whole account buys at the open of the first bar (taker fee on entry), is marked at every close
and sells at the last close (taker fee on exit, taken on the last bar), as one trade. With a
`fee_model` the entry fee is `fee_model.fee(cash, taker, entry)` taken from the cash and the exit
fee `fee_model.fee(qty * last close, taker, exit)`; without one, `fee` is the rate of both (the same
numbers as `PercentFee(fee)`).

`benchmark_for(result)` is the benchmark a report sets beside a strategy: from the strategy's first
tradable bar (`BacktestResult.first_bar`) to its last, with its capital and its fee model.
"""

from __future__ import annotations

import numpy as np

from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.candles import Candles
from aitrader.domain.enums import Side
from aitrader.execution.fees import FeeModel, PercentFee


def buy_and_hold(
    candles: Candles, cash: float, fee: float, fee_model: FeeModel | None = None
) -> BacktestResult:
    n = len(candles)
    if n == 0:
        raise ValueError("no candles for a buy-and-hold benchmark")
    fees_of = fee_model or PercentFee(taker=fee, maker=fee)
    entry = float(candles.open[0])
    entry_fee = fees_of.fee(cash, False, True)
    qty = (cash - entry_fee) / entry
    equity = qty * np.asarray(candles.close, dtype=np.float64)
    exit_price = float(candles.close[-1])
    exit_fee = fees_of.fee(qty * exit_price, False, False)
    equity[-1] -= exit_fee
    fees = entry_fee + exit_fee
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
        fee_model=fee_model,
    )


def benchmark_for(result: BacktestResult) -> BacktestResult | None:
    """Buy-and-hold over `result`'s measured bars (from its first tradable bar), on its capital and
    fees; None when its candles do not cover its bars (or there are none)."""
    n = len(result.times)
    if n == 0 or len(result.candles) == 0:
        return None
    first = min(max(result.first_bar, 0), n - 1)
    times = np.asarray(result.times, dtype=np.int64)[first:]
    candles = result.candles
    idx = np.searchsorted(candles.open_time, times)
    if idx[-1] >= len(candles) or not np.array_equal(candles.open_time[idx], times):
        return None
    lo, hi = int(idx[0]), int(idx[-1]) + 1
    if hi - lo != len(times) or float(candles.open[lo]) <= 0:  # a gap in the candles: no benchmark
        return None
    fee = float(result.params.get("fee", 0.0))
    return buy_and_hold(candles.slice(lo, hi), float(result.initial_equity), fee, result.fee_model)
