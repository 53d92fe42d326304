"""`PPOAgent`: the PPO-LSTM agent of PRD story 2.3 — an `LSTMActorCritic` (an `LSTMModel` torso
shared by the policy and value heads) trained with our recurrent PPO.

`select_action` acts on one observation at a time and carries the LSTM state between calls (the
first call after `reset()` starts a new episode); `act` does the same for a batch of
environments. `learn` takes a `Rollout`; `train` collects rollouts from the vector env it was
given and learns from them (the PRD's training loop, `PPOTrainer`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from torch import nn

from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.agents.base import BaseAgent
from aitrader.rl.checkpoint import PolicyModule, load_checkpoint, save_checkpoint
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import State
from aitrader.rl.ppo import PPOConfig, PPOTrainer, UpdateReport, ppo_update
from aitrader.rl.rollout import Rollout, VectorEnv

AGENT_KIND = "ppo-lstm"


class PPOAgent(BaseAgent[Rollout]):
    """See the module docstring. Without `policy`, an `LSTMActorCritic(obs_dim, 5, hidden)` is
    built with weights drawn from `seed` (the global torch RNG is left as it was)."""

    def __init__(
        self,
        policy: PolicyModule | None = None,
        *,
        env: VectorEnv | None = None,
        cfg: PPOConfig | None = None,
        env_config: EnvConfig | None = None,
        obs_spec: ObsSpec | None = None,
        hidden: int = 64,
        device: torch.device | None = None,
        seed: int = 0,
        deterministic: bool = False,
        kind: str = AGENT_KIND,
    ) -> None:
        self.cfg = cfg or PPOConfig()
        self.device = device or torch.device("cpu")
        self.obs_spec = obs_spec or ObsSpec()
        self.env_config = env_config or getattr(env, "config", None) or EnvConfig()
        self.seed = seed
        self.kind = kind
        self.deterministic = deterministic
        if policy is None:
            obs_dim = env.obs_dim if env is not None else self.obs_spec.obs_dim
            n_actions = env.n_actions if env is not None else N_ACTIONS
            with torch.random.fork_rng(devices=[]):
                torch.manual_seed(seed)
                policy = LSTMActorCritic(obs_dim, n_actions, hidden)
        if not isinstance(policy, nn.Module):
            raise TypeError("PPOAgent trains a torch.nn.Module policy")
        policy.to(self.device)
        self.policy: PolicyModule = policy
        self.optimizer = torch.optim.Adam(policy.parameters(), lr=self.cfg.lr, eps=1e-5)
        self.trainer: PPOTrainer | None = None
        if env is not None:
            self.trainer = PPOTrainer(policy, env, self.cfg, self.optimizer, self.device, seed=seed)
        self._perm = torch.Generator().manual_seed(seed + 1)
        self._sampler = torch.Generator(device=self.device).manual_seed(seed + 2)
        self._state: State | None = None
        self.last_probs: npt.NDArray[np.float64] | None = None  # of the last `act` call, (n, A)

    # ---- acting ------------------------------------------------------------------------------------
    def reset(self) -> None:
        self._state = None

    def act(self, observations: npt.ArrayLike, starts: npt.ArrayLike | None = None) -> npt.NDArray[np.int64]:
        """Actions (n,) for observations (n, obs_dim) of n environments; `starts` (n,) marks the
        environments whose episode begins with this observation (all of them after `reset()`)."""
        obs = torch.as_tensor(np.asarray(observations), dtype=torch.float32, device=self.device)
        if obs.dim() != 2:
            raise ValueError(f"observations must be (n, obs_dim), got shape {tuple(obs.shape)}")
        n = obs.shape[0]
        if self._state is None or self._state[0].shape[1] != n:
            self._state = self.policy.initial_state(n, self.device)
            first = torch.ones(n, dtype=torch.bool, device=self.device)
        else:
            first = torch.zeros(n, dtype=torch.bool, device=self.device)
        if starts is not None:
            first = first | torch.as_tensor(np.asarray(starts, dtype=np.bool_), device=self.device)
        with torch.no_grad():
            out = self.policy(obs.unsqueeze(0), self._state, first.unsqueeze(0))
            probs = torch.softmax(out.logits[0], dim=-1)
            if self.deterministic:
                action = probs.argmax(dim=-1)
            else:
                action = torch.multinomial(probs, 1, generator=self._sampler).squeeze(1)
        self._state = out.state
        self.last_probs = probs.double().cpu().numpy()
        result: npt.NDArray[np.int64] = action.cpu().numpy().astype(np.int64)
        return result

    def select_action(self, observation: npt.NDArray[np.float32]) -> int:
        return int(self.act(np.asarray(observation, dtype=np.float32).reshape(1, -1))[0])

    # ---- learning ------------------------------------------------------------------------------------
    def learn(self, experience: Rollout) -> dict[str, float]:
        """PPO epochs over a rollout collected with this agent's policy (see `ppo_update`)."""
        return ppo_update(self.policy, self.optimizer, experience, self.cfg, self._perm)

    def train(
        self, total_steps: int, on_update: Callable[[UpdateReport], None] | None = None
    ) -> list[UpdateReport]:
        """Collect and learn for `total_steps` environment steps (needs the `env` given at init)."""
        if self.trainer is None:
            raise RuntimeError("PPOAgent.train needs a vector env: pass env= when building the agent")
        return self.trainer.train(total_steps, on_update)

    @property
    def env_steps(self) -> int:
        return self.trainer.env_steps if self.trainer is not None else 0

    # ---- persistence ---------------------------------------------------------------------------------
    def save_model(
        self,
        path: str | os.PathLike[str],
        data: list[str] | None = None,
        splits: Mapping[str, Any] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> Path:
        return save_checkpoint(
            path, self.policy, self.env_config, self.obs_spec, agent=self.kind, steps=self.env_steps,
            seed=self.seed, data=data, splits=splits, extra={"ppo": vars(self.cfg), **(extra or {})},
        )  # fmt: skip

    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str],
        *,
        env: VectorEnv | None = None,
        cfg: PPOConfig | None = None,
        device: torch.device | None = None,
        deterministic: bool = True,
    ) -> PPOAgent:
        """An agent around a saved policy (to act with, or to train further on `env`)."""
        ckpt = load_checkpoint(path, device)
        seed = ckpt.meta.get("seed")
        agent = cls(
            ckpt.policy, env=env, cfg=cfg, env_config=ckpt.env_config, obs_spec=ckpt.obs_spec,
            device=device, seed=int(seed) if isinstance(seed, int) else 0, deterministic=deterministic,
            kind=str(ckpt.meta.get("agent", AGENT_KIND)),
        )  # fmt: skip
        agent.policy.train()
        return agent
