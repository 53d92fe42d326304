"""Regime labels: hand-built regimes, no look-ahead, trailing-window parity on real data."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.features.percentile import rolling_percentile_rank
from aitrader.features.regime import Regime, RegimeConfig, regime_features, regimes


def _series(close: np.ndarray, volume: np.ndarray, spread: np.ndarray | float = 0.5) -> Candles:
    n = len(close)
    o = np.concatenate(([close[0]], close[:-1]))
    h = np.maximum(o, close) + spread
    lo = np.minimum(o, close) - spread
    return Candles.from_arrays(np.arange(n) * 60_000, o, h, lo, close, volume)


CFG = RegimeConfig(vol_lookback=480, vol_step=8, liquidity_n=30)


def test_percentile_rank_matches_a_loop() -> None:
    x = np.random.default_rng(1).normal(size=400)
    got = rolling_percentile_rank(x, lookback=60, step=6)
    for i in (59, 60, 61, 200, 399):
        if i < 60:
            assert np.isnan(got[i])
            continue
        past = [x[i - k * 6] for k in range(1, 11)]
        assert got[i] == pytest.approx(sum(p < x[i] for p in past) / 10)


def test_hand_built_regimes() -> None:
    rng = np.random.default_rng(3)
    n = 3000
    noise = rng.normal(0, 0.5, n)  # oscillation around a level: a range
    noise[2200:2400] *= 8  # a volatility burst
    drift = np.cumsum(np.where((np.arange(n) >= 1200) & (np.arange(n) < 1700), 0.6, 0.0))  # a steady climb
    close = 1000 + drift + noise
    volume = rng.uniform(5, 10, n)
    volume[2700:2900] = 0.0  # nobody trades
    labels = regimes(_series(close, volume), CFG)
    assert (labels[:400] == Regime.UNKNOWN).all()
    assert np.mean(labels[1400:1700] == Regime.TREND_UP) > 0.8
    assert np.mean(labels[2220:2400] == Regime.HIGH_VOLATILITY) > 0.6
    assert np.mean(labels[2750:2900] == Regime.ILLIQUID) > 0.9
    assert np.mean(labels[600:1100] == Regime.RANGE) > 0.5
    assert Regime.TREND_UP.is_trend
    assert not Regime.RANGE.is_trend


def test_no_look_ahead_and_window_parity(btc_1m: Candles) -> None:
    full = regime_features(btc_1m)
    cfg = RegimeConfig()
    w = cfg.window()
    for end in (w + 5, len(btc_1m) // 2, len(btc_1m)):
        live = regimes(btc_1m.slice(end - w, end))
        assert live[-1] == full.labels[end - 1], end
    cut = 40_000
    changed = Candles.from_arrays(
        btc_1m.open_time, btc_1m.open, btc_1m.high * np.where(np.arange(len(btc_1m)) >= cut, 1.2, 1.0),
        btc_1m.low, btc_1m.close, btc_1m.volume * np.where(np.arange(len(btc_1m)) >= cut, 0.01, 1.0),
    )  # fmt: skip
    assert np.array_equal(regimes(changed)[:cut], full.labels[:cut])
    counts = {Regime(k): int(v) for k, v in zip(*np.unique(full.labels, return_counts=True), strict=True)}
    for r in (Regime.RANGE, Regime.TREND_UP, Regime.TREND_DOWN, Regime.HIGH_VOLATILITY):
        assert counts.get(r, 0) > 1000, counts
