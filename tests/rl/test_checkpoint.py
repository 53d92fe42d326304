"""Checkpoints: a saved policy acts exactly as before; bad files are one-line errors."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from aitrader.data.sample import load_sample
from aitrader.rl.actions import N_ACTIONS
from aitrader.rl.agents.ppo_agent import PPOAgent
from aitrader.rl.checkpoint import (
    CheckpointError,
    load_checkpoint,
    load_policy,
    policy_class,
    register_policy,
    save_checkpoint,
)
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.models import LSTMActorCritic
from aitrader.rl.observation import ObsSpec, account_features, market_features
from aitrader.rl.threads import DeviceError, configure_torch

torch.set_num_threads(1)
SPEC = ObsSpec(zscore_window=64, trend_bars=24)


@pytest.fixture(scope="module")
def obs() -> torch.Tensor:
    """(60, 3, 16) observations of NIFTY50 1d (three consecutive windows, flat account)."""
    mf = market_features(load_sample("NIFTY50", "1d"), SPEC)
    rows = mf.matrix[mf.first_valid : mf.first_valid + 180]
    n = len(rows)
    acct = account_features(np.zeros(n), np.zeros(n), np.ones(n), np.zeros(n))
    x = np.concatenate([rows, acct], axis=1).reshape(3, 60, -1).transpose(1, 0, 2)
    return torch.from_numpy(np.ascontiguousarray(x))


def _probs(policy: LSTMActorCritic, obs: torch.Tensor) -> torch.Tensor:
    starts = torch.zeros(obs.shape[:2], dtype=torch.bool)
    with torch.no_grad():
        return torch.softmax(policy(obs, policy.initial_state(obs.shape[1]), starts).logits, -1)


def test_round_trip_gives_identical_action_probabilities(tmp_path: Path, obs: torch.Tensor) -> None:
    torch.manual_seed(0)
    policy = LSTMActorCritic(SPEC.obs_dim, N_ACTIONS, hidden=24)
    with torch.no_grad():  # weights away from the initialisation, as after training
        for p in policy.parameters():
            p.add_(0.1 * torch.randn_like(p))
    env = EnvConfig.for_index_futures(episode_bars=64)
    path = save_checkpoint(
        tmp_path / "run" / "policy.pt", policy, env, SPEC, agent="ppo-lstm", steps=12_345, seed=9,
        data=["NIFTY50 1d"], splits={"train": [0, 100]}, extra={"note": "test"},
    )  # fmt: skip
    ckpt = load_checkpoint(path)
    assert type(ckpt.policy) is LSTMActorCritic
    assert ckpt.policy.config() == policy.config()
    assert torch.equal(_probs(policy, obs), _probs(ckpt.policy, obs))
    assert ckpt.env_config == env
    assert ckpt.env_config.fee_exit == 35.0
    assert ckpt.obs_spec == SPEC
    meta = ckpt.meta
    assert (meta["agent"], meta["steps"], meta["seed"], meta["data"]) == (
        "ppo-lstm",
        12_345,
        9,
        ["NIFTY50 1d"],
    )
    assert meta["splits"] == {"train": [0, 100]}
    assert meta["note"] == "test"
    assert meta["policy_class"] == "LSTMActorCritic"
    assert meta["created"]
    assert meta["aitrader_version"]
    assert not ckpt.policy.training
    assert not list(path.parent.glob("*.tmp"))
    assert isinstance(load_policy(path), LSTMActorCritic)


def test_agent_save_and_load_act_alike(tmp_path: Path, obs: torch.Tensor) -> None:
    agent = PPOAgent(obs_spec=SPEC, hidden=16, seed=4, deterministic=True)
    same_seed = PPOAgent(obs_spec=SPEC, hidden=16, seed=4)
    for a, b in zip(agent.policy.parameters(), same_seed.policy.parameters(), strict=True):
        assert torch.equal(a, b)
    path = agent.save_model(tmp_path / "agent.pt")
    loaded = PPOAgent.load(path, deterministic=True)
    assert loaded.kind == "ppo-lstm"
    assert loaded.seed == 4
    series = obs[:, 0].numpy()
    first = [agent.select_action(o) for o in series]
    assert agent.last_probs is not None
    second = [loaded.select_action(o) for o in series]
    assert first == second
    # the state runs on between calls: stepping equals one pass over the sequence
    probs = _probs(agent.policy, obs[:, :1])
    assert first == probs[:, 0].argmax(-1).tolist()
    agent.reset()
    assert agent.select_action(series[0]) == first[0]


def test_bad_files_are_one_line_errors(tmp_path: Path) -> None:
    torch.manual_seed(0)
    good = save_checkpoint(
        tmp_path / "good.pt", LSTMActorCritic(16, 5, 8), EnvConfig(), SPEC, agent="ppo-lstm"
    )
    raw = good.read_bytes()
    truncated = tmp_path / "truncated.pt"
    truncated.write_bytes(raw[: len(raw) // 2])
    flipped = tmp_path / "flipped.pt"
    flipped.write_bytes(raw[:100] + bytes(b ^ 0xFF for b in raw[100:400]) + raw[400:])
    text = tmp_path / "notes.pt"
    text.write_text("not a checkpoint\n")
    foreign = tmp_path / "foreign.pt"
    torch.save({"weights": torch.zeros(3)}, foreign)
    pickled = tmp_path / "object.pt"
    torch.save({"format": "aitrader.rl.checkpoint", "x": Path("/etc")}, pickled)  # weights_only refuses it
    raw_pickle = tmp_path / "raw.pkl"
    raw_pickle.write_bytes(pickle.dumps(Path("/etc"), protocol=2))
    payload = torch.load(good, weights_only=True)
    payload["policy_config"]["hidden"] = 12  # the weights no longer fit the module
    mismatched = tmp_path / "mismatched.pt"
    torch.save(payload, mismatched)
    payload = torch.load(good, weights_only=True)
    payload["policy_class"] = "Transformer"
    unknown = tmp_path / "unknown.pt"
    torch.save(payload, unknown)
    cases = {
        tmp_path / "missing.pt": "no checkpoint file",
        truncated: "not a readable policy checkpoint",
        flipped: "not a readable policy checkpoint",
        text: "not a readable policy checkpoint",
        foreign: "not an aitrader RL checkpoint",
        pickled: "Unsupported global",
        raw_pickle: "not a torch zip archive",
        mismatched: "does not rebuild",
        unknown: "unknown policy class 'Transformer'",
    }
    for path, expect in cases.items():
        with pytest.raises(CheckpointError) as info:
            load_checkpoint(path)
        message = str(info.value)
        assert expect in message, (path.name, message)
        assert "\n" not in message, message
        assert len(message) < 400, message
        assert info.value.__cause__ is None
        assert info.value.__context__ is None or info.value.__suppress_context__
        assert isinstance(info.value, ValueError)


def test_registry_and_metadata_checks(tmp_path: Path) -> None:
    assert policy_class("LSTMActorCritic") is LSTMActorCritic
    assert policy_class("MixtureOfExperts").__name__ == "MixtureOfExperts"  # imported on demand

    class Unsaved(LSTMActorCritic):
        pass

    with pytest.raises(TypeError, match="not registered"):
        save_checkpoint(tmp_path / "x.pt", Unsaved(16, 5, 8), EnvConfig(), SPEC, agent="x")
    register_policy(Unsaved)
    save_checkpoint(tmp_path / "x.pt", Unsaved(16, 5, 8), EnvConfig(), SPEC, agent="x")
    assert type(load_policy(tmp_path / "x.pt")) is Unsaved
    with pytest.raises(TypeError, match="plain values"):
        save_checkpoint(
            tmp_path / "y.pt", Unsaved(16, 5, 8), EnvConfig(), SPEC, agent="x", extra={"a": object()}
        )
    with pytest.raises(TypeError, match="config"):
        register_policy(torch.nn.Linear)


def test_configure_torch() -> None:
    before = torch.get_num_threads()
    try:
        assert configure_torch(1, "cpu") == torch.device("cpu")
        assert torch.get_num_threads() == 1
        assert configure_torch(None, "auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
        with pytest.raises(DeviceError, match="unknown device"):
            configure_torch(None, "tpu")
        with pytest.raises(ValueError):
            configure_torch(0)
        if not torch.cuda.is_available():
            with pytest.raises(DeviceError, match="no CUDA GPU"):
                configure_torch(None, "cuda")
    finally:
        torch.set_num_threads(before)
