"""The mixture of experts on real candles (BTCUSDT 1h, NIFTY50 1d): a proper mixture distribution,
causal regime labels, the one-hot gate, the load-balancing term, staged training with activation
logs, and the checkpoint round trip."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from aitrader.data.sample import load_sample
from aitrader.rl.activation_log import ALL, ActivationLog, activation_stats, read_activation_log
from aitrader.rl.checkpoint import load_checkpoint, save_checkpoint
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.moe import (
    EXPERTS,
    N_EXPERTS,
    TREND,
    VOLATILITY,
    MixtureOfExperts,
    balance_loss,
    expert_regime_labels,
    observation_labels,
)
from aitrader.rl.moe_training import MoETrainer
from aitrader.rl.observation import N_ACCOUNT, ObsSpec, account_features
from aitrader.rl.policy import PolicyOutput
from aitrader.rl.ppo import PPOConfig
from aitrader.rl.series import EnvSeries
from aitrader.rl.vector_env import VectorTradingEnv

torch.set_num_threads(1)
SPEC = ObsSpec(zscore_window=64)


@pytest.fixture(scope="module")
def btc() -> EnvSeries:
    return EnvSeries.from_candles(load_sample("BTCUSDT", "1h").slice(0, 3000), SPEC)


@pytest.fixture(scope="module")
def obs(btc: EnvSeries) -> torch.Tensor:
    """(T=48, B=4) real observations: four stretches of the series, flat account."""
    rows = (
        btc.features.matrix[btc.first_valid : btc.first_valid + 48 * 4].reshape(4, 48, -1).transpose(1, 0, 2)
    )
    acct = np.broadcast_to(
        account_features(np.zeros(1), np.zeros(1), np.ones(1), np.zeros(1)), (48, 4, N_ACCOUNT)
    )
    return torch.from_numpy(np.concatenate([rows, acct], axis=-1).astype(np.float32))


def assert_close(a: torch.Tensor, b: torch.Tensor) -> None:
    """torch.allclose (torch.testing costs seconds to import on first use)."""
    assert a.shape == b.shape
    assert torch.allclose(a, b, rtol=1e-5, atol=1e-6), (a - b).abs().max()


def make_moe(seed: int = 0, **kw: Any) -> MixtureOfExperts:
    torch.manual_seed(seed)
    return MixtureOfExperts(SPEC.obs_dim, hidden=16, gate_hidden=16, **kw)


def run(moe: MixtureOfExperts, obs: torch.Tensor, gate: torch.Tensor | None = None) -> PolicyOutput:
    starts = torch.zeros(obs.shape[:2], dtype=torch.bool)
    starts[0] = True
    return moe(obs, moe.initial_state(obs.shape[1]), starts, gate=gate)


def test_gate_weights_sum_to_one_and_the_mixture_is_a_distribution(obs: torch.Tensor) -> None:
    moe = make_moe()
    with torch.no_grad():
        for p in moe.gate.parameters():  # a gate that is not uniform
            p.normal_(0.0, 0.5)
    out = run(moe, obs)
    gate = out.extras["gate"]
    assert gate.shape == (48, 4, N_EXPERTS)
    assert_close(gate.sum(-1), torch.ones(48, 4))
    assert float(gate.detach().std()) > 0.01  # the weights follow the regime columns
    probs = out.logits.exp()
    assert_close(probs.sum(-1), torch.ones(48, 4))
    mixture = (gate.unsqueeze(-1) * out.extras["expert_probs"]).sum(-2)
    assert_close(probs, mixture)
    value = (
        gate
        * torch.stack(
            [e(obs, s, torch.zeros(48, 4, dtype=torch.bool)).value for e, s in _split(moe, obs)], -1
        )
    ).sum(-1)
    assert_close(out.value, value)
    assert len(out.state) == len(moe.initial_state(1)) == 2 * N_EXPERTS


def _split(
    moe: MixtureOfExperts, obs: torch.Tensor
) -> list[tuple[torch.nn.Module, tuple[torch.Tensor, ...]]]:
    state = moe.initial_state(obs.shape[1])
    return [(moe.experts[k], state[2 * k : 2 * k + 2]) for k in range(N_EXPERTS)]


def test_a_one_hot_gate_reproduces_that_experts_probabilities(obs: torch.Tensor) -> None:
    moe = make_moe()
    starts = torch.zeros(obs.shape[:2], dtype=torch.bool)
    starts[0] = True
    for k in range(N_EXPERTS):
        onehot = torch.zeros(*obs.shape[:2], N_EXPERTS)
        onehot[..., k] = 1.0
        out = run(moe, obs, onehot)
        expert = moe.experts[k](obs, moe.initial_state(obs.shape[1])[2 * k : 2 * k + 2], starts)
        assert_close(out.logits.softmax(-1), expert.logits.softmax(-1))
        assert_close(out.value, expert.value)


def test_regime_gate_mode_is_the_one_hot_of_the_bar_label(obs: torch.Tensor) -> None:
    moe = make_moe(gate_mode="regime")
    out = run(moe, obs)
    labels = observation_labels(obs)
    assert_close(out.extras["gate"], torch.nn.functional.one_hot(labels, N_EXPERTS).float())
    assert "aux_loss" not in out.extras
    # gradients reach only the expert of each bar; none are NaN despite log(0) in the gate
    out.logits.logsumexp(-1).sum().backward()
    out2 = run(moe, obs)
    (out2.logits[..., 1].sum() + out2.value.sum()).backward()
    for name, p in moe.named_parameters():
        assert p.grad is None or torch.isfinite(p.grad).all(), name
    assert all(p.grad is None for p in moe.gate.parameters())


def test_regime_labels_are_causal_and_cover_all_four_regimes() -> None:
    candles = load_sample("NIFTY50", "1d")
    full = expert_regime_labels(EnvSeries.from_candles(candles, SPEC))
    cut = 2500
    part = expert_regime_labels(EnvSeries.from_candles(candles.slice(0, cut), SPEC).features)
    np.testing.assert_array_equal(part, full[:cut])  # later bars never change an earlier label
    assert (full[: SPEC.warmup - 1] == -1).all()
    shares = np.bincount(full[full >= 0], minlength=N_EXPERTS) / (full >= 0).sum()
    assert (shares > 0.1).all(), shares


def test_balance_loss_is_zero_when_balanced_and_log_k_when_collapsed(obs: torch.Tensor) -> None:
    assert float(balance_loss(torch.full((10, 3, 4), 0.25))) == pytest.approx(0.0, abs=1e-6)
    collapsed = torch.zeros(10, 3, 4)
    collapsed[..., VOLATILITY] = 1.0
    assert float(balance_loss(collapsed)) == pytest.approx(math.log(4), abs=1e-4)
    # per-step sharp but balanced usage is not penalised
    alternating = torch.nn.functional.one_hot(torch.arange(40) % 4, 4).float().reshape(10, 4, 4)
    assert float(balance_loss(alternating)) == pytest.approx(0.0, abs=1e-5)
    moe = make_moe(balance_coef=0.05)
    out = run(moe, obs)
    assert_close(out.extras["aux_loss"], 0.05 * balance_loss(out.extras["gate"]))


def test_activation_log_per_regime_jsonl_and_table(tmp_path: Path) -> None:
    gate = np.array([[0.7, 0.1, 0.1, 0.1], [0.1, 0.6, 0.2, 0.1], [0.6, 0.2, 0.1, 0.1], [0.1, 0.1, 0.1, 0.7]])
    labels = np.array([TREND, 1, TREND, -1])
    stats = activation_stats(gate, labels, EXPERTS, update=3, rewards=np.array([1.0, 2.0, 3.0, 4.0]))
    trend = stats.by_regime["trend"]
    assert trend.steps == 2
    assert trend.mean_gate == pytest.approx((0.65, 0.15, 0.1, 0.1))
    assert trend.dominant_share == (1.0, 0.0, 0.0, 0.0)
    assert stats.by_regime["volatility"].steps == 0
    assert stats.by_regime[ALL].steps == 4
    assert stats.by_regime[ALL].dominant_share == (0.5, 0.25, 0.0, 0.25)
    assert stats.dominant_reward[0] == 2.0
    assert math.isnan(stats.dominant_reward[2])
    log = ActivationLog(EXPERTS, tmp_path / "act" / "activation.jsonl")
    log.record(1, gate, labels, stage="regime")
    log.record(2, gate[:2], labels[:2], stage="learned", rewards=np.array([0.5, -0.5]))
    back = read_activation_log(tmp_path / "act" / "activation.jsonl")
    assert [s.update for s in back] == [1, 2]
    assert [s.stage for s in back] == ["regime", "learned"]
    assert back[1].by_regime == log.history[1].by_regime
    np.testing.assert_array_equal(back[1].dominant_reward, [0.5, -0.5, math.nan, math.nan])  # null in JSON
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(log.table())
    text = console.export_text()
    assert "mean_reversion" in text
    assert "learned gate" in text
    assert "100%" in text


def test_staged_training_logs_activation_and_trains_the_gate_only_jointly(
    btc: EnvSeries, tmp_path: Path
) -> None:
    moe = make_moe(seed=1)
    gate0 = [p.detach().clone() for p in moe.gate.parameters()]
    experts0 = [p.detach().clone() for p in moe.experts.parameters()]
    env = VectorTradingEnv(btc, EnvConfig(episode_bars=64), n_envs=4, seed=2)
    cfg = PPOConfig(n_steps=32, epochs=1, seq_len=16, minibatches=2)
    trainer = MoETrainer(moe, env, cfg, seed=2, activation_log=ActivationLog(EXPERTS, tmp_path / "a.jsonl"))
    reports = trainer.train_stages(stage1_steps=128, stage2_steps=0)
    assert len(reports) == 1
    assert moe.gate_mode == "learned"
    stage1 = trainer.activation_log.history[-1]
    assert stage1.stage == "regime"
    assert stage1.update == 1
    for name, act in stage1.by_regime.items():  # the regime gate: each regime's own expert, always
        if name != ALL and act.steps:
            assert act.dominant_share[EXPERTS.index(name)] == 1.0
    assert all(torch.equal(a, b) for a, b in zip(gate0, moe.gate.parameters(), strict=True))
    assert any(not torch.equal(a, b) for a, b in zip(experts0, moe.experts.parameters(), strict=True))
    reports += trainer.train_stages(stage1_steps=0, stage2_steps=128)
    joint = trainer.activation_log.history[-1]
    assert joint.stage == "learned"
    assert joint.update == 2
    assert "aux_loss" in reports[-1].extras
    assert "gate_0" in reports[-1].extras
    assert any(not torch.equal(a, b) for a, b in zip(gate0, moe.gate.parameters(), strict=True))
    assert len(read_activation_log(tmp_path / "a.jsonl")) == 2


def test_checkpoint_round_trip(obs: torch.Tensor, tmp_path: Path) -> None:
    moe = make_moe(seed=3, temperature=0.5, balance_coef=0.02)
    with torch.no_grad():
        for p in moe.gate.parameters():
            p.normal_(0.0, 0.3)
    path = save_checkpoint(tmp_path / "moe.pt", moe, EnvConfig(), SPEC, agent="moe", steps=10)
    ck = load_checkpoint(path)
    loaded = ck.policy
    assert isinstance(loaded, MixtureOfExperts)
    assert loaded.config() == moe.config()
    assert ck.meta["agent"] == "moe"
    a, b = run(moe, obs), run(loaded, obs)
    assert_close(a.logits, b.logits)
    assert_close(a.extras["gate"], b.extras["gate"])
