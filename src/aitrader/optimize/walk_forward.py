"""Walk-forward validation: re-optimise on each train window, trade the next test window.

    windows = plan_windows(n_bars, WalkForwardPlan(train=8760, test=2190, step=2190))

Rolling windows slide the train window; anchored ones keep its start at the first bar and let it
grow. Each test window is traded with the parameters chosen on the train window just before it,
starting flat from the previous window's equity, so the stitched test windows are a track record
no choice ever saw. Walk-forward efficiency (after Pardo) is the stitched out-of-sample log growth
per bar over the chosen trials' mean in-sample log growth per bar; parameter stability says how far
the choices move between windows, as a share of the searched range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from msgspec.structs import replace

from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.optimize.evaluate import Evaluator, Window
from aitrader.optimize.objectives import Constraints, Objective
from aitrader.optimize.pool import TrialRunner
from aitrader.optimize.search import Progress, SearchResult, run_search
from aitrader.optimize.space import ParamSpace, SpaceError


@dataclass(frozen=True)
class WalkForwardPlan:
    train: int  # bars
    test: int
    step: int  # bars between window starts (= test: back-to-back test windows)
    anchored: bool = False


@dataclass(frozen=True)
class WindowPair:
    index: int
    train: Window
    test: Window


def plan_windows(n_bars: int, plan: WalkForwardPlan, first: int = 0) -> list[WindowPair]:
    """Train/test pairs over bars [first, n_bars): the last test window ends at or before n_bars."""
    if plan.train <= 0 or plan.test <= 0 or plan.step <= 0:
        raise SpaceError("walk-forward train, test and step must be positive")
    if plan.step < plan.test:
        raise SpaceError(
            f"step ({plan.step} bars) shorter than test ({plan.test}): test windows would overlap"
        )
    out: list[WindowPair] = []
    start = first
    while start + plan.train + plan.test <= n_bars:
        train_start = first if plan.anchored else start
        train = Window(train_start, start + plan.train)
        out.append(WindowPair(len(out), train, Window(train.end, train.end + plan.test)))
        start += plan.step
    if not out:
        raise SpaceError(
            f"the data holds {n_bars - first:,} bars; one walk-forward window needs "
            f"{plan.train + plan.test:,} (train {plan.train:,} + test {plan.test:,}): shorten them"
        )
    return out


@dataclass
class WindowResult:
    pair: WindowPair
    search: SearchResult
    params: dict[str, Any] | None  # None: no feasible trial on the train window (flat in the test)
    in_sample: dict[str, Any]  # the chosen trial's metrics on the train window
    out_of_sample: dict[str, Any]
    test: BacktestResult | None = None
    trade_returns: Any = None  # the test's trades as returns on equity (its own bars; for Monte Carlo)


@dataclass
class WalkForwardResult:
    windows: list[WindowResult]
    stitched: BacktestResult  # the test windows end to end (equity chained), per bar
    efficiency: float | None
    stability: dict[str, float] = field(default_factory=dict)  # param -> std across windows / searched range


def walk_forward(
    space: ParamSpace,
    objectives: tuple[Objective, ...],
    runner: TrialRunner,
    evaluator: Evaluator,
    pairs: Sequence[WindowPair],
    n_trials: int,
    sampler: str = "auto",
    seed: int = 0,
    constraints: Constraints | None = None,
    storage: str | None = None,
    study_name: str = "aitrader",
    identity: dict[str, Any] | None = None,
    progress: Callable[[int], Progress] | None = None,
) -> WalkForwardResult:
    """Search each train window (`n_trials` each), trade its test window with the choice."""
    results: list[WindowResult] = []
    for pair in pairs:
        search = run_search(
            space,
            objectives,
            runner,
            pair.train,
            n_trials,
            sampler,
            seed + pair.index,
            constraints,
            storage,
            f"{study_name}-wf{pair.index}",
            {**(identity or {}), "window": pair.index},
            progress(pair.index) if progress else None,
        )
        chosen = search.best[0] if search.best else None
        params = space.params(chosen.params) if chosen else None
        if params is not None:
            test, trade_returns = evaluator.full(params, pair.test)
        else:
            test, trade_returns = evaluator.flat(pair.test), np.empty(0)
        from aitrader.backtest.metrics import compute_metrics

        results.append(
            WindowResult(
                pair,
                search,
                params,
                dict(chosen.metrics) if chosen else {},
                compute_metrics(test).to_dict(),
                test,
                trade_returns,
            )
        )
    stitched = stitch([w.test for w in results if w.test is not None])
    return WalkForwardResult(results, stitched, efficiency(results, stitched), stability(space, results))


def stitch(parts: Sequence[BacktestResult]) -> BacktestResult:
    """Test windows end to end: each starts from the equity the previous one ended with (returns
    chained; trades' P&L scaled by the same factor)."""
    if not parts:
        raise ValueError("no test windows to stitch")
    first = parts[0]
    equities: list[Any] = []
    times: list[Any] = []
    in_market: list[Any] = []
    trades: list[TradeRecord] = []
    level = first.initial_equity
    fees = 0.0
    for part in parts:
        scale = level / part.initial_equity
        equities.append(np.asarray(part.equity) * scale)
        times.append(part.times)
        in_market.append(part.in_market)
        trades.extend(
            replace(t, pnl=t.pnl * scale, fees=t.fees * scale, quantity=t.quantity * scale)
            for t in part.trades
        )
        fees += part.fees_paid * scale
        level = float(equities[-1][-1]) if len(equities[-1]) else level
    candles = _concat_candles([p.candles for p in parts])
    return BacktestResult(
        symbol=first.symbol,
        timeframe=first.timeframe,
        strategy=first.strategy,
        initial_equity=first.initial_equity,
        times=np.concatenate(times),
        equity=np.concatenate(equities),
        in_market=np.concatenate(in_market),
        trades=trades,
        fees_paid=fees,
        candles=candles,
        params={"walk_forward_windows": len(parts)},
    )


def _concat_candles(parts: Sequence[Any]) -> Any:
    from aitrader.domain.candles import Candles

    def col(name: str) -> Any:
        return np.concatenate([getattr(c, name) for c in parts])

    return Candles(
        col("open_time"),
        col("open"),
        col("high"),
        col("low"),
        col("close"),
        col("volume"),
        parts[0].symbol,
        parts[0].timeframe,
    )


def efficiency(windows: Sequence[WindowResult], stitched: BacktestResult) -> float | None:
    """Out-of-sample growth per bar over the chosen trials' in-sample growth per bar (log returns,
    so windows of any length compare without compounding's convexity); None when the in-sample
    growth is not positive (the ratio would mean nothing)."""
    rates = []
    for w in windows:
        total, bars = w.in_sample.get("total_return"), w.in_sample.get("n_bars")
        if total is not None and bars and total > -1:
            rates.append(math.log1p(float(total)) / float(bars))
    n = len(stitched.equity)
    if not rates or n == 0 or float(np.mean(rates)) <= 0 or stitched.final_equity <= 0:
        return None
    oos = math.log(stitched.final_equity / stitched.initial_equity) / n
    return float(oos / float(np.mean(rates)))


def stability(space: ParamSpace, windows: Sequence[WindowResult]) -> dict[str, float]:
    """Per searched parameter: the standard deviation of the chosen values across windows as a
    share of the searched range (0 = the same choice every time); for a set of choices, the share
    of windows that did not pick the most common one."""
    chosen = [w.params for w in windows if w.params is not None]
    out: dict[str, float] = {}
    if len(chosen) < 2:
        return out
    for d in space.dimensions:
        values = [c[d.name] for c in chosen]
        if d.kind == "choice":
            most = max(values.count(v) for v in values)
            out[d.name] = 1.0 - most / len(values)
        else:
            out[d.name] = float(np.std(np.asarray(values, dtype=np.float64)) / (d.high - d.low))
    return out
