"""The backtest universe from real candles: ranked at each refresh point from bars closed by then,
so a later spike never changes an earlier choice."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from universe_helpers import HOUR_MS, START_MS

from aitrader.domain import Candles
from aitrader.universe import UniverseRule
from aitrader.universe.history import (
    historical_universe,
    refresh_points,
    select_at,
    tradable_for,
    trailing_stats,
    universe_schedule,
)

DAY_MS = 24 * HOUR_MS
P = 1679158800000  # 2023-03-18 17:00 UTC, a refresh point well inside the sample window


def spiked(c: Candles, from_ms: int, to_ms: int, factor: float) -> Candles:
    """`c` with the volume of the bars opened in [from_ms, to_ms) multiplied by `factor`."""
    volume = c.volume.copy()
    volume[(c.open_time >= from_ms) & (c.open_time < to_ms)] *= factor
    return Candles.from_arrays(c.open_time, c.open, c.high, c.low, c.close, volume, c.symbol, c.timeframe)


def test_trailing_stats_read_the_closed_bars_of_the_last_24h(sample_candles: dict[str, Candles]) -> None:
    btc = sample_candles["BTCUSDT"]
    s = trailing_stats(btc, P)
    assert s is not None
    window = (btc.open_time >= P - DAY_MS) & (btc.open_time < P)
    assert int(window.sum()) == 1440
    assert s.quote_volume == pytest.approx(float((btc.close[window] * btc.volume[window]).sum()))
    assert (s.high, s.low) == (btc.high[window].max(), btc.low[window].min())
    assert s.last == btc.close[window][-1]
    assert s.volatility == pytest.approx((s.high - s.low) / s.last)
    # at the first candle's open no bar has closed yet
    assert trailing_stats(btc, int(btc.open_time[0])) is None


def test_refresh_points_start_after_a_full_day_on_the_hour(sample_candles: dict[str, Candles]) -> None:
    points = refresh_points(sample_candles, HOUR_MS)
    first_open = min(int(c.open_time[0]) for c in sample_candles.values())
    assert points[0] >= first_open + DAY_MS
    assert points[0] - HOUR_MS < first_open + DAY_MS
    assert all(p % HOUR_MS == 0 for p in points)
    assert np.all(np.diff(points) == HOUR_MS)


def test_a_future_volume_spike_does_not_change_an_earlier_choice(sample_candles: dict[str, Candles]) -> None:
    rule = UniverseRule.parse("top:1:volume")
    real = universe_schedule(sample_candles, rule)
    assert {s for _, chosen in real for s in chosen} == {"BTCUSDT"}  # BTC trades the most throughout
    # SOLUSDT trades 100,000 times its real volume from P on
    later = dict(sample_candles, SOLUSDT=spiked(sample_candles["SOLUSDT"], P, P + 2 * DAY_MS, 1e5))
    spiked_schedule = universe_schedule(later, rule)
    assert [e for e in spiked_schedule if e[0] <= P] == [e for e in real if e[0] <= P]
    ok_real, ok_spiked = tradable_for(real), tradable_for(spiked_schedule)
    assert not ok_spiked("SOLUSDT", P)
    assert ok_spiked("BTCUSDT", P)
    assert ok_spiked("SOLUSDT", P + HOUR_MS)
    assert not ok_spiked("BTCUSDT", P + HOUR_MS)
    assert not ok_real("SOLUSDT", P + HOUR_MS)


def test_the_bar_closing_at_the_refresh_point_counts_the_one_opening_there_does_not(
    sample_candles: dict[str, Candles],
) -> None:
    rule = UniverseRule.parse("top:1:volume")
    sol = sample_candles["SOLUSDT"]
    closing_at_p = dict(sample_candles, SOLUSDT=spiked(sol, P - 60_000, P, 1e6))
    opening_at_p = dict(sample_candles, SOLUSDT=spiked(sol, P, P + 60_000, 1e6))
    assert select_at(closing_at_p, rule, P).symbols == ("SOLUSDT",)
    assert select_at(opening_at_p, rule, P).symbols == ("BTCUSDT",)
    assert select_at(opening_at_p, rule, P + 60_000).symbols == ("SOLUSDT",)


def test_volatility_schedule_on_real_candles(sample_candles: dict[str, Candles]) -> None:
    rule = UniverseRule.parse("top:2:volatility")
    schedule = universe_schedule(sample_candles, rule)
    # 2023-03-17 23:00: BTC and SOL swing most; from 2023-03-18 07:00 ETH's range passes BTC's
    assert schedule[:2] == [
        (1679094000000, frozenset({"BTCUSDT", "SOLUSDT"})),
        (1679122800000, frozenset({"ETHUSDT", "SOLUSDT"})),
    ]
    assert all(len(chosen) == 2 for _, chosen in schedule)
    assert all(a[1] != b[1] for a, b in itertools.pairwise(schedule))  # changes only
    for at, chosen in schedule:  # each entry is what the candles showed then
        assert frozenset(select_at(sample_candles, rule, at).symbols) == chosen


def test_tradable(sample_candles: dict[str, Candles]) -> None:
    rule = UniverseRule.parse("top:1:volatility")
    universe = historical_universe(sample_candles, rule)
    tradable = universe.tradable
    first = universe.schedule[0][0]
    assert universe.schedule == universe_schedule(sample_candles, rule)
    assert universe.at(first - 1) == frozenset()
    assert universe.at(first) == universe.schedule[0][1]
    assert not any(tradable(s, first - 1) for s in sample_candles)  # warm-up: no universe yet
    assert tradable("btcusdt", first)  # names are matched upper-case
    assert not tradable("XRPUSDT", first)
    static = historical_universe(sample_candles, UniverseRule.parse("ETHUSDT,XRPUSDT")).tradable
    assert static("ETHUSDT", START_MS)
    assert static("XRPUSDT", 0)
    assert not static("BTCUSDT", START_MS)


def test_blacklist_and_quote_hold_in_backtests(sample_candles: dict[str, Candles]) -> None:
    rule = UniverseRule.from_mapping({"spec": "top:2:volume", "blacklist": ["BTC*"]})
    assert select_at(sample_candles, rule, P).symbols == ("ETHUSDT", "SOLUSDT")
    assert select_at(sample_candles, rule, P).excluded == {"BTCUSDT": "blacklisted (BTC*)"}
    usdc = select_at(sample_candles, UniverseRule(quote="USDC"), P)
    assert usdc.symbols == ()
    assert usdc.excluded["ETHUSDT"] == "quote asset ?, not USDC"
