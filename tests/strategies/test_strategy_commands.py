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
    # the last signal is a short (2023-05-04 18:22): advice only on spot
    assert "Most recent bar with a signal: 2023-05-04 18:22 UTC" in result.output
    assert "ENTER SHORT" in result.output
    assert "RiskGate: REJECTED [short_not_allowed]" in result.output


def _row(output: str, start: str) -> list[str]:
    """The cells of the conditions table's row whose text starts with `start`."""
    line = next(ln for ln in output.splitlines() if ln.startswith(f"│ {start}"))
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_decide_at_a_signal_bar_sizes_the_plan() -> None:
    # 2023-05-03 22:07: a confluence long whose targets earn their costs and the gate's net reward:risk
    result = runner.invoke(
        app,
        ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-03 22:07", "--equity", "2500"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "No signal" not in result.output
    assert "ENTER LONG" in result.output
    assert "costs: expected move to the targets" in result.output  # the rationale gives the figures
    assert "RiskGate: APPROVED" in result.output
    assert "of 2,500.00 USDT" in result.output
    # 1.51 net: the gain at the targets less every cost on the way, over the loss at the stop with
    # its fees and slippage (the "Risk and reward" table below it): just over the gate's 1.5
    assert "reward:risk 2.75 gross, 1.51 net" in result.output
    assert "exit fees at the targets" in result.output
    assert "STOP_LOSS" in result.output
    assert "LIMIT" in result.output


def test_decide_says_when_costs_blocked_the_entry() -> None:
    """2023-05-05 00:54: every market condition of a confluence long held, but its targets were
    141.47 away on average, less than 3x the 86.87 a round trip costs at the 0.1% fee and 5 bps
    slippage (its fees and slippage exceeded its price risk). With the costs of a cheaper venue
    (0.02% fee, 1 bps) the same bar is a long."""
    args = ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-05 00:54", "--equity", "2500"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "No signal on this bar" in result.output
    assert _row(result.output, "costs:")[-2:] == ["failed", "held"]
    assert _row(result.output, "placement:")[-2:] == ["held", "held"]
    assert _row(result.output, "volume")[-2] == "held"
    cheap = runner.invoke(app, [*args, "--fee", "0.0002", "--slippage", "1"], env={"COLUMNS": "200"})
    assert cheap.exit_code == 0, cheap.output
    assert "No signal" not in cheap.output
    assert "ENTER LONG" in cheap.output


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
        app, ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-03 22:07"], env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert "28906.08" in result.output  # the stop


def test_decide_warns_when_costs_exceed_the_price_risk() -> None:
    """2023-05-05 00:54 with the cost rules relaxed (no cost check, gate minimum 0): the long goes
    through at 2.75 gross but 0.50 net (the gate's figure: every fee and the slippage on the way in
    come off the gain), and `decide` warns that the stop is too tight for the costs (14.98 USDT of
    fees and slippage against 8.88 USDT of price risk to the stop)."""
    result = runner.invoke(
        app,
        ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-05 00:54", "-p", "cost_multiple=0"],
        env={"COLUMNS": "200", "AITRADER_MIN_REWARD_RISK": "0"},
    )
    assert result.exit_code == 0, result.output
    assert "RiskGate: APPROVED" in result.output
    assert "reward:risk 2.75 gross, 0.50 net" in result.output
    assert "exceed the price risk to the stop" in result.output
    strict = runner.invoke(
        app,
        ["decide", "--symbol", "BTCUSDT", "-t", "1m", "--at", "2023-05-05 00:54", "-p", "cost_multiple=0"],
        env={"COLUMNS": "200"},
    )
    assert "REJECTED [reward_risk_too_low]" in strict.output  # the default gate refuses 0.50 net
