"""Candle patterns, volume profile, volume spikes and volume confirmation."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.features.price_action import (
    doji,
    engulfing,
    inside_bar,
    pin_bar,
    volume_profile,
    volume_spikes,
    volume_trend_confirmation,
)


def a(*v: float) -> np.ndarray:
    return np.array(v, dtype=np.float64)


def test_engulfing() -> None:
    # bar1 bearish 10->9, bar2 bullish 8.9->10.5 engulfs; bar3 bearish 10.6->8.8 engulfs bar2.
    o, c = a(10, 8.9, 10.6, 9.0), a(9, 10.5, 8.8, 9.1)
    assert engulfing(o, c).tolist() == [0, 1, -1, 0]


def test_pin_bar_and_hammer() -> None:
    o = a(100.0, 100.0, 100.0, 100.0)
    c = a(100.5, 99.5, 104.0, 100.2)
    h = a(100.6, 110.0, 104.2, 100.3)
    lo = a(90.0, 99.4, 99.0, 90.0)
    # hammer, shooting star, big bullish body (not a pin), hammer with small body
    assert pin_bar(o, h, lo, c).tolist() == [1, -1, 0, 1]


def test_inside_bar_and_doji() -> None:
    h, lo = a(10, 9.5, 9.6, 12), a(5, 6, 5.5, 4)
    assert inside_bar(h, lo).tolist() == [0, 1, 0, 0]
    o, c = a(7, 7, 7, 7), a(7.05, 8, 7.0, 9)
    assert doji(o, h, lo, c).tolist() == [1, 0, 1, 0]


def test_candle_patterns_on_real_data_agree_with_a_loop(btc_1m: Candles) -> None:
    c = btc_1m.slice(0, 3000)
    eng = engulfing(c.open, c.close)
    for i in range(1, len(c)):
        po, pc, o, cl = c.open[i - 1], c.close[i - 1], c.open[i], c.close[i]
        bull = pc < po and cl > o and o <= pc and cl >= po and abs(cl - o) > abs(pc - po)
        bear = pc > po and cl < o and o >= pc and cl <= po and abs(cl - o) > abs(pc - po)
        assert eng[i] == (1 if bull else -1 if bear else 0), i
    assert (eng != 0).sum() > 50


def test_volume_profile_hand_built() -> None:
    # Three bars: most volume traded at 100-101.
    h, lo, v = a(101, 101, 110), a(100, 100, 100), a(50, 40, 10)
    vp = volume_profile(h, lo, v, bins=10, value_area=0.7)
    assert vp.volume.sum() == pytest.approx(100.0)
    assert 100 <= vp.poc <= 101
    assert vp.value_area_low == pytest.approx(100.0)
    assert vp.value_area_high <= 102.0 + 1e-9
    assert vp.value_area_share >= 0.7


def test_volume_profile_real_day(btc_1m: Candles) -> None:
    day = btc_1m.slice(1440 * 3, 1440 * 4)
    vp = volume_profile(day.high, day.low, day.volume, bins=40)
    assert vp.volume.sum() == pytest.approx(day.volume.sum(), rel=1e-9)
    assert vp.value_area_low <= vp.poc <= vp.value_area_high
    assert 0.7 <= vp.value_area_share < 0.8
    assert day.low.min() <= vp.value_area_low < vp.value_area_high <= day.high.max()


def test_volume_spikes_and_confirmation() -> None:
    v = np.full(60, 10.0)
    v[40] = 50.0
    spikes = volume_spikes(v, n=20, threshold=3.0)
    assert np.flatnonzero(spikes).tolist() == [40]
    close = np.linspace(100, 130, 60)
    vol = np.concatenate((np.full(30, 10.0), np.full(30, 20.0)))
    conf = volume_trend_confirmation(close, vol, n=10)
    assert conf[:20].tolist() == [0] * 20  # warm-up
    assert conf[35] == 1  # up move on rising volume
    assert conf[55] == 0  # volume flat again: not confirmed
    assert volume_trend_confirmation(close[::-1].copy(), vol, n=10)[35] == -1
