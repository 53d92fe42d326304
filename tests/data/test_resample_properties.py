"""Property tests for resampling on generated candle series with random gaps."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aitrader.data import resample, resample_detailed
from aitrader.data.grid import floor_many
from aitrader.domain import Candles, Timeframe

START = 1679004900000  # 2023-03-16 22:15 UTC, the first real candle of the BTC sample


@st.composite
def series(draw: st.DrawFn, base: Timeframe = Timeframe.M1, max_len: int = 400) -> Candles:
    n = draw(st.integers(min_value=1, max_value=max_len))
    steps = draw(st.lists(st.integers(min_value=1, max_value=4), min_size=n, max_size=n))
    offset = draw(st.integers(min_value=0, max_value=10_000))
    t = START + (offset + np.cumsum(steps)) * base.duration_ms
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = np.random.default_rng(seed)
    o = 100 + rng.random(n) * 10
    c = 100 + rng.random(n) * 10
    h = np.maximum(o, c) + rng.random(n)
    lo = np.minimum(o, c) - rng.random(n)
    v = np.round(rng.random(n) * 5, 5)
    return Candles.from_arrays(t, o, h, lo, c, v, symbol="TEST", timeframe=base)


def assert_equal(a: Candles, b: Candles) -> None:
    for k in ("open_time", "open", "high", "low", "close"):
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k), err_msg=k)
    np.testing.assert_allclose(a.volume, b.volume, rtol=1e-9, atol=1e-12)


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(series())
def test_resampling_composes(x: Candles) -> None:
    assert_equal(resample(resample(x, Timeframe.M5), Timeframe.M15), resample(x, Timeframe.M15))
    assert_equal(resample(resample(x, Timeframe.M3), Timeframe.H1), resample(x, Timeframe.H1))
    assert_equal(resample(resample(x, Timeframe.M15), Timeframe.H4), resample(x, Timeframe.H4))


@settings(max_examples=60, deadline=None)
@given(
    series(),
    st.sampled_from([Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1, Timeframe.W1, Timeframe.MN1]),
)
def test_each_bucket_summarises_its_members(x: Candles, target: Timeframe) -> None:
    r = resample_detailed(x, target)
    out = r.candles
    keys = floor_many(target, x.open_time)
    assert np.all(np.diff(out.open_time) > 0)
    assert int(r.members.sum()) == len(x)
    assert np.all(r.members <= r.expected)
    for b in range(len(out)):
        m = keys == out.open_time[b]
        assert int(m.sum()) == int(r.members[b])
        assert out.open[b] == x.open[m][0]
        assert out.close[b] == x.close[m][-1]
        assert out.high[b] == x.high[m].max()
        assert out.low[b] == x.low[m].min()
        assert np.all(out.high[b] >= x.high[m])
        assert np.all(out.low[b] <= x.low[m])
        assert abs(out.volume[b] - x.volume[m].sum()) <= 1e-9 * max(1.0, x.volume[m].sum())


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(series(max_len=200))
def test_complete_buckets_have_every_member(x: Candles) -> None:
    r = resample_detailed(x, Timeframe.M15)
    keys = floor_many(Timeframe.M15, x.open_time)
    for b in np.flatnonzero(r.complete):
        members = x.open_time[keys == r.candles.open_time[b]]
        assert members.tolist() == list(
            range(int(r.candles.open_time[b]), int(r.candles.open_time[b]) + 15 * 60_000, 60_000)
        )
    assert r.tail_complete == bool(r.complete[-1])
    dropped = r.drop_incomplete_tail()
    assert len(dropped) == len(r.candles) - (0 if r.tail_complete else 1)
