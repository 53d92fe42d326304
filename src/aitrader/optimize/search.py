"""The parameter search: an Optuna study driven by ask/tell over a `TrialRunner`.

Ask/tell keeps the study in this process (one writer to its storage, a progress bar with the best
so far) while the backtests run wherever the runner puts them. A point the strategy's model
refuses (e.g. `ema_fast >= ema_slow`) is told as infeasible without a backtest, so TPE and NSGA-II
learn to avoid it. Each evaluated trial keeps its metrics, sampled equity and trade returns as
user attributes, so a study stored in SQLite resumes with everything the statistics need.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from aitrader.optimize.evaluate import FloatArray, TrialOutcome, Window
from aitrader.optimize.jsonable import plain
from aitrader.optimize.objectives import Constraints, Objective
from aitrader.optimize.space import GRID_LIMIT, ParamSpace, SpaceError
from aitrader.optimize.study_store import check_identity, pack, record_of, settle_unfinished

if TYPE_CHECKING:
    import optuna

    from aitrader.optimize.pool import TrialRunner

SAMPLERS = ("auto", "tpe", "nsga2", "genetic", "random", "grid")
Progress = Callable[[int, int, "TrialRecord | None"], None]  # (done, total, best so far)


@dataclass
class TrialRecord:
    """One trial: its point, scores and metrics; `state` is complete, infeasible (refused by the
    model or breaking a constraint), repeat (a point already backtested: told its scores again, not
    counted twice) or failed."""

    number: int
    params: dict[str, Any]
    values: list[float]
    metrics: dict[str, Any]
    state: str
    reason: str = ""
    curve: FloatArray = field(default_factory=lambda: np.empty(0))
    trade_returns: FloatArray = field(default_factory=lambda: np.empty(0))

    @property
    def evaluated(self) -> bool:
        """Backtested (feasible or not): what counts as a trial for the deflated Sharpe."""
        return bool(self.metrics)


@dataclass
class SearchResult:
    objectives: tuple[Objective, ...]
    trials: list[TrialRecord]
    best: list[TrialRecord]  # the best feasible trial, or the Pareto front for several objectives
    sampler: str
    study_name: str
    storage: str | None
    elapsed_s: float
    importance: dict[str, float] = field(default_factory=dict)  # param -> share, for the first objective
    new_evaluated: int = 0  # trials backtested in this call (a resumed study holds earlier ones)
    partial_grid: bool = False  # a grid larger than --trials: a seeded sample of its points was run

    @property
    def evaluated(self) -> list[TrialRecord]:
        return [t for t in self.trials if t.evaluated]


def make_sampler(
    name: str, space: ParamSpace, n_objectives: int, n_trials: int, seed: int
) -> tuple[str, Any]:
    """(resolved name, Optuna sampler). `auto`: the grid when it has at most `n_trials` points,
    else TPE (NSGA-II for several objectives). `genetic` is NSGA-II (a genetic algorithm that
    also serves one objective)."""
    import optuna

    size = space.grid_size()
    if name == "auto":
        name = "grid" if size is not None and size <= n_trials else ("nsga2" if n_objectives > 1 else "tpe")
    if name == "tpe":  # both read the constraints each trial sets (`Trial.set_constraint`)
        return name, optuna.samplers.TPESampler(seed=seed, multivariate=True)
    if name in ("nsga2", "genetic"):
        population = max(8, min(50, n_trials // 10))
        return name, optuna.samplers.NSGAIISampler(seed=seed, population_size=population)
    if name == "random":
        return name, optuna.samplers.RandomSampler(seed=seed)
    if name == "grid":  # its points are enqueued by run_search (Optuna's GridSampler stops the study
        # from inside tell(), which ask/tell does not allow)
        if size is None:
            raise SpaceError("--sampler grid needs a step on every float range (NAME=LOW:HIGH:STEP)")
        if size > GRID_LIMIT:
            raise SpaceError(
                f"the grid has {size:,} points (limit {GRID_LIMIT:,}): narrow --space or use tpe"
            )
        return name, optuna.samplers.RandomSampler(seed=seed)
    raise SpaceError(f"unknown sampler {name!r}: choose from {', '.join(SAMPLERS)}")


def run_search(
    space: ParamSpace,
    objectives: tuple[Objective, ...],
    runner: TrialRunner,
    window: Window,
    n_trials: int,
    sampler: str = "auto",
    seed: int = 0,
    constraints: Constraints | None = None,
    storage: str | None = None,
    study_name: str = "aitrader",
    identity: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> SearchResult:
    """Search `space` for `n_trials` more trials (a resumed study keeps its earlier ones).

    `identity` (strategy, data, window, costs) is stored with the study; resuming a study under
    the same name with another identity is refused rather than mixing incomparable trials.
    """
    import optuna

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    limits = constraints or Constraints()
    name, the_sampler = make_sampler(sampler, space, len(objectives), n_trials, seed)
    study = optuna.create_study(
        study_name=study_name,
        storage=storage,
        sampler=the_sampler,
        directions=[o.direction for o in objectives],
        load_if_exists=storage is not None,
    )
    ident = {
        **(identity or {}),
        "objectives": [o.name for o in objectives],
        "sampler": name,
        "window": [window.start, window.end],
    }
    check_identity(study, ident)
    settle_unfinished(study)
    if study.trials:  # resumed: a seed of its own, or TPE's start-up would redraw the same points
        study.sampler = make_sampler(name, space, len(objectives), n_trials, seed + len(study.trials))[1]
    started = time.perf_counter()
    records = [r for r in (record_of(t, limits) for t in study.trials) if r is not None]
    seen = {_point_key(r.params): r for r in records if r.evaluated}
    partial = False
    if name == "grid":  # every point not yet backtested, at most n_trials of them
        todo = [p for p in space.grid() if _point_key(p) not in seen]
        partial = len(todo) > n_trials
        if partial:  # a sample of the grid, not its first corner
            order = np.random.default_rng(seed).permutation(len(todo))[:n_trials]
            todo = [todo[i] for i in sorted(order)]
        for point in todo:
            study.enqueue_trial(point)
        n_trials = len(todo)
    done_before = len(records)
    total = done_before + n_trials
    asked = 0
    in_flight = 0

    def best_now() -> TrialRecord | None:
        best = best_trials(records, objectives, limits) if len(objectives) == 1 else []
        return best[0] if best else None

    def record(r: TrialRecord) -> None:
        records.append(r)
        if progress is not None:
            progress(len(records), total, best_now())

    def finish(trial: optuna.Trial, point: dict[str, Any], outcome: TrialOutcome) -> None:
        nonlocal in_flight
        in_flight -= 1
        r = _tell(study, trial, point, outcome, objectives, limits)
        if r.evaluated:
            seen[_point_key(point)] = r
        record(r)

    while asked < n_trials or in_flight:
        while asked < n_trials and in_flight < runner.jobs:
            trial = study.ask()
            point = space.suggest(trial)
            asked += 1
            reason = space.validate(point)
            if reason is not None:
                record(_tell_infeasible(study, trial, point, reason, objectives))
                continue
            earlier = seen.get(_point_key(point))
            if earlier is not None:  # the sampler proposed a point already backtested
                record(_tell_repeat(study, trial, point, earlier, limits))
                continue
            in_flight += 1
            runner.submit(space.params(point), window, _callback(finish, trial, point))
        if in_flight:
            runner.wait_one()
    best = best_trials(records, objectives, limits)
    elapsed = time.perf_counter() - started
    new = records[done_before:]
    return SearchResult(
        objectives,
        records,
        best,
        name,
        study_name,
        storage,
        elapsed,
        _importance(study),
        new_evaluated=sum(1 for r in new if r.evaluated),
        partial_grid=partial,
    )


def _importance(study: optuna.Study) -> dict[str, float]:
    """How much each parameter moves the first objective (PED-ANOVA: no extra dependency);
    {} with too few complete trials to tell."""
    import optuna
    from optuna.importance import PedAnovaImportanceEvaluator

    done = [
        t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE and "metrics" in t.user_attrs
    ]
    if len(done) < 10 or len({k for t in done for k in t.params}) < 2:
        return {}
    scored = optuna.create_study(directions=study.directions)  # the backtested trials only
    scored.add_trials(done)
    sign = (
        -1.0 if study.directions[0] == optuna.study.StudyDirection.MAXIMIZE else 1.0
    )  # PED-ANOVA looks for low values
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = optuna.importance.get_param_importances(
                scored,
                evaluator=PedAnovaImportanceEvaluator(),
                target=lambda t: sign * t.values[0] if t.values else 0.0,
            )
    except (ValueError, RuntimeError, ZeroDivisionError):
        return {}
    return {k: float(v) for k, v in found.items()}


def _point_key(point: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in point.items()))


def _callback(
    finish: Callable[[optuna.Trial, dict[str, Any], TrialOutcome], None],
    trial: optuna.Trial,
    point: dict[str, Any],
) -> Callable[[TrialOutcome], None]:
    return lambda outcome: finish(trial, point, outcome)


def best_trials(
    records: Sequence[TrialRecord], objectives: tuple[Objective, ...], limits: Constraints
) -> list[TrialRecord]:
    """The best feasible trial (one objective) or the feasible Pareto front (several)."""
    ok = [r for r in records if r.state == "complete" and limits.feasible(r.metrics)]
    if not ok:
        return []
    signs = np.array([1.0 if o.direction == "maximize" else -1.0 for o in objectives])
    scores = np.array([r.values for r in ok]) * signs  # larger is better in every column
    if len(objectives) == 1:
        return [ok[int(np.argmax(scores[:, 0]))]]
    front = [
        r
        for i, r in enumerate(ok)
        if not np.any(np.all(scores >= scores[i], axis=1) & np.any(scores > scores[i], axis=1))
    ]
    return sorted(front, key=lambda r: -r.values[0] * signs[0])


def _tell(
    study: optuna.Study,
    trial: optuna.Trial,
    point: dict[str, Any],
    outcome: TrialOutcome,
    objectives: tuple[Objective, ...],
    limits: Constraints,
) -> TrialRecord:
    from optuna.trial import TrialState

    if outcome.error is not None:
        trial.set_user_attr("error", outcome.error[:500])
        study.tell(trial, state=TrialState.FAIL)
        return TrialRecord(trial.number, point, [], {}, "failed", outcome.error)
    values = [o.score(outcome.metrics) for o in objectives]
    violations = limits.violations(outcome.metrics)
    for key, value in violations.items():
        trial.set_constraint(key, value)
    trial.set_user_attr("constraints", list(violations.values()))
    trial.set_user_attr("metrics", plain(outcome.metrics))
    trial.set_user_attr("curve", pack(outcome.curve))
    trial.set_user_attr("trade_returns", pack(outcome.trade_returns))
    study.tell(trial, values)
    state = "complete" if all(v <= 0 for v in violations.values()) else "infeasible"
    return TrialRecord(
        trial.number, point, values, outcome.metrics, state, "", outcome.curve, outcome.trade_returns
    )


def _tell_repeat(
    study: optuna.Study, trial: optuna.Trial, point: dict[str, Any], earlier: TrialRecord, limits: Constraints
) -> TrialRecord:
    for key, value in limits.violations(earlier.metrics).items():
        trial.set_constraint(key, value)
    trial.set_user_attr("repeat_of", earlier.number)
    study.tell(trial, earlier.values)
    return TrialRecord(
        trial.number, point, list(earlier.values), {}, "repeat", f"same point as #{earlier.number}"
    )


def _tell_infeasible(
    study: optuna.Study,
    trial: optuna.Trial,
    point: dict[str, Any],
    reason: str,
    objectives: tuple[Objective, ...],
) -> TrialRecord:
    worst = [o.score({}) for o in objectives]  # what a missing metric scores
    trial.set_constraint("parameters", 1.0)
    trial.set_user_attr("constraints", [1.0])
    trial.set_user_attr("refused", reason[:500])
    study.tell(trial, worst)
    return TrialRecord(trial.number, point, worst, {}, "infeasible", reason)
