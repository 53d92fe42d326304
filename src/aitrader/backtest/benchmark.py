"""Buy-and-hold on the same capital, period, fees and slippage: the line a strategy has to beat.

`buy_and_hold(candles, ...)` holds cash until bar `entry_bar`, where the whole account buys at that
bar's open (at its close with `at_close`), is marked at every close from there and sells at the
last close, as one trade. Both fills are taker fills: they pay `slippage_bps` against the order (a
buy above the price, the sale below it, `execution.slippage.FixedBps`) and the taker fee on their
notional. With a `fee_model` the entry fee is `fee_model.fee(cash, taker, entry)` taken from the
cash and the exit fee `fee_model.fee(qty * exit price, taker, exit)`; without one, `fee` is the
rate of both (the same numbers as `PercentFee(fee)`). The defaults (bar 0, no slippage) are the
plain benchmark the optimiser and `rl evaluate` set beside a window.

`benchmark_for(result)` is the benchmark a report sets beside a strategy: over the strategy's
measured bars (from its first tradable bar, `BacktestResult.first_bar`, to its last), with its
capital, its fee model and its slippage, and buying when the strategy could first fill: a decision
on the close of the first tradable bar fills at the next bar's open (the `next-open` fill model),
or at that close with the `live` fill model. Until then it holds cash, as the strategy does.
`measured_window(result)` says where those bars are; `vol_target_benchmark` uses it too.
"""

from __future__ import annotations

import numpy as np

from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.candles import Candles
from aitrader.domain.enums import Side
from aitrader.execution.fees import FeeModel, PercentFee
from aitrader.execution.slippage import FixedBps


def buy_and_hold(
    candles: Candles,
    cash: float,
    fee: float,
    fee_model: FeeModel | None = None,
    *,
    slippage_bps: float = 0.0,
    entry_bar: int = 0,
    at_close: bool = False,
) -> BacktestResult:
    """The whole of `cash` bought at the open of bar `entry_bar` (its close with `at_close`) and sold
    at the last close (see the module docstring); flat throughout when `entry_bar` is past the end."""
    n = len(candles)
    if n == 0:
        raise ValueError("no candles for a buy-and-hold benchmark")
    fees_of = fee_model or PercentFee(taker=fee, maker=fee)
    slip = FixedBps(slippage_bps)
    equity = np.full(n, float(cash), dtype=np.float64)
    in_market = np.zeros(n, dtype=bool)
    k = max(entry_bar, 0)
    trades: list[TradeRecord] = []
    fees = 0.0
    if k < n:
        entry = slip.slipped(float(candles.close[k] if at_close else candles.open[k]), Side.BUY)
        entry_fee = fees_of.fee(cash, False, True)
        qty = (cash - entry_fee) / entry
        equity[k:] = qty * np.asarray(candles.close[k:], dtype=np.float64)
        in_market[k:] = True
        exit_price = slip.slipped(float(candles.close[-1]), Side.SELL)
        exit_fee = fees_of.fee(qty * exit_price, False, False)
        equity[-1] = qty * exit_price - exit_fee
        fees = entry_fee + exit_fee
        trades.append(
            TradeRecord(
                symbol=candles.symbol,
                side=Side.BUY,
                quantity=qty,
                entry_bar=k,
                entry_time=int(candles.open_time[k]) + (candles.timeframe.duration_ms if at_close else 0),
                entry_price=entry,
                exit_bar=n - 1,
                exit_time=int(candles.open_time[-1]),
                exit_price=exit_price,
                fees=fees,
                pnl=float(equity[-1]) - cash,
                exit_reason="end",
                strategy="buy_and_hold",
            )
        )
    return BacktestResult(
        symbol=candles.symbol,
        timeframe=candles.timeframe,
        strategy="buy_and_hold",
        initial_equity=cash,
        times=candles.open_time,
        equity=equity,
        in_market=in_market,
        trades=trades,
        fees_paid=fees,
        candles=candles,
        params={"slippage_bps": slippage_bps, "entry_bar": k},
        fee_model=fee_model,
    )


def measured_window(result: BacktestResult) -> tuple[int, int, int, bool] | None:
    """Where `result`'s measured bars lie in its candles and when the strategy could first fill:
    (first candle, end candle (exclusive), the fill bar within the window, at that bar's close);
    None when its candles do not cover its bars (or there are none)."""
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
    if hi - lo != len(times):  # a gap in the candles: no benchmark
        return None
    at_close = (
        result.params.get("fill_model") == "live"
    )  # a market order fills at the close it was decided on
    return lo, hi, 0 if at_close else 1, at_close


def benchmark_for(result: BacktestResult) -> BacktestResult | None:
    """Buy-and-hold over `result`'s measured bars (from its first tradable bar), on its capital,
    fees and slippage, bought when the strategy could first fill; None when its candles do not
    cover its bars (or there are none)."""
    window = measured_window(result)
    if window is None:
        return None
    lo, hi, entry, at_close = window
    held = result.candles.slice(lo, hi)
    if entry < len(held) and float((held.close if at_close else held.open)[entry]) <= 0:
        return None
    p = result.params
    return buy_and_hold(
        held,
        float(result.initial_equity),
        float(p.get("fee", 0.0)),
        result.fee_model,
        slippage_bps=float(p.get("slippage_bps", 0.0)),
        entry_bar=entry,
        at_close=at_close,
    )
