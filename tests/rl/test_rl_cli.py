"""`aitrader rl` end to end on the shipped samples: train (both agents) with logs and checkpoints,
evaluate against buy-and-hold, vol-targeted buy-and-hold and the rule strategies, backtest the
policy by `rl:PATH`, meta-train with a held-out task; bad input is one line and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.rl.activation_log import read_activation_log
from aitrader.rl.checkpoint import load_checkpoint
from aitrader.rl.moe import MixtureOfExperts
from aitrader.rl.sample_data import examples_root

torch.set_num_threads(1)
TINY = ["--steps", "256", "--envs", "4", "--rollout", "32", "--hidden", "8", "--eval-every", "1"]


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ppo")
    _run(
        [
            "rl",
            "train",
            "--agent",
            "ppo-lstm",
            "--symbol",
            "NIFTY50",
            "--timeframe",
            "1d",
            "--out",
            str(out),
            *TINY,
        ]
    )
    return out


def test_train_writes_checkpoints_logs_and_tensorboard(trained: Path) -> None:
    ckpt = load_checkpoint(trained / "policy.pt")
    assert ckpt.meta["agent"] == "ppo-lstm"
    assert ckpt.env_config.allows_short  # NIFTY trades under the index-futures rules of the PRD
    assert (ckpt.env_config.fee_entry, ckpt.env_config.fee_exit) == (25.0, 35.0)
    assert set(ckpt.meta["splits"]) == {"train", "validation", "test"}
    assert (trained / "last.pt").is_file()
    lines = [json.loads(x) for x in (trained / "train_log.jsonl").read_text().splitlines()]
    updates = [x for x in lines if "loss/policy" in x]
    assert len(updates) == 2  # 256 steps = 2 updates of 4 envs x 32 steps
    assert all(x["loss/entropy"] > 0 for x in updates)
    assert any("validation/sharpe" in x for x in lines)
    assert any(p.name.startswith("events.out.tfevents") for p in (trained / "tb").iterdir())


def test_moe_training_logs_expert_activation(tmp_path: Path) -> None:
    out = _run(["rl", "train", "--agent", "moe", "--symbol", "NIFTY50", "--timeframe", "1d", "--out", str(tmp_path),
                *TINY, "--steps", "512"])  # fmt: skip
    assert "expert activation" in out
    assert isinstance(load_checkpoint(tmp_path / "policy.pt").policy, MixtureOfExperts)
    stats = read_activation_log(tmp_path / "experts.jsonl")
    assert [s.stage for s in stats] == ["regime", "learned", "learned", "learned"]  # 30% of 4 updates staged


def test_evaluate_compares_on_the_test_split_and_writes_json(trained: Path, tmp_path: Path) -> None:
    doc_path = tmp_path / "eval.json"
    out = _run(
        ["rl", "evaluate", str(trained / "policy.pt"), "--rules", "confluence", "--json", str(doc_path)]
    )
    assert "test split" in out
    doc = json.loads(doc_path.read_text())
    assert doc["symbol"] == "NIFTY50"
    names = ["policy", "buy and hold", "vol-target buy and hold", "confluence"]
    assert [r["name"] for r in doc["rows"]] == names
    vol = doc["rows"][2]
    assert vol["target_volatility"] >= 0.05  # the policy's own realised volatility, at least 5%
    assert 0 <= vol["mean_weight"] <= 1
    assert "vol-target buy and hold*" in out
    assert doc["window"].startswith("test: bars")


def test_evaluate_says_when_a_window_is_not_out_of_sample(trained: Path) -> None:
    out = _run(["rl", "evaluate", str(trained / "policy.pt"), "--split", "validation", "--rules", ""])
    assert "not out-of-sample" in out
    assert "not out-of-sample" not in _run(["rl", "evaluate", str(trained / "policy.pt"), "--rules", ""])


def test_evaluate_on_an_instrument_it_never_saw(trained: Path) -> None:
    out = _run(["rl", "evaluate", str(trained / "policy.pt"), "--symbol", "ETHUSDT", "--timeframe", "1h",
                "--split", "all", "--rules", ""])  # fmt: skip
    assert "never trained on" in out


def test_decide_builds_the_policy_as_backtest_does(trained: Path) -> None:
    out = _run(["decide", "--strategy", f"rl:{trained / 'policy.pt'}", "--symbol", "NIFTY50", "--timeframe", "1d",
                "--at", "2021-06-01"])  # fmt: skip
    assert "on NIFTY50 1d: bar 2021-06-01" in out
    assert "RiskGate" in out or "No signal on this bar" in out
    result = CliRunner().invoke(app, ["decide", "--strategy", "rl:/no/such/policy.pt"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_evaluate_json_dash_prints_the_figures_alone(trained: Path) -> None:
    result = CliRunner().invoke(
        app, ["rl", "evaluate", str(trained / "policy.pt"), "--rules", "", "--json", "-"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["symbol"] == "NIFTY50"


def test_backtest_and_bad_paths(trained: Path, tmp_path: Path) -> None:
    out = _run(["backtest", "--strategy", f"rl:{trained / 'policy.pt'}", "--symbol", "NIFTY50", "--timeframe", "1d",
                "--from", "2019-01-01", "--no-journal"])  # fmt: skip
    assert "rl" in out
    for args in (
        ["backtest", "--strategy", f"rl:{tmp_path / 'nope.pt'}", "--no-journal"],
        ["rl", "evaluate", str(tmp_path / "nope.pt")],
        ["rl", "train", "--agent", "dqn", "--out", str(tmp_path)],
        ["rl", "meta-train", "--tasks", str(tmp_path), "--out", str(tmp_path)],
        ["rl", "evaluate", str(trained / "policy.pt"), "--rules", "nosuch"],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert "Traceback" not in result.output


def test_meta_train_adapts_to_the_held_out_task(tmp_path: Path) -> None:
    out = _run(["rl", "meta-train", "--iterations", "1", "--adapt-steps", "1", "--holdout", "ETHUSDT_15m", "--seeds", "2",
                "--tasks", str(examples_root()), "--out", str(tmp_path)])  # fmt: skip
    assert "before and after" in out
    meta = load_checkpoint(tmp_path / "meta.pt")
    adapted = load_checkpoint(tmp_path / "adapted-ETHUSDT_15m.pt")
    assert meta.meta["holdout"] == "ETHUSDT 15m"
    assert "ETHUSDT 15m" not in meta.meta["tasks"]
    raw_start = 1_681_948_800_000  # 2023-04-20 00:00 UTC, where ETHUSDT 15m's backtesting file starts
    assert meta.meta["seen_until"]  # no task trained on a bar of the held-out window (crypto moves together)
    assert all(last < raw_start for last in meta.meta["seen_until"].values())
    before = dict(meta.policy.state_dict())  # type: ignore[attr-defined]
    after = dict(adapted.policy.state_dict())  # type: ignore[attr-defined]
    assert any(not torch.equal(before[k], after[k]) for k in before)


def test_data_writes_the_example_tree(tmp_path: Path) -> None:
    out = _run(["rl", "data", "--out", str(tmp_path)])
    assert "Nifty_2.csv" in out
    assert (tmp_path / "final" / "NIFTY50_1d.csv.gz").is_file()
