"""`aitrader strategies` and `aitrader decide` on the shipped sample data."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app

runner = CliRunner()


def test_strategies_lists_every_strategy_with_parameters_and_regimes() -> None:
    result = runner.invoke(app, ["strategies"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in ("confluence", "momentum", "range", "levels"):
        assert name in result.output
        assert f"{name} parameters" in result.output
    assert "trend_up" in result.output
    assert "ema_fast" in result.output
    assert "2 .. 200" in result.output


def test_strategies_unknown_name_is_one_clear_line() -> None:
    result = runner.invoke(app, ["strategies", "nope"])
    assert result.exit_code == 1
    assert "unknown strategy 'nope'" in result.output


def test_decide_latest_bar_shows_conditions_and_the_last_signal() -> None:
    result = runner.invoke(
        app,
        ["decide", "--strategy", "confluence", "--symbol", "BTCUSDT", "--timeframe", "1m"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "bar 2023-05-05 07:35 UTC" in result.output
    assert "No signal on this bar" in result.output
    assert "failed" in result.output  # the conditions table
    assert "Most recent bar with a signal" in result.output
    assert "RiskGate: APPROVED" in result.output
    assert "% of 10,000.00 USDT" in result.output
    assert "STOP_LOSS" in result.output
    assert "LIMIT" in result.output


def test_decide_at_a_signal_bar_sizes_the_plan() -> None:
    # 2023-05-05 00:54 is the last confluence long on the sample
    result = runner.invoke(
        app,
        ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-05 00:54", "--equity", "2500"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "No signal" not in result.output
    assert "ENTER LONG" in result.output
    assert "of 2,500.00 USDT" in result.output
    # fees + slippage (3.75) exceed the price risk (2.22): the net figure says so
    assert "reward:risk 2.75 gross, 0.81 net" in result.output
    assert "exit fees at the targets" in result.output
    assert "exceed the price risk to the stop" in result.output


def test_decide_bad_input_is_one_line_with_exit_code_1() -> None:
    for args, text in (
        (["decide", "-s", "nope"], "unknown strategy"),
        (["decide", "--at", "2001-01-01"], "is outside the data"),
        (["decide", "--symbol", "FOO", "--interval", "1h"], "NIFTY50 1d"),  # unknown symbols list what exists
        (["decide", "--risk", "0.5"], "hard ceiling"),
        (["decide", "-p", "ema_fast"], "NAME=VALUE"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        assert text in result.output
        assert "Traceback" not in result.output


def test_decide_at_after_the_data_is_an_error_not_the_last_bar() -> None:
    result = runner.invoke(
        app,
        ["decide", "--symbol", "BTCUSDT", "--timeframe", "1m", "--at", "2030-01-01"],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 1
    assert (
        "--at 2030-01-01 is outside the data: BTCUSDT 1m covers 2023-03-16 22:15 → 2023-05-05 07:35"
        in result.output
    )


def test_decide_on_an_index_assumes_generic_instrument_rules() -> None:
    result = runner.invoke(
        app, ["decide", "--symbol", "NIFTY50", "--timeframe", "1d"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "cannot tell base and quote" not in result.output
    assert "instrument rules assumed for NIFTY50" in result.output
    assert "RiskGate: APPROVED" in result.output
    assert "QUOTE" in result.output


def test_decide_reads_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A series only the store holds (real BTCUSDT prices under another name), by --data-dir and by
    AITRADER_DATA_DIR."""
    from dataclasses import replace

    from aitrader.data import CandleStore, load_sample
    from aitrader.domain.timeframe import format_ms

    stored = replace(load_sample("BTCUSDT", "1m").slice(0, 3000), symbol="TESTUSDT")
    CandleStore(tmp_path).merge(stored)
    args = ["decide", "--symbol", "TESTUSDT", "--timeframe", "1m"]
    result = runner.invoke(app, [*args, "--data-dir", str(tmp_path)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "candles: store" in result.output
    assert f"bar {format_ms(stored.end_ms)} UTC" in result.output  # the last stored bar
    monkeypatch.setenv("AITRADER_DATA_DIR", str(tmp_path))
    result = runner.invoke(app, args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "candles: store" in result.output


def test_decide_tables_are_not_cut_at_80_columns() -> None:
    result = runner.invoke(
        app, ["decide", "--symbol", "BTCUSDT", "--at", "2023-05-05 00:54"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert "28903.89" in result.output
