"""Walk-forward: windows never let a choice see its test window; stitched equity chains the tests."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from aitrader.backtest.metrics import compute_metrics
from aitrader.domain import Candles, Timeframe
from aitrader.optimize.evaluate import Evaluator, TrialSetup, Window
from aitrader.optimize.objectives import parse_objectives
from aitrader.optimize.pool import LocalRunner
from aitrader.optimize.space import SpaceError, build_space
from aitrader.optimize.walk_forward import WalkForwardPlan, plan_windows, walk_forward
from aitrader.strategies.sma_cross import SmaCrossParams

SPACE = ["fast=5:40:5", "slow=30:120:10", "target_pct=0.1", "stop_pct=0.05"]


def test_rolling_and_anchored_windows() -> None:
    rolling = plan_windows(1000, WalkForwardPlan(train=400, test=100, step=100), first=50)
    assert [(p.train.start, p.train.end, p.test.start, p.test.end) for p in rolling] == [
        (50, 450, 450, 550),
        (150, 550, 550, 650),
        (250, 650, 650, 750),
        (350, 750, 750, 850),
        (450, 850, 850, 950),
    ]
    anchored = plan_windows(1000, WalkForwardPlan(400, 100, 100, anchored=True), first=50)
    assert [p.train.start for p in anchored] == [50] * 5
    assert [len(p.train) for p in anchored] == [400, 500, 600, 700, 800]
    for pairs in (rolling, anchored):  # back to back, each test right after its train window
        assert all(p.test.start == p.train.end for p in pairs)
        assert all(a.test.end == b.test.start for a, b in itertools.pairwise(pairs))


def test_windows_that_do_not_fit_are_refused_in_words() -> None:
    with pytest.raises(SpaceError, match="one walk-forward window needs 1,200"):
        plan_windows(1000, WalkForwardPlan(1000, 200, 200))
    with pytest.raises(SpaceError, match="would overlap"):
        plan_windows(1000, WalkForwardPlan(300, 200, 100))


def _run(candles: Candles, trials: int = 12) -> object:
    setup = TrialSetup("sma_cross", Timeframe.H1)
    space = build_space(SmaCrossParams, SPACE)
    pairs = plan_windows(len(candles), WalkForwardPlan(2190, 730, 730), first=400)
    return walk_forward(
        space,
        parse_objectives("sharpe"),
        LocalRunner(setup, candles),
        Evaluator(setup, candles),
        pairs,
        trials,
        "tpe",
        seed=3,
    )


def test_choices_never_see_the_test_window(btc_1h: Candles) -> None:
    """Scrambling every bar after the first train window leaves its choice unchanged."""
    data = btc_1h.slice(30_000, 30_000 + 6_000)
    first = _run(data)
    cut = 400 + 2190  # end of the first train window
    rng = np.random.default_rng(0)
    order = cut + rng.permutation(len(data) - cut)
    cols = [
        np.concatenate([getattr(data, c)[:cut], getattr(data, c)[order]])
        for c in ("open", "high", "low", "close", "volume")
    ]
    scrambled = Candles(data.open_time, *cols, symbol=data.symbol, timeframe=data.timeframe)
    second = _run(scrambled)
    assert first.windows[0].params == second.windows[0].params  # type: ignore[attr-defined]
    assert first.windows[0].in_sample == second.windows[0].in_sample  # type: ignore[attr-defined]
    assert first.windows[1].out_of_sample != second.windows[1].out_of_sample  # type: ignore[attr-defined]


def test_stitched_equity_chains_the_test_windows(btc_1h: Candles) -> None:
    data = btc_1h.slice(30_000, 30_000 + 6_000)
    wf = _run(data)
    windows = wf.windows  # type: ignore[attr-defined]
    stitched = wf.stitched  # type: ignore[attr-defined]
    assert len(stitched.equity) == sum(len(w.pair.test) for w in windows)
    growth = np.prod([w.test.final_equity / w.test.initial_equity for w in windows])
    assert stitched.final_equity == pytest.approx(stitched.initial_equity * growth, rel=1e-12)
    assert stitched.times[0] == data.open_time[windows[0].pair.test.start]
    assert np.all(np.diff(stitched.times) > 0)
    assert len(stitched.trades) == sum(len(w.test.trades) for w in windows)
    for w in windows:  # out-of-sample metrics are the test window's own
        assert w.out_of_sample == compute_metrics(w.test).to_dict()
        assert w.test.times[0] == data.open_time[w.pair.test.start]
    stab = wf.stability  # type: ignore[attr-defined]
    assert set(stab) == {"fast", "slow"}
    assert all(0 <= v <= 0.5 for v in stab.values())


def test_flat_window_when_nothing_is_feasible(btc_1h: Candles) -> None:
    data = btc_1h.slice(30_000, 33_000)
    setup = TrialSetup("sma_cross", Timeframe.H1)
    ev = Evaluator(setup, data)
    flat = ev.flat(Window(100, 200))
    assert len(flat.equity) == 100
    assert float(flat.equity.min()) == float(flat.equity.max()) == setup.cash
    assert compute_metrics(flat).n_trades == 0


def test_a_position_open_at_the_window_end_is_sold_and_counted(btc_1h: Candles) -> None:
    data = btc_1h.slice(30_000, 36_000)
    setup = TrialSetup("sma_cross", Timeframe.H1, all_in=True)
    ev = Evaluator(setup, data)
    params = {"fast": 10, "slow": 30, "target_pct": 0.1, "stop_pct": 0.05}
    ends = []
    for end in range(1000, 6000, 97):  # windows ending at many bars: some end in a position
        result, returns = ev.full(params, Window(500, end))
        if result.params.get("closed_at_end"):
            last = result.trades[-1]
            assert last.exit_reason == "window end"
            assert last.exit_bar == len(result.equity) - 1  # its last bar (indexes count from the window)
            held = result.candles.close[-1] * last.quantity
            assert last.fees > held * 0.001 * 0.99  # the exit fee is paid
            assert len(returns) == len(result.trades)
            ends.append(end)
    assert ends


def test_indicators_are_computed_once_for_every_trial_of_a_window(btc_1h: Candles) -> None:
    data = btc_1h.slice(30_000, 36_000)
    setup = TrialSetup("sma_cross", Timeframe.H1, all_in=True, lead=600)
    ev = Evaluator(setup, data)
    for slow in (40, 50, 60, 70):  # warm-ups differ by trial; the inputs do not
        ev.run({"fast": 10, "slow": slow, "target_pct": 0.1, "stop_pct": 0.05}, Window(1000, 6000))
    assert ev.cache.hits >= 3  # sma(close, 10) was computed once
