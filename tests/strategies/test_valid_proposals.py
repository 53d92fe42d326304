"""No strategy raises or builds an invalid proposal on any shipped sample.

Every candidate bar of every sample (BTC/ETH/SOL 1m, BTC 1h from 2017-08, NIFTY50 1d) is visited:
entry candidates with no position (each must give one valid Enter), then a candidate-only replay
that holds positions (exits and stop adjustments). The crash this guards against: confluence's
short on BTCUSDT 1h at 2018-01-16 21:00, whose 3.5R target came out at -1,524.90.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.data import load_sample
from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Adjust, Enter, Exit, Target
from aitrader.strategies import REGISTRY, MarketView, get_strategy
from aitrader.strategies.placement_guard import plan_is_valid
from aitrader.strategies.replay import replay

SAMPLES = (("BTCUSDT", "1m"), ("ETHUSDT", "1m"), ("SOLUSDT", "1m"), ("BTCUSDT", "1h"), ("NIFTY50", "1d"))


@pytest.fixture(scope="module")
def samples() -> dict[str, Candles]:
    return {f"{s} {tf}": load_sample(s, tf) for s, tf in SAMPLES}


def _bar(candles: Candles, when: str) -> int:
    ms = int(datetime.fromisoformat(when).replace(tzinfo=UTC).timestamp() * 1000)
    (i,) = np.flatnonzero(candles.open_time == ms)
    return int(i)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_candidate_bar_of_every_sample_gives_valid_proposals(
    name: str, samples: dict[str, Candles]
) -> None:
    for key, candles in samples.items():
        strategy = get_strategy(name, timeframe=candles.timeframe)
        feats = strategy.features(candles)
        sig = strategy.signals(feats)
        entries = np.flatnonzero(sig.entry_long | sig.entry_short)
        for bar in entries:
            (p,) = strategy.on_bar(MarketView(feats, int(bar)), EMPTY_BOOK)
            assert isinstance(p, Enter), f"{name} {key} bar {bar}"
            assert plan_is_valid(p.price, p.side, p.stop, p.targets), f"{name} {key} bar {bar}: {p}"
        log = replay(strategy, candles, every_bar=False)
        assert len(log.entries) <= len(entries)
        for i, adj in log.adjusts:
            assert isinstance(adj, Adjust)
            assert adj.new_stop is not None
            assert math.isfinite(adj.new_stop), f"{name} {key} bar {i}: {adj}"
            assert adj.new_stop > 0, f"{name} {key} bar {i}: {adj}"
        for i, ex in log.exits:
            assert isinstance(ex, Exit)
            assert ex.price > 0, f"{name} {key} bar {i}"


def test_the_2018_crash_bar_is_no_signal_and_says_why(samples: dict[str, Candles]) -> None:
    candles = samples["BTCUSDT 1h"]
    strategy = get_strategy("confluence", timeframe=Timeframe.H1)
    feats = strategy.features(candles)
    i = _bar(candles, "2018-01-16T21:00:00")
    view = MarketView(feats, i)
    # every market condition of a short held; only the placement (a target below zero) did not
    why = strategy.explain(view, Side.SELL)
    assert [c.key for c in why if not c.held] == ["placement"]
    assert "positive prices" in next(c.text for c in why if c.key == "placement")
    assert not feats["entry_short"][i]
    assert strategy.on_bar(view, EMPTY_BOOK) == []
    # the placement the strategy would have used is indeed invalid
    stop = strategy._stop(view, Side.SELL)
    targets = strategy._targets(view, Side.SELL, stop)
    assert min(t.price for t in targets) < 0


def test_plan_is_valid_checks_signs_and_sides() -> None:
    ok = (Target(110.0, 0.5), Target(120.0, 0.5))
    assert plan_is_valid(100.0, Side.BUY, 95.0, ok)
    assert not plan_is_valid(100.0, Side.BUY, 105.0, ok)  # stop on the winning side
    assert not plan_is_valid(100.0, Side.BUY, -5.0, ok)  # negative stop
    assert not plan_is_valid(100.0, Side.BUY, 95.0, (Target(99.0, 1.0),))  # target below a long entry
    assert not plan_is_valid(100.0, Side.SELL, 130.0, (Target(-1.0, 1.0),))  # the 2018 short
    assert not plan_is_valid(100.0, Side.SELL, 105.0, (Target(float("nan"), 1.0),))
    assert not plan_is_valid(100.0, Side.SELL, 105.0, ())
    assert plan_is_valid(100.0, Side.SELL, 105.0, (Target(90.0, 1.0),))


def test_backtest_on_the_1h_sample_runs_through_2018() -> None:
    result = CliRunner().invoke(
        app,
        ["backtest", "--strategy", "confluence", "--symbol", "BTCUSDT", "--timeframe", "1h", "--no-journal"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "58,419 bars" in result.output
