"""RLlib's PPO-LSTM trains on the kernel environment on a local Ray runtime, saves a checkpoint, and
the checkpoint loads back (without Ray running) as a recurrent policy giving valid probabilities."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from aitrader.rl.env_config import EnvConfig
from aitrader.rl.observation import ObsSpec
from aitrader.rl.rllib_backend import (
    INSTALL_HINT,
    META_FILE,
    RLlibMissingError,
    RLlibProgress,
    RLlibSettings,
    load_rllib_policy,
    train_rllib,
)
from aitrader.rl.sample_data import example_loader
from aitrader.rl.series import EnvSeries
from aitrader.rl.splits import split_series

HAS_RLLIB = importlib.util.find_spec("ray") is not None and importlib.util.find_spec("ray.rllib") is not None


def test_missing_rllib_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` raises ImportError
    with pytest.raises(RLlibMissingError, match="uv sync --extra rllib") as err:
        load_rllib_policy(tmp_path)
    assert str(err.value).startswith(INSTALL_HINT)
    assert "\n" not in str(err.value)


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.skipif(not HAS_RLLIB, reason="ray[rllib] is not installed: `uv sync --extra rllib`")
def test_tiny_rllib_run_trains_saves_and_loads(tmp_path: Path) -> None:
    import ray

    torch.set_num_threads(1)
    candles = example_loader().load_all_data().candles("ETHUSDT", "15m")  # real Binance 15m bars
    series = EnvSeries.from_candles(candles, ObsSpec())
    train, _, _ = split_series(series)
    config = EnvConfig(episode_bars=64)
    settings = RLlibSettings(
        lstm_cell_size=16, max_seq_len=16, fcnet_hiddens=(16,), train_batch=256, minibatch=64, epochs=1
    )
    seen: list[RLlibProgress] = []
    result = train_rllib(
        series, config, 512, tmp_path, seed=3, progress=seen.append,
        start=train.start, stop=train.stop, settings=settings,
    )  # fmt: skip
    assert not ray.is_initialized()  # the runtime it started is stopped
    assert result.iterations == 2
    assert result.env_steps >= 512
    assert [p.iteration for p in seen] == [1, 2]
    assert seen[0].env_steps < seen[1].env_steps == result.env_steps
    assert seen[-1].episodes >= 512 // 64 - 1  # 64-bar episodes ended along the way
    assert len(result.episode_returns) == 2
    assert math.isfinite(result.episode_returns[-1])
    assert result.checkpoint.is_dir()
    meta = json.loads((tmp_path / META_FILE).read_text())
    assert meta["env_steps"] == result.env_steps
    assert meta["symbol"] == "ETHUSDT"
    assert meta["bars"] == [train.start, train.stop]

    policy = load_rllib_policy(tmp_path)
    assert (policy.obs_dim, policy.n_actions) == (series.obs_dim, 5)
    assert policy.env_config == config
    assert policy.obs_spec == series.spec
    obs = np.concatenate(  # real observations: market rows with a flat account
        [series.features.matrix[train.start : train.start + 40], np.zeros((40, 4), np.float32)], axis=1
    )
    probs, state = policy.action_probabilities(obs)
    assert probs.shape == (40, 5)
    assert np.all(probs >= 0.0)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert state[0].shape == (1, 1, 16)
    # the recurrent state carries across calls: two halves give what the whole sequence gives
    first, mid = policy.action_probabilities(obs[:25])
    second, _ = policy.action_probabilities(obs[25:], mid)
    np.testing.assert_allclose(np.concatenate([first, second]), probs, atol=1e-5)
    # and `starts` resets it: batch column 1 restarts at step 25, so from there it equals a fresh run
    x = torch.as_tensor(np.stack([obs, obs], axis=1))
    starts = torch.zeros((40, 2), dtype=torch.bool)
    starts[25, 1] = True
    out = policy(x, policy.initial_state(2), starts)
    assert out.logits.shape == (40, 2, 5)
    assert out.value.shape == (40, 2)
    got = torch.softmax(out.logits, dim=-1).numpy()
    fresh, _ = policy.action_probabilities(obs[25:])
    np.testing.assert_allclose(got[:, 0], probs, atol=1e-5)
    np.testing.assert_allclose(got[25:, 1], fresh, atol=1e-5)
    assert not np.allclose(fresh, probs[25:], atol=1e-6)  # the state matters
