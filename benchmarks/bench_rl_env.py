"""RL environment speed: `KernelTradingEnv` (one episode, every decision through the real kernel and
RiskGate) against `VectorTradingEnv` (numpy, n episodes at once, the same rules: a parity test holds
them to the same fills) on real BTCUSDT 1h candles.

    uv run python benchmarks/bench_rl_env.py                      # kernel env, vector env 1/64/256
    uv run python benchmarks/bench_rl_env.py --vector-steps 2000000 --repeat 5

Actions are random valid ones (uniform over the actions the mask allows, drawn up front; the pick,
an argmax over the mask, is timed with the step as any agent loop pays it), so about half the
steps of a flat environment enter and half of a held one close: the gate sizes an entry every few
bars, much more often than a trained policy trades. Episodes are `EnvConfig` defaults (512 bars,
auto-reset in the vector env, `reset()` timed in the kernel env). Figures: env-steps per second
of wall-clock time and of CPU time (time.process_time, steadier on a shared machine), the best of
`--repeat` rounds, all in one process.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from aitrader.data import load_sample
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.kernel_env import KernelTradingEnv
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv


def kernel_case(series: EnvSeries, cfg: EnvConfig, steps: int, seed: int) -> Callable[[], int]:
    env = KernelTradingEnv(series, cfg)
    u = np.random.default_rng(seed).random((steps, 5))

    def run() -> int:
        _, info = env.reset(seed=seed)
        for k in range(steps):
            _, _, term, trunc, info = env.step(int(np.argmax(u[k] * info["valid"])))
            if term or trunc:
                _, info = env.reset()
        return steps

    return run


def vector_case(
    series: EnvSeries, cfg: EnvConfig, n_envs: int, env_steps: int, seed: int
) -> Callable[[], int]:
    env = VectorTradingEnv(series, cfg, n_envs=n_envs, seed=seed)
    steps = max(env_steps // n_envs, 1)
    u = np.random.default_rng(seed).random((steps, n_envs, 5))

    def run() -> int:
        env.reset(seed=seed)
        for k in range(steps):
            env.step(np.argmax(u[k] * env.valid, axis=1))
        return steps * n_envs

    return run


def best_of(run: Callable[[], int], repeat: int) -> tuple[int, float, float]:
    """(env-steps, best wall seconds, best CPU seconds) over `repeat` runs."""
    walls, cpus, n = [], [], 0
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        n = run()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return n, min(walls), min(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kernel-steps", type=int, default=20_000)
    ap.add_argument("--vector-steps", type=int, default=1_000_000, help="env-steps per vector case")
    ap.add_argument("--n-envs", type=int, nargs="+", default=[1, 64, 256])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t0 = time.perf_counter()
    series = EnvSeries.from_candles(load_sample("BTCUSDT", "1h"))
    print(f"{series.describe()} (observation columns computed in {time.perf_counter() - t0:.2f} s)")
    cfg = EnvConfig()
    cases: list[tuple[str, Callable[[], int]]] = [
        ("KernelTradingEnv  n_envs=1   ", kernel_case(series, cfg, args.kernel_steps, args.seed))
    ]
    for n in args.n_envs:
        steps = min(args.vector_steps, 20_000) if n == 1 else args.vector_steps
        cases.append((f"VectorTradingEnv  n_envs={n:<4d}", vector_case(series, cfg, n, steps, args.seed)))
    results = {}
    for name, run in cases:
        run_steps, wall, cpu = best_of(run, args.repeat)
        results[name] = run_steps / wall
        print(
            f"{name} {run_steps:>9,d} env-steps  best wall {wall:7.3f} s  "
            f"{run_steps / wall:>11,.0f} steps/s  (CPU {run_steps / cpu:>11,.0f} steps/s)"
        )
    base = results[cases[0][0]]
    speedups = ", ".join(
        f"n_envs={n}: {results[name] / base:,.0f}x"
        for n, (name, _) in zip(args.n_envs, cases[1:], strict=True)
    )
    print(f"vector env over kernel env (wall): {speedups}")


if __name__ == "__main__":
    main()
