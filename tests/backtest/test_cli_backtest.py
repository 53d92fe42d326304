"""`aitrader backtest` end to end on the shipped real sample."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.execution.journal_reader import JournalReader

runner = CliRunner()


def test_backtest_prints_the_summary_writes_reports_and_journals(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite"
    out_json = tmp_path / "r.json"
    out_html = tmp_path / "r.html"
    args = ["backtest", "--strategy", "confluence", "--symbol", "BTCUSDT", "--timeframe", "1m"]
    args += ["--from", "2023-04-01", "--to", "2023-04-04", "--fee", "0.001", "--slippage", "1"]
    args += ["--equity", "10000", "--journal", str(db), "--json", str(out_json), "--report", str(out_html)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Final equity" in result.output
    report = json.loads(out_json.read_text())
    assert report
    assert out_html.read_text().startswith("<!DOCTYPE html>")
    run = JournalReader(db).latest_run()
    assert run is not None
    assert run["strategy"] == "confluence"
    assert run["status"] == "finished"


def test_research_all_in_sma_cross_without_journal() -> None:
    args = ["backtest", "-s", "sma_cross", "--all-in", "--no-journal", "--to", "2023-03-18"]
    args += ["--param", "fast=5", "--param", "slow=20"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "bars/s" in result.output


def test_bad_input_is_one_clear_line_and_a_non_zero_exit() -> None:
    result = runner.invoke(app, ["backtest", "--strategy", "nope", "--no-journal"])
    assert result.exit_code == 1
    assert "unknown strategy 'nope'" in result.output
    result = runner.invoke(app, ["backtest", "--from", "2030-01-01", "--no-journal"])
    assert result.exit_code == 1
    assert "no BTCUSDT 4h candles" in result.output  # the default timeframe
    result = runner.invoke(app, ["backtest", "-s", "sma_cross", "-p", "fast=40", "--no-journal"])
    assert result.exit_code == 1
    assert "fast period 40" in result.output
