"""Trials on a Ray cluster (`aitrader optimize --backend ray [--ray-address HOST:PORT]`).

The same shape as `pool.ProcessRunner`: the candle columns go into Ray's object store once
(`ray.put`; actors on the same node read them without a copy) and `jobs` actors each keep one
`Evaluator` built from them, whose indicator cache then serves every trial the actor runs. A trial
travels as (params, window) to the actor with the fewest trials in flight and comes back as a
`TrialOutcome`; one whose actor died comes back as `TrialOutcome(error=...)` and the actor is
replaced (up to twice the number of actors in all), so the study goes on.

With an address the runner connects to that cluster (e.g. one started with `ray start --head`); an
actor reserves one CPU, so `jobs` is capped at the cluster's CPUs. Without one it starts a local
runtime of `jobs` CPUs without the dashboard, and for it sets (unless already set)
`RAY_AUTH_MODE=disabled` (else Ray 2.60 writes a token to `~/.ray/auth_token`) and
`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0` (the runtime then listens on 127.0.0.1 only, not on every
interface, which matters without authentication). Both ways it sets `RAY_USAGE_STATS_ENABLED=0`
and `RAY_ENABLE_UV_RUN_RUNTIME_ENV=0` unless set: workers run the interpreter of this venv (local)
or of the cluster's nodes, not `uv run` in an uploaded copy of the project (Ray's default under
`uv run`); no `runtime_env` is needed. The nodes of a cluster therefore run the same environment
as this process (on one machine: the project's venv, with the `ray` extra). `close()` kills the
actors and disconnects (`ray.shutdown()`) only when this runner started or connected the runtime:
one the caller started stays up.

Ray is an optional extra (`uv sync --extra ray`); it is imported only inside functions.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from aitrader.domain.candles import Candles
from aitrader.optimize.evaluate import Evaluator, TrialOutcome, TrialSetup, Window
from aitrader.optimize.pool import TrialRunner

_COLUMNS = ("open_time", "open", "high", "low", "close", "volume")
_MIN_OBJECT_STORE = 128 * 1024**2  # bytes; Ray refuses less than ~75 MB
_REPLACEMENTS_PER_ACTOR = 2  # dead actors replaced: this many times the number of actors, in all

_IMPORT_TIME_FLAGS = (
    ("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "RAY_ENABLE_UV_RUN_RUNTIME_ENV"),
    ("ENABLE_RAY_CLUSTER", "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"),
)

CandleSpec = tuple[dict[str, np.ndarray[Any, Any]], str, str]
_InFlight = tuple[int, Any, Callable[[TrialOutcome], None]]
RunnerFactory = Callable[[TrialSetup, Candles, int], TrialRunner]

INSTALL_HINT = (
    "--backend ray needs the ray extra: install it with `uv sync --extra ray` "
    "(or `pip install 'aitrader[ray]'`)"
)


def ray_runner_factory(address: str | None = None) -> RunnerFactory:
    """A `runner_factory` for `OptimizeRequest` that runs trials on Ray: the cluster at `address`
    (HOST:PORT, or "auto"), else a local runtime. ValueError when Ray is not installed."""
    try:
        _ray(local=address is None)
    except ImportError as exc:
        raise ValueError(f"{INSTALL_HINT} ({exc})") from exc

    def factory(setup: TrialSetup, candles: Candles, jobs: int) -> TrialRunner:
        return RayRunner(setup, candles, jobs, address)

    return factory


class _EvaluatorActor:
    """One Ray actor: an `Evaluator` over the object store's candle columns (read-only views)."""

    def __init__(self, setup: TrialSetup, spec: CandleSpec) -> None:
        from aitrader.optimize.pool import candles_of

        arrays, symbol, timeframe = spec
        self.evaluator = Evaluator(setup, candles_of(arrays, symbol, timeframe))

    def run(self, params: Mapping[str, Any], window: Window) -> TrialOutcome:
        return self.evaluator.run(params, window)


