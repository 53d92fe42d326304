"""The search: every trial is the ordinary backtest, scored exactly; grids are exhaustive; studies resume."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import trim_warmup
from aitrader.domain import Candles, Timeframe
from aitrader.optimize.closeout import close_out
from aitrader.optimize.evaluate import TrialSetup, Window
from aitrader.optimize.objectives import Constraints, parse_objectives
from aitrader.optimize.pool import LocalRunner, ProcessRunner
from aitrader.optimize.search import run_search
from aitrader.optimize.space import SpaceError, build_space
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies.sma_cross import SmaCross, SmaCrossParams

GRID = ["fast=10,20,40", "slow=30,60", "target_pct=0.1", "stop_pct=0.05"]  # a target the gate accepts


@pytest.fixture(scope="module")
def year(btc_1h: Candles) -> Candles:
    return btc_1h.slice(30_000, 30_000 + 8_760)  # 2021-2022, real BTCUSDT 1h


def _setup() -> TrialSetup:
    return TrialSetup("sma_cross", Timeframe.H1)


def test_grid_is_exhaustive_and_each_score_is_the_plain_backtest(year: Candles) -> None:
    space = build_space(SmaCrossParams, GRID)
    window = Window(500, len(year))
    result = run_search(space, parse_objectives("sharpe"), LocalRunner(_setup(), year), window, 100, "auto")
    assert result.sampler == "grid"
    assert len(result.trials) == 6  # capped at the grid, every point once
    seen = {(t.params["fast"], t.params["slow"]): t for t in result.trials}
    assert set(seen) == {(f, s) for f in (10, 20, 40) for s in (30, 60)}
    assert seen[(40, 30)].state == "infeasible"
    assert not seen[(40, 30)].evaluated
    for (fast, slow), trial in seen.items():
        if trial.state == "infeasible":
            continue
        strat = SmaCross(SmaCrossParams(fast=fast, slow=slow, target_pct=0.1, stop_pct=0.05), Timeframe.H1)
        first = window.start - strat.warmup
        direct = run_backtest(
            strat, year.slice(first, None), BacktestConfig(), gate=RiskGate(RiskConfig(slippage=0.0))
        )  # as `backtest --from` builds it; then what is open at the end is sold, fee paid
        metrics = compute_metrics(trim_warmup(close_out(direct, 0.001, 0.0), window.start - first))
        assert trial.values[0] == pytest.approx(metrics.sharpe, rel=1e-12)
        assert trial.metrics["n_trades"] == metrics.n_trades
    best = result.best[0]
    feasible = [t for t in result.trials if t.state == "complete"]
    assert best.values[0] == max(t.values[0] for t in feasible)


def test_constraints_keep_a_thin_trial_from_being_chosen(year: Candles) -> None:
    space = build_space(SmaCrossParams, GRID)
    runner = LocalRunner(_setup(), year)
    free = run_search(space, parse_objectives("profit"), runner, Window(500, len(year)), 10)
    counts = sorted(t.metrics["n_trades"] for t in free.evaluated)
    limit = counts[-1]  # only the busiest trials qualify
    held = run_search(
        space, parse_objectives("profit"), runner, Window(500, len(year)), 10, constraints=Constraints(limit)
    )
    assert held.best
    assert all(t.metrics["n_trades"] >= limit for t in held.best)
    assert any(t.state == "infeasible" and t.evaluated for t in held.trials)


def test_pareto_front_of_two_objectives_is_non_dominated(year: Candles) -> None:
    space = build_space(SmaCrossParams, ["fast=5:40:5", "slow=30:120:10", "target_pct=0.1", "stop_pct=0.05"])
    result = run_search(
        space,
        parse_objectives("sharpe,maxdd"),
        LocalRunner(_setup(), year),
        Window(500, len(year)),
        24,
        "nsga2",
    )
    assert result.sampler == "nsga2"
    assert result.best
    pts = np.array([[t.values[0], -t.values[1]] for t in result.evaluated if t.state == "complete"])
    for t in result.best:
        mine = np.array([t.values[0], -t.values[1]])
        assert not np.any(np.all(pts >= mine, axis=1) & np.any(pts > mine, axis=1))


def test_a_stored_study_resumes_and_refuses_other_settings(year: Candles, tmp_path: Path) -> None:
    storage = f"sqlite:///{tmp_path / 'study.sqlite'}"
    space = build_space(SmaCrossParams, ["fast=5:40:5", "slow=30:120:10", "target_pct=0.1", "stop_pct=0.05"])
    runner = LocalRunner(_setup(), year)
    ident = {"strategy": "sma_cross", "bars": len(year)}
    first = run_search(
        space,
        parse_objectives("sharpe"),
        runner,
        Window(500, len(year)),
        5,
        "tpe",
        storage=storage,
        study_name="s",
        identity=ident,
    )
    again = run_search(
        space,
        parse_objectives("sharpe"),
        runner,
        Window(500, len(year)),
        4,
        "tpe",
        storage=storage,
        study_name="s",
        identity=ident,
    )
    assert len(first.trials) == 5
    assert len(again.trials) == 9
    assert [t.number for t in again.trials] == list(range(9))
    old = {t.number: t for t in first.trials}
    for t in again.trials[:5]:  # metrics and sampled equity come back from the store
        assert t.params == old[t.number].params
        assert t.values == old[t.number].values
        if t.evaluated:
            assert np.allclose(t.curve, old[t.number].curve, rtol=1e-6)
    with pytest.raises(SpaceError, match="other settings"):
        run_search(
            space,
            parse_objectives("sharpe"),
            runner,
            Window(500, len(year)),
            1,
            "tpe",
            storage=storage,
            study_name="s",
            identity={**ident, "bars": 1},
        )


def test_worker_processes_over_shared_memory_score_exactly_as_in_process(year: Candles) -> None:
    space = build_space(SmaCrossParams, GRID)
    window = Window(500, len(year))
    local = run_search(space, parse_objectives("sharpe"), LocalRunner(_setup(), year), window, 6, "grid")
    pool = ProcessRunner(_setup(), year, 2)
    try:
        parallel = run_search(space, parse_objectives("sharpe"), pool, window, 6, "grid")
    finally:
        pool.close()
    by_point = {(t.params["fast"], t.params["slow"]): t for t in local.trials}
    assert len(parallel.trials) == 6
    for t in parallel.trials:
        ref = by_point[(t.params["fast"], t.params["slow"])]
        assert t.state == ref.state
        assert t.values == ref.values
        assert np.array_equal(t.curve, ref.curve)


def test_repeated_points_are_told_again_not_backtested_twice(year: Candles) -> None:
    space = build_space(SmaCrossParams, ["fast=10,20", "slow=40,60", "target_pct=0.1", "stop_pct=0.05"])
    result = run_search(
        space, parse_objectives("sharpe"), LocalRunner(_setup(), year), Window(500, len(year)), 20, "tpe"
    )
    repeats = [t for t in result.trials if t.state == "repeat"]
    assert repeats  # TPE proposes the 4 points again and again
    points = [tuple(sorted(t.params.items())) for t in result.evaluated]
    assert len(points) == len(set(points)) <= 4  # each point backtested once
    assert result.new_evaluated == len(result.evaluated)
    by_point = {tuple(sorted(t.params.items())): t for t in result.evaluated}
    for r in repeats:
        assert r.values == by_point[tuple(sorted(r.params.items()))].values


def test_resume_draws_new_points_and_settles_interrupted_trials(year: Candles, tmp_path: Path) -> None:
    import optuna

    storage = f"sqlite:///{tmp_path / 'study.sqlite'}"
    space = build_space(SmaCrossParams, ["fast=5:40:1", "slow=41:200:1", "target_pct=0.1", "stop_pct=0.05"])
    runner = LocalRunner(_setup(), year)
    first = run_search(
        space,
        parse_objectives("sharpe"),
        runner,
        Window(500, len(year)),
        4,
        "tpe",
        storage=storage,
        study_name="r",
    )
    study = optuna.load_study(study_name="r", storage=storage)
    study.ask()  # a trial left running by an interrupted run
    study.enqueue_trial({"fast": 7, "slow": 70})  # and one left waiting
    again = run_search(
        space,
        parse_objectives("sharpe"),
        runner,
        Window(500, len(year)),
        4,
        "tpe",
        storage=storage,
        study_name="r",
    )
    old = {tuple(sorted(t.params.items())) for t in first.trials}
    new = [tuple(sorted(t.params.items())) for t in again.trials[len(first.trials) :] if t.state != "failed"]
    assert len(new) == 4
    assert not old & set(new)  # the same seed would have drawn the first run's points again
    assert sum(t.state == "failed" for t in again.trials) == 2
    assert again.new_evaluated == 4


def test_partial_grid_is_a_seeded_sample_and_constraints_are_judged_anew(
    year: Candles, tmp_path: Path
) -> None:
    storage = f"sqlite:///{tmp_path / 'g.sqlite'}"
    space = build_space(SmaCrossParams, ["fast=5:40:5", "slow=50:200:50", "target_pct=0.1", "stop_pct=0.05"])
    runner = LocalRunner(_setup(), year)
    strict = Constraints(min_trades=10_000)
    part = run_search(
        space,
        parse_objectives("profit"),
        runner,
        Window(500, len(year)),
        6,
        "grid",
        seed=1,
        constraints=strict,
        storage=storage,
        study_name="g",
    )
    assert part.partial_grid
    fasts = {t.params["fast"] for t in part.trials}
    assert len(fasts) > 1  # not the first corner of the grid
    assert not part.best  # nothing meets 10,000 trades
    loose = run_search(
        space,
        parse_objectives("profit"),
        runner,
        Window(500, len(year)),
        0,
        "grid",
        storage=storage,
        study_name="g",
    )
    assert loose.best  # the same stored trials are feasible under the new limits
    assert len(loose.trials) == 6


def test_a_killed_worker_fails_its_trials_and_the_study_goes_on(year: Candles) -> None:
    import os
    import signal

    from aitrader.optimize.evaluate import TrialOutcome

    pool = ProcessRunner(_setup(), year, 2)
    outcomes: list[TrialOutcome] = []
    params = {"fast": 10, "slow": 30, "target_pct": 0.1, "stop_pct": 0.05}
    try:
        pool.submit(params, Window(500, len(year)), outcomes.append)
        pool.wait_one()
        for pid in list(pool.pool._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)  # as the out-of-memory killer would
        pool.submit(params, Window(500, len(year)), outcomes.append)
        while len(outcomes) < 2:
            pool.wait_one()
        pool.submit(params, Window(500, len(year)), outcomes.append)
        while len(outcomes) < 3:
            pool.wait_one()
    finally:
        pool.close()
    assert outcomes[0].error is None
    assert outcomes[1].error is not None
    assert "worker failed" in outcomes[1].error
    assert outcomes[2].error is None  # a new pool took over
    assert outcomes[2].metrics == outcomes[0].metrics
    assert pool.restarts == 1
