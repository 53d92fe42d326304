"""MAML over (instrument, timeframe) tasks (PRD epic 4), for any recurrent policy module (the
PPO-LSTM actor-critic, the mixture of experts).

A task is one series with its trading rules and training range (`MetaTask`). Each meta-iteration
samples `tasks_per_batch` tasks without replacement and, for each:

- support: a rollout of the meta-parameters θ on the task's own vector env;
- inner loop: `inner_steps` gradient steps of the PPO loss (`ppo.ppo_loss(params=...)`, evaluated
  with `torch.func.functional_call`) on that rollout, θ' = θ - inner_lr * clip(∇L) — a functional
  update into new tensors, so θ itself and the other tasks' adaptations are untouched;
- query: a fresh rollout of θ' on the same task (the steps after the support ones) and the PPO
  loss of θ' on it.

The meta-loss is the mean query loss over the batch; one meta-optimiser (Adam) step on θ follows.
`order=2` keeps the inner gradients in the graph (`create_graph=True`), so the meta-gradient
flows through the adaptation (true MAML); `order=1` detaches them (first-order MAML: the query
gradient at θ' is applied to θ). cuDNN's LSTM has no double backward, so second order runs with
cuDNN off on a GPU.

Returns reported before and after adaptation are the support and query rollouts' summed rewards
per environment (rewards as PPO sees them: a truncated episode's last reward includes the
bootstrap value); they are different stretches of the same task, so they are noisy per iteration.
"""

from __future__ import annotations

import copy
import dataclasses
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import torch
from torch import nn
from torch.func import functional_call

from aitrader.rl.env_config import EnvConfig
from aitrader.rl.policy import PolicyOutput, RecurrentPolicy, State
from aitrader.rl.ppo import PPOConfig, Rollout, RolloutCollector, ppo_loss
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

Params = dict[str, torch.Tensor]


@dataclass
class MAMLConfig:
    order: Literal[1, 2] = 1
    inner_steps: int = 1
    inner_lr: float = 0.05  # SGD step of the inner loop
    inner_max_grad_norm: float | None = 1.0  # the inner gradient is scaled down to this norm
    tasks_per_batch: int = 2
    meta_lr: float = 3e-4
    max_grad_norm: float = 0.5  # of the meta-gradient
    n_envs: int = 4  # environments per task
    support_steps: int = 64  # rollout length of the support set (per environment)
    query_steps: int = 64
    seed: int = 0
    ppo: PPOConfig = field(default_factory=PPOConfig)  # loss coefficients, gamma, lambda, seq_len

    def __post_init__(self) -> None:
        if self.order not in (1, 2):
            raise ValueError(f"order is 1 (first-order) or 2 (second-order), got {self.order}")
        if min(self.inner_steps, self.tasks_per_batch, self.n_envs, self.support_steps, self.query_steps) < 1:
            raise ValueError("inner_steps, tasks_per_batch, n_envs and rollout lengths must be positive")
        if self.inner_lr <= 0 or self.meta_lr <= 0:
            raise ValueError("inner_lr and meta_lr must be positive")


@dataclass(frozen=True)
class MetaTask:
    """One (instrument, timeframe) task: a series, the rules it trades under, its bar range."""

    name: str
    series: EnvSeries
    config: EnvConfig
    start: int = 0
    stop: int | None = None

    @classmethod
    def from_series(
        cls, series: EnvSeries, config: EnvConfig | None = None, start: int = 0, stop: int | None = None
    ) -> MetaTask:
        return cls(f"{series.symbol} {series.timeframe.value}", series, config or EnvConfig(), start, stop)

    def env(self, n_envs: int, seed: int) -> VectorTradingEnv:
        return VectorTradingEnv(self.series, self.config, n_envs, start=self.start, stop=self.stop, seed=seed)


@dataclass(frozen=True)
class TaskResult:
    name: str
    pre_return: float  # support rollout (θ)
    post_return: float  # query rollout (θ')
    inner_losses: tuple[float, ...]  # PPO loss before each inner step
    query_loss: float


@dataclass(frozen=True)
class MetaIterationReport:
    iteration: int
    meta_loss: float
    pre_return: float  # mean over the batch's tasks
    post_return: float
    grad_norm: float  # of the meta-gradient, before clipping
    seconds: float
    tasks: tuple[TaskResult, ...]


