"""MAML over real (instrument, timeframe) tasks — BTCUSDT 1h spot and NIFTY50 1d futures rules,
ETHUSDT 1m held out: isolated inner adaptation, second- vs first-order meta-gradients, one
meta-iteration, adaptation of a copy."""

from __future__ import annotations

import dataclasses

import pytest
import torch

from aitrader.data.sample import load_sample
from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.maml import (
    FunctionalPolicy,
    MAMLConfig,
    MetaIterationReport,
    MetaTask,
    adapt,
    inner_adapt,
    meta_train,
)
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.moe import MixtureOfExperts
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import RecurrentPolicy
from aitrader.rl.ppo import PPOConfig, Rollout, RolloutCollector, ppo_loss
from aitrader.rl.series import EnvSeries
from aitrader.rl.splits import split_bars

torch.set_num_threads(1)
SPEC = ObsSpec(zscore_window=64)
CFG = MAMLConfig(
    inner_steps=2, inner_lr=0.1, tasks_per_batch=2, n_envs=2, support_steps=16, query_steps=16,
    ppo=PPOConfig(seq_len=16),
)  # fmt: skip


def task(symbol: str, timeframe: str, bars: int, config: EnvConfig) -> MetaTask:
    series = EnvSeries.from_candles(load_sample(symbol, timeframe).slice(0, bars), SPEC)
    train = split_bars(len(series), series.first_valid, gap=SPEC.warmup).train
    return MetaTask.from_series(series, config, train.start, train.stop)


@pytest.fixture(scope="module")
def tasks() -> list[MetaTask]:
    return [
        task("BTCUSDT", "1h", 2000, EnvConfig(episode_bars=64)),
        task("NIFTY50", "1d", 2000, EnvConfig.for_index_futures(episode_bars=64)),
    ]


def make_policy(seed: int = 0) -> LSTMActorCritic:
    torch.manual_seed(seed)
    return LSTMActorCritic(SPEC.obs_dim, N_ACTIONS, hidden=16)


def snapshot(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone() for n, p in module.named_parameters()}


