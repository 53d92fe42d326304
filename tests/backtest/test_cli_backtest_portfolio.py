"""`aitrader backtest --symbols`: one account over three symbols of the shipped samples, one report
with a portfolio section and one per symbol, the journal holding every symbol's trades."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.execution.journal_reader import JournalReader

runner = CliRunner()
THREE = "BTCUSDT,ETHUSDT,SOLUSDT"


def test_a_portfolio_backtest_reports_the_account_and_each_symbol(tmp_path: Path) -> None:
    db, out_json, out_html = tmp_path / "j.sqlite", tmp_path / "r.json", tmp_path / "r.html"
    args = ["backtest", "--symbols", THREE, "--timeframe", "1m", "--from", "2023-04-01", "--to", "2023-04-08"]
    args += ["--equity", "10000", "--journal", str(db), "--json", str(out_json), "--report", str(out_html)]
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    for s in THREE.split(","):
        assert s in result.output
    assert "3 symbols" in result.output
    report = json.loads(out_json.read_text())
    text = json.dumps(report)
    for s in THREE.split(","):
        assert s in text
    assert out_html.read_text().startswith("<!DOCTYPE html>")
    run = JournalReader(db).latest_run()
    assert run is not None
    assert run["status"] == "finished"
    assert run["symbol"] == THREE


def test_the_portfolio_limits_of_the_settings_file_reach_the_gate(tmp_path: Path) -> None:
    cfg = tmp_path / "aitrader.toml"
    cfg.write_text("[risk]\nmax_open_positions = 1\n")
    out_json = tmp_path / "r.json"
    args = ["backtest", "--symbols", THREE, "--timeframe", "1m", "--from", "2023-04-01", "--to", "2023-04-08"]
    args += ["--config", str(cfg), "--no-journal", "--json", str(out_json)]
    result = runner.invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "max_open_positions" in result.output  # the rejections table names the rule at work


def test_bad_portfolio_input_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["backtest", "--symbols", "BTCUSDT,,ETH-USDT", "--no-journal"])
    assert result.exit_code == 1
    assert "--symbols" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(
        app, ["backtest", "--symbols", "BTCUSDT,ETHUSDT", "--data", "x.csv", "--no-journal"]
    )
    assert result.exit_code == 1
    assert "hold one symbol" in result.output
    result = runner.invoke(app, ["backtest", "--symbols", "BTCUSDT,NOPEUSDT", "--no-journal"])
    assert result.exit_code == 1
    assert "NOPEUSDT" in result.output
    assert "Traceback" not in result.output
