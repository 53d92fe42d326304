"""One design on one series: a backtest through the real kernel, its daily returns and benchmarks.

Every design of a series is measured over the same calendar window: decisions start at the same
instant for all of them (the latest warm-up of any design on that series), so their daily returns
line up day by day. The bars before that instant only warm indicators up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.engine import run_backtest
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import vol_target_benchmark_for
from aitrader.data.instrument_guess import instrument_for
from aitrader.domain import Candles
from aitrader.research.designs import Design, run_config
from aitrader.strategies.base import Strategy, history_needed

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
DAY_MS = 86_400_000


@dataclass(frozen=True)
class DailyReturns:
    """Returns per UTC day (`days`: day numbers since the epoch) of an equity curve."""

    days: IntArray
    returns: FloatArray

    def on(self, days: IntArray) -> FloatArray:
        """The returns of `days` (each must be present)."""
        idx = np.searchsorted(self.days, days)
        if np.any(idx >= len(self.days)) or np.any(self.days[np.minimum(idx, len(self.days) - 1)] != days):
            raise ValueError("a requested day has no return")
        return self.returns[idx]


@dataclass(frozen=True)
class Measured:
    """A run with its metrics and the two benchmarks over the same bars."""

    result: BacktestResult
    metrics: Metrics
    daily: DailyReturns
    hold: Metrics | None
    vol_hold: Metrics | None


def strategy_for(design: Design) -> Strategy:
    """The design's strategy, weighing the costs its runs pay (`run_config`)."""
    cfg = run_config(0)
    return build_strategy(design.strategy, {}, design.timeframe, fee=cfg.fee, slippage_bps=cfg.slippage_bps)


def warm_start_ms(design: Design, candles: Candles) -> int:
    """Open time of the first bar `design` can decide on in `candles` (after its warm-up)."""
    need = history_needed(strategy_for(design))
    if need >= len(candles):
        raise ValueError(
            f"{candles.symbol} {candles.timeframe.value}: {len(candles)} bars, warm-up needs {need}"
        )
    return int(candles.open_time[need])


def daily_returns(result: BacktestResult) -> DailyReturns:
    """Close-to-close returns of the equity per UTC day over the measured bars (a bar belongs to the
    day its close falls in; the first day is measured from the equity before the first bar)."""
    first = result.first_bar
    eq = np.asarray(result.equity[first:], dtype=np.float64)
    if len(eq) == 0:
        return DailyReturns(np.zeros(0, np.int64), np.zeros(0))
    closes = np.asarray(result.times[first:], dtype=np.int64) + result.timeframe.duration_ms
    day = (closes - 1) // DAY_MS
    last = np.r_[np.flatnonzero(np.diff(day)), len(day) - 1]
    level = eq[last]
    before = float(result.equity[first - 1]) if first > 0 else result.initial_equity
    prev = np.r_[before, level[:-1]]
    return DailyReturns(day[last].astype(np.int64), level / prev - 1.0)


def run_design(design: Design, candles: Candles, start_ms: int, benchmarks: bool = True) -> Measured:
    """`design` on `candles`, deciding from the first bar opening at or after `start_ms`."""
    strategy = strategy_for(design)
    first = int(np.searchsorted(candles.open_time, start_ms))
    if first < history_needed(strategy):
        raise ValueError(f"{design.id}: decisions from bar {first} start inside its warm-up")
    inst, assumptions = instrument_for(candles.symbol, float(candles.close[0]))
    result = run_backtest(
        strategy,
        candles,
        run_config(first),
        gate=design.gate(),
        instrument=None if assumptions is None else inst,
    )
    hold = benchmark_for(result) if benchmarks else None
    vol_hold = vol_target_benchmark_for(result) if benchmarks else None
    return Measured(
        result,
        compute_metrics(result),
        daily_returns(result),
        None if hold is None else compute_metrics(hold),
        None if vol_hold is None else compute_metrics(vol_hold),
    )
