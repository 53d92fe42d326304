"""`aitrader analyze` on the shipped samples, and the snapshot it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.domain import Candles
from aitrader.domain.timeframe import parse_time
from aitrader.features.regime import Regime
from aitrader.features.snapshot import snapshot

runner = CliRunner()
BTC_1M = Path(__file__).resolve().parents[2] / "data/sample/binance/BTCUSDT-1m-2023-03-16_2023-05-05.csv.gz"


def test_analyze_prints_every_section() -> None:
    r = runner.invoke(
        app,
        ["analyze", "--symbol", "BTCUSDT", "--timeframe", "15m", "--at", "2023-04-20 12:00"],
        env={"COLUMNS": "200"},
    )
    assert r.exit_code == 0, r.output
    out = r.output
    assert "BTCUSDT 15m" in out
    assert "last closed bar opened 2023-04-20 11:45 UTC" in out  # the 11:45 bar closed at 11:59:59.999
    for needle in ("Indicators", "rsi_14", "adx_14", "vwap_day", "Levels", "prev day high", "prev week low",
                   "Recent patterns", "regime", "1h", "4h"):  # fmt: skip
        assert needle in out, needle
    assert re.search(r"(support|resistance)", out)


def test_analyze_errors_are_one_clear_line(tmp_path: object) -> None:
    r = runner.invoke(app, ["analyze", "--symbol", "DOGEUSDT", "--timeframe", "1h"])
    assert r.exit_code == 1
    assert "error:" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "7m"])
    assert r.exit_code == 1
    assert "unknown timeframe" in r.output
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1m", "--at", "2000-01-01"])
    assert r.exit_code == 1
    assert "is outside the data" in r.output
    r = runner.invoke(
        app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1m", "--at", "2023-03-16 23:00"]
    )
    assert r.exit_code == 1
    assert "need at least 50" in r.output


def test_analyze_at_after_the_data_is_an_error_not_the_last_bar() -> None:
    r = runner.invoke(
        app,
        ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1m", "--at", "2030-01-01"],
        env={"COLUMNS": "300"},
    )
    assert r.exit_code == 1
    assert (
        "--at 2030-01-01 is outside the data: BTCUSDT 1m covers 2023-03-16 22:15 → 2023-05-05 07:35"
        in r.output
    )


def test_analyze_unknown_symbol_lists_what_exists() -> None:
    r = runner.invoke(app, ["analyze", "--symbol", "FOO", "--timeframe", "1h"], env={"COLUMNS": "300"})
    assert r.exit_code == 1
    assert "no sample data for FOO 1m" not in r.output
    assert "BTCUSDT 1m, 1h" in r.output


def test_analyze_daily_and_weekly_use_the_long_history_and_closed_bars_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITRADER_DATA_DIR", str(tmp_path / "empty-store"))
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1d"], env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    assert "last closed bar opened 2024-04-20 00:00 UTC" in r.output  # 2024-04-21 is partial
    assert "2,438 bars" in r.output
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1w"], env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    assert "347 bars" in r.output
    r = runner.invoke(
        app,
        ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1d", "--data", str(BTC_1M)],
        env={"COLUMNS": "300"},
    )
    assert r.exit_code == 1  # 49 closed days in the 1m file: the partial 2023-05-05 is not one of them
    assert "only 49 closed 1d candles" in r.output


def test_analyze_reads_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, btc_1m: Candles) -> None:
    from dataclasses import replace

    from aitrader.data import CandleStore

    CandleStore(tmp_path).merge(replace(btc_1m.slice(0, 2000), symbol="TESTUSDT"))  # only the store has it
    monkeypatch.setenv("AITRADER_DATA_DIR", str(tmp_path))
    r = runner.invoke(app, ["analyze", "--symbol", "TESTUSDT", "--timeframe", "1m"], env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    assert "2,000 bars from store" in r.output


def test_snapshot_reads_only_the_bars_it_is_given(btc_1m: Candles) -> None:
    cut = btc_1m.between(end_ms=parse_time("2023-04-20 12:00"))
    s = snapshot(cut)
    assert s.time == parse_time("2023-04-20 11:59")
    assert s.close == cut.close[-1]
    assert isinstance(s.regime, Regime)
    assert all(p.confirmed_index <= s.index for p in s.chart_patterns)
    assert all(p.breakout_index is None or p.breakout_index <= s.index for p in s.chart_patterns)
    assert s.prior_levels["prev day high"] >= s.prior_levels["prev day low"]
    assert {lv.kind for lv in s.levels} <= {"support", "resistance"}


def test_analyze_tables_are_not_cut_at_80_columns() -> None:
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1h"], env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.output
    assert "…" not in r.output
    assert "realized_vol_60" in r.output
    assert "donchian_upper_20" in r.output


def test_daily_regime_is_not_warming_up_with_years_of_bars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITRADER_DATA_DIR", str(tmp_path / "empty-store"))
    r = runner.invoke(app, ["analyze", "--symbol", "BTCUSDT", "--timeframe", "1d"], env={"COLUMNS": "300"})
    assert r.exit_code == 0, r.output
    first_line = r.output.splitlines()[0]
    assert "regime warming up" not in first_line
