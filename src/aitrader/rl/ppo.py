"""Recurrent PPO (clipped surrogate, GAE, truncated BPTT) for any `RecurrentPolicy` on a vector env.

Rollouts are time-major (T steps x B environments). The collector keeps the environments'
observations, episode starts and the policy's recurrent state between rollouts, so an episode
runs on across rollouts exactly as it does at trading time, and it stores the state *before*
every step. The loss cuts [t0, t1) into chunks of `seq_len` steps and runs all of them side by
side as one wider batch, each chunk starting from the stored state at its first step (truncated
BPTT: gradients do not flow across chunk boundaries). Minibatches are groups of environments.

`ppo_loss(..., params=...)` evaluates the policy through `torch.func.functional_call`, so MAML
can differentiate the loss with respect to adapted parameters.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn
from torch.func import functional_call

from aitrader.rl.policy import PolicyOutput, RecurrentPolicy, State
from aitrader.rl.rollout import EpisodeStats, Rollout, RolloutCollector, VectorEnv, gae

__all__ = [
    "EpisodeStats",
    "PPOConfig",
    "PPOTrainer",
    "Rollout",
    "RolloutCollector",
    "UpdateReport",
    "VectorEnv",
    "chunk_forward",
    "gae",
    "ppo_loss",
    "ppo_update",
]


@dataclass
class PPOConfig:
    n_steps: int = 128  # rollout length T per environment
    epochs: int = 4
    seq_len: int = 32  # truncated-BPTT chunk
    minibatches: int = 4  # groups of environments per epoch
    lr: float = 3e-4
    gamma: float = 0.99
    gae_lambda: float = 0.95
    clip: float = 0.2
    ent_coef: float = 0.01
    vf_coef: float = 0.5
    max_grad_norm: float = 0.5
    norm_adv: bool = True
    target_kl: float | None = None  # stop the epochs early when the mean approx KL passes it

    def __post_init__(self) -> None:
        if min(self.n_steps, self.epochs, self.seq_len, self.minibatches) < 1:
            raise ValueError("n_steps, epochs, seq_len and minibatches must be positive")
        if not (0 < self.gamma <= 1 and 0 <= self.gae_lambda <= 1 and self.clip > 0):
            raise ValueError("gamma in (0, 1], gae_lambda in [0, 1] and clip > 0 are required")


@dataclass
class UpdateReport:
    """What one PPO update did (the trainer's `on_update` callback receives it)."""

    update: int
    env_steps: int
    steps_per_s: float
    episodes: int  # episodes finished in this update's rollout
    mean_return: float  # over the last 100 finished episodes (NaN before the first)
    mean_equity: float  # final equity / starting cash, same episodes
    policy_loss: float
    value_loss: float
    entropy: float
    approx_kl: float
    clip_frac: float
    extras: dict[str, float] = field(default_factory=dict)


def _call(policy: RecurrentPolicy, params: dict[str, torch.Tensor] | None, *args: Any) -> PolicyOutput:
    if params is None:
        return policy(*args)
    if not isinstance(policy, nn.Module):
        raise TypeError("ppo_loss with params needs the policy to be a torch.nn.Module")
    out: PolicyOutput = functional_call(policy, params, args)
    return out


def _fold(x: torch.Tensor, chunks: int) -> torch.Tensor:
    """(chunks * S, n, ...) time-major -> (S, chunks * n, ...): chunks side by side."""
    s = x.shape[0] // chunks
    y = x.reshape(chunks, s, *x.shape[1:]).movedim(0, 1)
    return y.reshape(s, chunks * x.shape[1], *x.shape[2:])


def _unfold(y: torch.Tensor, chunks: int) -> torch.Tensor:
    """Inverse of `_fold`."""
    s, wide = y.shape[0], y.shape[1]
    x = y.reshape(s, chunks, wide // chunks, *y.shape[2:]).movedim(1, 0)
    return x.reshape(chunks * s, wide // chunks, *y.shape[2:])


def _states_at(rollout: Rollout, times: torch.Tensor, envs: torch.Tensor) -> State:
    """The stored states before steps `times` for `envs`, chunks side by side on the batch dim."""
    out = []
    for s in rollout.step_states:  # (T, X, B, ...)
        picked = s[times][:, :, envs]  # (K, X, n, ...)
        moved = picked.movedim(0, 1)  # (X, K, n, ...)
        out.append(moved.reshape(moved.shape[0], -1, *moved.shape[3:]))
    return tuple(out)


def chunk_forward(
    policy: RecurrentPolicy,
    rollout: Rollout,
    t0: int,
    t1: int,
    envs: torch.Tensor,
    seq_len: int,
    params: dict[str, torch.Tensor] | None = None,
) -> PolicyOutput:
    """The policy over steps [t0, t1) of `envs`, in chunks of `seq_len` from the stored states
    (time-major outputs (t1 - t0, len(envs), ...); `state` is that of the last chunk). Extras of
    two or more dims must be time-major (T, B, ...); lower-dim ones are treated as scalars (a
    remainder chunk's are averaged in by its share of the steps)."""
    if not 0 <= t0 < t1 <= rollout.obs.shape[0]:
        raise ValueError(f"bad step range [{t0}, {t1}) for a rollout of {rollout.obs.shape[0]} steps")
    envs = envs.to(rollout.obs.device)
    full = (t1 - t0) // seq_len
    spans = [(t0, t0 + full * seq_len, full)] if full else []
    if t0 + full * seq_len < t1:
        spans.append((t0 + full * seq_len, t1, 1))
    outs: list[PolicyOutput] = []
    for a, b, k in spans:
        times = torch.arange(a, b, (b - a) // k, device=rollout.obs.device)
        obs = _fold(rollout.obs[a:b][:, envs], k)
        starts = _fold(rollout.starts[a:b][:, envs], k)
        out = _call(policy, params, obs, _states_at(rollout, times, envs), starts)
        extras = {key: _unfold(v, k) for key, v in out.extras.items() if v.dim() >= 2}
        extras.update({key: v for key, v in out.extras.items() if v.dim() < 2})
        outs.append(PolicyOutput(_unfold(out.logits, k), _unfold(out.value, k), out.state, extras))
    if len(outs) == 1:
        return outs[0]
    merged = {
        key: torch.cat([o.extras[key] for o in outs])
        for key in outs[0].extras
        if outs[0].extras[key].dim() >= 2
    }
    for key in outs[0].extras:
        if outs[0].extras[key].dim() < 2:  # scalars such as an auxiliary loss: weighted by steps
            weighted = torch.stack([o.extras[key] * o.logits.shape[0] for o in outs])
            merged[key] = weighted.sum(0) / (t1 - t0)
    logits = torch.cat([o.logits for o in outs])
    value = torch.cat([o.value for o in outs])
    return PolicyOutput(logits, value, outs[-1].state, merged)


def ppo_loss(
    policy: RecurrentPolicy,
    rollout: Rollout,
    t0: int,
    t1: int,
    envs: torch.Tensor,
    cfg: PPOConfig,
    params: dict[str, torch.Tensor] | None = None,
) -> tuple[torch.Tensor, dict[str, float]]:
    """Clipped-surrogate PPO loss over steps [t0, t1) of `envs` (value loss and entropy bonus
    included; an `extras["aux_loss"]` scalar of the policy, e.g. a load-balancing term, is added)."""
    out = chunk_forward(policy, rollout, t0, t1, envs, cfg.seq_len, params)
    envs = envs.to(rollout.obs.device)
    actions = rollout.actions[t0:t1][:, envs]
    old_logp = rollout.logp[t0:t1][:, envs]
    adv = rollout.advantages[t0:t1][:, envs]
    returns = rollout.returns[t0:t1][:, envs]
    logp_all = torch.log_softmax(out.logits, dim=-1)
    logp = logp_all.gather(-1, actions.unsqueeze(-1)).squeeze(-1)
    entropy = -(logp_all.exp() * logp_all).sum(-1).mean()
    if cfg.norm_adv and adv.numel() > 1:
        adv = (adv - adv.mean()) / (adv.std() + 1e-8)
    log_ratio = logp - old_logp
    ratio = log_ratio.exp()
    surrogate = torch.max(-adv * ratio, -adv * ratio.clamp(1.0 - cfg.clip, 1.0 + cfg.clip))
    policy_loss = surrogate.mean()
    value_loss = 0.5 * (out.value - returns).pow(2).mean()
    loss = policy_loss + cfg.vf_coef * value_loss - cfg.ent_coef * entropy
    stats: dict[str, float] = {}
    aux = out.extras.get("aux_loss")
    if aux is not None:
        loss = loss + aux
        stats["aux_loss"] = float(aux.detach())
    with torch.no_grad():
        stats.update(
            loss=float(loss),
            policy_loss=float(policy_loss),
            value_loss=float(value_loss),
            entropy=float(entropy),
            approx_kl=float(((ratio - 1.0) - log_ratio).mean()),
            clip_frac=float(((ratio - 1.0).abs() > cfg.clip).float().mean()),
        )
    return loss, stats


def ppo_update(
    policy: RecurrentPolicy,
    optimizer: torch.optim.Optimizer,
    rollout: Rollout,
    cfg: PPOConfig,
    generator: torch.Generator | None = None,
) -> dict[str, float]:
    """`epochs` passes over the rollout, one gradient step per group of environments (shuffled
    with `generator`); returns the means of the minibatch statistics."""
    if not isinstance(policy, nn.Module):
        raise TypeError("ppo_update trains a torch.nn.Module policy")
    steps, batch = rollout.steps, rollout.num_envs
    groups = min(cfg.minibatches, batch)
    totals: dict[str, float] = {}
    count = 0
    for _ in range(cfg.epochs):
        epoch_kl: list[float] = []
        for envs in torch.randperm(batch, generator=generator).chunk(groups):
            loss, stats = ppo_loss(policy, rollout, 0, steps, envs, cfg)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()  # type: ignore[no-untyped-call]
            stats["grad_norm"] = float(nn.utils.clip_grad_norm_(policy.parameters(), cfg.max_grad_norm))
            optimizer.step()
            for key, value in stats.items():
                totals[key] = totals.get(key, 0.0) + value
            count += 1
            epoch_kl.append(stats["approx_kl"])
        if cfg.target_kl is not None and sum(epoch_kl) / len(epoch_kl) > cfg.target_kl:
            break
    return {key: value / count for key, value in totals.items()}


class PPOTrainer:
    """Collects rollouts from a vector env and updates the policy with PPO."""

    def __init__(
        self,
        policy: RecurrentPolicy,
        env: VectorEnv,
        cfg: PPOConfig | None = None,
        optimizer: torch.optim.Optimizer | None = None,
        device: torch.device | None = None,
        seed: int = 0,
    ) -> None:
        if not isinstance(policy, nn.Module):
            raise TypeError("PPOTrainer trains a torch.nn.Module policy")
        self.cfg = cfg or PPOConfig()
        self.device = device or torch.device("cpu")
        self.policy = policy
        self.module: nn.Module = policy
        self.module.to(self.device)
        self.optimizer = optimizer or torch.optim.Adam(self.module.parameters(), lr=self.cfg.lr, eps=1e-5)
        self.collector = RolloutCollector(
            env, policy, self.device, gamma=self.cfg.gamma, gae_lambda=self.cfg.gae_lambda, seed=seed
        )
        self._perm = torch.Generator().manual_seed(seed + 1)
        self.updates = 0
        self.recent: deque[EpisodeStats] = deque(maxlen=100)

    @property
    def env_steps(self) -> int:
        return self.collector.env_steps

    def update(self, rollout: Rollout) -> dict[str, float]:
        """`ppo_update` of the rollout with this trainer's optimizer."""
        return ppo_update(self.policy, self.optimizer, rollout, self.cfg, self._perm)

    def train(
        self, total_steps: int, on_update: Callable[[UpdateReport], None] | None = None
    ) -> list[UpdateReport]:
        """Run updates until `total_steps` more environment steps are done (rounded up to whole
        rollouts); returns the reports (also passed to `on_update` as they happen)."""
        per_update = self.cfg.n_steps * self.collector.num_envs
        reports: list[UpdateReport] = []
        for _ in range(max(0, math.ceil(total_steps / per_update))):
            began = time.perf_counter()
            rollout, episodes = self.collector.collect(self.cfg.n_steps)
            stats = self.update(rollout)
            elapsed = max(time.perf_counter() - began, 1e-9)
            self.updates += 1
            self.recent.extend(episodes)
            report = self._report(rollout, episodes, stats, per_update / elapsed)
            reports.append(report)
            if on_update is not None:
                on_update(report)
        return reports

    def _report(
        self, rollout: Rollout, episodes: list[EpisodeStats], stats: dict[str, float], speed: float
    ) -> UpdateReport:
        recent = list(self.recent)
        extras = {k: v for k, v in stats.items() if k in ("aux_loss", "grad_norm")}
        gate = rollout.extras.get("gate")
        if gate is not None:
            means = gate.reshape(-1, gate.shape[-1]).float().mean(0).tolist()
            extras.update({f"gate_{k}": float(w) for k, w in enumerate(means)})
        return UpdateReport(
            update=self.updates,
            env_steps=self.env_steps,
            steps_per_s=speed,
            episodes=len(episodes),
            mean_return=sum(e.ret for e in recent) / len(recent) if recent else math.nan,
            mean_equity=sum(e.equity for e in recent) / len(recent) if recent else math.nan,
            policy_loss=stats["policy_loss"],
            value_loss=stats["value_loss"],
            entropy=stats["entropy"],
            approx_kl=stats["approx_kl"],
            clip_frac=stats["clip_frac"],
            extras=extras,
        )
