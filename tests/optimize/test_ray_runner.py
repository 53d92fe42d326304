"""`--backend ray`: trials on a real Ray head node (started here on 127.0.0.1) compute exactly what
the local path computes, on the shipped real sample.

The head is `ray start --head --block` in its own process group, bound to 127.0.0.1 only
(`RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`), with authentication off and its files under pytest's
temp dir. It is stopped by its process group and the processes naming its temp dir, never by
`ray stop` (which kills every Ray process on the machine, other people's too).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from aitrader.backtest.inputs import build_strategy
from aitrader.data import load_sample
from aitrader.domain.candles import Candles
from aitrader.domain.timeframe import Timeframe
from aitrader.optimize.evaluate import Evaluator, TrialOutcome, TrialSetup, Window
from aitrader.optimize.objectives import parse_objectives
from aitrader.optimize.space import build_space
from aitrader.optimize.study import OptimizeRequest, optimise

HAS_RAY = importlib.util.find_spec("ray") is not None
needs_ray = pytest.mark.skipif(
    not HAS_RAY, reason="ray is not installed: `uv sync --extra ray` (scripts/test.sh installs it)"
)
pytestmark = pytest.mark.timeout(300)

RAY_ENV = {
    "RAY_AUTH_MODE": "disabled",
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",  # node IP 127.0.0.1: every server listens there only
    "RAY_ENABLE_UV_RUN_RUNTIME_ENV": "0",  # workers run this venv's python, not `uv run` in a copy
}
GRID = ["fast=10,20", "slow=40,60"]
START_WAIT_S = 120.0  # a bound on waiting for the head, not a speed check
TF = Timeframe.parse("1h")


def _half_year_2021() -> Candles:
    candles = load_sample("BTCUSDT", "1h")
    jan_2021, jul_2021 = 1_609_459_200_000, 1_625_097_600_000  # UTC epoch ms
    first, last = np.searchsorted(candles.open_time, [jan_2021, jul_2021])
    return candles.slice(int(first), int(last))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pids_naming(text: str) -> list[int]:
    """Processes whose command line contains `text` (this head's unique temp dir)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _stop_head(proc: subprocess.Popen[bytes], temp: Path) -> None:
    """SIGTERM to `ray start --block` (it drains and stops what it started), then SIGKILL to its
    process group and to anything still naming its temp dir."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=60)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # its group: `start_new_session` made it the leader
    proc.wait(timeout=30)
    for _ in range(50):
        left = _pids_naming(str(temp))
        if not left:
            return
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
    raise AssertionError(f"Ray processes left running: {_pids_naming(str(temp))}")


@pytest.fixture(scope="module")
def ray_head(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """HOST:PORT of a two-CPU Ray head on 127.0.0.1, stopped after the module's tests."""
    if not HAS_RAY:
        pytest.skip("ray is not installed")
    temp = tmp_path_factory.mktemp("ray")
    port = _free_port()
    ray_cli = Path(sys.executable).with_name("ray")
    cmd = [str(ray_cli), "start", "--head", "--block", "--node-ip-address=127.0.0.1", f"--port={port}"]
    cmd += ["--num-cpus=2", "--include-dashboard=false", "--disable-usage-stats", f"--temp-dir={temp}"]
    log_path = temp / "head.log"
    with pytest.MonkeyPatch.context() as mp:
        for key, value in RAY_ENV.items():
            mp.setenv(key, value)
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ), start_new_session=True
            )
        try:
            deadline = time.monotonic() + START_WAIT_S
            while "Ray runtime started" not in log_path.read_text(errors="replace"):
                assert proc.poll() is None, (
                    f"ray start exited: {log_path.read_text(errors='replace')[-3000:]}"
                )
                assert time.monotonic() < deadline, f"no Ray head after {START_WAIT_S:.0f} s"
                time.sleep(0.2)
            yield f"127.0.0.1:{port}"
        finally:
            _stop_head(proc, temp)


def _request(jobs: int, factory: Any = None) -> OptimizeRequest:
    model = type(build_strategy("sma_cross", {}, TF).params)
    return OptimizeRequest(
        TrialSetup("sma_cross", TF, all_in=True),
        build_space(model, GRID),
        parse_objectives("sharpe,maxdd"),
        trials=4,
        sampler="grid",
        jobs=jobs,
        monte_carlo=50,
        lead=200,
        runner_factory=factory,
    )


def _by_params(doc: dict[str, Any]) -> dict[tuple[int, int], dict[str, Any]]:
    trials = doc["search"]["trials"]
    return {(t["params"]["fast"], t["params"]["slow"]): t for t in trials}


