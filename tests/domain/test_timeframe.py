"""Timeframe: every Binance interval parses, formats, has its duration, and floors like Binance."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aitrader.domain import Timeframe
from aitrader.domain.timeframe import format_ms, parse_time, to_epoch_ms

SEC, MIN, HOUR, DAY = 1_000, 60_000, 3_600_000, 86_400_000

BINANCE_INTERVALS = {
    "1s": SEC, "1m": MIN, "3m": 3 * MIN, "5m": 5 * MIN, "15m": 15 * MIN, "30m": 30 * MIN,
    "1h": HOUR, "2h": 2 * HOUR, "4h": 4 * HOUR, "6h": 6 * HOUR, "8h": 8 * HOUR, "12h": 12 * HOUR,
    "1d": DAY, "3d": 3 * DAY, "1w": 7 * DAY, "1M": 30 * DAY,
}  # fmt: skip


def ms(*args: int) -> int:
    return int(dt.datetime(*args, tzinfo=dt.UTC).timestamp() * 1000)


def test_every_binance_interval_is_a_timeframe() -> None:
    assert [tf.value for tf in Timeframe] == list(BINANCE_INTERVALS)


@pytest.mark.parametrize(("text", "duration"), BINANCE_INTERVALS.items())
def test_parse_format_and_duration(text: str, duration: int) -> None:
    tf = Timeframe.parse(text)
    assert tf.value == text
    assert str(tf) == text
    assert Timeframe.parse(f"  {text} ") is tf
    assert Timeframe.parse(tf) is tf
    assert tf.duration_ms == duration
    assert tf.is_calendar is (text == "1M")


def test_minutes_and_months_are_case_sensitive() -> None:
    assert Timeframe.parse("1m") is Timeframe.M1
    assert Timeframe.parse("1M") is Timeframe.MN1


@pytest.mark.parametrize(
    ("alias", "tf"),
    [("1H", Timeframe.H1), ("4H", Timeframe.H4), ("1D", Timeframe.D1), ("1W", Timeframe.W1),
     ("1min", Timeframe.M1), ("1mo", Timeframe.MN1), ("1month", Timeframe.MN1), ("15M", Timeframe.M15)],
)  # fmt: skip
def test_common_aliases(alias: str, tf: Timeframe) -> None:
    assert Timeframe.parse(alias) is tf


@pytest.mark.parametrize("bad", ["", "2m", "7d", "1y", "m1", "hourly"])
def test_unknown_interval_names_the_valid_ones(bad: str) -> None:
    with pytest.raises(ValueError, match=r"unknown timeframe.*1s, 1m, 3m"):
        Timeframe.parse(bad)


@pytest.mark.parametrize(
    ("tf", "ts", "expected"),
    [
        (Timeframe.S1, ms(2023, 3, 16, 22, 15, 7) + 999, ms(2023, 3, 16, 22, 15, 7)),
        (Timeframe.M1, ms(2023, 3, 16, 22, 15, 59) + 1, ms(2023, 3, 16, 22, 15)),
        (Timeframe.M3, ms(2023, 3, 16, 22, 17, 30), ms(2023, 3, 16, 22, 15)),
        (Timeframe.M5, ms(2023, 3, 16, 22, 19, 59), ms(2023, 3, 16, 22, 15)),
        (Timeframe.M15, ms(2023, 3, 16, 22, 29), ms(2023, 3, 16, 22, 15)),
        (Timeframe.M30, ms(2023, 3, 16, 22, 29), ms(2023, 3, 16, 22, 0)),
        (Timeframe.H1, ms(2023, 3, 16, 22, 59, 59), ms(2023, 3, 16, 22)),
        (Timeframe.H2, ms(2023, 3, 16, 23, 30), ms(2023, 3, 16, 22)),
        (Timeframe.H4, ms(2023, 3, 16, 23, 30), ms(2023, 3, 16, 20)),
        (Timeframe.H6, ms(2023, 3, 16, 23, 30), ms(2023, 3, 16, 18)),
        (Timeframe.H8, ms(2023, 3, 16, 23, 30), ms(2023, 3, 16, 16)),
        (Timeframe.H12, ms(2023, 3, 16, 11, 59), ms(2023, 3, 16, 0)),
        (Timeframe.D1, ms(2023, 3, 16, 23, 59, 59), ms(2023, 3, 16)),
        # 3d candles are aligned to the Unix epoch: 2023-03-15 is 19431 days after it (19431 % 3 == 0)
        (Timeframe.D3, ms(2023, 3, 17, 12), ms(2023, 3, 15)),
        # weeks open on Monday 00:00 UTC: 2023-03-16 is a Thursday, 2023-03-13 a Monday
        (Timeframe.W1, ms(2023, 3, 16, 22, 15), ms(2023, 3, 13)),
        (Timeframe.W1, ms(2023, 3, 13), ms(2023, 3, 13)),
        (Timeframe.W1, ms(2023, 3, 19, 23, 59, 59), ms(2023, 3, 13)),
        (Timeframe.W1, ms(1970, 1, 1), ms(1969, 12, 29)),
        (Timeframe.MN1, ms(2023, 3, 16, 22, 15), ms(2023, 3, 1)),
        (Timeframe.MN1, ms(2024, 2, 29, 23, 59, 59), ms(2024, 2, 1)),
        (Timeframe.MN1, ms(2023, 12, 31, 23, 59), ms(2023, 12, 1)),
    ],
)
def test_floor(tf: Timeframe, ts: int, expected: int) -> None:
    assert tf.floor(ts) == expected
    assert tf.floor(expected) == expected


def test_month_next_open_and_close_time_follow_the_calendar() -> None:
    assert Timeframe.MN1.next_open(ms(2024, 2, 10)) == ms(2024, 3, 1)
    assert Timeframe.MN1.next_open(ms(2023, 2, 10)) == ms(2023, 3, 1)
    assert Timeframe.MN1.next_open(ms(2023, 12, 5)) == ms(2024, 1, 1)
    assert Timeframe.MN1.close_time(ms(2023, 4, 1)) == ms(2023, 5, 1) - 1


def test_close_time_is_next_open_minus_one_ms() -> None:
    # the real first candle of the BTCUSDT 1m sample
    assert Timeframe.M1.close_time(1679004900000) == 1679004959999
    assert Timeframe.W1.close_time(ms(2023, 3, 13)) == ms(2023, 3, 20) - 1


@pytest.mark.parametrize(
    ("small", "big", "ok"),
    [
        (Timeframe.M1, Timeframe.H1, True), (Timeframe.M1, Timeframe.MN1, True),
        (Timeframe.M3, Timeframe.H1, True), (Timeframe.H1, Timeframe.W1, True),
        (Timeframe.D1, Timeframe.W1, True), (Timeframe.D1, Timeframe.D3, True),
        (Timeframe.D3, Timeframe.W1, False), (Timeframe.W1, Timeframe.MN1, False),
        (Timeframe.H1, Timeframe.M1, False), (Timeframe.MN1, Timeframe.MN1, False),
        (Timeframe.M5, Timeframe.M3, False), (Timeframe.D1, Timeframe.MN1, True),
    ],
)  # fmt: skip
def test_divides(small: Timeframe, big: Timeframe, ok: bool) -> None:
    assert small.divides(big) is ok


times = st.integers(min_value=0, max_value=ms(2100, 1, 1))


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(times, st.sampled_from([tf for tf in Timeframe if not tf.is_calendar and tf is not Timeframe.W1]))
def test_floor_of_fixed_intervals_is_epoch_aligned(ts: int, tf: Timeframe) -> None:
    f = tf.floor(ts)
    assert f <= ts < f + tf.duration_ms
    assert f % tf.duration_ms == 0
    assert tf.next_open(ts) == f + tf.duration_ms


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(times)
def test_week_floor_is_the_monday_before(ts: int) -> None:
    f = Timeframe.W1.floor(ts)
    d = dt.datetime.fromtimestamp(f / 1000, tz=dt.UTC)
    assert d.weekday() == 0
    assert (d.hour, d.minute, d.second, d.microsecond) == (0, 0, 0, 0)
    assert f <= ts < f + 7 * DAY


@settings(deadline=None)  # no per-example deadline: CI machines are shared
@given(times)
def test_month_floor_is_the_first_of_the_month(ts: int) -> None:
    f = Timeframe.MN1.floor(ts)
    d = dt.datetime.fromtimestamp(f / 1000, tz=dt.UTC)
    assert (d.day, d.hour, d.minute, d.second) == (1, 0, 0, 0)
    length = calendar.monthrange(d.year, d.month)[1] * DAY
    assert f <= ts < f + length == Timeframe.MN1.next_open(ts)


def test_format_and_parse_time_round_trip() -> None:
    assert format_ms(1679004900000) == "2023-03-16 22:15"
    assert format_ms(1679004900123) == "2023-03-16 22:15:00"
    assert parse_time("2023-03-16 22:15") == 1679004900000
    assert parse_time("2023-03-16T22:15:00Z") == 1679004900000
    assert parse_time("1679004900000") == 1679004900000
    with pytest.raises(ValueError, match="cannot read time"):
        parse_time("yesterday")


@pytest.mark.parametrize(
    "text", ["2023-04-01", "1680307200", "1680307200000", "1680307200000000", " 1680307200 "]
)
def test_epoch_times_are_read_in_seconds_ms_or_microseconds_by_magnitude(text: str) -> None:
    """--from 1680307200 is 2023-04-01 in epoch seconds, not 28 minutes after 1970 in ms."""
    assert parse_time(text) == 1680307200000


def test_the_domain_rule_is_the_one_the_csv_readers_use() -> None:
    from aitrader.data import time_rules

    assert time_rules.to_epoch_ms is to_epoch_ms
    got = to_epoch_ms(np.array([1680307200, 1680307200000, 1680307200000000, 12, -5], dtype=np.int64))
    assert got.tolist() == [1680307200000, 1680307200000, 1680307200000, 12, -5]


@pytest.mark.parametrize("text", ["12", "20230401", "946684799", "99999999999999999999999"])
def test_a_number_that_is_no_epoch_time_since_2000_is_refused(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_time(text)
    message = str(info.value)
    assert message.startswith(f"cannot read time {text!r}: ")
    assert "no epoch time between 2000-01-01 and 2100-01-01" in message
    assert "pass YYYY-MM-DD[ HH:MM] (UTC) or epoch seconds or ms" in message
    assert "\n" not in message
