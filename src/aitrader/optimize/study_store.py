"""A study's trials in Optuna storage: what each told trial carries, and reading them back.

Each backtested trial keeps its metrics, its sampled equity and its trade returns as user
attributes (float32, base64), so a study resumed from SQLite has everything the statistics need.
A study remembers the settings it was run with (`identity`): resuming it with other data, costs,
space, window or sampler is refused instead of mixing incomparable trials.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from aitrader.optimize.evaluate import FloatArray
from aitrader.optimize.jsonable import plain
from aitrader.optimize.objectives import Constraints
from aitrader.optimize.space import SpaceError

if TYPE_CHECKING:
    import optuna

    from aitrader.optimize.search import TrialRecord


def record_of(t: optuna.trial.FrozenTrial, limits: Constraints) -> TrialRecord | None:
    """A stored trial as a record, its feasibility judged by today's `limits`; None for one that
    never finished."""
    from optuna.trial import TrialState

    from aitrader.optimize.search import TrialRecord

    if t.state == TrialState.FAIL:
        return TrialRecord(t.number, dict(t.params), [], {}, "failed", str(t.user_attrs.get("error", "")))
    if t.state != TrialState.COMPLETE or t.values is None:
        return None
    if "refused" in t.user_attrs:
        return TrialRecord(
            t.number, dict(t.params), list(t.values), {}, "infeasible", str(t.user_attrs["refused"])
        )
    if "repeat_of" in t.user_attrs:
        return TrialRecord(
            t.number,
            dict(t.params),
            list(t.values),
            {},
            "repeat",
            f"same point as #{t.user_attrs['repeat_of']}",
        )
    metrics = dict(t.user_attrs.get("metrics", {}))
    return TrialRecord(
        t.number,
        dict(t.params),
        list(t.values),
        metrics,
        "complete" if limits.feasible(metrics) else "infeasible",
        "",
        unpack(t.user_attrs.get("curve", "")),
        unpack(t.user_attrs.get("trade_returns", "")),
    )


def settle_unfinished(study: optuna.Study) -> int:
    """Mark trials left running or waiting by an interrupted run as failed (their points are tried
    again); how many there were."""
    from optuna.trial import TrialState

    stale = [
        t for t in study.get_trials(deepcopy=False) if t.state in (TrialState.RUNNING, TrialState.WAITING)
    ]
    for t in stale:
        study._storage.set_trial_state_values(t._trial_id, state=TrialState.FAIL)
    return len(stale)


def check_identity(study: optuna.Study, identity: Mapping[str, Any]) -> None:
    wanted = plain(identity)
    stored = study.user_attrs.get("identity")
    if stored is None:
        study.set_user_attr("identity", wanted)
    elif stored != wanted:
        diff = sorted(k for k in set(stored) | set(wanted) if stored.get(k) != wanted.get(k))
        raise SpaceError(
            f"study {study.study_name!r} was run with other settings ({', '.join(diff)}): "
            "choose another --study name or the same settings"
        )


def pack(values: FloatArray) -> str:
    """float32 bytes in base64: an equity curve of 2,000 points stores in 11 kB of the study."""
    return base64.b64encode(np.asarray(values, dtype=np.float32).tobytes()).decode("ascii")


def unpack(text: str) -> FloatArray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32).astype(np.float64) if text else np.empty(0)
