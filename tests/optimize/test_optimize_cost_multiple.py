"""`cost_multiple` in `aitrader optimize`: a run setting of the built-in strategies (not a field of
their model), held at one value for every trial and never searched; given by `--param` or by
`[strategies.NAME]` in aitrader.toml, as `backtest` takes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aitrader.backtest import inputs
from aitrader.cli.app import app
from aitrader.data import load_sample
from aitrader.domain import Timeframe
from aitrader.optimize.evaluate import Evaluator, TrialSetup, Window
from aitrader.strategies.base import Strategy

runner = CliRunner()
WINDOW = ["--from", "2021-09-01", "--to", "2021-11-01"]  # two months of the 1h sample
TINY = ["optimize", "--strategy", "confluence", "--timeframe", "1h", "--trials", "3", "--min-trades", "0"]
TINY += ["--monte-carlo", "0", *WINDOW]


pytestmark = pytest.mark.usefixtures("config_file")  # tests/optimize/conftest.py: a private aitrader.toml


@pytest.fixture
def trial_strategies(monkeypatch: pytest.MonkeyPatch) -> list[Strategy]:
    """Every strategy a trial builds (`Evaluator.full` passes the run's fee; the warm-up bound and
    the command's own checks build theirs without it)."""
    built: list[Strategy] = []
    real = inputs.build_strategy

    def spy(name: str, params: dict[str, Any], timeframe: Timeframe, **kw: Any) -> Strategy:
        strategy = real(name, params, timeframe, **kw)
        if "fee" in kw:
            built.append(strategy)
        return strategy

    monkeypatch.setattr(inputs, "build_strategy", spy)
    return built


def multiple_of(strategy: Strategy) -> float:
    return float(strategy.costs.multiple)  # type: ignore[attr-defined]


def test_param_cost_multiple_reaches_every_trial(tmp_path: Path, trial_strategies: list[Strategy]) -> None:
    out = tmp_path / "opt.json"
    res = runner.invoke(app, [*TINY, "--param", "cost_multiple=0", "--json", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["setup"]["cost_multiple"] == 0.0
    assert "cost_multiple" not in doc["space"]["fixed"]  # not a field of the model
    assert "cost_multiple" not in {d["name"] for d in doc["space"]["dimensions"]}  # never searched
    assert len(doc["search"]["trials"]) == 3
    assert all(t["metrics"] for t in doc["search"]["trials"])  # every trial ran (none refused)
    # 3 trials and the chosen run's backtest, all with the costs rule off
    assert len(trial_strategies) >= 4
    assert {multiple_of(s) for s in trial_strategies} == {0.0}


def test_without_it_the_trials_keep_the_default(trial_strategies: list[Strategy]) -> None:
    res = runner.invoke(app, TINY)
    assert res.exit_code == 0, res.output
    assert trial_strategies
    assert {multiple_of(s) for s in trial_strategies} == {3.0}  # RuleStrategy's default


def test_config_table_value_is_held_and_apply_keeps_it(
    config_file: Path, trial_strategies: list[Strategy]
) -> None:
    config_file.write_text("[strategies.confluence]\ncost_multiple = 1.5\nrsi_floor = 60\n")
    res = runner.invoke(app, [*TINY, "--apply"])
    assert res.exit_code == 0, res.output
    assert {multiple_of(s) for s in trial_strategies} == {1.5}
    # the table's other (unsearched) values still reach the trials beside it
    assert {s.params.rsi_floor for s in trial_strategies} == {60}  # type: ignore[attr-defined]
    # --apply replaces the table: the run's cost_multiple is written back with the chosen parameters
    assert "cost_multiple = 1.5" in config_file.read_text()


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        (["--param", "cost_multiple=x"], "cost_multiple must be a number >= 0, got 'x'"),
        (["--param", "cost_multiple=-1"], "cost_multiple must be a number >= 0, got -1"),
        (["--space", "cost_multiple=0:3"], "cost_multiple is never searched"),
        (["--space", "cost_multiple=0,3"], "cost_multiple is never searched"),
    ],
)
def test_a_bad_value_is_one_line_and_exit_code_1(entry: list[str], says: str) -> None:
    res = runner.invoke(app, [*TINY, *entry])
    assert res.exit_code == 1, res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1, res.output
    assert says in lines[0]


def test_a_strategy_without_the_costs_rule_refuses_it() -> None:
    res = runner.invoke(app, [*TINY[:2], "sma_cross", *TINY[3:], "--param", "cost_multiple=0"])
    assert res.exit_code == 1, res.output
    assert len(res.output.strip().splitlines()) == 1, res.output
    assert "sma_cross has no costs entry condition" in res.output


def test_the_setting_changes_what_a_trial_trades_on_1m() -> None:
    """On 1m the costs rule bites: with the gate's net floor off too, a trial with cost_multiple 0
    trades far more than one with the default (confluence, BTCUSDT 1m sample: 165 vs 68 trades)."""
    candles = load_sample("BTCUSDT", "1m")
    window = Window(1000, len(candles))
    gate_off = {"min_reward_risk": 0.0}  # the gate's own net reward:risk floor is not under test

    def trades(cost_multiple: float | None) -> int:
        setup = TrialSetup(
            "confluence", Timeframe.M1, slippage_bps=5.0, risk_limits=gate_off, cost_multiple=cost_multiple
        )
        outcome = Evaluator(setup, candles).run({}, window)
        assert outcome.error is None, outcome.error
        return int(outcome.metrics["n_trades"])

    off, default = trades(0.0), trades(None)
    assert default > 0
    assert off > 2 * default
