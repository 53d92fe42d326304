"""Swings (with confirmation index), support/resistance zones and prior-period levels."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles, Timeframe
from aitrader.features.price_action import (
    alternating,
    last_swing_level,
    prior_period_levels,
    support_resistance,
    swing_highs,
    swing_lows,
    swings,
)


def _naive_pivots(x: list[float], left: int, right: int) -> list[int]:
    return [
        i
        for i in range(left, len(x) - right)
        if all(x[i] > x[j] for j in range(i - left, i))
        and all(x[i] >= x[j] for j in range(i + 1, i + right + 1))
    ]


def test_hand_built_swings_and_confirmation() -> None:
    high = np.array([1, 2, 3, 6, 3, 2, 1, 2, 5, 4, 3, 2], dtype=np.float64)
    s = swing_highs(high, left=2, right=2)
    assert s.index.tolist() == [3, 8]
    assert s.confirm_index.tolist() == [5, 10]
    assert s.price.tolist() == [6.0, 5.0]
    low = -high
    assert swing_lows(low, 2, 2).index.tolist() == [3, 8]
    # Dense series: a pivot shows only from its confirmation bar on.
    dense = last_swing_level(s, len(high))
    assert np.isnan(dense[:5]).all()
    assert dense[5:10].tolist() == [6.0] * 5
    assert dense[10:].tolist() == [5.0, 5.0]


@pytest.mark.parametrize(("left", "right"), [(2, 2), (5, 3), (10, 10)])
def test_swings_match_naive_definition_on_real_data(btc_1m: Candles, left: int, right: int) -> None:
    part = btc_1m.slice(0, 6000)
    assert swing_highs(part.high, left, right).index.tolist() == _naive_pivots(
        part.high.tolist(), left, right
    )
    lows = [-v for v in part.low.tolist()]
    assert swing_lows(part.low, left, right).index.tolist() == _naive_pivots(lows, left, right)


def test_swings_do_not_change_when_future_bars_change(btc_1m: Candles) -> None:
    part = btc_1m.slice(0, 5000)
    cut = 4000
    high = part.high.copy()
    high[cut:] = high[cut:] * 1.05
    a, b = swing_highs(part.high, 5, 5), swing_highs(high, 5, 5)
    assert a.known_at(cut - 1).index.tolist() == b.known_at(cut - 1).index.tolist()


def test_alternating_keeps_the_extremes() -> None:
    high = np.array([1, 5, 1, 6, 1, 1, 1, 1, 1], dtype=np.float64)
    low = np.array([0, 4, 4.5, 5, 0.9, 0.2, 0.8, 0.9, 1], dtype=np.float64)
    s = alternating(swings(high, low, 1, 1))
    kinds = s.kind.tolist()
    assert all(kinds[i] != kinds[i + 1] for i in range(len(kinds) - 1))
    assert 6.0 in s.price.tolist()  # the higher of two consecutive swing highs survives
    assert 5.0 not in s.price.tolist()


def test_support_resistance_hand_built() -> None:
    # A range between 100 and 110, touched many times, then price at 105.
    n = 400
    t = np.arange(n)
    wave = 105 + 5 * np.sin(t * 2 * np.pi / 40)
    o = np.roll(wave, 1)
    o[0] = wave[0]
    c = Candles.from_arrays(
        t * 60_000, o, np.maximum(o, wave) + 0.2, np.minimum(o, wave) - 0.2, wave, np.ones(n)
    )
    levels = support_resistance(c, left=5, right=5, tolerance_atr=1.0)
    res = [lv for lv in levels if lv.kind == "resistance"]
    sup = [lv for lv in levels if lv.kind == "support"]
    assert res[0].price == pytest.approx(110.2, abs=0.3)
    assert sup[0].price == pytest.approx(99.8, abs=0.3)
    assert res[0].touches >= 8
    assert 0 <= min(lv.strength for lv in levels) <= max(lv.strength for lv in levels) <= 1


def test_support_resistance_reads_only_up_to_at(btc_1m: Candles) -> None:
    at = 30_000
    a = support_resistance(btc_1m, at=at)
    b = support_resistance(btc_1m.slice(0, at + 1))
    assert a == b
    assert a, "real data should show levels"
    assert all(lv.last_index + 10 <= at for lv in a)  # touches confirmed (right=10) by bar `at`


def test_prior_day_levels_from_closed_days_only(btc_1m: Candles) -> None:
    lv = prior_period_levels(btc_1m, Timeframe.D1)
    day = btc_1m.open_time // 86_400_000
    i = int(np.flatnonzero(day == day[0] + 3)[100])  # mid-morning of the 4th day
    yesterday = day == day[i] - 1
    assert lv.high[i] == btc_1m.high[yesterday].max()
    assert lv.low[i] == btc_1m.low[yesterday].min()
    # At the last minute of a day, that day has closed and becomes the prior day.
    last = int(np.flatnonzero(day == day[i])[-1])
    assert lv.high[last] == btc_1m.high[day == day[i]].max()
    assert np.isnan(lv.high[0])
    wk = prior_period_levels(btc_1m, Timeframe.W1)
    assert np.isfinite(wk.high[-1])
    assert wk.high[-1] >= wk.low[-1]
