"""Multi-timeframe view: resampling, and alignment that reads CLOSED higher candles only."""

from __future__ import annotations

import numpy as np
import pytest

from aitrader.domain import Candles, Timeframe
from aitrader.features import MultiTimeframe, close_times, floor_times, resample
from aitrader.features.indicators import rsi, sma

HIGHER = (Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1)


def _naive_resample(c: Candles, tf: Timeframe) -> list[tuple[int, float, float, float, float, float]]:
    rows: dict[int, list[int]] = {}
    for i in range(len(c)):
        rows.setdefault(tf.floor(int(c.open_time[i])), []).append(i)
    out = []
    for start, idx in rows.items():
        out.append((
            start, float(c.open[idx[0]]), max(float(c.high[j]) for j in idx), min(float(c.low[j]) for j in idx),
            float(c.close[idx[-1]]), sum(float(c.volume[j]) for j in idx),
        ))  # fmt: skip
    return out


@pytest.mark.parametrize("tf", [*HIGHER, Timeframe.W1])
def test_resample_matches_a_naive_grouping(btc_1m: Candles, tf: Timeframe) -> None:
    base = btc_1m.slice(0, 12_000)
    got = resample(base, tf)
    want = _naive_resample(base, tf)
    assert len(got) == len(want)
    assert got.open_time.tolist() == [w[0] for w in want]
    for col, k in (("open", 1), ("high", 2), ("low", 3), ("close", 4)):
        assert getattr(got, col).tolist() == [w[k] for w in want]
    assert np.allclose(got.volume, [w[5] for w in want], rtol=1e-12)
    assert got.timeframe is tf


def test_vectorised_floor_matches_timeframe_floor(btc_1h: Candles) -> None:
    t = btc_1h.open_time[::97]
    for tf in (*HIGHER, Timeframe.W1, Timeframe.MN1):
        assert floor_times(t, tf).tolist() == [tf.floor(int(x)) for x in t]
        assert close_times(t, tf).tolist() == [tf.close_time(int(x)) for x in t]


def test_hour_value_appears_exactly_when_the_hour_closes(btc_1m: Candles) -> None:
    view = MultiTimeframe(btc_1m)
    h1 = view.candles(Timeframe.H1)
    idx = view.index(Timeframe.H1)
    # The base bar opening at hh:59 closes with the hour: the hour becomes readable there, not before.
    last_minute = np.flatnonzero((btc_1m.open_time % 3_600_000) == 59 * 60_000)[5]
    assert h1.open_time[idx[last_minute]] == btc_1m.open_time[last_minute] - 59 * 60_000
    assert idx[last_minute - 1] == idx[last_minute] - 1
    # And at every base bar the aligned candle has closed by the base bar's close.
    ok = idx >= 0
    base_close = btc_1m.open_time + 60_000 - 1
    assert (close_times(h1.open_time[idx[ok]], Timeframe.H1) <= base_close[ok]).all()
    nxt = np.minimum(idx[ok] + 1, len(h1) - 1)
    later = idx[ok] + 1 < len(h1)
    assert (close_times(h1.open_time[nxt], Timeframe.H1)[later] > base_close[ok][later]).all()


@pytest.mark.parametrize("tf", HIGHER)
def test_aligned_value_equals_value_from_candles_closed_by_then(btc_1m: Candles, tf: Timeframe) -> None:
    view = MultiTimeframe(btc_1m)
    aligned = view.feature(tf, lambda c: rsi(c.close, 14))
    rng = np.random.default_rng(7)
    for i in sorted(rng.integers(len(btc_1m) // 2, len(btc_1m), 12).tolist()):
        prefix = btc_1m.slice(0, i + 1)  # everything known at the close of base bar i
        htf = resample(prefix, tf)
        closed = close_times(htf.open_time, tf) <= prefix.open_time[-1] + 60_000 - 1
        want = rsi(htf.close[closed], 14)[-1]
        assert aligned[i] == pytest.approx(want, rel=1e-12), f"{tf.value} at base bar {i}"


def test_perturbing_future_bars_leaves_past_aligned_values_unchanged(btc_1m: Candles) -> None:
    cut = 50_000
    close = btc_1m.close.copy()
    high, low, volume = btc_1m.high.copy(), btc_1m.low.copy(), btc_1m.volume.copy()
    close[cut:] *= 1.3
    high[cut:] *= 1.3
    low[cut:] *= 1.3
    volume[cut:] *= 5.0
    changed = Candles.from_arrays(btc_1m.open_time, btc_1m.open, high, low, close, volume)
    a, b = MultiTimeframe(btc_1m), MultiTimeframe(changed)
    for tf in HIGHER:
        fa = a.feature(tf, lambda c: sma(c.close, 3))
        fb = b.feature(tf, lambda c: sma(c.close, 3))
        assert np.array_equal(fa[:cut], fb[:cut], equal_nan=True), tf.value
        assert not np.array_equal(fa[cut:], fb[cut:], equal_nan=True), tf.value  # the future did change


def test_mtf_features_and_their_live_window(btc_1m: Candles) -> None:
    from aitrader.features import compute_mtf_features, mtf_window

    keys = ["rsi_14", "ema_50", "atr_14"]
    full = compute_mtf_features(btc_1m, (Timeframe.M15, Timeframe.H1), keys)
    assert set(full) == {f"{tf}:{k}" for tf in ("15m", "1h") for k in keys}
    h1 = resample(btc_1m, Timeframe.H1)
    idx = MultiTimeframe(btc_1m).index(Timeframe.H1)
    assert np.array_equal(
        full["1h:rsi_14"], np.where(idx >= 0, rsi(h1.close, 14)[idx], np.nan), equal_nan=True
    )
    for key in keys:
        w = mtf_window(Timeframe.M1, Timeframe.H1, key)
        assert w is not None
        for end in (len(btc_1m) - 17, len(btc_1m)):
            live = compute_mtf_features(btc_1m.slice(end - w, end), (Timeframe.H1,), [key])
            want = full[f"1h:{key}"][end - 1]
            assert live[f"1h:{key}"][-1] == pytest.approx(want, rel=1e-9), (key, end)
