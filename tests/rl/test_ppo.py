"""Recurrent PPO on the vector env over real BTCUSDT 1h candles: GAE, the clipped loss, truncated
BPTT from the stored states, functional_call, reproducibility."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
import torch

from aitrader.data.sample import load_sample
from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import ObsSpec
from aitrader.rl.policy import PolicyOutput, State
from aitrader.rl.ppo import (
    PPOConfig,
    PPOTrainer,
    Rollout,
    RolloutCollector,
    UpdateReport,
    chunk_forward,
    gae,
    ppo_loss,
)
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

torch.set_num_threads(1)
SPEC = ObsSpec(zscore_window=64)


@pytest.fixture(scope="module")
def btc() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("BTCUSDT", "1h").slice(0, 4000), SPEC)


def make_env(series: EnvSeries, n_envs: int = 6, episode_bars: int = 512, seed: int = 0) -> VectorTradingEnv:
    return VectorTradingEnv(series, EnvConfig(episode_bars=episode_bars), n_envs=n_envs, seed=seed)


def make_policy(seed: int = 0, hidden: int = 32) -> LSTMActorCritic:
    torch.manual_seed(seed)
    return LSTMActorCritic(SPEC.obs_dim, N_ACTIONS, hidden=hidden)


def collect(series: EnvSeries, policy: LSTMActorCritic, steps: int, episode_bars: int = 512) -> Rollout:
    rollout, _ = RolloutCollector(make_env(series, episode_bars=episode_bars), policy, seed=0).collect(steps)
    return rollout


def test_gae_against_a_hand_computed_example() -> None:
    rewards = torch.tensor([[1.0], [0.0], [2.0]])
    values = torch.tensor([[0.5], [1.0], [0.2]])
    dones = torch.tensor([[False], [True], [False]])
    last = torch.tensor([0.4])
    g, lam = 0.9, 0.8
    # t=2: delta = 2 + 0.9*0.4 - 0.2 = 2.16; A2 = 2.16
    # t=1: the episode ends here: delta = 0 - 1.0 = -1.0; A1 = -1.0 (nothing carried back)
    # t=0: delta = 1 + 0.9*1.0 - 0.5 = 1.4; A0 = 1.4 + 0.9*0.8*(-1.0) = 0.68
    adv, ret = gae(rewards, values, dones, last, g, lam)
    torch.testing.assert_close(adv, torch.tensor([[0.68], [-1.0], [2.16]]))
    torch.testing.assert_close(ret, adv + values)


def test_collector_keeps_obs_starts_and_state_between_rollouts(btc: EnvSeries) -> None:
    policy = make_policy()
    env = make_env(btc, n_envs=4, episode_bars=24)
    collector = RolloutCollector(env, policy, seed=3)
    first, eps1 = collector.collect(40)
    second, eps2 = collector.collect(40)
    assert first.starts[0].all()  # after the first reset every env begins an episode
    torch.testing.assert_close(second.starts[0], first.dones[-1])
    torch.testing.assert_close(first.starts[1:], first.dones[:-1])
    # the state the second rollout starts from is where the first one left it
    after = policy(first.obs, first.init_state, first.starts).state
    for a, b in zip(second.init_state, after, strict=True):
        torch.testing.assert_close(a, b)
    for s, init in zip(first.step_states, first.init_state, strict=True):
        torch.testing.assert_close(s[0], init)
    # 24-bar episodes (truncated, or ended earlier): every one is recorded with the env's return
    episodes = eps1 + eps2
    assert len(episodes) >= 4 * 80 // 24 - 4
    assert all(1 <= e.length <= 24 and math.isfinite(e.ret) and e.equity > 0 for e in episodes)
    assert collector.env_steps == 2 * 40 * 4
    assert torch.isfinite(first.advantages).all()
    assert torch.isfinite(first.returns).all()


def test_chunked_bptt_equals_the_full_forward(btc: EnvSeries) -> None:
    """Chunks from the stored states give what one pass over the whole rollout gives, with and
    without episode starts inside, for any chunk length and step range; and the log-probs taken
    while acting are recovered exactly (ratio 1 before the first update)."""
    policy = make_policy(1)
    for episode_bars, steps in ((512, 64), (20, 64)):
        rollout = collect(btc, policy, steps, episode_bars)
        assert bool(rollout.starts[1:].any()) == (episode_bars < steps)
        full = policy(rollout.obs, rollout.init_state, rollout.starts)
        envs = torch.arange(rollout.num_envs)
        for seq_len in (64, 32, 24, 7):
            out = chunk_forward(policy, rollout, 0, steps, envs, seq_len)
            torch.testing.assert_close(out.logits, full.logits, atol=1e-5, rtol=1e-5)
            torch.testing.assert_close(out.value, full.value, atol=1e-5, rtol=1e-5)
        part = chunk_forward(policy, rollout, 10, 50, torch.tensor([4, 1]), 16)
        torch.testing.assert_close(part.logits, full.logits[10:50][:, [4, 1]], atol=1e-5, rtol=1e-5)
        logp = torch.log_softmax(full.logits, -1).gather(-1, rollout.actions[..., None])[..., 0]
        torch.testing.assert_close(logp, rollout.logp, atol=1e-5, rtol=1e-5)
        _, stats = ppo_loss(policy, rollout, 0, steps, envs, PPOConfig(seq_len=16))
        assert abs(stats["approx_kl"]) < 1e-6
        assert stats["clip_frac"] == 0.0


def test_clipped_surrogate(btc: EnvSeries) -> None:
    """ratio above 1+clip with a positive advantage: the loss is flat (clipped, no gradient);
    with a negative advantage it is not clipped."""
    policy = make_policy(2)
    rollout = collect(btc, policy, 32)
    cfg = PPOConfig(seq_len=16, norm_adv=False, clip=0.2)
    envs = torch.arange(rollout.num_envs)
    shifted = copy.copy(rollout)
    shifted.logp = rollout.logp - 0.5  # ratio = e^0.5 ~ 1.65
    head = [p for n, p in policy.named_parameters() if n.startswith("body.head")]
    for adv_sign, expect_loss, expect_grad in ((1.0, -1.2, False), (-1.0, math.exp(0.5), True)):
        shifted.advantages = torch.full_like(rollout.advantages, adv_sign)
        cfg_pg = PPOConfig(seq_len=16, norm_adv=False, vf_coef=0.0, ent_coef=0.0)
        loss, stats = ppo_loss(policy, shifted, 0, 32, envs, cfg_pg)
        assert stats["policy_loss"] == pytest.approx(expect_loss, rel=1e-5)
        assert stats["clip_frac"] == 1.0
        grads = torch.autograd.grad(loss, head)
        assert any(g.abs().sum() > 0 for g in grads) == expect_grad
    same = copy.copy(rollout)
    same.advantages = torch.ones_like(rollout.advantages)
    _, stats = ppo_loss(policy, same, 0, 32, envs, cfg)
    assert stats["policy_loss"] == pytest.approx(-1.0, rel=1e-5)
    assert stats["clip_frac"] == 0.0
    assert all(math.isfinite(v) for v in stats.values())


def test_ppo_loss_through_functional_call_equals_the_module(btc: EnvSeries) -> None:
    policy = make_policy(3)
    rollout = collect(btc, policy, 48, episode_bars=30)
    cfg = PPOConfig(seq_len=16)
    envs = torch.tensor([0, 2, 5])
    params = dict(policy.named_parameters())
    loss, stats = ppo_loss(policy, rollout, 0, 48, envs, cfg)
    loss_f, stats_f = ppo_loss(policy, rollout, 0, 48, envs, cfg, params=params)
    assert loss_f.item() == pytest.approx(loss.item(), rel=1e-6)
    g = torch.autograd.grad(loss, list(params.values()))
    g_f = torch.autograd.grad(loss_f, list(params.values()))
    for a, b in zip(g, g_f, strict=True):
        torch.testing.assert_close(a, b)
    # adapted parameters (one SGD step, kept in the graph) equal a module holding those weights
    adapted = {k: p - 0.1 * gk for (k, p), gk in zip(params.items(), g, strict=True)}
    moved = copy.deepcopy(policy)
    with torch.no_grad():
        for k, p in moved.named_parameters():
            p.copy_(adapted[k])
    loss_a, _ = ppo_loss(policy, rollout, 0, 48, envs, cfg, params=adapted)
    loss_m, _ = ppo_loss(moved, rollout, 0, 48, envs, cfg)
    assert loss_a.item() == pytest.approx(loss_m.item(), rel=1e-5)
    assert stats_f.keys() == stats.keys()


class GatedCritic(LSTMActorCritic):
    """An actor-critic that also reports a gate and an auxiliary loss, as a mixture of experts does."""

    def forward(self, obs: torch.Tensor, state: State, starts: torch.Tensor) -> PolicyOutput:
        out = super().forward(obs, state, starts)
        out.extras["gate"] = torch.softmax(obs[..., :2], dim=-1)
        out.extras["aux_loss"] = 0.01 * out.value.pow(2).mean()
        return out


def test_training_is_finite_reproducible_and_reports(btc: EnvSeries) -> None:
    cfg = PPOConfig(n_steps=32, epochs=2, seq_len=16, minibatches=2)

    def run(
        seed: int, policy_cls: type[LSTMActorCritic] = LSTMActorCritic
    ) -> tuple[list[UpdateReport], State]:
        torch.manual_seed(seed)
        policy = policy_cls(SPEC.obs_dim, N_ACTIONS, hidden=16)
        trainer = PPOTrainer(policy, make_env(btc, n_envs=4, episode_bars=20, seed=seed), cfg, seed=seed)
        seen: list[UpdateReport] = []
        reports = trainer.train(3 * 32 * 4, seen.append)
        assert seen == reports
        return reports, tuple(p.detach().clone() for p in policy.parameters())

    reports, params = run(7)
    assert [r.update for r in reports] == [1, 2, 3]
    assert [r.env_steps for r in reports] == [128, 256, 384]
    for r in reports:
        fields = (r.policy_loss, r.value_loss, r.entropy, r.approx_kl, r.clip_frac, r.steps_per_s)
        assert all(math.isfinite(v) for v in fields)
        assert 0 < r.entropy <= math.log(N_ACTIONS) + 1e-6
        assert r.episodes > 0
        assert math.isfinite(r.mean_return)
        assert r.mean_equity > 0
    again, params_again = run(7)
    assert [(r.policy_loss, r.value_loss, r.mean_return) for r in again] == [
        (r.policy_loss, r.value_loss, r.mean_return) for r in reports
    ]
    assert all(torch.equal(a, b) for a, b in zip(params, params_again, strict=True))
    _, params_other = run(8)
    assert not all(torch.equal(a, b) for a, b in zip(params, params_other, strict=True))
    gated, _ = run(7, GatedCritic)
    assert {"gate_0", "gate_1", "aux_loss"} <= gated[-1].extras.keys()
    assert gated[-1].extras["gate_0"] + gated[-1].extras["gate_1"] == pytest.approx(1.0)


def test_config_is_validated() -> None:
    with pytest.raises(ValueError):
        PPOConfig(seq_len=0)
    with pytest.raises(ValueError):
        PPOConfig(gamma=1.5)
    assert np.isclose(PPOConfig().gamma, 0.99)


def test_truncated_episodes_bootstrap_from_the_final_observation(btc: EnvSeries) -> None:
    """When the env reports the observation after a truncated episode's last step, the value of
    that observation (from the state after the step) is added to the last reward, discounted."""
    policy = make_policy(5)
    collector = RolloutCollector(make_env(btc, n_envs=3), policy, gamma=0.9, seed=0)
    state = policy.initial_state(3)
    final = np.random.default_rng(0).standard_normal((3, SPEC.obs_dim)).astype(np.float32)
    rewards = torch.zeros(1, 3)
    truncated = np.array([True, False, True])
    collector._bootstrap(rewards, 0, state, truncated, {"final_obs": final})
    value = policy(torch.from_numpy(final)[None], state, torch.zeros(1, 3, dtype=torch.bool)).value[0]
    torch.testing.assert_close(rewards[0], 0.9 * value.detach() * torch.tensor([1.0, 0.0, 1.0]))
    untouched = torch.zeros(1, 3)
    collector._bootstrap(untouched, 0, state, truncated, {})  # no final observation: nothing added
    assert not untouched.any()


def test_agent_interacts_trains_and_learns(btc: EnvSeries) -> None:
    from aitrader.rl.agents.ppo_agent import PPOAgent

    env = make_env(btc, n_envs=4, episode_bars=40)
    cfg = PPOConfig(n_steps=32, epochs=1, seq_len=16, minibatches=2)
    agent = PPOAgent(env=env, cfg=cfg, obs_spec=SPEC, hidden=16, seed=1)
    assert agent.env_config is env.config
    reports = agent.train(2 * 32 * 4)
    assert len(reports) == 2
    assert agent.env_steps == 256
    before = [p.detach().clone() for p in agent.policy.parameters()]
    assert agent.trainer is not None
    rollout, _ = agent.trainer.collector.collect(32)
    stats = agent.learn(rollout)
    assert {"policy_loss", "value_loss", "entropy", "approx_kl", "clip_frac"} <= stats.keys()
    assert all(math.isfinite(v) for v in stats.values())
    assert any(not torch.equal(a, b) for a, b in zip(before, agent.policy.parameters(), strict=True))
    # acting in the env one observation at a time, the state carried between calls
    obs = env.reset(seed=3)
    agent.reset()
    for _ in range(5):
        actions = agent.act(obs)
        assert actions.shape == (4,)
        assert ((actions >= 0) & (actions < N_ACTIONS)).all()
        obs, reward, _, _, _ = env.step(actions)
        assert np.isfinite(reward).all()
    assert 0 <= agent.select_action(obs[0]) < N_ACTIONS
