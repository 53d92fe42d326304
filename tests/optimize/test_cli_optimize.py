"""`aitrader optimize` as a user runs it: tables, JSON, --apply into aitrader.toml that backtest then uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app

runner = CliRunner()
WINDOW = ["--from", "2021-09-01", "--to", "2022-03-01"]


pytestmark = pytest.mark.usefixtures("config_file")  # tests/optimize/conftest.py: a private aitrader.toml


def test_search_prints_tables_writes_json_and_applies(tmp_path: Path, config_file: Path) -> None:
    config_file.write_text("# my settings\n[strategies.momentum]\nadx_min = 25\n")
    out = tmp_path / "opt.json"
    res = runner.invoke(
        app,
        [
            "optimize",
            "--strategy",
            "confluence",
            "--trials",
            "12",
            "--min-trades",
            "2",
            "--monte-carlo",
            "200",
            *WINDOW,
            "--json",
            str(out),
            "--apply",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["kind"] == "optimize"
    assert len(doc["search"]["trials"]) == 12
    assert "buy & hold" in res.output
    assert "vol-target B&H" in res.output  # the volatility-targeted benchmark's row
    vol = doc["vol_target_benchmark"]
    assert vol["times"] == doc["benchmark"]["times"] == doc["chosen"]["times"]
    assert 0 < vol["mean_weight"] <= 1
    assert "deflated Sharpe" in res.output
    assert "Monte Carlo" in res.output
    chosen = doc["chosen"]["params"]
    text = config_file.read_text()
    assert "# my settings" in text
    assert "adx_min = 25" in text
    assert f"ema_fast = {chosen['ema_fast']}" in text
    # backtest now trades the chosen parameters
    bt = tmp_path / "bt.json"
    res = runner.invoke(app, ["backtest", "--timeframe", "1h", *WINDOW, "--no-journal", "--json", str(bt)])
    assert res.exit_code == 0, res.output
    used = json.loads(bt.read_text())
    params = json.dumps(used)
    assert f'"ema_fast": {chosen["ema_fast"]}' in params
    assert f'"rr2": {chosen["rr2"]}' in params


def test_walk_forward_prints_oos_efficiency_and_overfitting(tmp_path: Path) -> None:
    out = tmp_path / "wf.json"
    res = runner.invoke(
        app,
        [
            "optimize",
            "--strategy",
            "sma_cross",
            "--space",
            "fast=5:40:5",
            "--space",
            "slow=30:120:10",
            "--space",
            "target_pct=0.1",
            "--space",
            "stop_pct=0.05",
            "--trials",
            "8",
            "--min-trades",
            "1",
            "--walk-forward",
            "--train",
            "120d",
            "--test",
            "30d",
            "--from",
            "2021-01-01",
            "--to",
            "2021-09-01",
            "--monte-carlo",
            "100",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    wf = doc["walk_forward"]
    assert len(wf["windows"]) == 4
    assert "walk-forward efficiency" in res.output
    assert "probability of backtest overfitting" in res.output
    assert "stitched out of sample" in res.output
    assert wf["stitched"]["times"][0] == wf["windows"][0]["test"]["start_ms"]
    assert doc["vol_target_benchmark"]["times"] == wf["stitched"]["times"]
    assert all(0 <= w["vol_target_benchmark"]["mean_weight"] <= 1 for w in wf["windows"])
    assert "VT B&H return" in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--space", "nope=1:2"], "no parameter 'nope'"),
        (["--objective", "money"], "unknown objective 'money'"),
        (["--sampler", "annealing"], "unknown sampler 'annealing'"),
        (["--walk-forward", "--train", "10q"], "--train '10q'"),
        (["--walk-forward", "--train", "3000d"], "one walk-forward window needs"),
        (["--risk", "0.5"], "--risk 0.5"),
        (["--max-drawdown", "25"], "--max-drawdown 25.0: use a fraction"),
        (["--json", "/"], "is a folder"),
        (["--storage", "/proc/no/s.sqlite"], "cannot create the folder /proc/no"),
        (["--space", "fast=5:20:5"], "no parameter 'fast'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(args: list[str], message: str) -> None:
    res = runner.invoke(app, ["optimize", "--trials", "2", *WINDOW, *args])
    assert res.exit_code == 1
    assert message in res.output
    assert "Traceback" not in res.output


def test_a_bad_applied_value_is_named_before_any_search(config_file: Path) -> None:
    config_file.write_text("[strategies.confluence]\nrsi_period = 1\n")
    res = runner.invoke(app, ["optimize", "--trials", "2", *WINDOW])
    assert res.exit_code == 1
    assert "fixed value rsi_period = 1" in res.output


def test_several_symbols_get_a_study_each_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    res = runner.invoke(
        app,
        [
            "optimize",
            "--symbols",
            "BTCUSDT,ETHUSDT",
            "--timeframe",
            "15m",
            "--trials",
            "6",
            "--min-trades",
            "1",
            "--monte-carlo",
            "0",
            "--json",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    docs = {s: json.loads((tmp_path / f"s-{s}.json").read_text()) for s in ("BTCUSDT", "ETHUSDT")}
    assert {d["symbol"] for d in docs.values()} == {"BTCUSDT", "ETHUSDT"}
    assert docs["ETHUSDT"]["span"]["bars"] != docs["BTCUSDT"]["span"]["bars"]  # each its own real series
    assert "across symbols" in res.output
    assert "vs buy & hold and vol-targeted buy & hold (VT)" in res.output
    refused = runner.invoke(app, ["optimize", "--symbols", "BTCUSDT,ETHUSDT", "--apply", "--trials", "2"])
    assert refused.exit_code == 1
    assert "--apply writes one strategy table" in refused.output
