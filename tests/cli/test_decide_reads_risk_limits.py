"""`decide` on one symbol sizes and refuses with the gate `trade` and `backtest` build: the [risk]
limits of the environment and aitrader.toml reach it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app


def test_a_minimum_net_reward_risk_from_the_environment_reaches_decide(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    at = ["decide", "--at", "2024-04-08 08:00", "--timeframe", "4h"]
    plain = runner.invoke(app, at, env={"COLUMNS": "200"})
    assert plain.exit_code == 0, plain.output
    assert "APPROVED" in plain.output
    strict = runner.invoke(app, at, env={"COLUMNS": "200", "AITRADER_MIN_REWARD_RISK": "5"})
    assert strict.exit_code == 0, strict.output
    assert "REJECTED [reward_risk_too_low]" in strict.output
    assert "below the minimum 5" in strict.output
