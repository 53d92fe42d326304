"""The one-symbol backtest loop, jumping over bars where nothing can happen.

`Kernel.run(every_bar=False)` visits only bars where something can happen — a bar on which the
strategy's masks allow a proposal (given what is open), the bar after orders were sent (they
arrive at its open), and bars whose range reaches a resting order (the broker finds them with a
vectorised search). `every_bar=True` visits every bar; both give the same decisions and fills
(tests/engine/test_jump_parity.py). Kept apart from the kernel's other paths because it is the hot
loop of every single-symbol backtest: locals bound once, memoryviews instead of numpy scalars.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import numpy as np

from aitrader.engine.account import ordered_view
from aitrader.execution.broker import SkippingBroker

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel


def run_single(kernel: Kernel, start: int, stop: int | None, every_bar: bool) -> int:
    """Process bars [start, stop) of the one lane's loaded history; returns how many were visited."""
    lane = kernel._lane0
    c = lane.candles
    n = len(c)
    stop = n if stop is None else min(stop, n)
    if start >= stop:
        return 0
    # memoryviews: indexing one gives a Python float/int without a numpy scalar in between
    o, h, lo, cl = (ordered_view(a, np.float64) for a in (c.open, c.high, c.low, c.close))
    t = ordered_view(c.open_time, np.int64)
    dur = c.timeframe.duration_ms
    broker = kernel.broker
    broker_on_bar = broker.on_bar
    skipping = isinstance(broker, SkippingBroker) and not every_bar
    has_arriving = broker.has_arriving if skipping else None  # type: ignore[attr-defined]
    next_event_bar = broker.next_event_bar if skipping else None  # type: ignore[attr-defined]
    clock_set = kernel.clock.set
    decide, held, symbol = kernel._decide, kernel.portfolio.quantities.get, kernel.symbol
    entry, exit_long, exit_short = lane.masks
    idx_flat, idx_long, idx_short = lane.idx_flat, lane.idx_long, lane.idx_short
    adjusts = lane.adjusts_every_bar
    visited = 0
    i = start
    while i < stop:
        ti = t[i]
        kernel._bar = i
        clock_set(ti + dur)
        broker_on_bar(i, ti, o[i], h[i], lo[i], cl[i])
        q = held(symbol, 0.0)  # can on_bar propose here, given what is open? (the skip contract)
        if every_bar or (entry[i] if q == 0.0 else adjusts or (exit_long[i] if q > 0 else exit_short[i])):
            decide(i)
        visited += 1
        nxt = i + 1
        if next_event_bar is None or nxt >= stop or has_arriving():  # type: ignore[misc]
            i = nxt
            continue
        # the next bar whose masks allow a proposal given what is held: `q` still holds, as
        # deciding only sends orders (they fill from the next bar on, which is then visited)
        if q != 0.0 and adjusts:
            candidate = nxt
        else:
            idx = idx_flat if q == 0.0 else idx_long if q > 0 else idx_short
            k = bisect_left(idx, nxt)
            candidate = idx[k] if k < len(idx) else stop
        i = next_event_bar(nxt, candidate if candidate < stop else stop)
    kernel.stats.bars += stop - start
    kernel.stats.visited += visited
    return visited
