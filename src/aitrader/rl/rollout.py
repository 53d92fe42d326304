"""Rollouts of a recurrent policy on a vector env: what PPO (and MAML's support/query sets) learn
from.

`RolloutCollector` keeps the environments' current observations, which of them start an episode
and the policy's recurrent state between `collect` calls. It stores the state *before* every step
(`Rollout.step_states`), so truncated BPTT can start a chunk at any step from the state the policy
had there when it acted.

Episodes that end by truncation (the episode length, the end of the split) are not failures: when
the env reports the observation that followed the last step (`info["final_obs"]`), the value of
that observation is added to the last reward (discounted), the usual bootstrap; termination (ruin)
bootstraps nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import torch

from aitrader.rl.policy import RecurrentPolicy, State

F32 = npt.NDArray[np.float32]
Bools = npt.NDArray[np.bool_]


class VectorEnv(Protocol):
    """What the collector needs of `VectorTradingEnv` (auto-reset; see rl/vector_env.py)."""

    @property
    def num_envs(self) -> int: ...

    @property
    def obs_dim(self) -> int: ...

    @property
    def n_actions(self) -> int: ...

    def reset(self, seed: int | None = None) -> F32: ...

    def step(self, actions: npt.NDArray[np.int64]) -> tuple[F32, F32, Bools, Bools, dict[str, Any]]: ...


@dataclass
class EpisodeStats:
    """One finished episode, from the env's info at the step it ended."""

    env: int
    ret: float  # the env's episode return (sum of rewards)
    equity: float  # final equity / starting cash
    trades: int
    length: int  # steps


@dataclass
class Rollout:
    """T steps of B environments, time-major; tensors on the collector's device."""

    obs: torch.Tensor  # (T, B, D) float32
    actions: torch.Tensor  # (T, B) long
    logp: torch.Tensor  # (T, B) log-probability of the action when it was taken
    values: torch.Tensor  # (T, B)
    rewards: torch.Tensor  # (T, B), truncation bootstraps included
    dones: torch.Tensor  # (T, B) bool: the episode ended with this step
    starts: torch.Tensor  # (T, B) bool: the episode began at this step (state zeroed before it)
    init_state: State  # the state before step 0
    step_states: State  # each (T, *state shape): the state before every step (pre-reset)
    advantages: torch.Tensor  # (T, B)
    returns: torch.Tensor  # (T, B)
    extras: dict[str, torch.Tensor] = field(default_factory=dict)  # e.g. "gate" (T, B, E)

    @property
    def steps(self) -> int:
        return int(self.obs.shape[0])

    @property
    def num_envs(self) -> int:
        return int(self.obs.shape[1])


