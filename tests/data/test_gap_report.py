"""Gap reports on the real samples match the figures in /work/shared/data/market/SOURCES.md."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from aitrader.data import find_gaps
from aitrader.data.grid import floor_many
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms


def ms(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp() * 1000)


def test_btc_1m_has_the_2023_03_24_halt(btc_1m: Candles) -> None:
    r = find_gaps(btc_1m)
    assert (r.missing, r.events, r.rows, r.off_grid) == (80, 1, 71041, 0)
    assert r.expected == 71041 + 80
    g = r.longest
    assert g is not None
    assert (g.first_missing_ms, g.last_missing_ms, g.missing) == (
        ms(2023, 3, 24, 12, 40),
        ms(2023, 3, 24, 13, 59),
        80,
    )
    assert r.first_gap == r.last_gap == g
    assert str(g) == "2023-03-24 12:40 → 2023-03-24 13:59 UTC (80 missing)"
    assert (r.first_ms, r.last_ms) == (ms(2023, 3, 16, 22, 15), ms(2023, 5, 5, 7, 35))


def test_btc_1h_history_gaps(btc_1h: Candles) -> None:
    r = find_gaps(btc_1h)
    assert (r.missing, r.events) == (128, 28)
    longest = r.longest
    assert longest is not None
    assert (format_ms(longest.first_missing_ms), longest.missing) == ("2018-02-08 01:00", 33)
    biggest = sorted((g.missing for g in r.gaps), reverse=True)[:3]
    assert biggest == [33, 10, 10]
    assert "128 missing 1h candles in 28 gap(s)" in r.summary()


def test_no_gaps_and_empty() -> None:
    t = np.arange(5, dtype=np.int64) * 60_000
    c = Candles.from_arrays(t, [1.0] * 5, [1.0] * 5, [1.0] * 5, [1.0] * 5, [0.0] * 5)
    r = find_gaps(c)
    assert (r.missing, r.events, r.longest) == (0, 0, None)
    assert r.summary() == "no gaps in 5 1m candles"
    assert find_gaps(Candles.empty()).rows == 0


def test_monthly_gaps_use_calendar_months() -> None:
    t = [ms(2023, 1, 1), ms(2023, 2, 1), ms(2023, 5, 1), ms(2023, 6, 1)]
    c = Candles.from_arrays(t, [1.0] * 4, [1.0] * 4, [1.0] * 4, [1.0] * 4, [1.0] * 4, timeframe=Timeframe.MN1)
    r = find_gaps(c)
    assert r.missing == 2
    assert r.gaps[0].first_missing_ms == ms(2023, 3, 1)
    assert r.gaps[0].last_missing_ms == ms(2023, 4, 1)


def test_weekly_gaps_and_off_grid_rows() -> None:
    t = [ms(2023, 3, 6), ms(2023, 3, 13), ms(2023, 3, 27), ms(2023, 3, 29)]
    c = Candles.from_arrays(t, [1.0] * 4, [1.0] * 4, [1.0] * 4, [1.0] * 4, [1.0] * 4, timeframe=Timeframe.W1)
    r = find_gaps(c)
    assert (r.missing, r.off_grid) == (1, 1)
    assert r.gaps[0].first_missing_ms == ms(2023, 3, 20)


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(
    st.lists(st.integers(min_value=0, max_value=ms(2100, 1, 1)), min_size=1, max_size=50),
    st.sampled_from(list(Timeframe)),
)
def test_vectorised_floor_equals_timeframe_floor(times: list[int], tf: Timeframe) -> None:
    assert floor_many(tf, times).tolist() == [tf.floor(t) for t in times]
