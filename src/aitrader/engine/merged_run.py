"""A portfolio backtest's loop: the kernel's lanes walked together over one time grid.

The grid is the union of the symbols' open times; a symbol without a bar at a step (not listed
yet, a gap in its data) is simply not processed there — no bar is invented. At each step every
symbol with a bar reaches its broker first (orders sent earlier fill), then each decides where its
strategy's masks allow a proposal (or on every bar with `every_bar`), in lane order, so the gate
sees the fills of the whole step. The step is the bar number fills and the account carry. Jumping
over quiet stretches (one symbol's `next_event_bar`) is not used here: a step is visited when any
symbol has a bar, which keeps the loop simple and its cost per bar per symbol flat
(benchmarks/bench_portfolio.py measures it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from aitrader.domain.candles import FloatArray, IntArray
from aitrader.engine.account import ordered_view

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel


@dataclass(frozen=True)
class Grid:
    """The merged time grid: step open times, and per lane the local bar at each step (-1: none)
    and its close carried forward (NaN before its first bar)."""

    times: IntArray
    local: tuple[IntArray, ...]
    closes: dict[str, FloatArray]

    def __len__(self) -> int:
        return len(self.times)


def build_grid(kernel: Kernel) -> Grid:
    lanes = list(kernel.lanes.values())
    if any(lane.features is None for lane in lanes):
        missing = [lane.symbol for lane in lanes if lane.features is None]
        raise ValueError(f"no candles loaded for {', '.join(missing)}")
    times = np.unique(np.concatenate([lane.candles.open_time for lane in lanes])).astype(np.int64)
    steps = np.arange(len(times))
    local: list[IntArray] = []
    closes: dict[str, FloatArray] = {}
    for lane in lanes:
        c = lane.candles
        at = np.full(len(times), -1, dtype=np.int64)
        at[np.searchsorted(times, c.open_time)] = np.arange(len(c))
        local.append(at)
        last = np.maximum.accumulate(np.where(at >= 0, steps, -1))  # the last step with a bar
        have = last >= 0
        close = np.full(len(times), np.nan)
        close[have] = np.asarray(c.close, dtype=np.float64)[at[last[have]]]
        closes[lane.symbol] = close
    return Grid(times, tuple(local), closes)


def grid_of(kernel: Kernel) -> Grid:
    """The kernel's grid, built (and handed to its account) at first use after loading."""
    grid = kernel.grid
    if grid is None:
        grid = kernel.grid = build_grid(kernel)
        if kernel.portfolio_account is not None:
            kernel.portfolio_account.set_grid(grid.times, grid.closes)
    return grid


def run_merged(kernel: Kernel, start: int, stop: int | None, every_bar: bool) -> int:
    """Process steps [start, stop) of the grid; returns how many were visited."""
    grid = grid_of(kernel)
    n = len(grid)
    stop = n if stop is None else min(stop, n)
    if start >= stop:
        return 0
    lanes = list(kernel.lanes.values())
    dur = kernel.strategy.timeframe.duration_ms
    times = ordered_view(grid.times, np.int64)
    local = [ordered_view(a, np.int64) for a in grid.local]
    bars = [
        tuple(
            ordered_view(a, np.float64)
            for a in (ln.candles.open, ln.candles.high, ln.candles.low, ln.candles.close)
        )
        for ln in lanes
    ]
    walk = list(zip(lanes, local, bars, strict=True))
    held = kernel.portfolio.quantities.get
    clock_set = kernel.clock.set
    decide = kernel._decide_lane
    for s in range(start, stop):
        t = times[s]
        kernel._bar = s
        clock_set(t + dur)
        for lane, at, (o, h, lo, c) in walk:
            j = at[s]
            if j >= 0:
                lane.broker.on_bar(s, t, o[j], h[j], lo[j], c[j])
        for lane, at, _ in walk:
            j = at[s]
            if j >= 0 and (every_bar or lane.can_propose(j, held(lane.symbol, 0.0))):
                decide(lane, j, s)
    kernel.stats.bars += sum(int(np.count_nonzero(a[start:stop] >= 0)) for a in grid.local)
    kernel.stats.visited += stop - start
    return stop - start
