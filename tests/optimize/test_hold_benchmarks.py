"""The optimiser's two benchmarks on real BTC bars: buy-and-hold and volatility-targeted buy-and-hold
over exactly the bars the strategy is scored on (a search's window, each walk-forward test window,
the stitched test windows and no bar between them), the second aimed at the strategy's own
volatility and equal to a direct `vol_target_buy_and_hold` call on the same bars."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from rich.console import Console

from aitrader.backtest.benchmark import buy_and_hold
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import annualisation
from aitrader.backtest.vol_target_benchmark import DEFAULT_TARGET, target_for, vol_target_buy_and_hold
from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.domain.timeframe import Timeframe, parse_time
from aitrader.optimize.evaluate import Evaluator, TrialSetup, Window
from aitrader.optimize.hold_benchmarks import target_of, track_benchmarks, window_benchmarks
from aitrader.optimize.objectives import parse_objectives
from aitrader.optimize.space import build_space
from aitrader.optimize.study import OptimizeRequest, optimise
from aitrader.optimize.tables import print_document, print_symbols
from aitrader.optimize.walk_forward import WalkForwardPlan
from aitrader.strategies.registry import REGISTRY

TF = Timeframe.parse("1h")
LEAD = 300
CASH, FEE = 10_000.0, 0.001


def _candles(start: str, end: str) -> Candles:
    full = load_sample("BTCUSDT", "1h")
    lo, hi = np.searchsorted(full.open_time, [parse_time(start), parse_time(end)])
    return full.slice(int(lo) - LEAD, int(hi))


def _request(trials: int, plan: WalkForwardPlan | None = None) -> OptimizeRequest:
    return OptimizeRequest(
        TrialSetup("confluence", TF, cash=CASH, fee=FEE),
        build_space(REGISTRY["confluence"].params_model),
        parse_objectives("sharpe"),
        trials,
        monte_carlo=50,
        lead=LEAD,
        walk_forward=plan,
    )


def _direct_return(candles: Candles, start: int, end: int, target: float) -> float:
    run = vol_target_buy_and_hold(candles.slice(0, end), CASH, target, FEE, start=start)
    return compute_metrics(run).total_return


@pytest.fixture(scope="module")
def search() -> tuple[dict[str, Any], Candles]:
    candles = _candles("2021-01-01", "2021-07-01")
    return optimise(_request(8), candles), candles


@pytest.fixture(scope="module")
def walk() -> tuple[dict[str, Any], Candles]:
    candles = _candles("2020-09-01", "2021-07-01")
    return optimise(_request(6, WalkForwardPlan(train=3_000, test=1_500, step=1_500)), candles), candles


def test_search_sets_both_benchmarks_over_the_chosen_runs_bars(
    search: tuple[dict[str, Any], Candles],
) -> None:
    doc, candles = search
    hold, vol, chosen = doc["benchmark"], doc["vol_target_benchmark"], doc["chosen"]
    assert chosen is not None
    assert chosen["metrics"]["n_trades"] > 0
    assert vol["times"] == hold["times"] == chosen["times"]  # the same bars, bar for bar
    plain = compute_metrics(buy_and_hold(candles.slice(LEAD, None), CASH, FEE))
    assert hold["metrics"]["total_return"] == pytest.approx(plain.total_return)  # as it always was
    run, _ = Evaluator(_request(8).setup, candles).full(chosen["params"], Window(LEAD, len(candles)))
    assert vol["target_volatility"] == pytest.approx(target_for(run))
    assert 0.05 <= vol["target_volatility"] < 0.5  # a strategy in the market part of the time
    assert 0 < vol["mean_weight"] <= 1
    assert 1 <= vol["rebalances"] <= 200  # at most one a day over half a year
    assert vol["metrics"]["exposure"] <= 1
    direct = _direct_return(candles, LEAD, len(candles), vol["target_volatility"])
    assert vol["metrics"]["total_return"] == pytest.approx(direct, rel=1e-12)
    # BTC's own volatility is far above the target: a fraction of buy-and-hold's drawdown
    assert vol["metrics"]["max_drawdown"] < 0.5 * hold["metrics"]["max_drawdown"]


def test_walk_forward_windows_and_stitched_track_have_both_benchmarks(
    walk: tuple[dict[str, Any], Candles],
) -> None:
    doc, candles = walk
    wf = doc["walk_forward"]
    assert len(wf["windows"]) >= 2
    evaluator = Evaluator(_request(6).setup, candles)
    starts = {int(t): i for i, t in enumerate(candles.open_time)}
    for w in wf["windows"]:
        lo, hi = starts[w["test"]["start_ms"]], starts[w["test"]["end_ms"]] + 1
        test = (
            evaluator.full(w["params"], Window(lo, hi))[0] if w["params"] else evaluator.flat(Window(lo, hi))
        )
        vol = w["vol_target_benchmark"]
        assert vol["target_volatility"] == pytest.approx(target_for(test))
        assert 0 <= vol["mean_weight"] <= 1
        assert vol["exposure"] <= 1
        assert vol["total_return"] == pytest.approx(_direct_return(candles, lo, hi, vol["target_volatility"]))
        plain = compute_metrics(buy_and_hold(candles.slice(lo, hi), CASH, FEE)).total_return
        assert w["benchmark"]["total_return"] == pytest.approx(plain)
    stitched, vol = wf["stitched"], doc["vol_target_benchmark"]
    assert vol["times"] == doc["benchmark"]["times"] == stitched["times"]
    first = starts[wf["windows"][0]["test"]["start_ms"]]
    last = starts[wf["windows"][-1]["test"]["end_ms"]] + 1  # back-to-back windows: one stretch
    assert vol["metrics"]["total_return"] == pytest.approx(
        _direct_return(candles, first, last, vol["target_volatility"])
    )
    equity = np.asarray(stitched["equity"])
    assert len(equity) == last - first  # every bar kept (fewer than the curve's 5,000 points)
    r = np.diff(np.concatenate(([CASH], equity))) / np.concatenate(([CASH], equity[:-1]))
    own = float(np.std(r, ddof=1)) * math.sqrt(annualisation(stitched["times"], TF).bars_per_year)
    assert vol["target_volatility"] == pytest.approx(max(own, 0.05), rel=1e-6)


def test_tables_print_the_volatility_targeted_rows(
    search: tuple[dict[str, Any], Candles], walk: tuple[dict[str, Any], Candles]
) -> None:
    console = Console(record=True, width=200)
    for doc, _ in (search, walk):
        print_document(console, doc)
        print_symbols(console, [doc])
    text = console.export_text()
    assert text.count("vol-target B&H ") >= 2  # a row under each run's metrics
    assert "VT B&H return" in text
    assert "VT Sharpe" in text
    target = search[0]["vol_target_benchmark"]["target_volatility"]
    assert f"{target * 100:.1f}% is the chosen run's realised volatility" in text


def test_gapped_test_windows_are_benchmarked_on_their_bars_alone() -> None:
    candles = _candles("2021-01-01", "2021-04-01")
    windows = [Window(LEAD, LEAD + 500), Window(LEAD + 800, LEAD + 1_300), Window(LEAD + 1_300, LEAD + 1_600)]
    flat = Evaluator(_request(1).setup, candles).flat(Window(LEAD, LEAD + 1_600))
    bench = track_benchmarks(candles, windows, CASH, FEE, flat)
    assert bench.target == DEFAULT_TARGET  # no trade: the default target
    kept = np.concatenate([candles.open_time[w.start : w.end] for w in windows])
    for run in (bench.hold, bench.vol):
        np.testing.assert_array_equal(run.times, kept)
        assert len(run.trades) >= 2  # sold at the end of the first stretch, bought again after the gap
    first = window_benchmarks(candles, LEAD, LEAD + 500, CASH, FEE, target=DEFAULT_TARGET)
    np.testing.assert_allclose(bench.vol.equity[:500], first.vol.equity)
    growth = [window_benchmarks(candles, a, b, CASH, FEE, target=DEFAULT_TARGET) for a, b in ((LEAD, LEAD + 500), (LEAD + 800, LEAD + 1_600))]  # fmt: skip
    chained = np.prod([g.vol.final_equity / CASH for g in growth])
    assert bench.vol.final_equity / CASH == pytest.approx(chained)
    assert 0 < bench.vol.params["mean_weight"] <= 1


def test_at_full_weight_the_volatility_targeted_benchmark_is_buy_and_hold() -> None:
    candles = _candles("2021-01-01", "2021-03-01")
    bench = window_benchmarks(candles, LEAD, len(candles), CASH, FEE, target=100.0)
    np.testing.assert_allclose(bench.vol.equity, bench.hold.equity, rtol=1e-12)
    assert bench.vol.params["mean_weight"] == pytest.approx(1.0)
    assert target_of([]) == DEFAULT_TARGET
