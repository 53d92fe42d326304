"""Live and paper: the kernel fed one closed candle at a time (one symbol), or one open time's
candles at a time (a portfolio: `push_round`, so live decides as the backtest's merged loop does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from aitrader.domain.candles import Candle, Candles

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel


def warm(kernel: Kernel, history: Candles) -> None:
    """Start live or paper: the strategy's feature stream over the closed candles before the
    stream (no decision on them); the broker and the clock stand at the last one's close. A
    portfolio warms each symbol (routed by `history.symbol`)."""

    lane = kernel._lane_for(history.symbol)
    lane.warm(history)
    if len(kernel.lanes) == 1:
        kernel.account.set_bars(lane.candles.open_time, lane.candles.close, lane.offset)
    n = len(history)
    if n == 0:
        return
    last = n - 1
    t = int(history.open_time[last])
    if kernel._rounds == 0:  # before the first round the step follows the longest history
        kernel._bar = max(kernel._bar, last)
    step = kernel._bar
    kernel.clock.set(max(kernel.clock.now_ms(), t + history.timeframe.duration_ms))
    o, h, lo, c = (float(a[last]) for a in (history.open, history.high, history.low, history.close))
    lane.broker.on_bar(step, t, o, h, lo, c)


def push(kernel: Kernel, candle: Candle, decide: bool = True) -> bool:
    """Append a closed candle, advance the features by it (the strategy's feature stream: kept
    state, not a recomputation of the window), process the bar.

    Returns whether the strategy was asked: not for a forming candle or one that does not come
    after the last, not before its warm-up is complete, not with `decide=False` (a candle the
    loop saw too late to act on: the features and the broker still see it). A portfolio takes
    the candles of one open time together: `push_round`."""

    if len(kernel.lanes) > 1:
        raise ValueError("a portfolio takes one open time's candles by symbol: push_round")
    lane = kernel._lane0
    if not lane.advance(candle):
        return False
    kernel.account.set_bars(lane.candles.open_time, lane.candles.close, lane.offset)
    i = kernel._bar = lane.seen - 1
    kernel.clock.set(candle.open_time + kernel.strategy.timeframe.duration_ms)
    lane.broker.on_bar(
        i,
        candle.open_time,
        float(candle.open),
        float(candle.high),
        float(candle.low),
        float(candle.close),
    )
    kernel.stats.bars += 1
    if not decide or lane.seen <= kernel.strategy.warmup:
        return False
    kernel._decide(i)
    kernel.stats.visited += 1
    return True


def push_round(kernel: Kernel, candles: Mapping[str, Candle], decide: bool = True) -> list[str]:
    """A portfolio's closed candles of one open time by symbol (any subset of them): every
    symbol's broker sees its bar first, then each symbol decides, in lane order — as the
    backtest's merged loop does. Returns the symbols whose strategy was asked."""

    fresh = [(lane, c) for symbol, c in candles.items() if (lane := kernel._lane_for(symbol)).advance(c)]
    if not fresh:
        return []
    order = list(kernel.lanes)
    fresh.sort(key=lambda lc: order.index(lc[0].symbol))
    t = max(c.open_time for _, c in fresh)
    step = kernel._bar = kernel._bar + 1
    kernel._rounds += 1
    kernel.clock.set(max(kernel.clock.now_ms(), t + kernel.strategy.timeframe.duration_ms))
    if len(kernel.lanes) == 1:
        lane = kernel._lane0
        kernel.account.set_bars(lane.candles.open_time, lane.candles.close, lane.offset)
        kernel._bar = step = lane.seen - 1
    elif kernel.portfolio_account is not None:
        kernel.portfolio_account.mark(step, t, kernel.marks())
    for lane, c in fresh:
        lane.broker.on_bar(step, c.open_time, float(c.open), float(c.high), float(c.low), float(c.close))
    kernel.stats.bars += len(fresh)
    if not decide:
        return []
    asked = []
    for lane, _ in fresh:
        if lane.seen <= lane.strategy.warmup:
            continue
        kernel._decide_lane(lane, lane.seen - 1, step)
        kernel.stats.visited += 1
        asked.append(lane.symbol)
    return asked
