"""`aitrader analyze` on the shipped samples, and the snapshot it prints."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.domain import Candles
from aitrader.domain.timeframe import parse_time
from aitrader.features.regime import Regime
from aitrader.features.snapshot import snapshot

runner = CliRunner()


def test_analyze_prints_every_section() -> None:
    r = runner.invoke(app, ["analyze", "BTCUSDT", "15m", "--at", "2023-04-20 12:00"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    out = r.output
    assert "BTCUSDT 15m" in out
    assert "last closed bar opened 2023-04-20 11:45 UTC" in out  # the 11:45 bar closed at 11:59:59.999
    for needle in ("Indicators", "rsi_14", "adx_14", "vwap_day", "Levels", "prev day high", "prev week low",
                   "Recent patterns", "regime", "1h", "4h"):  # fmt: skip
        assert needle in out, needle
    assert re.search(r"(support|resistance)", out)


def test_analyze_errors_are_one_clear_line(tmp_path: object) -> None:
    r = runner.invoke(app, ["analyze", "DOGEUSDT", "1h"])
    assert r.exit_code == 1
    assert "error:" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(app, ["analyze", "BTCUSDT", "7m"])
    assert r.exit_code == 1
    assert "unknown timeframe" in r.output
    r = runner.invoke(app, ["analyze", "BTCUSDT", "1m", "--at", "2000-01-01"])
    assert r.exit_code == 1
    assert "need at least 50" in r.output


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
