"""Resampling builds candles exactly as Binance does: the real 1m sample rolled up to 1h equals the
real 1h sample on every complete hour they share."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from aitrader.data import find_gaps, resample, resample_detailed
from aitrader.domain import Candles, Timeframe


def ms(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp() * 1000)


def test_btc_1m_to_1h_equals_the_real_1h_candles(btc_1m: Candles, btc_1h: Candles) -> None:
    rolled = resample_detailed(btc_1m, Timeframe.H1)
    complete = rolled.complete_only()
    common, i, j = np.intersect1d(complete.open_time, btc_1h.open_time, return_indices=True)
    assert len(common) == 1182  # the figure SOURCES.md reports for this cross-check
    for k in ("open", "high", "low", "close"):
        np.testing.assert_array_equal(getattr(complete, k)[i], getattr(btc_1h, k)[j], err_msg=k)
    np.testing.assert_allclose(complete.volume[i], btc_1h.volume[j], rtol=1e-6)


def test_incomplete_buckets_are_flagged(btc_1m: Candles) -> None:
    rolled = resample_detailed(btc_1m, Timeframe.H1)
    assert rolled.candles.timeframe is Timeframe.H1
    assert len(rolled.candles) == 1185
    assert rolled.members.sum() == len(btc_1m)
    incomplete = rolled.candles.open_time[~rolled.complete]
    # first hour starts at 22:15; the halt leaves 40 minutes of 2023-03-24 12:00 and none of 13:00
    # (that hour is absent, as on Binance); the last hour ends at 07:35
    assert incomplete.tolist() == [ms(2023, 3, 16, 22), ms(2023, 3, 24, 12), ms(2023, 5, 5, 7)]
    assert ms(2023, 3, 24, 13) not in rolled.candles.open_time
    assert rolled.members[0] == 45
    assert rolled.members[-1] == 36
    assert not rolled.tail_complete


def test_incomplete_tail_can_be_dropped(btc_1m: Candles) -> None:
    kept = resample(btc_1m, "1h")
    dropped = resample(btc_1m, Timeframe.H1, drop_incomplete_tail=True)
    assert len(dropped) == len(kept) - 1
    assert dropped.end_ms == ms(2023, 5, 5, 6)
    whole = btc_1m.between(None, ms(2023, 5, 5, 7))
    assert resample_detailed(whole, Timeframe.H1).tail_complete


def test_first_bucket_values_by_hand(btc_1m: Candles) -> None:
    h = resample(btc_1m, Timeframe.H1)
    first = btc_1m.between(ms(2023, 3, 16, 22), ms(2023, 3, 16, 23))
    assert h.open[0] == first.open[0]
    assert h.close[0] == first.close[-1]
    assert h.high[0] == first.high.max()
    assert h.low[0] == first.low.min()
    assert h.volume[0] == pytest.approx(first.volume.sum(), rel=1e-12)


def test_weeks_open_on_monday_and_months_on_the_first(btc_1h: Candles) -> None:
    weeks = resample_detailed(btc_1h, Timeframe.W1)
    for t in weeks.candles.open_time[:20]:
        assert dt.datetime.fromtimestamp(int(t) / 1000, tz=dt.UTC).weekday() == 0
    months = resample_detailed(btc_1h, Timeframe.MN1)
    days = [dt.datetime.fromtimestamp(int(t) / 1000, tz=dt.UTC).day for t in months.candles.open_time]
    assert set(days) == {1}
    # 2017-08 starts on the 17th: incomplete; the 2023-03-24 halt cost March one hour;
    # April 2023 (30 days) and leap February 2024 (29 days) are complete
    assert (months.members[0], months.expected[0]) == (356, 744)
    for month, members, expected in [
        ((2023, 3, 1), 743, 744),
        ((2023, 4, 1), 720, 720),
        ((2024, 2, 1), 696, 696),
    ]:
        b = int(np.flatnonzero(months.candles.open_time == ms(*month))[0])
        assert (months.members[b], months.expected[b]) == (members, expected)
        assert months.complete[b] == (members == expected)


def test_daily_and_higher_from_the_1h_history(btc_1h: Candles) -> None:
    d1 = resample(btc_1h, Timeframe.D1)
    via_4h = resample(resample(btc_1h, Timeframe.H4), Timeframe.D1)
    for k in ("open_time", "open", "high", "low", "close"):
        np.testing.assert_array_equal(getattr(d1, k), getattr(via_4h, k))
    np.testing.assert_allclose(d1.volume, via_4h.volume, rtol=1e-9)
    assert find_gaps(d1).missing == 0  # the longest 1h outage (33 h) still leaves every day with data


def test_refuses_a_timeframe_it_cannot_build(btc_1h: Candles) -> None:
    with pytest.raises(ValueError, match="cannot build 1m candles from 1h"):
        resample(btc_1h, Timeframe.M1)
    with pytest.raises(ValueError, match="cannot build 1M candles from 1w"):
        resample(resample(btc_1h, Timeframe.W1), Timeframe.MN1)
    assert resample(btc_1h, Timeframe.H1) is btc_1h


def test_empty_series() -> None:
    r = resample_detailed(Candles.empty(), Timeframe.H1)
    assert len(r.candles) == 0
    assert r.tail_complete
