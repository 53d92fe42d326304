"""`aitrader backtest` inputs on the shipped real samples: one candle source (resampling), generic
instruments, warm-up before --from, gate verdicts, --intrabar-data checks, --interval."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy, load_candles
from aitrader.backtest.result import trim_warmup
from aitrader.cli.app import app
from aitrader.data import sample_path
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import parse_time
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, ["backtest", "--no-journal", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_timeframes_built_by_resampling_like_data_show() -> None:
    out = _run("--timeframe", "5m", "--to", "2023-03-20")
    assert "resampled 1m→5m" in out
    assert "BTCUSDT 5m" in out
    out = _run("--symbol", "BTCUSDT", "--interval", "1d", "--from", "2023-01-01")  # --interval alias
    assert "resampled 1h→1d" in out


def test_resampled_bars_are_complete() -> None:
    loaded = load_candles("BTCUSDT", Timeframe.M5, data_dir=Path("/nonexistent-store"))
    c = loaded.candles
    assert c.timeframe is Timeframe.M5
    assert len(c) > 10_000
    assert (c.open_time % Timeframe.M5.duration_ms == 0).all()
    last_1m = int(load_candles("BTCUSDT", Timeframe.M1, data_dir=Path("/nonexistent-store")).candles.end_ms)
    assert c.end_ms + Timeframe.M5.duration_ms <= last_1m + Timeframe.M1.duration_ms


def test_non_crypto_symbol_gets_generic_rules_and_says_so() -> None:
    out = _run("--symbol", "NIFTY50", "--timeframe", "1d", "--from", "2015-01-01")
    assert "instrument rules assumed for NIFTY50" in out
    assert "Final equity" in out
    assert "NIFTY50-1d" in out  # where the candles came from


def test_warmup_comes_from_before_from_and_no_decision_precedes_it() -> None:
    start = parse_time("2023-04-01")
    strat = build_strategy("confluence", {}, Timeframe.M1)
    loaded = load_candles("BTCUSDT", Timeframe.M1, None, start, parse_time("2023-04-08"), warmup=strat.warmup)
    assert loaded.warmup_bars == strat.warmup
    assert int(loaded.window.open_time[0]) == start
    assert int(loaded.candles.open_time[loaded.warmup_bars - 1]) < start
    bus = EventBus()
    verdict_times: list[int] = []
    bus.subscribe(VerdictGiven, lambda e: verdict_times.append(e.time_ms))
    result = run_backtest(strat, loaded.candles, BacktestConfig(), bus=bus)
    assert verdict_times
    assert min(verdict_times) >= start
    trimmed = trim_warmup(result, loaded.warmup_bars)
    assert int(trimmed.times[0]) == start
    assert len(trimmed.equity) == len(loaded.window) == len(trimmed.candles)
    assert trimmed.trades
    assert all(t.entry_time >= start for t in trimmed.trades)
    assert float(trimmed.equity[0]) == result.initial_equity
    out = _run("--timeframe", "1m", "--from", "2023-04-01", "--to", "2023-04-08")
    assert f"warm-up: {strat.warmup:,} bars before --from (no trading)" in out


def test_short_warmup_is_a_clear_warning() -> None:
    out = _run("--timeframe", "1m", "--from", "2023-03-17 00:00", "--to", "2023-03-19")
    m = re.search(
        r"confluence needs ([\d,]+) bars of warm-up; only (\d+) available before --from: the "
        r"first ([\d,]+) bars of your window make no decisions",
        out,
    )
    assert m, out
    need, have, blind = (int(g.replace(",", "")) for g in m.groups())
    assert have == 105  # the sample starts 2023-03-16 22:15
    assert blind == need - 1 - have


def test_gate_verdicts_explain_no_trades() -> None:
    # a target 400% away: every take-profit LIMIT breaks Binance's PERCENT_PRICE_BY_SIDE filter
    out = _run("-s", "sma_cross", "-p", "target_pct=4", "--to", "2023-03-25")
    assert "No trades." in out
    m = re.search(r"gate verdicts: ([\d,]+) proposals, ([\d,]+) approved, ([\d,]+) rejected", out)
    assert m, out
    proposals, approved, rejected = (int(g.replace(",", "")) for g in m.groups())
    assert proposals > 0
    assert approved == 0
    assert rejected == proposals
    assert re.search(r"filter_failure\s+[\d,]+\s+LIMIT order refused", out)


def test_intrabar_of_another_symbol_is_refused(tmp_path: Path) -> None:
    eth = sample_path("ETHUSDT", Timeframe.M1)
    result = runner.invoke(app, ["backtest", "-t", "1h", "--intrabar-data", str(eth)])
    assert result.exit_code == 1
    assert "holds ETHUSDT candles, the backtest is on BTCUSDT" in result.output
    renamed = tmp_path / "BTCUSDT-1m-eth-prices.csv.gz"
    shutil.copy(eth, renamed)
    args = ["backtest", "--no-journal", "-t", "1h", "--from", "2023-03-20", "--intrabar-data", str(renamed)]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "not BTCUSDT data" in result.output


def test_intrabar_coverage_is_reported() -> None:
    btc = str(sample_path("BTCUSDT", Timeframe.M1))
    out = _run("-t", "1h", "--from", "2023-03-01", "--to", "2023-04-01", "--intrabar-data", btc)
    assert "covers only 2023-03-16 22:15 → 2023-04-01 00:00 of the window 2023-03-01 00:00" in out
    out = _run("-t", "1h", "--from", "2023-04-01", "--to", "2023-04-03", "--intrabar-data", btc)
    assert "1m candles cover the whole window" in out


def test_short_data_without_from_warns_and_missing_file_is_one_line() -> None:
    out = _run("--symbol", "SOLUSDT", "--timeframe", "1w")  # six weeks of the 1m sample
    assert "bars of warm-up; the data holds only 6: no bar can make a decision" in out
    result = runner.invoke(app, ["backtest", "--no-journal", "--data", "/no/such/file.csv"])
    assert result.exit_code == 1
    assert result.output.strip() == "error: /no/such/file.csv: no such file or folder"