class FunctionalPolicy:
    """`module` run with `params` in place of its own (a `RecurrentPolicy`; what the collector
    acts with after adaptation)."""

    def __init__(self, module: nn.Module, params: Params) -> None:
        self.module = module
        self.params = params
        self.obs_dim: int = int(getattr(module, "obs_dim"))  # noqa: B009 - the protocol's attribute
        self.n_actions: int = int(getattr(module, "n_actions"))  # noqa: B009

    def initial_state(self, batch: int, device: torch.device | None = None) -> State:
        policy: RecurrentPolicy = self.module  # type: ignore[assignment]
        return policy.initial_state(batch, device)

    def __call__(self, obs: torch.Tensor, state: State, starts: torch.Tensor) -> PolicyOutput:
        out: PolicyOutput = functional_call(self.module, self.params, (obs, state, starts))
        return out

    def config(self) -> dict[str, object]:
        policy: RecurrentPolicy = self.module  # type: ignore[assignment]
        return policy.config()


def _module(policy: RecurrentPolicy) -> nn.Module:
    if not isinstance(policy, nn.Module):
        raise TypeError("MAML needs the policy to be a torch.nn.Module")
    return policy


def rollout_return(rollout: Rollout) -> float:
    """Summed rewards over the rollout, mean over its environments."""
    return float(rollout.rewards.sum(dim=0).mean())


def inner_adapt(
    policy: RecurrentPolicy,
    rollout: Rollout,
    params: Mapping[str, torch.Tensor],
    cfg: MAMLConfig,
    steps: int | None = None,
) -> tuple[Params, list[float]]:
    """`steps` (default `cfg.inner_steps`) SGD steps of the PPO loss on `rollout`, starting from
    `params`; returns new tensors (the inputs are not modified) and the loss before each step.
    With `cfg.order == 2` the result stays differentiable with respect to `params`."""
    second = cfg.order == 2
    envs = torch.arange(rollout.num_envs)
    losses: list[float] = []
    current: Params = dict(params)
    for _ in range(cfg.inner_steps if steps is None else steps):
        loss, _stats = ppo_loss(policy, rollout, 0, rollout.steps, envs, cfg.ppo, params=current)
        losses.append(float(loss.detach()))
        names = [n for n, p in current.items() if p.requires_grad]
        if not names:
            raise ValueError("no parameter requires a gradient: nothing to adapt")
        grads = torch.autograd.grad(loss, [current[n] for n in names], create_graph=second, allow_unused=True)
        pairs = [(n, g if second else g.detach()) for n, g in zip(names, grads, strict=True) if g is not None]
        scale: torch.Tensor | float = 1.0
        if cfg.inner_max_grad_norm is not None and pairs:
            norm = torch.stack([(g * g).sum() for _, g in pairs]).sum().sqrt()
            scale = (cfg.inner_max_grad_norm / (norm + 1e-6)).clamp(max=1.0)
        current = dict(current)
        for n, g in pairs:
            current[n] = current[n] - cfg.inner_lr * scale * g
    return current, losses


