"""bench_optimize.py's two sides: one optimisation call of aitrader or of backtesting.py, timed."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aitrader.domain import Candles
from aitrader.optimize.evaluate import TrialSetup
from aitrader.optimize.pool import TrialRunner

FEE = 0.001
Grid = dict[str, list[Any]]
Key = tuple[float, ...]


def cpu_now() -> float:
    """CPU seconds of this process plus its reaped children (both sides' pools end before we read it)."""
    t = os.times()
    return time.process_time() + t.children_user + t.children_system


class StampedRunner:
    """A runner that notes when each trial's outcome arrives (the throughput once the pool is up)."""

    def __init__(self, inner: TrialRunner) -> None:
        self.inner = inner
        self.jobs = inner.jobs
        self.stamps: list[float] = []

    def submit(self, params: Mapping[str, Any], window: Any, done: Callable[[Any], None]) -> None:
        def arrived(outcome: Any) -> None:
            self.stamps.append(time.perf_counter())
            done(outcome)

        self.inner.submit(params, window, arrived)

    def wait_one(self) -> None:
        self.inner.wait_one()

    def close(self) -> None:
        self.inner.close()


@dataclass
class Run:
    """One optimisation call, either side."""

    name: str
    jobs: int
    points: int  # feasible grid points backtested
    wall: float
    cpu: float
    values: dict[Key, float]  # total return per point
    trades: dict[Key, int]
    search_s: float | None = None  # aitrader: doc["search"]["elapsed_s"]
    steady: float | None = None  # aitrader: trials/min from its first trial's result to its last

    @property
    def per_minute(self) -> float:
        return self.points / self.wall * 60.0


def key_of(params: Mapping[str, Any], names: Sequence[str]) -> Key:
    return tuple(float(params[n]) for n in names)


def feasible(strategy: str, grid: Grid) -> list[Key]:
    """The grid points the strategy's parameter model accepts (both sides skip the others)."""
    from aitrader.backtest.inputs import InputError, build_strategy
    from aitrader.domain import Timeframe

    names = list(grid)
    out: list[Key] = []
    for values in itertools.product(*grid.values()):
        params = dict(zip(names, values, strict=True))
        try:
            build_strategy(strategy, params, Timeframe.H1)
        except InputError:
            continue
        out.append(key_of(params, names))
    return out


def run_ours(
    strategy: str,
    candles: Candles,
    grid: Grid,
    setup: TrialSetup,
    jobs: int,
    factory: Callable[[TrialSetup, Candles, int], TrialRunner] | None,
) -> Run:
    from aitrader.backtest.inputs import build_strategy
    from aitrader.optimize.objectives import OBJECTIVES, Constraints
    from aitrader.optimize.pool import make_runner
    from aitrader.optimize.space import build_space
    from aitrader.optimize.study import OptimizeRequest, optimise

    model = type(build_strategy(strategy, {}, candles.timeframe).params)
    # NAME=A,B,C: a choice dimension (a trailing comma keeps a single value a dimension, not fixed)
    entries = [f"{n}={','.join(str(v) for v in vs)}{',' * (len(vs) == 1)}" for n, vs in grid.items()]
    others = [d.name for d in build_space(model, entries).dimensions if d.name not in grid]
    # the model's other searchable fields held at their defaults (NAME=VALUE fixes a value)
    space = build_space(model, [*entries, *(f"{n}={model.model_fields[n].default}" for n in others)])
    size = space.grid_size() or 0
    request = OptimizeRequest(
        setup,
        space,
        (OBJECTIVES["profit"],),
        size,
        sampler="grid",
        constraints=Constraints(),
        jobs=jobs,
        study_name="bench",
        monte_carlo=0,
        runner_factory=lambda s, c, j: (
            stamped.append(StampedRunner((factory or make_runner)(s, c, j))) or stamped[-1]
        ),
    )
    stamped: list[StampedRunner] = []
    t, cpu = time.perf_counter(), cpu_now()
    doc = optimise(request, candles)
    wall, cpu = time.perf_counter() - t, cpu_now() - cpu
    names = list(grid)
    values: dict[Key, float] = {}
    trades: dict[Key, int] = {}
    for trial in doc["search"]["trials"]:
        if not trial["metrics"]:
            continue  # refused by the model (fast >= slow): no backtest
        params = {n: trial["params"].get(n, grid[n][0]) for n in names}
        k = key_of(params, names)
        values[k] = float(trial["metrics"]["total_return"])
        trades[k] = int(trial["metrics"]["n_trades"])
    name = f"aitrader optimise, {jobs} job{'s' if jobs > 1 else ''}"
    stamps = stamped[0].stamps
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) * 60.0 if len(stamps) > 2 else None
    return Run(name, jobs, len(values), wall, cpu, values, trades, float(doc["search"]["elapsed_s"]), steady)


def run_peer(strategy: str, candles: Candles, grid: Grid, cash: float, jobs: int, sma_size: float) -> Run:
    import optimize_peers as peers

    peers.PEER_INPUT.sma_size = sma_size
    cls = peers.SmaCrossGrid if strategy == "sma_cross" else peers.ConfluencePort
    keys = set(feasible(strategy, grid))
    names = list(grid)

    def admissible(p: Any) -> bool:
        return key_of(p, names) in keys

    t, cpu = time.perf_counter(), cpu_now()
    heat = peers.run_optimize(cls, candles, grid, admissible, cash, FEE, jobs)
    wall, cpu = time.perf_counter() - t, cpu_now() - cpu
    values = {tuple(float(x) for x in k): v for k, v in heat.items()}
    name = f"backtesting.py optimize(), {jobs} process{'es' if jobs > 1 else ''}"
    return Run(name, jobs, len(keys), wall, cpu, values, {})
