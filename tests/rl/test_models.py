"""LSTMModel and LSTMActorCritic: shapes, the RecurrentPolicy protocol, episode starts."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from aitrader.data.sample import load_sample
from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.models import LSTMActorCritic, LSTMModel
from aitrader.rl.observation import ObsSpec, account_features, market_features
from aitrader.rl.policy import RecurrentPolicy

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def btc_obs() -> torch.Tensor:
    """(T, B, 16) real observations: B consecutive windows of BTCUSDT 1h, flat account."""
    spec = ObsSpec(zscore_window=64)
    mf = market_features(load_sample("BTCUSDT", "1h").slice(0, 3000), spec)
    rows = mf.matrix[mf.first_valid : mf.first_valid + 40 * 6]
    acct = account_features(np.zeros(len(rows)), np.zeros(len(rows)), np.ones(len(rows)), np.zeros(len(rows)))
    obs = np.concatenate([rows, acct], axis=1).reshape(6, 40, -1).transpose(1, 0, 2)
    return torch.from_numpy(np.ascontiguousarray(obs))


def test_lstm_model_forward_over_sequences() -> None:
    torch.manual_seed(0)
    model = LSTMModel(input_dim=16, hidden_dim=32, output_dim=5, num_layers=2)
    x = torch.randn(20, 3, 16)
    out, (h, c) = model(x)
    assert out.shape == (20, 3, 5)
    assert h.shape == c.shape == (2, 3, 32)
    # continuing from the returned state equals one pass over the whole sequence
    first, state = model(x[:12])
    second, _ = model(x[12:], state)
    torch.testing.assert_close(torch.cat([first, second]), out)
    # one unbatched sequence (T, D)
    single, _ = model(x[:, 0])
    torch.testing.assert_close(single, out[:, 0])
    with pytest.raises(ValueError):
        LSTMModel(0, 8, 2)


def test_actor_critic_is_a_recurrent_policy(btc_obs: torch.Tensor) -> None:
    torch.manual_seed(0)
    policy = LSTMActorCritic(obs_dim=16, n_actions=N_ACTIONS, hidden=32)
    assert isinstance(policy, RecurrentPolicy)
    assert policy.config() == {"obs_dim": 16, "n_actions": N_ACTIONS, "hidden": 32, "num_layers": 1}
    steps, batch = btc_obs.shape[:2]
    state = policy.initial_state(batch)
    out = policy(btc_obs, state, torch.zeros(steps, batch, dtype=torch.bool))
    assert out.logits.shape == (steps, batch, N_ACTIONS)
    assert out.value.shape == (steps, batch)
    assert out.state[0].shape == (1, batch, 32)
    assert torch.isfinite(out.logits).all()
    assert torch.isfinite(out.value).all()
    # the small initial policy head gives nearly uniform action probabilities
    probs = torch.softmax(out.logits, -1)
    assert (probs - 1 / N_ACTIONS).abs().max() < 0.05
    with pytest.raises(ValueError):
        policy(btc_obs[..., :10], state, torch.zeros(steps, batch, dtype=torch.bool))


def test_start_resets_the_state_to_a_fresh_one(btc_obs: torch.Tensor) -> None:
    """A start at step t inside a sequence gives exactly what a fresh state gives from t on, for
    that environment only; the others run on undisturbed."""
    torch.manual_seed(1)
    policy = LSTMActorCritic(16, N_ACTIONS, hidden=24)
    steps, batch = btc_obs.shape[:2]
    warm = policy(btc_obs, policy.initial_state(batch), torch.zeros(steps, batch, dtype=torch.bool)).state
    starts = torch.zeros(steps, batch, dtype=torch.bool)
    starts[17, 2] = True
    starts[30, 4] = True
    starts[30, 0] = True
    out = policy(btc_obs, warm, starts)
    no_reset = policy(btc_obs, warm, torch.zeros(steps, batch, dtype=torch.bool))
    for t, env in ((17, 2), (30, 4), (30, 0)):
        fresh = policy(
            btc_obs[t:, env : env + 1], policy.initial_state(1), torch.zeros(steps - t, 1, dtype=torch.bool)
        )
        torch.testing.assert_close(out.logits[t:, env], fresh.logits[:, 0])
        torch.testing.assert_close(out.value[t:, env], fresh.value[:, 0])
        torch.testing.assert_close(out.logits[:t, env], no_reset.logits[:t, env])
        assert not torch.allclose(out.logits[t:, env], no_reset.logits[t:, env])
    for env in (1, 3, 5):
        torch.testing.assert_close(out.logits[:, env], no_reset.logits[:, env])
    # a start at step 0 zeroes the state given
    zero = policy(
        btc_obs, warm, torch.ones(steps, batch, dtype=torch.bool) & (torch.arange(steps) == 0)[:, None]
    )
    fresh_all = policy(btc_obs, policy.initial_state(batch), torch.zeros(steps, batch, dtype=torch.bool))
    torch.testing.assert_close(zero.logits, fresh_all.logits)


def test_segmented_forward_equals_stepwise(btc_obs: torch.Tensor) -> None:
    """The fast path (nn.LSTM over the pieces between starts) equals stepping one bar at a time,
    values and gradients."""
    torch.manual_seed(2)
    policy = LSTMActorCritic(16, N_ACTIONS, hidden=16)
    steps, batch = btc_obs.shape[:2]
    gen = torch.Generator().manual_seed(3)
    starts = torch.rand(steps, batch, generator=gen) < 0.05
    state = policy.initial_state(batch)
    whole = policy(btc_obs, state, starts)
    logits = []
    for t in range(steps):
        o = policy(btc_obs[t : t + 1], state, starts[t : t + 1])
        logits.append(o.logits)
        state = o.state
    stepped = torch.cat(logits)
    torch.testing.assert_close(whole.logits, stepped)
    torch.testing.assert_close(whole.state[0], state[0])
    g1 = torch.autograd.grad(whole.logits.sum(), list(policy.parameters()))
    g2 = torch.autograd.grad(stepped.sum(), list(policy.parameters()))
    for a, b in zip(g1, g2, strict=True):
        torch.testing.assert_close(a, b)
