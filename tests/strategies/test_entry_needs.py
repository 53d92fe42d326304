"""`entry_requirements` mirror each strategy's rules: on real bars a requirement holds exactly when the
strategy's own condition column does; `read_bar` is what `decide` prints."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from aitrader.domain import Candles, Side
from aitrader.domain.position import EMPTY_BOOK
from aitrader.strategies.bar_reading import last_signal, read_bar
from aitrader.strategies.base import Features, MarketView
from aitrader.strategies.entry_needs import entry_requirements
from aitrader.strategies.registry import get_strategy, strategy_names
from aitrader.strategies.rule import RuleStrategy


def bars_to_check(strategy_name: str, candles: Candles) -> tuple[RuleStrategy[Any], Features, list[int]]:
    """Random warmed-up bars, plus the first bars where each single condition holds on either side."""
    s = get_strategy(strategy_name, {}, candles.timeframe)
    f = s.features(candles)
    rng = np.random.default_rng(7)
    bars = set(rng.integers(s.warmup, len(candles), 120).tolist())
    for key, _ in s.conditions:
        for side in ("long", "short"):
            hits = np.flatnonzero(np.asarray(f[f"{side}_{key}"][s.warmup :], dtype=bool)) + s.warmup
            bars |= set(hits[:30].tolist())
    bars |= set(np.flatnonzero(s.signals(f).entry_long | s.signals(f).entry_short)[:10].tolist())
    return s, f, sorted(bars)


@pytest.mark.parametrize("name", strategy_names())
@pytest.mark.parametrize("tf", ["1m", "1h"])
def test_each_requirement_holds_exactly_when_the_strategys_condition_does(
    name: str, tf: str, btc_1m: Candles, btc_1h: Candles
) -> None:
    candles = (btc_1m if tf == "1m" else btc_1h).tail(8000)
    s, f, bars = bars_to_check(name, candles)
    assert len(bars) > 150
    held_groups: set[tuple[str, int]] = set()
    for i in bars:
        view = MarketView(f, i)
        for side, prefix in ((Side.BUY, "long"), (Side.SELL, "short")):
            reqs = entry_requirements(s, view, side)
            assert [r.key for r in reqs] == [c.key for c in s.explain(view, side)]
            for r in reqs:
                assert r.held == view.flag(f"{prefix}_{r.key}"), (name, tf, i, prefix, r)
                held_groups |= {(r.key, k) for k, g in enumerate(r.groups) if all(n.held for n in g)}
    if name == "levels":  # both ways in: a breakout on volume and a retest that held
        assert {("level", 0), ("level", 1)} <= held_groups


def test_figures_come_with_their_thresholds(btc_1h: Candles) -> None:
    s = get_strategy("confluence", {}, btc_1h.timeframe)
    f = s.features(btc_1h.tail(4000))
    view = MarketView(f, len(f) - 1)
    reqs = {r.key: r for r in entry_requirements(s, view, Side.BUY)}
    rsi_floor, rsi_cap = reqs["rsi"].groups[0]
    assert (rsi_floor.op, rsi_floor.threshold, rsi_cap.op, rsi_cap.threshold) == (">", 55.0, "<", 80.0)
    assert rsi_floor.value == view.value("rsi")
    breakout = reqs["breakout"].groups[0][0]
    assert (breakout.subject, breakout.threshold, breakout.threshold_name) == (
        "close",
        view.value("range_high"),
        "30-bar high",
    )
    trend = reqs["trend"].groups[0][1]
    assert trend.threshold_name == "4h EMA 50"  # 15m is below 1h: the filter moves to 4x the base


def test_read_bar_is_explain_and_on_bar(btc_1m: Candles) -> None:
    s = get_strategy("confluence", {}, btc_1m.timeframe)
    f = s.features(btc_1m)
    j = last_signal(s, f)
    assert j is not None
    signal = read_bar(s, f, j)
    assert signal.proposals
    assert signal.proposals == s.on_bar(MarketView(f, j), EMPTY_BOOK)
    quiet = read_bar(s, f, len(f) - 1)
    assert not quiet.proposals
    assert [r.key for r in quiet.rows] == ["regime", *(k for k, _ in s.conditions)]
    assert [r.long for r in quiet.rows] == [c.held for c in quiet.long]
    assert [r.short for r in quiet.rows] == [c.held for c in quiet.short]
    assert quiet.rows[0].text.startswith(f"regime is {quiet.regime} (longs trade trend_up")
    assert last_signal(s, f, upto=j - 1) != j
