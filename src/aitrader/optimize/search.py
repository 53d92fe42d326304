"""The parameter search: an Optuna study driven by ask/tell over a `TrialRunner`.

Ask/tell keeps the study in this process (one writer to its storage, a progress bar with the best
so far) while the backtests run wherever the runner puts them. A point the strategy's model
refuses (e.g. `ema_fast >= ema_slow`) is told as infeasible without a backtest, so TPE and NSGA-II
learn to avoid it. Each evaluated trial keeps its metrics, sampled equity and trade returns as
user attributes, so a study stored in SQLite resumes with everything the statistics need.
"""

from __future__ import annotations

import base64
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from aitrader.optimize.evaluate import FloatArray, TrialOutcome, Window
from aitrader.optimize.objectives import WORST, Constraints, Objective
from aitrader.optimize.space import GRID_LIMIT, ParamSpace, SpaceError

if TYPE_CHECKING:
    import optuna

    from aitrader.optimize.pool import TrialRunner

SAMPLERS = ("auto", "tpe", "nsga2", "genetic", "random", "grid")
Progress = Callable[[int, int, "TrialRecord | None"], None]  # (done, total, best so far)


@dataclass
class TrialRecord:
    """One trial: its point, scores and metrics; `state` is complete, infeasible or failed."""

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
    _check_identity(study, dict(identity or {}), [o.name for o in objectives])
    started = time.perf_counter()
    records = [r for r in (_record_of(t) for t in study.trials) if r is not None]
    if name == "grid":  # every point not yet tried, in order, at most n_trials of them
        tried = {_point_key(r.params) for r in records}
        todo = [p for p in space.grid() if _point_key(p) not in tried][:n_trials]
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

    def finish(trial: optuna.Trial, point: dict[str, Any], outcome: TrialOutcome) -> None:
        nonlocal in_flight
        in_flight -= 1
        records.append(_tell(study, trial, point, outcome, objectives, limits))
        if progress is not None:
            progress(len(records), total, best_now())

    while asked < n_trials or in_flight:
        while asked < n_trials and in_flight < runner.jobs:
            trial = study.ask()
            point = space.suggest(trial)
            asked += 1
            reason = space.validate(point)
            if reason is not None:
                records.append(_tell_infeasible(study, trial, point, reason, objectives))
                if progress is not None:
                    progress(len(records), total, best_now())
                continue
            in_flight += 1
            runner.submit(space.params(point), window, _callback(finish, trial, point))
        if in_flight:
            runner.wait_one()
    best = best_trials(records, objectives, limits)
    elapsed = time.perf_counter() - started
    return SearchResult(objectives, records, best, name, study_name, storage, elapsed, _importance(study))


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
    trial.set_user_attr("metrics", _json_safe(outcome.metrics))
    trial.set_user_attr("curve", _pack(outcome.curve))
    trial.set_user_attr("trade_returns", _pack(outcome.trade_returns))
    study.tell(trial, values)
    state = "complete" if all(v <= 0 for v in violations.values()) else "infeasible"
    return TrialRecord(
        trial.number, point, values, outcome.metrics, state, "", outcome.curve, outcome.trade_returns
    )


def _tell_infeasible(
    study: optuna.Study,
    trial: optuna.Trial,
    point: dict[str, Any],
    reason: str,
    objectives: tuple[Objective, ...],
) -> TrialRecord:
    worst = [-WORST if o.direction == "maximize" else WORST for o in objectives]
    trial.set_constraint("parameters", 1.0)
    trial.set_user_attr("constraints", [1.0])
    trial.set_user_attr("refused", reason[:500])
    study.tell(trial, worst)
    return TrialRecord(trial.number, point, worst, {}, "infeasible", reason)


def _record_of(t: optuna.trial.FrozenTrial) -> TrialRecord | None:
    """A stored trial as a record (resuming); None for one that never finished."""
    from optuna.trial import TrialState

    if t.state == TrialState.FAIL:
        return TrialRecord(t.number, dict(t.params), [], {}, "failed", str(t.user_attrs.get("error", "")))
    if t.state != TrialState.COMPLETE or t.values is None:
        return None
    if "refused" in t.user_attrs:
        return TrialRecord(
            t.number, dict(t.params), list(t.values), {}, "infeasible", str(t.user_attrs["refused"])
        )
    metrics = dict(t.user_attrs.get("metrics", {}))
    state = "complete" if all(v <= 0 for v in t.user_attrs.get("constraints", [0.0])) else "infeasible"
    return TrialRecord(
        t.number,
        dict(t.params),
        list(t.values),
        metrics,
        state,
        "",
        _unpack(t.user_attrs.get("curve", "")),
        _unpack(t.user_attrs.get("trade_returns", "")),
    )


def _check_identity(study: optuna.Study, identity: dict[str, Any], objectives: list[str]) -> None:
    wanted = {**_json_safe(identity), "objectives": objectives}
    stored = study.user_attrs.get("identity")
    if stored is None:
        study.set_user_attr("identity", wanted)
    elif stored != wanted:
        diff = sorted(k for k in set(stored) | set(wanted) if stored.get(k) != wanted.get(k))
        raise SpaceError(
            f"study {study.study_name!r} was run with other settings ({', '.join(diff)}): "
            "choose another --study name or the same settings"
        )


def _pack(values: FloatArray) -> str:
    """float32 bytes in base64: an equity curve of 2,000 points stores in 11 kB of the study."""
    return base64.b64encode(np.asarray(values, dtype=np.float32).tobytes()).decode("ascii")


def _unpack(text: str) -> FloatArray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32).astype(np.float64) if text else np.empty(0)


def _json_safe(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, float) and v != v:
            out[k] = None
        elif isinstance(v, np.generic):
            out[k] = v.item()
        elif isinstance(v, Mapping):
            out[k] = _json_safe(v)
        else:
            out[k] = v
    return out