class RayRunner:
    """Trials in `jobs` Ray actors, each holding one `Evaluator` (see the module docstring)."""

    def __init__(self, setup: TrialSetup, candles: Candles, jobs: int, address: str | None = None) -> None:
        self._ray = ray = _ray(local=address is None)
        self.owns_runtime = not ray.is_initialized()
        if self.owns_runtime:
            if address:
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
            else:
                nbytes = sum(np.asarray(getattr(candles, c)).nbytes for c in _COLUMNS)
                ray.init(
                    address="local",  # a new runtime, never one a `ray start` left on this machine
                    num_cpus=max(1, jobs),
                    include_dashboard=False,
                    object_store_memory=max(_MIN_OBJECT_STORE, 4 * nbytes),
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                )
        try:
            cpus = int(ray.cluster_resources().get("CPU", 1))
            self.jobs = max(1, min(jobs, cpus))
            spec: CandleSpec = (
                {c: np.ascontiguousarray(getattr(candles, c)) for c in _COLUMNS},
                candles.symbol,
                candles.timeframe.value,
            )
            self.candles_ref = ray.put(spec)
            # no max_restarts: Ray warns on restarting an actor whose arguments live in the object
            # store; the runner replaces a dead actor itself (see wait_one)
            self._setup = setup
            self._actor_class = ray.remote(num_cpus=1)(_EvaluatorActor)
            self.actors: list[Any] = [self._new_actor() for _ in range(self.jobs)]
        except BaseException:
            if self.owns_runtime:
                ray.shutdown()
            raise
        self._load = [0] * self.jobs  # trials in flight per actor
        self._next = 0  # round-robin start among the least loaded
        self._pending: dict[Any, _InFlight] = {}  # trial's ObjectRef -> (actor index, actor, done)
        self._replacements_left = _REPLACEMENTS_PER_ACTOR * self.jobs
        self._closed = False

    def submit(self, params: Mapping[str, Any], window: Window, done: Callable[[TrialOutcome], None]) -> None:
        order = [(self._next + i) % self.jobs for i in range(self.jobs)]
        index = min(order, key=lambda i: self._load[i])  # an idle actor first, round-robin on ties
        self._next = (index + 1) % self.jobs
        actor = self.actors[index]
        ref = actor.run.remote(dict(params), window)
        self._load[index] += 1
        self._pending[ref] = (index, actor, done)

    def wait_one(self) -> None:
        if not self._pending:
            return
        ray = self._ray
        ready, _ = ray.wait(list(self._pending), num_returns=1)
        for ref in ready:
            index, actor, done = self._pending.pop(ref)
            self._load[index] -= 1
            try:
                outcome = ray.get(ref)
            except Exception as exc:  # the actor died (or its node): the trial fails, the study goes on
                outcome = TrialOutcome(error=f"ray actor failed: {type(exc).__name__}: {_first_line(exc)}")
                if isinstance(exc, ray.exceptions.RayActorError):
                    self._replace(index, actor)
            done(outcome)

    def _new_actor(self) -> Any:
        return self._actor_class.remote(self._setup, self.candles_ref)

    def _replace(self, index: int, dead: Any) -> None:
        """A new actor in place of `dead` (once, however many of its trials fail), while the
        budget lasts; after that its trials keep failing fast and the study still ends."""
        if self.actors[index] is dead and self._replacements_left > 0:
            self._replacements_left -= 1
            self._ray.kill(dead)
            self.actors[index] = self._new_actor()

    def close(self) -> None:
        if self._closed:
            return
        ray = self._ray
        self._closed = True
        self._pending.clear()
        try:
            for actor in self.actors:
                ray.kill(actor)
        finally:
            self.actors.clear()
            del self.candles_ref
            if self.owns_runtime:
                ray.shutdown()


def _ray(local: bool) -> Any:
    """The `ray` module (typed as Any: mypy passes with or without the extra), imported after the
    environment described in the module docstring is set."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    if local:
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    ray = importlib.import_module("ray")
    # Ray reads these two when first imported; one imported before this follows the environment now
    constants = importlib.import_module("ray._private.ray_constants")
    for constant, variable in _IMPORT_TIME_FLAGS:
        value = os.environ.get(variable)
        if value is not None and hasattr(constants, constant):
            setattr(constants, constant, value.strip().lower() in ("1", "true"))
    return ray


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""
