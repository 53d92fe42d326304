"""What a portfolio backtest gives back: the account as one `BacktestResult` on the merged time grid,
one `BacktestResult` per symbol on its own bars, and the gate's rejections by symbol and reason.

- The account's equity is cash plus every symbol held, marked at its last close, at each grid step;
  its buy-and-hold comparison is an equal-weight basket of the same symbols (`basket_candles`: each
  symbol bought for an equal share of the cash at its first bar and held).
- A symbol's equity is the initial cash plus what that symbol added: the cash its fills moved and
  its position marked at its close. The symbols' contributions sum to the account's.
- Trades keep grid steps as bars in the account's result and their own bar numbers in a symbol's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import msgspec
import numpy as np

from aitrader.backtest.result import BacktestResult
from aitrader.domain.candles import Candles, FloatArray, IntArray
from aitrader.domain.timeframe import Timeframe
from aitrader.domain.trade import TradeRecord


@dataclass
class PortfolioResult:
    """A portfolio run (see the module docstring)."""

    account: BacktestResult
    per_symbol: dict[str, BacktestResult]
    # base held per symbol at each grid step (signed; dust included): the exposure over time
    held: dict[str, FloatArray] = field(default_factory=dict)
    # each symbol's last close at each grid step (NaN before its first bar): what `held` is marked at
    closes: dict[str, FloatArray] = field(default_factory=dict)
    rejections: dict[str, dict[str, int]] = field(default_factory=dict)  # symbol -> code -> count
    examples: dict[str, str] = field(default_factory=dict)  # "SYMBOL code" -> the last sentence

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(self.per_symbol)


def step_values(n: int, bars: list[int], values: list[float], initial: float) -> FloatArray:
    """The value after the last change point at or before each of `n` steps."""
    if not bars:
        return np.full(n, initial)
    k = np.searchsorted(np.asarray(bars, dtype=np.int64), np.arange(n), side="right") - 1
    out = np.asarray(values, dtype=np.float64)[np.maximum(k, 0)]
    out[k < 0] = initial
    return out


def basket_candles(
    times: IntArray,
    closes: Mapping[str, FloatArray],
    cash: float,
    symbol: str,
    timeframe: Timeframe,
    start: int = 0,
) -> Candles:
    """The equal-weight buy-and-hold basket as candles on the grid (its value in quote currency):
    each symbol bought for an equal share of `cash` at step `start` (where the account starts being
    measured), or at its first close when it lists later, and held (cash until then)."""
    n = len(times)
    value = np.zeros(n)
    share = cash / max(len(closes), 1)
    for close in closes.values():
        listed = np.flatnonzero(~np.isnan(close[start:])) + start
        if not len(listed):
            value += share
            continue
        first = int(listed[0])
        held = close * (share / close[first])
        held[:first] = share
        value += held
    volume = np.zeros(n)
    return Candles(times, value, value.copy(), value.copy(), value.copy(), volume, symbol, timeframe)


def relabel(trades: list[TradeRecord], steps: IntArray) -> list[TradeRecord]:
    """Trades with grid steps as bars, renumbered to a symbol's own bars (`steps[k]`: the grid step
    of its bar k)."""
    out = []
    for t in trades:
        entry = int(np.searchsorted(steps, t.entry_bar)) if t.entry_bar >= 0 else t.entry_bar
        exit_ = int(np.searchsorted(steps, t.exit_bar))
        out.append(msgspec.structs.replace(t, entry_bar=entry, exit_bar=exit_))
    return out