def gae(
    rewards: torch.Tensor,
    values: torch.Tensor,
    dones: torch.Tensor,
    last_value: torch.Tensor,
    gamma: float,
    lam: float,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Generalised advantage estimates and returns, all (T, B). `dones[t]` means the episode
    ended with step t, so neither the value nor the advantage after it is carried back."""
    steps = rewards.shape[0]
    adv = torch.zeros_like(rewards)
    running = torch.zeros_like(last_value)
    for t in range(steps - 1, -1, -1):
        next_value = last_value if t == steps - 1 else values[t + 1]
        alive = 1.0 - dones[t].to(rewards.dtype)
        delta = rewards[t] + gamma * next_value * alive - values[t]
        running = delta + gamma * lam * alive * running
        adv[t] = running
    return adv, adv + values


class RolloutCollector:
    """Runs the policy on the env (no gradients), sampling actions with its own seeded generator."""

    def __init__(
        self,
        env: VectorEnv,
        policy: RecurrentPolicy,
        device: torch.device | None = None,
        gamma: float = 0.99,
        gae_lambda: float = 0.95,
        seed: int = 0,
    ) -> None:
        self.env = env
        self.policy = policy
        self.device = device or torch.device("cpu")
        self.gamma = gamma
        self.gae_lambda = gae_lambda
        self.seed = seed
        self.generator = torch.Generator(device=self.device)
        self.generator.manual_seed(seed)
        self.num_envs = int(env.num_envs)
        self.env_steps = 0
        self._obs: torch.Tensor | None = None
        self._starts = torch.ones(self.num_envs, dtype=torch.bool, device=self.device)
        self._state: State = policy.initial_state(self.num_envs, self.device)
        self._lengths = np.zeros(self.num_envs, dtype=np.int64)

    def _tensor(self, x: npt.ArrayLike, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.as_tensor(np.asarray(x), dtype=dtype, device=self.device)

    def collect(self, n_steps: int) -> tuple[Rollout, list[EpisodeStats]]:
        """`n_steps` steps of every env; advantages and returns by GAE with the collector's gamma
        and lambda."""
        if self._obs is None:
            self._obs = self._tensor(self.env.reset(seed=self.seed))
        b = self.num_envs
        obs_buf = torch.empty((n_steps, b, self._obs.shape[-1]), device=self.device)
        actions = torch.empty((n_steps, b), dtype=torch.long, device=self.device)
        logp = torch.empty((n_steps, b), device=self.device)
        values = torch.empty((n_steps, b), device=self.device)
        rewards = torch.empty((n_steps, b), device=self.device)
        dones = torch.empty((n_steps, b), dtype=torch.bool, device=self.device)
        starts = torch.empty((n_steps, b), dtype=torch.bool, device=self.device)
        states: list[State] = []
        extras: dict[str, list[torch.Tensor]] = {}
        init_state = self._state
        episodes: list[EpisodeStats] = []
        with torch.no_grad():
            for t in range(n_steps):
                obs_buf[t], starts[t] = self._obs, self._starts
                states.append(self._state)
                out = self.policy(self._obs.unsqueeze(0), self._state, self._starts.unsqueeze(0))
                log_probs = torch.log_softmax(out.logits[0], dim=-1)
                action = torch.multinomial(log_probs.exp(), 1, generator=self.generator).squeeze(1)
                actions[t], values[t] = action, out.value[0]
                logp[t] = log_probs.gather(1, action.unsqueeze(1)).squeeze(1)
                for key, v in out.extras.items():
                    if v.dim() >= 2:
                        extras.setdefault(key, []).append(v[0])
                obs, reward, terminated, truncated, info = self.env.step(action.cpu().numpy())
                done = np.asarray(terminated) | np.asarray(truncated)
                rewards[t] = self._tensor(reward)
                self._bootstrap(rewards, t, out.state, np.asarray(truncated) & ~np.asarray(terminated), info)
                dones[t] = self._tensor(done, torch.bool)
                self._lengths += 1
                episodes.extend(self._finished(done, info))
                self._obs, self._state, self._starts = self._tensor(obs), out.state, dones[t].clone()
            last_value = self.policy(self._obs.unsqueeze(0), self._state, self._starts.unsqueeze(0)).value[0]
        self.env_steps += n_steps * b
        advantages, returns = gae(rewards, values, dones, last_value, self.gamma, self.gae_lambda)
        step_states = tuple(torch.stack([s[k] for s in states]) for k in range(len(init_state)))
        rollout = Rollout(
            obs=obs_buf, actions=actions, logp=logp, values=values, rewards=rewards, dones=dones,
            starts=starts, init_state=init_state, step_states=step_states, advantages=advantages,
            returns=returns, extras={k: torch.stack(v) for k, v in extras.items()},
        )  # fmt: skip
        return rollout, episodes

    def _bootstrap(
        self, rewards: torch.Tensor, t: int, state: State, truncated: Bools, info: dict[str, Any]
    ) -> None:
        final = info.get("final_obs")
        if final is None or not truncated.any():
            return
        idx = torch.as_tensor(np.flatnonzero(truncated), device=self.device)
        obs = self._tensor(np.asarray(final)[truncated]).unsqueeze(0)
        sub = tuple(s[:, idx] for s in state)
        no_start = torch.zeros((1, len(idx)), dtype=torch.bool, device=self.device)
        rewards[t, idx] += self.gamma * self.policy(obs, sub, no_start).value[0]

    def _finished(self, done: Bools, info: dict[str, Any]) -> list[EpisodeStats]:
        out: list[EpisodeStats] = []
        for i in np.flatnonzero(done):
            ret = info.get("episode_return")
            eq = info.get("episode_equity")
            trades = info.get("episode_trades")
            out.append(
                EpisodeStats(
                    env=int(i),
                    ret=float(ret[i]) if ret is not None else float("nan"),
                    equity=float(eq[i]) if eq is not None else float("nan"),
                    trades=int(trades[i]) if trades is not None else -1,
                    length=int(self._lengths[i]),
                )
            )
            self._lengths[i] = 0
        return out
