"""Each strategy enters and exits where its rules say, on real data, with a rationale naming the evidence."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from aitrader.domain import Candles, Side
from aitrader.domain.position import EMPTY_BOOK, Position, StaticBook
from aitrader.domain.proposal import Adjust, AdjustKind, Enter, Exit
from aitrader.strategies import MarketView, Regime, StrategyError, get_strategy
from aitrader.strategies.base import Features
from aitrader.strategies.regime import regime_of
from aitrader.strategies.replay import replay
from aitrader.strategies.rule import RuleStrategy


def _first(mask: np.ndarray) -> int:
    hits = np.flatnonzero(mask)
    assert hits.size, "the rule never fires on this sample"
    return int(hits[0])


def _enter_at(strategy: RuleStrategy, feats: Features, i: int) -> Enter:  # type: ignore[type-arg]
    (p,) = strategy.on_bar(MarketView(feats, i), EMPTY_BOOK)
    assert isinstance(p, Enter)
    return p


def _long_pos(p: Enter) -> Position:
    return Position(p.symbol, p.side, Decimal(1), Decimal(repr(p.price)), Decimal(repr(p.stop)), plan_id="t")


def test_confluence_long_entry_has_every_confirmation(btc_1m: Candles) -> None:
    s = get_strategy("confluence")
    f = s.features(btc_1m)
    i = _first(f["entry_long"])
    p = _enter_at(s, f, i)
    c = btc_1m.close[i]
    assert p.side is Side.BUY
    assert p.price == c
    assert p.time_ms == btc_1m.open_time[i]
    assert f["ema_fast"][i] > f["ema_slow"][i]
    assert c > f["htf_ema"][i]
    assert f["macd_hist"][i] > 0  # momentum
    assert 55 < f["rsi"][i] < 80  # RSI band
    assert c > f["range_high"][i]
    assert c > btc_1m.open[i]
    assert f["rvol"][i] >= 1.8  # volume
    assert regime_of(int(f["regime"][i])) is Regime.TREND_UP
    assert p.stop < c < p.targets[0].price < p.targets[1].price
    assert abs((p.targets[0].price - c) / (c - p.stop) - 2.0) < 1e-9
    for word in ("trend", "MACD", "RSI", "volume", "Stop", "targets"):
        assert word in p.rationale
    assert p.evidence["rvol"] == pytest.approx(f["rvol"][i], rel=1e-6)
    assert 0.6 <= p.confidence <= 0.95


def test_confluence_exits_on_opposite_confluence(btc_1m: Candles) -> None:
    s = get_strategy("confluence")
    f = s.features(btc_1m)
    i = _first(f["entry_long"])
    p = _enter_at(s, f, i)
    j = i + 1 + _first(f["exit_long"][i + 1 :])
    (x,) = s.on_bar(MarketView(f, j), StaticBook([_long_pos(p)]))
    assert isinstance(x, Exit)
    assert f["ema_fast"][j] < f["ema_slow"][j]
    assert f["macd_hist"][j] < 0
    assert "opposite confluence" in x.reason
    assert x.fraction == 1.0
    # between entry and exit, holding the position, it proposes nothing
    for k in range(i + 1, j):
        assert s.on_bar(MarketView(f, k), StaticBook([_long_pos(p)])) == []


def test_confluence_sits_out_outside_its_regime(btc_1m: Candles) -> None:
    s = get_strategy("confluence")
    f = s.features(btc_1m)
    conds = np.ones(len(btc_1m), dtype=bool)
    for key, _ in s.conditions:
        conds &= f[f"long_{key}"]
    conds &= np.arange(len(btc_1m)) >= s.warmup
    sat_out = conds & ~f["long_regime"]
    i = _first(sat_out)
    assert s.on_bar(MarketView(f, i), EMPTY_BOOK) == []
    why = s.explain(MarketView(f, i), Side.BUY)
    assert [c.key for c in why if not c.held] == ["regime"]


def test_confluence_trades_a_sensible_number_of_times(btc_1m: Candles) -> None:
    log = replay(get_strategy("confluence"), btc_1m, every_bar=False)
    longs = sum(1 for _, e in log.entries if e.side is Side.BUY)
    assert 30 <= longs <= 500
    assert 60 <= len(log.entries) <= 1000


def test_momentum_enters_on_rsi_impulse_and_trails_protectively(btc_1m: Candles) -> None:
    s = get_strategy("momentum")
    f = s.features(btc_1m)
    i = _first(f["entry_long"])
    p = _enter_at(s, f, i)
    assert f["rsi"][i] > 65 >= f["rsi"][i - 1]
    assert f["adx"][i] >= 30
    assert btc_1m.close[i] > f["ema_slow"][i]
    assert "impulse" in p.rationale
    assert "ADX" in p.rationale
    assert p.stop == pytest.approx(btc_1m.close[i] - 3 * f["atr"][i])
    log = replay(s, btc_1m, every_bar=False)
    assert log.adjusts, "momentum never trailed a stop"
    kinds = {a.kind for _, a in log.adjusts}
    assert AdjustKind.TRAIL in kinds
    entries = dict(log.entries)
    stop_of: dict[int, float] = {}  # entry bar -> current stop
    for j, a in log.adjusts:
        assert isinstance(a, Adjust)
        assert a.new_stop is not None
        opened = max(k for k in entries if k < j)
        e = entries[opened]
        sign = e.side.sign
        before = stop_of.get(opened, e.stop)
        assert (a.new_stop - before) * sign > 0, "a trail must only tighten the stop"
        assert (a.price - a.new_stop) * sign > 0, "the new stop stays on the protective side of price"
        stop_of[opened] = a.new_stop


def test_range_fades_the_band_in_a_range(btc_1m: Candles) -> None:
    s = get_strategy("range")
    f = s.features(btc_1m)
    i = _first(f["entry_long"])
    p = _enter_at(s, f, i)
    assert btc_1m.close[i - 1] < f["bb_lower"][i - 1]
    assert f["rsi_prev"][i] < 30
    assert f["bb_lower"][i] < btc_1m.close[i] < f["bb_mid"][i]
    assert regime_of(int(f["regime"][i])) is Regime.RANGE
    assert "stretch" in p.rationale
    assert "reversal" in p.rationale
    assert p.stop < btc_1m.low[i]
    # leaves when the range breaks down
    j = i + 1 + _first(f["exit_long"][i + 1 :])
    (x,) = s.on_bar(MarketView(f, j), StaticBook([_long_pos(p)]))
    assert isinstance(x, Exit)
    assert regime_of(int(f["regime"][j])) is Regime.TREND_DOWN


def test_levels_breaks_out_over_the_prior_day_high_and_retests_it(btc_1m: Candles) -> None:
    s = get_strategy("levels")
    f = s.features(btc_1m)
    i = _first(f["entry_long"] & f["breakout_long"])
    p = _enter_at(s, f, i)
    pdh = f["prior_day_high"][i]
    assert btc_1m.close[i - 1] <= pdh < btc_1m.close[i]
    assert p.rationale.startswith("breakout of the prior-day high")
    assert p.stop < pdh  # beyond the level
    r = _first(f["entry_long"] & f["retest_long"])
    q = _enter_at(s, f, r)
    assert q.rationale.startswith("retest of the prior-day high")
    assert btc_1m.low[r] <= f["prior_day_high"][r] + 0.5 * f["atr"][r]
    assert btc_1m.close[r] > f["prior_day_high"][r]


def test_registry_validates_parameters() -> None:
    with pytest.raises(StrategyError, match="unknown strategy"):
        get_strategy("nope")
    with pytest.raises(StrategyError, match="ema_fast"):
        get_strategy("confluence", {"ema_fast": 60, "ema_slow": 50})
    with pytest.raises(StrategyError, match="rsi_period"):
        get_strategy("momentum", {"rsi_period": 1})
    assert get_strategy("levels", {"rr1": 1.5}).params.rr1 == 1.5  # type: ignore[attr-defined]
