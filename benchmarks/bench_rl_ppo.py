"""Training speed of our recurrent PPO (`aitrader.rl.ppo`, `LSTMActorCritic`) against sb3-contrib's
RecurrentPPO on the same environment, the same step budget and the same settings, in one run.

    uv run --group bench python benchmarks/bench_rl_ppo.py [--steps 20480] [--envs 8] [--repeat 1]

Environment: `VectorTradingEnv` over real BTCUSDT 1h candles (data/sample), default `EnvConfig`
(512-bar episodes), `--envs` environments; SB3 sees the very same object through a thin `VecEnv`
adapter (auto-reset already happens inside, as SB3 expects; no terminal-observation bootstrap
on either side). Settings are the lean ones of docs/ml-stack-notes §1 for both: rollouts of 128
steps per environment, minibatches of 512 steps (ours: groups of environments, chunks of
`--seq-len` steps for truncated BPTT; SB3: its padded episode sequences), 4 epochs, one shared
LSTM of 64 units with linear policy and value heads (SB3: `shared_lstm=True,
enable_critic_lstm=False, net_arch=[]`), lr 3e-4, gamma 0.99, lambda 0.95, clip 0.2, entropy
0.01, value 0.5, grad norm 0.5; one torch thread each.

Each agent trains in its own fresh process (spawned, one after the other; with `--repeat` they
alternate and the best speed of each is kept), so the peak memory (`ru_maxrss`) of one is not the
other's: "peak" is the process's whole peak (Python, torch, data), "growth" is the part added
after the environment and the model were built. Steps/s counts environment steps over the
whole `learn` / `train` call: collection and updates together.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

N_STEPS, BATCH, EPOCHS, HIDDEN = 128, 512, 4, 64


def _kib_to_mib(kib: int) -> float:
    return kib / 1024.0


def _make_env(n_envs: int, seed: int) -> Any:
    from aitrader.data import load_sample
    from aitrader.rl.env_config import EnvConfig
    from aitrader.rl.series import EnvSeries
    from aitrader.rl.vector_env import VectorTradingEnv

    series = EnvSeries.from_candles(load_sample("BTCUSDT", "1h"))
    return VectorTradingEnv(series, EnvConfig(), n_envs=n_envs, seed=seed)


def _sb3_vec_env(env: Any) -> Any:
    """`VectorTradingEnv` as a stable-baselines3 `VecEnv` (it auto-resets itself already)."""
    import gymnasium as gym
    from stable_baselines3.common.vec_env import VecEnv

    class Adapter(VecEnv):  # type: ignore[misc]
        def __init__(self) -> None:
            space = gym.spaces.Box(-np.inf, np.inf, (env.obs_dim,), np.float32)
            super().__init__(env.num_envs, space, gym.spaces.Discrete(env.n_actions))
            self._actions = np.zeros(env.num_envs, dtype=np.int64)
            self._len = np.zeros(env.num_envs, dtype=np.int64)

        def reset(self) -> Any:
            self._len[:] = 0
            return env.reset(seed=self._seeds[0] if any(s is not None for s in self._seeds) else None)

        def step_async(self, actions: Any) -> None:
            self._actions = np.asarray(actions, dtype=np.int64)

        def step_wait(self) -> Any:
            obs, reward, terminated, truncated, info = env.step(self._actions)
            done = terminated | truncated
            self._len += 1
            infos: list[dict[str, Any]] = [{} for _ in range(env.num_envs)]
            for i in np.flatnonzero(done):
                infos[i]["episode"] = {
                    "r": float(info["episode_return"][i]),
                    "l": int(self._len[i]),
                    "t": 0.0,
                }
                infos[i]["TimeLimit.truncated"] = bool(truncated[i])
                self._len[i] = 0
            return obs, reward, done, infos

        def close(self) -> None:
            return None

        def get_attr(self, attr_name: str, indices: Any = None) -> list[Any]:
            return [getattr(env, attr_name, None)] * env.num_envs

        def set_attr(self, attr_name: str, value: Any, indices: Any = None) -> None:
            return None

        def env_method(self, method_name: str, *args: Any, indices: Any = None, **kwargs: Any) -> list[Any]:
            return [None] * env.num_envs

        def env_is_wrapped(self, wrapper_class: Any, indices: Any = None) -> list[bool]:
            return [False] * env.num_envs

    return Adapter()


def _run_ours(steps: int, n_envs: int, seq_len: int, seed: int) -> dict[str, float]:
    import torch

    from aitrader.rl.actions import N_ACTIONS
    from aitrader.rl.models import LSTMActorCritic
    from aitrader.rl.ppo import PPOConfig, PPOTrainer

    torch.set_num_threads(1)
    env = _make_env(n_envs, seed)
    torch.manual_seed(seed)
    policy = LSTMActorCritic(env.obs_dim, N_ACTIONS, hidden=HIDDEN)
    cfg = PPOConfig(
        n_steps=N_STEPS, epochs=EPOCHS, seq_len=seq_len, minibatches=max(1, n_envs * N_STEPS // BATCH)
    )
    trainer = PPOTrainer(policy, env, cfg, seed=seed)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    reports = trainer.train(steps)
    wall = time.perf_counter() - began
    return {
        "steps": float(trainer.env_steps), "wall": wall, "base": base,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "ret": reports[-1].mean_return,
    }  # fmt: skip


def _run_sb3(steps: int, n_envs: int, seed: int) -> dict[str, float]:
    import torch
    from sb3_contrib import RecurrentPPO

    torch.set_num_threads(1)
    venv = _sb3_vec_env(_make_env(n_envs, seed))
    venv.seed(seed)
    model = RecurrentPPO(
        "MlpLstmPolicy", venv, n_steps=N_STEPS, batch_size=BATCH, n_epochs=EPOCHS, learning_rate=3e-4,
        gamma=0.99, gae_lambda=0.95, clip_range=0.2, ent_coef=0.01, vf_coef=0.5, max_grad_norm=0.5,
        device="cpu", seed=seed, verbose=0,
        policy_kwargs={"lstm_hidden_size": HIDDEN, "n_lstm_layers": 1, "shared_lstm": True,
                       "enable_critic_lstm": False, "net_arch": []},
    )  # fmt: skip
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    model.learn(steps)
    wall = time.perf_counter() - began
    returns = [e["r"] for e in model.ep_info_buffer]
    return {
        "steps": float(model.num_timesteps), "wall": wall, "base": base,
        "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "ret": float(np.mean(returns)) if returns else float("nan"),
    }  # fmt: skip


def _child(kind: str, args: argparse.Namespace, out: Any) -> None:
    if kind == "ours":
        out.put(_run_ours(args.steps, args.envs, args.seq_len, args.seed))
    else:
        out.put(_run_sb3(args.steps, args.envs, args.seed))


def _in_process(kind: str, args: argparse.Namespace) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(kind, args, queue))
    proc.start()
    result: dict[str, float] = queue.get()
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=20_480, help="environment steps per agent")
    parser.add_argument("--envs", type=int, default=8, help="parallel environments")
    parser.add_argument("--seq-len", type=int, default=32, help="our truncated-BPTT chunk")
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs; the best of each is kept")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):
        for kind in ("ours", "sb3"):
            r = _in_process(kind, args)
            if kind not in best or r["steps"] / r["wall"] > best[kind]["steps"] / best[kind]["wall"]:
                best[kind] = r
    table = Table(title=f"PPO-LSTM training, VectorTradingEnv BTCUSDT 1h, {args.envs} envs, 1 torch thread")
    for col in ("agent", "env steps", "seconds", "steps/s", "peak MiB", "growth MiB", "mean ep. return"):
        table.add_column(col, justify="left" if col == "agent" else "right", no_wrap=True)
    names = {"ours": f"aitrader PPO-LSTM (seq_len {args.seq_len})", "sb3": "sb3-contrib RecurrentPPO"}
    for kind, r in best.items():
        table.add_row(
            names[kind], f"{int(r['steps']):,}", f"{r['wall']:.1f}", f"{r['steps'] / r['wall']:,.0f}",
            f"{_kib_to_mib(int(r['peak'])):,.0f}", f"{_kib_to_mib(int(r['peak'] - r['base'])):,.0f}",
            f"{r['ret']:.2f}",
        )  # fmt: skip
    console = Console(width=max(Console().width, 130))
    console.print(table)
    ratio = (best["ours"]["steps"] / best["ours"]["wall"]) / (best["sb3"]["steps"] / best["sb3"]["wall"])
    console.print(f"ours / sb3-contrib: {ratio:.2f}x steps/s")


if __name__ == "__main__":
    main()
