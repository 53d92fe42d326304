"""The portfolio's volatility-targeted benchmark: an equal-weight basket of volatility-targeted
buy-and-holds, beside the plain equal-weight basket (`portfolio_result.basket_candles`).

The capital is split equally over the symbols, as the plain basket splits it. Each share is a
sleeve that runs `vol_target_benchmark.vol_target_buy_and_hold` on its symbol's own bars: from the
first of them at or after the account's first measured step, first filled when the portfolio could
first fill (the next open; that close with the `live` fill model), the run's fee model and
slippage, the trailing 30-day volatility of that symbol (its bars before the window included), and
sold at its last close. Every sleeve aims at one target: the **account's** realised volatility over
its measured steps (`vol_target_benchmark.target_for(result.account)`: at least 5 %, 20 % without a
trade), so the basket is risk-matched to the portfolio; as the symbols do not move together
perfectly, the basket's own volatility comes out at or a little under it.

The sleeves are marked on the account's time grid (a sleeve's value holds between its bars, its
capital is cash until its first fill) and summed; their rebalances are the basket's trades, their
bars renumbered to grid steps. The result reads like any `BacktestResult`.
"""

from __future__ import annotations

import msgspec
import numpy as np

from aitrader.backtest.benchmark import measured_window
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.backtest.vol_target_benchmark import NAME, target_for, vol_target_buy_and_hold


def vol_target_basket_for(result: PortfolioResult, target: float | None = None) -> BacktestResult | None:
    """The equal-weight basket of volatility-targeted sleeves over the account's measured steps
    (module docstring), aimed at `target` (default: `target_for(result.account)`); None when the
    plain basket has no benchmark either or a symbol's close is not positive."""
    account = result.account
    window = measured_window(account)
    if window is None or not result.per_symbol:
        return None
    lo, hi, entry, at_close = window
    grid = np.asarray(account.candles.open_time[lo:hi], dtype=np.int64)
    n = len(grid)
    aim = target_for(account) if target is None else target
    share = float(account.initial_equity) / len(result.per_symbol)
    p = account.params
    equity = np.zeros(n, dtype=np.float64)
    in_market = np.zeros(n, dtype=bool)
    trades: list[TradeRecord] = []
    fees, rebalances = 0.0, 0
    for own in result.per_symbol.values():
        c = own.candles
        start = int(np.searchsorted(c.open_time, grid[0]))
        if start >= len(c) or c.open_time[start] > grid[-1]:
            equity += share  # no bar of it in the window: cash
            continue
        stop = int(np.searchsorted(c.open_time, grid[-1], side="right"))
        if not np.all(np.asarray(c.close[:stop]) > 0):
            return None
        sleeve = vol_target_buy_and_hold(
            c.slice(0, stop),
            share,
            aim,
            float(p.get("fee", 0.0)),
            account.fee_model,
            slippage_bps=float(p.get("slippage_bps", 0.0)),
            start=start,
            entry_bar=entry,
            at_close=at_close,
        )
        own_times = np.asarray(sleeve.times, dtype=np.int64)
        bar = np.searchsorted(own_times, grid, side="right") - 1  # its last bar at or before each step
        before = bar < 0
        equity += np.where(before, share, sleeve.equity[np.maximum(bar, 0)])
        in_market |= ~before & sleeve.in_market[np.maximum(bar, 0)]
        step = np.searchsorted(grid, own_times)  # the grid step of each of its bars
        trades += [
            msgspec.structs.replace(t, entry_bar=int(step[t.entry_bar]), exit_bar=int(step[t.exit_bar]))
            for t in sleeve.trades
        ]
        fees += sleeve.fees_paid
        rebalances += int(sleeve.params["rebalances"])
    trades.sort(key=lambda t: (t.exit_time, t.symbol))
    return BacktestResult(
        symbol=account.symbol,
        timeframe=account.timeframe,
        strategy=NAME,
        initial_equity=float(account.initial_equity),
        times=grid,
        equity=equity,
        in_market=in_market,
        trades=trades,
        fees_paid=fees,
        candles=account.candles.slice(lo, hi),
        params={
            "slippage_bps": float(p.get("slippage_bps", 0.0)),
            "target_volatility": aim,
            "symbols": list(result.per_symbol),
            "rebalances": rebalances,
        },
        fee_model=account.fee_model,
    )
