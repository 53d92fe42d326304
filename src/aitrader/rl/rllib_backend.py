"""RLlib as an optional training backend (PRD NFR6): PPO with an LSTM (RLlib's new API stack) on
`KernelTradingEnv`, the same gymnasium environment our own PPO's vectorised twin is held to.

`train_rllib` starts a local Ray runtime (no dashboard, a small object store, `RAY_AUTH_MODE`
disabled and usage stats off unless set: `optimize.ray_runner._ray`), or uses the one the caller
started, and stops only a runtime it started. With `num_env_runners=0` the environment runs in
this process next to the learner (the cheapest on 2 cores); more runners sample in parallel
processes. It writes RLlib's algorithm checkpoint and `aitrader_rllib.json` (the EnvConfig,
ObsSpec and series the policy was trained under) into `out_dir`.

`load_rllib_policy` reads the RLModule back without Ray running and wraps it as a
`policy.RecurrentPolicy` (time-major observations, LSTM state as (h, c) of shape
(layers, batch, cell), `starts` resetting the state), so evaluation treats it like our own
policies. Ray is imported inside the functions: `uv sync --extra rllib` installs it.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import json
import logging
import math
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch

from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import PolicyOutput, State
from aitrader.rl.series import EnvSeries

INSTALL_HINT = "the RLlib backend needs the rllib extra: install it with `uv sync --extra rllib`"
CHECKPOINT_DIR = "rllib_checkpoint"
META_FILE = "aitrader_rllib.json"
_MODULE_PATH = ("learner_group", "learner", "rl_module", "default_policy")


class RLlibMissingError(ImportError):
    """ray[rllib] is not installed (the message says how to install it)."""


@dataclass(frozen=True)
class RLlibSettings:
    """PPO and model settings (RLlib's names in the comments)."""

    lstm_cell_size: int = 64  # model_config.lstm_cell_size
    max_seq_len: int = 32  # truncated BPTT length
    fcnet_hiddens: tuple[int, ...] = (64,)
    train_batch: int = 2048  # train_batch_size_per_learner (env steps per iteration)
    minibatch: int = 256
    epochs: int = 4  # num_epochs
    lr: float = 3e-4
    gamma: float = 0.99
    gae_lambda: float = 0.95  # lambda_
    clip: float = 0.2  # clip_param
    entropy_coeff: float = 0.01
    object_store_mb: int = 128  # Ray refuses much less
    sample_timeout_s: float = 600.0  # a slow runner start on a loaded box must not give empty batches


@dataclass(frozen=True)
class RLlibProgress:
    """One training iteration, as the progress callback sees it."""

    iteration: int
    env_steps: int  # lifetime
    episodes: int  # lifetime
    episode_return_mean: float  # RLlib's mean over its recent episodes (NaN before the first ends)
    seconds: float


@dataclass(frozen=True)
class RLlibResult:
    checkpoint: Path  # RLlib's algorithm checkpoint (a folder)
    iterations: int
    env_steps: int
    episode_returns: list[float] = field(default_factory=list)  # episode_return_mean per iteration
    seconds: float = 0.0


def _require_rllib() -> Any:
    """The `ray` module, after the local-runtime environment is set; RLlibMissingError without it."""
    try:
        from aitrader.optimize.ray_runner import _ray

        ray = _ray(local=True)
        importlib.import_module("ray.rllib")  # ray without the rllib extra lacks RLlib's dependencies
    except ImportError as exc:
        raise RLlibMissingError(f"{INSTALL_HINT} ({exc})") from None
    return ray


@contextlib.contextmanager
def _ray_runtime(ray: Any, num_cpus: int, object_store_mb: int) -> Iterator[None]:
    owns = not ray.is_initialized()
    if owns:
        ray.init(
            address="local",  # a new runtime, never one a `ray start` left on this machine
            num_cpus=num_cpus,
            include_dashboard=False,
            object_store_memory=object_store_mb * 1024**2,
            logging_level=logging.WARNING,
            log_to_driver=False,
        )
    try:
        yield
    finally:
        if owns:
            ray.shutdown()


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """RLlib logs deprecation notes as warnings on every build: errors only while we train."""
    loggers = [logging.getLogger(name) for name in ("ray", "ray.rllib")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _number(d: dict[str, Any], *keys: str, default: float = math.nan) -> float:
    """A nested metric of a training result (RLlib omits keys it has no value for yet)."""
    cur: Any = d
    for k in keys:
        if not isinstance(cur, dict) or k not in cur:
            return default
        cur = cur[k]
    try:
        return float(cur)
    except (TypeError, ValueError):
        return default


def _ppo_config(env_name: str, settings: RLlibSettings, seed: int, num_env_runners: int) -> Any:
    ppo: Any = importlib.import_module("ray.rllib.algorithms.ppo")
    models: Any = importlib.import_module("ray.rllib.core.rl_module.default_model_config")
    s = settings
    model = models.DefaultModelConfig(
        use_lstm=True, lstm_cell_size=s.lstm_cell_size, max_seq_len=s.max_seq_len,
        fcnet_hiddens=list(s.fcnet_hiddens), vf_share_layers=True,
    )  # fmt: skip
    config = ppo.PPOConfig().environment(env_name)
    config = config.env_runners(
        num_env_runners=num_env_runners, num_envs_per_env_runner=1, sample_timeout_s=s.sample_timeout_s
    )
    config = config.learners(num_learners=0)  # the learner runs in this process
    config = config.rl_module(model_config=model)
    config = config.training(
        train_batch_size_per_learner=s.train_batch, minibatch_size=min(s.minibatch, s.train_batch),
        num_epochs=s.epochs, lr=s.lr, gamma=s.gamma, lambda_=s.gae_lambda, clip_param=s.clip,
        entropy_coeff=s.entropy_coeff,
    )  # fmt: skip
    return config.debugging(seed=seed, log_level="ERROR")


def train_rllib(
    series: EnvSeries,
    config: EnvConfig,
    steps: int,
    out_dir: Path | str,
    seed: int = 0,
    num_env_runners: int = 0,
    progress: Callable[[RLlibProgress], None] | None = None,
    *,
    start: int = 0,
    stop: int | None = None,
    settings: RLlibSettings | None = None,
) -> RLlibResult:
    """Train RLlib's PPO-LSTM on `KernelTradingEnv(series, config, start, stop)` (e.g. the training
    split) for at least `steps` environment steps (whole iterations of `settings.train_batch`);
    save the checkpoint under `out_dir`."""
    if steps < 1:
        raise ValueError(f"steps must be at least 1, got {steps}")
    if num_env_runners < 0:
        raise ValueError(f"num_env_runners must not be negative, got {num_env_runners}")
    s = settings or RLlibSettings()
    ray = _require_rllib()
    register_env: Any = importlib.import_module("ray.tune.registry").register_env
    from aitrader.rl.kernel_env import KernelTradingEnv

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # each iteration samples train_batch steps; a few empty ones (a runner still starting) are allowed
    max_iterations = 3 + 2 * math.ceil(steps / s.train_batch)
    env_name = f"aitrader-kernel-{uuid.uuid4().hex[:8]}"
    t0 = time.perf_counter()
    returns: list[float] = []
    env_steps = iterations = 0
    with _ray_runtime(ray, num_env_runners + 1, s.object_store_mb), _quiet():
        register_env(env_name, lambda _ctx: KernelTradingEnv(series, config, start=start, stop=stop))
        algo = _ppo_config(env_name, s, seed, num_env_runners).build_algo()
        try:
            while env_steps < steps and iterations < max_iterations:
                r = algo.train()
                iterations += 1
                env_steps = int(_number(r, "num_env_steps_sampled_lifetime", default=env_steps))
                ret = _number(r, "env_runners", "episode_return_mean")
                returns.append(ret)
                if progress is not None:
                    episodes = int(_number(r, "env_runners", "num_episodes_lifetime", default=0.0))
                    progress(RLlibProgress(iterations, env_steps, episodes, ret, time.perf_counter() - t0))
            checkpoint = Path(algo.save_to_path(str((out / CHECKPOINT_DIR).resolve())))
        finally:
            algo.stop()
    meta = {
        "backend": "rllib",
        "symbol": series.symbol,
        "timeframe": series.timeframe.value,
        "bars": [start, len(series) if stop is None else stop],
        "env_config": config.model_dump(mode="json"),
        "obs_spec": series.spec.model_dump(mode="json"),
        "settings": asdict(s),
        "seed": seed,
        "iterations": iterations,
        "env_steps": env_steps,
        "episode_returns": [None if math.isnan(x) else x for x in returns],
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return RLlibResult(checkpoint, iterations, env_steps, returns, time.perf_counter() - t0)


def module_dir(path: Path | str) -> Path:
    """The RLModule folder inside what `train_rllib` wrote: its `out_dir`, the algorithm
    checkpoint, or the module folder itself."""
    p = Path(path)
    for candidate in (p / CHECKPOINT_DIR / Path(*_MODULE_PATH), p / Path(*_MODULE_PATH), p):
        if (candidate / "module_state.pkl").is_file() or (candidate / "module_state.pt").is_file():
            return candidate
    raise FileNotFoundError(f"no RLlib policy under {p}: pass the --out folder of an RLlib training run")


class RLlibPolicy:
    """A trained RLlib PPO-LSTM module as a `RecurrentPolicy` (see the module docstring)."""

    def __init__(self, module: Any, path: Path, meta: dict[str, Any]) -> None:
        self.module = module
        self.path = path
        self.meta = meta
        self.obs_dim = int(module.observation_space.shape[0])
        self.n_actions = int(module.action_space.n)
        self._init = {
            k: torch.as_tensor(v, dtype=torch.float32) for k, v in module.get_initial_state().items()
        }
        self.env_config = EnvConfig.model_validate(meta["env_config"]) if "env_config" in meta else None
        self.obs_spec = ObsSpec.model_validate(meta["obs_spec"]) if "obs_spec" in meta else None

    def config(self) -> dict[str, object]:
        return {"backend": "rllib", "path": str(self.path)}

    def initial_state(self, batch: int, device: torch.device | None = None) -> State:
        """(h, c), each (layers, batch, cell)."""
        return tuple(self._init[k][:, None, :].repeat(1, batch, 1).to(device or "cpu") for k in ("h", "c"))

    def _segment(self, obs: torch.Tensor, state: State) -> tuple[torch.Tensor, torch.Tensor, State]:
        """RLlib's forward on a (T, B, D) segment: logits (T, B, A), values (T, B), state."""
        h, c = state
        batch = {"obs": obs.transpose(0, 1), "state_in": {"h": h.transpose(0, 1), "c": c.transpose(0, 1)}}
        out = self.module.forward_train(batch)
        values = self.module.compute_values(batch, embeddings=out["embeddings"])
        s_out = out["state_out"]
        new_state = (s_out["h"].transpose(0, 1), s_out["c"].transpose(0, 1))
        return out["action_dist_inputs"].transpose(0, 1), values.transpose(0, 1), new_state

    @torch.no_grad()
    def __call__(self, obs: torch.Tensor, state: State, starts: torch.Tensor) -> PolicyOutput:
        """Time-major logits and values; where `starts[t, b]` the state of b is reset before step t.
        Runs the stretches between resets in one call each."""
        obs = obs.to(torch.float32)
        t_len, batch = obs.shape[0], obs.shape[1]
        cuts = [0, *(t for t in range(1, t_len) if bool(starts[t].any())), t_len]
        logits, values = [], []
        h, c = state
        init_h, init_c = self.initial_state(batch, obs.device)
        for a, b in itertools.pairwise(cuts):
            reset = starts[a].to(torch.bool)[None, :, None]
            h, c = torch.where(reset, init_h, h), torch.where(reset, init_c, c)
            lg, v, (h, c) = self._segment(obs[a:b], (h, c))
            logits.append(lg)
            values.append(v)
        return PolicyOutput(torch.cat(logits), torch.cat(values), (h, c))

    def action_probabilities(
        self, obs: npt.ArrayLike, state: State | None = None
    ) -> tuple[npt.NDArray[np.float32], State]:
        """Probabilities of the five actions for an observation sequence (T, D), or (T, B, D), from
        `state` (the initial state when None); returns them with the state after the last step."""
        x = torch.as_tensor(np.asarray(obs, dtype=np.float32))
        squeeze = x.dim() == 2
        if squeeze:
            x = x[:, None, :]
        st = state if state is not None else self.initial_state(x.shape[1])
        starts = torch.zeros(x.shape[:2], dtype=torch.bool)
        out = self(x, st, starts)
        probs = torch.softmax(out.logits, dim=-1).numpy().astype(np.float32)
        return (probs[:, 0] if squeeze else probs), out.state


def load_rllib_policy(path: Path | str) -> RLlibPolicy:
    """The policy `train_rllib` saved under `path` (its out_dir, the checkpoint or the module folder)."""
    _require_rllib()
    rl_module: Any = importlib.import_module("ray.rllib.core.rl_module.rl_module")

    mdir = module_dir(path)
    meta: dict[str, Any] = {}
    for folder in (Path(path), *mdir.parents):
        if (folder / META_FILE).is_file():
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            break
    with _quiet():
        module = rl_module.RLModule.from_checkpoint(str(mdir))
    module.eval()
    policy = RLlibPolicy(module, mdir, meta)
    if policy.n_actions != N_ACTIONS:
        raise ValueError(f"{mdir}: the module has {policy.n_actions} actions, the environment {N_ACTIONS}")
    return policy