class MetaLearner:
    """Meta-trains `policy` in place over `tasks` (one persistent env + collector per task, so
    each task's rollouts walk on through its training range across iterations)."""

    def __init__(
        self,
        policy: RecurrentPolicy,
        tasks: Sequence[MetaTask],
        cfg: MAMLConfig | None = None,
        device: torch.device | None = None,
    ) -> None:
        if not tasks:
            raise ValueError("MAML needs at least one task")
        self.cfg = cfg or MAMLConfig()
        self.policy = policy
        self.module = _module(policy)
        self.tasks = list(tasks)
        self.device = device or torch.device("cpu")
        self.module.to(self.device).train()  # cuDNN's LSTM backward needs training mode
        self.optimizer = torch.optim.Adam(self.module.parameters(), lr=self.cfg.meta_lr, eps=1e-5)
        self.rng = np.random.default_rng(self.cfg.seed)
        self.iterations = 0
        self._collectors: dict[int, RolloutCollector] = {}

    def _collector(self, index: int) -> RolloutCollector:
        if index not in self._collectors:
            seed = self.cfg.seed + 1000 * index
            env = self.tasks[index].env(self.cfg.n_envs, seed)
            p = self.cfg.ppo
            self._collectors[index] = RolloutCollector(
                env, self.policy, self.device, p.gamma, p.gae_lambda, seed
            )
        return self._collectors[index]

    def sample(self) -> list[int]:
        k = min(self.cfg.tasks_per_batch, len(self.tasks))
        return sorted(int(i) for i in self.rng.choice(len(self.tasks), size=k, replace=False))

    def task_loss(self, index: int) -> tuple[torch.Tensor, TaskResult]:
        """Support rollout, inner adaptation, query rollout and the query loss of one task (the
        loss is differentiable with respect to the meta-parameters)."""
        cfg, collector = self.cfg, self._collector(index)
        collector.policy = self.policy
        support, _ = collector.collect(cfg.support_steps)
        meta = dict(self.module.named_parameters())
        adapted, inner_losses = inner_adapt(self.policy, support, meta, cfg)
        collector.policy = FunctionalPolicy(self.module, {n: p.detach() for n, p in adapted.items()})
        try:
            query, _ = collector.collect(cfg.query_steps)
        finally:
            collector.policy = self.policy
        envs = torch.arange(query.num_envs)
        loss, _stats = ppo_loss(self.policy, query, 0, query.steps, envs, cfg.ppo, params=adapted)
        result = TaskResult(
            self.tasks[index].name,
            rollout_return(support),
            rollout_return(query),
            tuple(inner_losses),
            float(loss.detach()),
        )
        return loss, result

    def step(self) -> MetaIterationReport:
        """One meta-iteration (see the module docstring)."""
        began = time.perf_counter()
        cudnn_off = self.cfg.order == 2 and self.device.type == "cuda"
        with torch.backends.cudnn.flags(enabled=not cudnn_off):
            losses, results = [], []
            for index in self.sample():
                loss, result = self.task_loss(index)
                losses.append(loss)
                results.append(result)
            meta_loss = torch.stack(losses).mean()
            self.optimizer.zero_grad(set_to_none=True)
            meta_loss.backward()  # type: ignore[no-untyped-call]
        grad_norm = float(nn.utils.clip_grad_norm_(self.module.parameters(), self.cfg.max_grad_norm))
        self.optimizer.step()
        self.iterations += 1
        return MetaIterationReport(
            iteration=self.iterations,
            meta_loss=float(meta_loss.detach()),
            pre_return=float(np.mean([r.pre_return for r in results])),
            post_return=float(np.mean([r.post_return for r in results])),
            grad_norm=grad_norm,
            seconds=time.perf_counter() - began,
            tasks=tuple(results),
        )


def meta_train(
    policy: RecurrentPolicy,
    tasks: Sequence[MetaTask],
    cfg: MAMLConfig | None = None,
    iterations: int = 1,
    on_iteration: Callable[[MetaIterationReport], None] | None = None,
    device: torch.device | None = None,
) -> list[MetaIterationReport]:
    """Meta-train `policy` in place for `iterations` meta-iterations; the reports are also passed
    to `on_iteration` as they happen. Save the meta-parameters with `checkpoint.save_checkpoint`."""
    learner = MetaLearner(policy, tasks, cfg, device)
    reports: list[MetaIterationReport] = []
    for _ in range(iterations):
        report = learner.step()
        reports.append(report)
        if on_iteration is not None:
            on_iteration(report)
    return reports


def adapt(
    policy: RecurrentPolicy,
    task: MetaTask,
    steps: int | None = None,
    cfg: MAMLConfig | None = None,
    device: torch.device | None = None,
) -> RecurrentPolicy:
    """A copy of `policy` adapted to `task` as in the inner loop: one support rollout on the task,
    then `steps` (default `cfg.inner_steps`) gradient steps of the PPO loss with `inner_lr`. The
    policy given is not modified."""
    c = cfg or MAMLConfig()
    adapted = copy.deepcopy(_module(policy))
    dev = device or torch.device("cpu")
    adapted.to(dev).train()  # a loaded checkpoint is in eval mode; cuDNN's LSTM backward needs train
    copy_policy: RecurrentPolicy = adapted  # type: ignore[assignment]
    p = c.ppo
    collector = RolloutCollector(task.env(c.n_envs, c.seed), copy_policy, dev, p.gamma, p.gae_lambda, c.seed)
    support, _ = collector.collect(c.support_steps)
    first_order = dataclasses.replace(c, order=1)  # the copy's own steps: no meta-gradient needed
    new, _ = inner_adapt(copy_policy, support, dict(adapted.named_parameters()), first_order, steps)
    with torch.no_grad():
        for name, param in adapted.named_parameters():
            param.copy_(new[name])
    return copy_policy