def same(a: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> bool:
    return all(torch.equal(a[n], b[n]) for n in a)


def rollout(t: MetaTask, policy: RecurrentPolicy, steps: int = 16, seed: int = 0) -> Rollout:
    collector = RolloutCollector(t.env(2, seed), policy, seed=seed)
    return collector.collect(steps)[0]


def test_inner_adaptation_leaves_the_meta_parameters_unchanged(tasks: list[MetaTask]) -> None:
    policy = make_policy()
    before = snapshot(policy)
    support = rollout(tasks[0], policy)
    for order in (1, 2):
        adapted, losses = inner_adapt(
            policy, support, dict(policy.named_parameters()), dataclasses.replace(CFG, order=order)
        )
        assert len(losses) == CFG.inner_steps
        assert all(map(torch.isfinite, map(torch.tensor, losses)))
        assert same(before, snapshot(policy))  # θ untouched, no gradient left on it
        assert all(p.grad is None for p in policy.parameters())
        assert not same(before, {n: p.detach() for n, p in adapted.items()})
        # the adapted parameters act differently on the same observations
        obs, starts = support.obs, support.starts
        a = policy(obs, support.init_state, starts).logits
        b = FunctionalPolicy(policy, adapted)(obs, support.init_state, starts).logits
        assert not torch.allclose(a, b)
    # two tasks adapt independently from the same θ
    other = rollout(tasks[1], policy)
    one, _ = inner_adapt(policy, support, dict(policy.named_parameters()), CFG)
    two, _ = inner_adapt(policy, other, dict(policy.named_parameters()), CFG)
    assert not same({n: p.detach() for n, p in one.items()}, {n: p.detach() for n, p in two.items()})


def to_float64(r: Rollout) -> Rollout:
    fields = {f.name: getattr(r, f.name) for f in dataclasses.fields(r)}
    for k, v in fields.items():
        if isinstance(v, torch.Tensor) and v.is_floating_point():
            fields[k] = v.double()
        elif isinstance(v, tuple):
            fields[k] = tuple(x.double() for x in v)
    return Rollout(**fields)


def test_second_order_gradients_are_exact_finite_and_differ_from_first_order(tasks: list[MetaTask]) -> None:
    """In float64, the second-order meta-gradient of L_query(adapt(θ)) matches a central finite
    difference along a random direction; the first-order one does not."""
    policy = make_policy(1)
    support = rollout(tasks[1], policy, seed=1)
    query = rollout(tasks[1], policy, seed=2)
    policy.double()
    support, query = to_float64(support), to_float64(query)
    envs = torch.arange(query.num_envs)

    def meta_loss(params: dict[str, torch.Tensor], order: int) -> torch.Tensor:
        cfg = dataclasses.replace(CFG, order=order)
        adapted, _ = inner_adapt(policy, support, params, cfg)
        return ppo_loss(policy, query, 0, query.steps, envs, cfg.ppo, params=adapted)[0]

    grads = {
        order: torch.cat(
            [
                g.flatten()
                for g in torch.autograd.grad(
                    meta_loss(dict(policy.named_parameters()), order), list(policy.parameters())
                )
            ]
        )
        for order in (1, 2)
    }
    assert torch.isfinite(grads[1]).all()
    assert torch.isfinite(grads[2]).all()
    relative = float((grads[2] - grads[1]).norm() / grads[2].norm())
    assert relative > 0.01  # the Hessian term is there
    gen = torch.Generator().manual_seed(0)
    direction = [torch.randn(p.shape, generator=gen, dtype=p.dtype) for p in policy.parameters()]
    eps = 1e-5
    shifted = [
        {
            n: (p.detach() + sign * eps * d).requires_grad_()
            for (n, p), d in zip(policy.named_parameters(), direction, strict=True)
        }
        for sign in (1.0, -1.0)
    ]
    finite_diff = float((meta_loss(shifted[0], 2) - meta_loss(shifted[1], 2)).detach()) / (2 * eps)
    flat_dir = torch.cat([d.flatten() for d in direction])
    assert float(grads[2] @ flat_dir) == pytest.approx(finite_diff, rel=1e-5, abs=1e-8)
    assert abs(float(grads[1] @ flat_dir) - finite_diff) > 1e-4


@pytest.mark.parametrize("order", [1, 2])
def test_one_meta_iteration_on_two_real_tasks_changes_the_meta_parameters(
    tasks: list[MetaTask], order: int
) -> None:
    policy = make_policy(2)
    before = snapshot(policy)
    seen: list[MetaIterationReport] = []
    reports = meta_train(
        policy, tasks, dataclasses.replace(CFG, order=order), iterations=1, on_iteration=seen.append
    )
    assert reports == seen
    assert len(reports) == 1
    report = reports[0]
    assert sorted(t.name for t in report.tasks) == ["BTCUSDT 1h", "NIFTY50 1d"]
    assert torch.isfinite(
        torch.tensor([report.meta_loss, report.pre_return, report.post_return, report.grad_norm])
    ).all()
    assert all(len(t.inner_losses) == CFG.inner_steps for t in report.tasks)
    assert report.meta_loss == pytest.approx(sum(t.query_loss for t in report.tasks) / 2, rel=1e-5)
    assert not same(before, snapshot(policy))


def test_meta_training_a_mixture_of_experts(tasks: list[MetaTask]) -> None:
    torch.manual_seed(3)
    moe = MixtureOfExperts(SPEC.obs_dim, hidden=8, gate_hidden=8)
    gate_before = snapshot(moe.gate)
    cfg = dataclasses.replace(CFG, inner_steps=1, tasks_per_batch=1, support_steps=8, query_steps=8)
    reports = meta_train(moe, tasks, cfg, iterations=2)
    assert [r.iteration for r in reports] == [1, 2]
    assert all(len(r.tasks) == 1 for r in reports)
    assert not same(gate_before, snapshot(moe.gate))  # the gate is meta-learned with the experts


def test_adapt_on_a_held_out_series_changes_the_copy_only() -> None:
    held_out = task("ETHUSDT", "1m", 1500, EnvConfig(episode_bars=64))
    policy = make_policy(4)
    before = snapshot(policy)
    adapted = adapt(policy, held_out, steps=3, cfg=CFG)
    assert adapted is not policy
    assert isinstance(adapted, LSTMActorCritic)
    assert same(before, snapshot(policy))
    assert not same(before, snapshot(adapted))
    assert adapted.config() == policy.config()
    again = adapt(policy, held_out, steps=3, cfg=CFG)  # seeded: the same adaptation
    assert same(snapshot(adapted), snapshot(again))  # type: ignore[arg-type]
