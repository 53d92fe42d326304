"""The two benchmarks the optimiser and `rl evaluate` set beside a window of bars: buy-and-hold and
volatility-targeted buy-and-hold, on one footing.

    bench = window_benchmarks(candles, start, end, cash, fee, [strategy_result])
    bench.hold, bench.vol, bench.target

Both are the backtest module's own (`benchmark.buy_and_hold`,
`vol_target_benchmark.vol_target_buy_and_hold`), called on the footing the optimiser's benchmark
always had: bars [start, end), the same capital and fee rate, bought at the open of the window's
first bar, sold at its last close, no slippage. So the volatility-targeted one, at a weight of 1
throughout, is the plain one exactly. It aims at the strategy's own realised volatility over the
window (`vol_target_benchmark.target_for`: at least 5 %, 20 % without a trade; with several runs of
one strategy, such as a policy's sampling seeds, the mean of theirs); the bars before `start` only
feed its trailing volatility estimate, as they would have then.

A walk-forward's stitched test windows (`track_benchmarks`): one run of each over every stretch of
back-to-back windows, the stretches chained as the strategy's windows are (`walk_forward.stitch`),
so the benchmarks cover the test bars and no other; the target is the stitched track's volatility.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from aitrader.backtest.benchmark import buy_and_hold
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import DEFAULT_TARGET, target_for, vol_target_buy_and_hold
from aitrader.domain.candles import Candles
from aitrader.optimize.evaluate import Window
from aitrader.optimize.walk_forward import stitch


@dataclass(frozen=True)
class HoldBenchmarks:
    hold: BacktestResult  # buy-and-hold
    vol: BacktestResult  # volatility-targeted buy-and-hold
    target: float  # the annualised volatility `vol` aims at

    def vol_facts(self) -> dict[str, float | int]:
        """What the volatility-targeted run did beside its metrics: its target, its rebalances and the
        mean weight of the account it held in the asset (a share, at most 1)."""
        p = self.vol.params
        return {
            "target_volatility": self.target,
            "rebalances": int(p["rebalances"]),
            "mean_weight": float(p["mean_weight"]),
        }


def target_of(strategies: Sequence[BacktestResult]) -> float:
    """The volatility the benchmark aims at: the mean of `target_for` over the runs (20 % with none)."""
    return float(np.mean([target_for(s) for s in strategies])) if strategies else DEFAULT_TARGET


def window_benchmarks(
    candles: Candles,
    start: int,
    end: int,
    cash: float,
    fee: float,
    strategies: Sequence[BacktestResult] = (),
    target: float | None = None,
) -> HoldBenchmarks:
    """Both benchmarks over bars [start, end) of `candles` (see the module docstring), the
    volatility-targeted one aimed at `target`, by default `target_of(strategies)`."""
    aim = target_of(strategies) if target is None else target
    hold = buy_and_hold(candles.slice(start, end), cash, fee)
    vol = vol_target_buy_and_hold(candles.slice(0, end), cash, aim, fee, start=start)
    return HoldBenchmarks(hold, vol, aim)


def track_benchmarks(
    candles: Candles, windows: Sequence[Window], cash: float, fee: float, strategy: BacktestResult
) -> HoldBenchmarks:
    """Both benchmarks over the bars of `windows` (in order, not overlapping) and none between
    them, aimed at `strategy`'s volatility over those bars (see the module docstring)."""
    stretches: list[list[int]] = []
    for w in windows:
        if stretches and stretches[-1][1] == w.start:
            stretches[-1][1] = w.end
        else:
            stretches.append([w.start, w.end])
    aim = target_of([strategy])
    parts = [window_benchmarks(candles, a, b, cash, fee, target=aim) for a, b in stretches]
    if len(parts) == 1:
        return parts[0]
    vols = [p.vol for p in parts]
    bars = np.array([len(v.equity) for v in vols], dtype=np.float64)
    weight = float(np.average([v.params["mean_weight"] for v in vols], weights=bars))
    facts = {"rebalances": sum(int(v.params["rebalances"]) for v in vols), "mean_weight": weight}
    vol = stitch(vols)
    return HoldBenchmarks(stitch([p.hold for p in parts]), replace(vol, params={**vol.params, **facts}), aim)