@needs_ray
def test_without_an_address_a_local_runtime_on_127_0_0_1_runs_the_trials(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ray

    from aitrader.optimize.ray_runner import ray_runner_factory

    for key in RAY_ENV:  # the runner sets them (setdefault): as they were afterwards
        monkeypatch.setenv(key, "recorded")
        monkeypatch.delenv(key)
    candles = _half_year_2021()
    setup = TrialSetup("sma_cross", TF, all_in=True)
    window = Window(200, len(candles))
    points = [{"fast": 10, "slow": 40}, {"fast": 20, "slow": 60}]
    evaluator = Evaluator(setup, candles)
    runner = ray_runner_factory(None)(setup, candles, 2)
    got: dict[int, TrialOutcome] = {}
    try:
        assert ray.util.get_node_ip_address() == "127.0.0.1"  # its servers listen on loopback only
        assert os.environ["RAY_AUTH_MODE"] == "disabled"
        for i, point in enumerate(points):
            runner.submit(point, window, lambda o, i=i: got.setdefault(i, o))
        while len(got) < len(points):
            runner.wait_one()
    finally:
        runner.close()
    assert not ray.is_initialized()  # it started the runtime, so it stopped it
    for i, point in enumerate(points):
        expected = evaluator.run(point, window)
        assert got[i].error is None
        assert got[i].metrics == expected.metrics
        np.testing.assert_array_equal(got[i].curve, expected.curve)


@needs_ray
def test_a_search_on_the_cluster_equals_the_local_search(ray_head: str) -> None:
    import ray

    from aitrader.optimize.ray_runner import ray_runner_factory

    candles = _half_year_2021()
    local = _by_params(optimise(_request(jobs=1), candles))
    on_ray = _by_params(optimise(_request(jobs=2, factory=ray_runner_factory(ray_head)), candles))
    assert not ray.is_initialized()  # the runner connected, so it disconnected
    assert sorted(on_ray) == [(10, 40), (10, 60), (20, 40), (20, 60)]
    assert sorted(local) == sorted(on_ray)
    for point, trial in on_ray.items():
        assert trial["state"] != "failed", trial
        assert trial["metrics"]["n_trades"] > 0
        assert trial["state"] == local[point]["state"]
        assert trial["values"] == local[point]["values"]
        assert trial["metrics"] == local[point]["metrics"]


@needs_ray
def test_actors_match_the_evaluator_and_a_dead_actor_fails_only_its_trial(ray_head: str) -> None:
    import ray

    from aitrader.optimize.ray_runner import RayRunner, ray_runner_factory

    candles = _half_year_2021()
    setup = TrialSetup("sma_cross", TF, all_in=True)
    window = Window(200, len(candles))
    params = {"fast": 10, "slow": 40}
    expected = Evaluator(setup, candles).run(params, window)
    runner = ray_runner_factory(ray_head)(setup, candles, 2)
    assert isinstance(runner, RayRunner)
    outcomes: list[TrialOutcome] = []
    try:
        assert runner.jobs == 2
        assert len(runner.actors) == 2
        runner.submit(params, window, outcomes.append)  # actor 0
        runner.submit(params, window, outcomes.append)  # actor 1
        while len(outcomes) < 2:
            runner.wait_one()
        for outcome in outcomes:
            assert outcome.error is None
            assert outcome.metrics == expected.metrics
            np.testing.assert_array_equal(outcome.curve, expected.curve)
            np.testing.assert_array_equal(outcome.trade_returns, expected.trade_returns)
        # actor 0 exits before its next task (an actor runs its caller's tasks in order)
        runner.actors[0].__ray_terminate__.remote()
        after: dict[str, TrialOutcome] = {}
        runner.submit(params, window, lambda o: after.setdefault("actor 0", o))  # both idle: from 0
        runner.submit(params, window, lambda o: after.setdefault("actor 1", o))
        while len(after) < 2:
            runner.wait_one()
        error = after["actor 0"].error
        assert error is not None
        assert error.startswith("ray actor failed: ")
        assert after["actor 1"].error is None
        assert after["actor 1"].metrics == expected.metrics
        # the dead actor was replaced: the next trials on both run
        outcomes.clear()
        runner.submit(params, window, outcomes.append)
        runner.submit(params, window, outcomes.append)
        while len(outcomes) < 2:
            runner.wait_one()
        assert [o.error for o in outcomes] == [None, None]
        assert all(o.metrics == expected.metrics for o in outcomes)
    finally:
        runner.close()
    assert not ray.is_initialized()


@needs_ray
def test_the_cli_runs_a_grid_on_the_cluster(ray_head: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from aitrader.cli.app import app

    out = tmp_path / "ray.json"
    args = ["optimize", "--backend", "ray", "--ray-address", ray_head, "-s", "sma_cross"]
    args += ["--symbol", "BTCUSDT", "--timeframe", "1h", "--from", "2021-01-01", "--to", "2021-07-01"]
    args += ["--space", GRID[0], "--space", GRID[1], "--sampler", "grid", "--trials", "4", "--jobs", "2"]
    args += ["--all-in", "--monte-carlo", "0", "--json", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    trials = doc["search"]["trials"]
    assert len(trials) == 4
    assert {t["state"] for t in trials} <= {"complete", "infeasible"}  # none failed
    assert all(t["metrics"]["n_trades"] > 0 for t in trials)


def test_without_ray_the_factory_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from aitrader.optimize.ray_runner import ray_runner_factory

    for key in RAY_ENV:  # the factory sets some of them: as they were afterwards
        monkeypatch.setenv(key, "recorded")
        monkeypatch.delenv(key)
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    with pytest.raises(ValueError, match=r"uv sync --extra ray.*pip install 'aitrader\[ray\]'"):
        ray_runner_factory("127.0.0.1:6379")
