"""Metrics start at the first bar the strategy could decide on; the benchmark starts there too."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import empyrical
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result, sample

from aitrader.backtest.benchmark import benchmark_for, buy_and_hold
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy, load_candles
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report.json_export import report_dict
from aitrader.backtest.result import open_trade_record, trim_warmup
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import parse_time
from mechanics_costs import mechanics_gate, mechanics_strategy

REL = 1e-9


def test_the_warm_up_bars_are_not_measured() -> None:
    run = engine_result()
    warmup = build_strategy("confluence", {}, Timeframe.M1).warmup
    first = warmup - 1
    assert run.first_bar == first > 2000
    assert (run.equity[:first] == run.initial_equity).all()  # flat: no decision was possible
    m = compute_metrics(run)
    assert m.excluded_bars == first
    assert m.n_bars == len(run.equity) - first
    assert m.start_ms == run.times[first]
    assert m.exposure == pytest.approx(run.in_market[first:].mean(), rel=1e-12)
    assert m.exposure > run.in_market.mean()  # the flat warm-up no longer dilutes it
    returns = empyrical.simple_returns(np.concatenate([[run.initial_equity], run.equity[first:]]))
    bpy = run.bars_per_year
    assert m.sharpe == pytest.approx(empyrical.sharpe_ratio(returns, annualization=bpy), rel=REL)
    assert m.sortino == pytest.approx(empyrical.sortino_ratio(returns, annualization=bpy), rel=REL)
    assert m.annual_return == pytest.approx(empyrical.annual_return(returns, annualization=bpy), rel=REL)
    assert m.volatility_annual == pytest.approx(
        empyrical.annual_volatility(returns, annualization=bpy), rel=REL
    )
    # the total return and the trades are the same with or without the flat bars
    assert m.total_return == pytest.approx(run.final_equity / run.initial_equity - 1, rel=1e-12)
    assert m.n_trades == len(run.trades)


def test_including_the_warm_up_would_dilute_sharpe() -> None:
    run = engine_result()
    all_bars = np.concatenate([[run.initial_equity], run.equity])
    diluted = empyrical.sharpe_ratio(empyrical.simple_returns(all_bars), annualization=run.bars_per_year)
    m = compute_metrics(run)
    assert m.sharpe is not None
    assert abs(m.sharpe) > abs(diluted)


def test_benchmark_covers_the_measured_bars_and_buys_when_the_strategy_could_first_fill() -> None:
    run = engine_result()
    bench = benchmark_for(run)
    assert bench is not None
    first = run.first_bar
    assert bench.times[0] == run.times[first]
    assert len(bench.equity) == len(run.equity) - first
    assert bench.equity[0] == run.initial_equity  # the first decision is on this bar's close
    assert bench.trades[0].entry_price == run.candles.open[first + 1]  # no slippage in this run
    expected = buy_and_hold(run.candles.slice(first, None), run.initial_equity, 0.001, entry_bar=1)
    np.testing.assert_array_equal(bench.equity, expected.equity)
    assert compute_metrics(bench).n_bars == compute_metrics(run).n_bars


def test_history_loaded_before_from_leaves_nothing_more_to_exclude() -> None:
    """The CLI loads the warm-up before --from and trims it (`trim_warmup`): the window's first bar
    can already decide, so metrics cover the whole asked window."""
    strategy = build_strategy("confluence", {}, Timeframe.M1)
    start = parse_time("2023-04-01")
    loaded = load_candles(
        "BTCUSDT", Timeframe.M1, None, start, parse_time("2023-04-06"), None, strategy.warmup
    )
    assert loaded.warmup_bars == strategy.warmup
    result = trim_warmup(run_backtest(strategy, loaded.candles, BacktestConfig()), loaded.warmup_bars)
    assert result.times[0] == start
    assert result.first_bar == 0
    m = compute_metrics(result)
    assert m.excluded_bars == 0
    assert m.n_bars == len(result.equity)
    bench = benchmark_for(result)
    assert bench is not None
    assert bench.times[0] == start


def test_trimming_the_warm_up_moves_every_bar_index_with_it() -> None:
    """After --from, bar 0 is the window's first bar: a trade's entry/exit bar and an exit fill's
    bar index the trimmed series (the JSON's trades[].entry_bar included), not the loaded one.

    The cost rules are off: bar indexes are under test, which needs trades, and on 1m the costs
    exceed most moves (with the rules on confluence trades 8 times in this window)."""
    strategy = mechanics_strategy("confluence", Timeframe.M1)
    start = parse_time("2023-04-01")
    loaded = load_candles(
        "BTCUSDT", Timeframe.M1, None, start, parse_time("2023-04-06"), None, strategy.warmup
    )
    run = run_backtest(strategy, loaded.candles, BacktestConfig(record_exits=True), gate=mechanics_gate())
    k = loaded.warmup_bars
    result = trim_warmup(run, k)
    assert len(result.trades) > 10
    assert len(result.exits) > len(result.trades)
    for before, after in zip(run.trades, result.trades, strict=True):
        assert (after.entry_bar, after.exit_bar) == (before.entry_bar - k, before.exit_bar - k)
        assert result.times[after.entry_bar] == after.entry_time
        assert result.times[after.exit_bar] == after.exit_time
    for f in result.exits:
        assert result.times[f.bar] == f.time_ms
    data = report_dict(result, compute_metrics(result))
    assert [t["entry_bar"] for t in data["trades"]] == [t.entry_bar for t in result.trades]
    assert all(result.times[t["entry_bar"]] == t["entry_time"] for t in data["trades"])


def test_trimming_moves_the_open_position_too() -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    held = open_trade_record(run)
    assert held is not None
    trimmed = trim_warmup(run, 1_000)
    moved = open_trade_record(trimmed)
    assert moved is not None
    assert (moved.entry_bar, moved.exit_bar) == (held.entry_bar - 1_000, len(trimmed.times) - 1)
    assert trimmed.times[moved.entry_bar] == moved.entry_time


def test_a_short_history_before_from_excludes_the_rest_of_the_warm_up() -> None:
    strategy = build_strategy("confluence", {}, Timeframe.M1)
    candles = sample().slice(0, 9_000)
    trimmed = trim_warmup(run_backtest(strategy, candles, BacktestConfig()), 1_000)
    assert trimmed.first_bar == strategy.warmup - 1 - 1_000
    assert compute_metrics(trimmed).excluded_bars == strategy.warmup - 1 - 1_000


def test_hand_built_results_are_measured_from_their_first_bar() -> None:
    """Results that do not say otherwise (first_bar 0) measure every bar, as before."""
    run = engine_result()
    whole = compute_metrics(replace(run, first_bar=0))
    assert whole.n_bars == len(run.equity)
    assert whole.excluded_bars == 0
