"""Exchange calendars in the gap report: NSE holidays, weekends and closed hours are not gaps, real
missing sessions still are. Real data: the NIFTY 50 daily sample (NSE), BTCUSDT 1m minutes that fall
in NSE sessions (intraday), and, where the shared market-data folder is present, Yahoo's ^NSEI and
SPY (NYSE)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from candle_files import NIFTY_1D_PATH
from cli_helpers import flat, run

from aitrader.data import find_gaps, read_candles, read_candles_csv
from aitrader.data.calendars import calendar_for
from aitrader.data.gaps import session_slots
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms, parse_time

SHARED = Path("/work/shared/data/market")


@pytest.fixture(scope="module")
def nifty() -> Candles:
    return read_candles_csv(NIFTY_1D_PATH, "NIFTY50", Timeframe.D1)


def drop(c: Candles, *days: str) -> Candles:
    keep = ~np.isin(c.open_time, [parse_time(d) for d in days])
    idx = np.flatnonzero(keep)
    return Candles.from_arrays(
        c.open_time[idx], c.open[idx], c.high[idx], c.low[idx], c.close[idx], c.volume[idx],
        symbol=c.symbol, timeframe=c.timeframe,
    )  # fmt: skip


def test_nifty_daily_has_no_gaps_on_the_nse_calendar(nifty: Candles) -> None:
    plain = find_gaps(nifty, calendar=None)
    assert (plain.missing, plain.events) == (2504, 1267)  # weekends and holidays, as data/sample/README says
    r = find_gaps(nifty)  # the calendar comes from the symbol
    assert r.calendar == "XNSE"
    assert (r.missing, r.events, r.expected) == (0, 0, 5315)
    assert r.outside_sessions == 38  # special sessions: budget Saturdays, Diwali Muhurat trading
    assert (
        r.summary()
        == "no gaps in 5353 1d candles of XNSE sessions; 38 candle(s) on days or hours XNSE lists as closed"
    )


def test_a_missing_session_is_a_gap_and_the_weekend_between_is_not(nifty: Candles) -> None:
    holed = drop(nifty, "2020-02-28", "2020-03-02", "2019-06-12")  # a Friday and the Monday after it
    r = find_gaps(holed)
    assert [(format_ms(g.first_missing_ms), format_ms(g.last_missing_ms), g.missing) for g in r.gaps] == [
        ("2019-06-12 00:00", "2019-06-12 00:00", 1),
        ("2020-02-28 00:00", "2020-03-02 00:00", 2),
    ]


def test_data_show_names_the_calendar(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "NIFTY50", "--timeframe", "1d", "-n", "1")
    assert code == 0, out
    text = flat(out)
    assert (
        "calendar XNSE calendar (NIFTY50 is an NSE India index): closed days and hours are not gaps" in text
    )
    assert "gaps no gaps in 5353 1d candles of XNSE sessions" in text
    code, out = run(
        "data", "show", "--symbol", "NIFTY50", "--timeframe", "1d", "-n", "1", "--calendar", "none"
    )
    assert code == 0, out
    assert "2504 missing 1d candles in 1267 gap(s)" in flat(out)
    code, out = run("data", "show", "--symbol", "NIFTY50", "--timeframe", "1d", "--calendar", "NOPE")
    assert code == 1
    assert out.startswith("error: unknown calendar 'NOPE': use an exchange code such as XNSE")
    assert len(out.strip().splitlines()) == 1


def test_intraday_closed_hours_and_holidays_are_not_gaps(btc_1m: Candles) -> None:
    """Real BTCUSDT minutes cut to NSE's hours (09:15-15:30 IST) on weekdays: the nights, the
    weekends and the 2023-03-24 Binance halt (after NSE's close) are not gaps; the NSE holidays in
    the span (Ram Navami, Mahavir Jayanti, Good Friday, Ambedkar Jayanti, Maharashtra Day) are
    candles on closed days; minutes taken out of a session are a gap."""
    t = btc_1m.open_time
    minute_of_day = (t // 60_000) % 1440
    weekday = ((t // 86_400_000) + 3) % 7  # 0 = Monday
    in_hours = (minute_of_day >= 3 * 60 + 45) & (minute_of_day < 10 * 60) & (weekday < 5)
    idx = np.flatnonzero(in_hours)
    nse = Candles.from_arrays(
        t[idx], btc_1m.open[idx], btc_1m.high[idx], btc_1m.low[idx], btc_1m.close[idx], btc_1m.volume[idx],
        symbol="BTCUSDT", timeframe=Timeframe.M1,
    )  # fmt: skip
    r = find_gaps(nse, calendar="XNSE")
    assert r.missing == 0
    assert r.outside_sessions == 5 * 375  # five holidays of 375 minutes
    assert find_gaps(nse, calendar=None).missing > 50_000  # every night and weekend
    cut = np.flatnonzero(
        (nse.open_time < parse_time("2023-03-20 05:00")) | (nse.open_time >= parse_time("2023-03-20 05:10"))
    )
    holed = Candles.from_arrays(
        nse.open_time[cut], nse.open[cut], nse.high[cut], nse.low[cut], nse.close[cut], nse.volume[cut],
        symbol="BTCUSDT", timeframe=Timeframe.M1,
    )  # fmt: skip
    gaps = find_gaps(holed, calendar="XNSE").gaps
    assert [(format_ms(g.first_missing_ms), g.missing) for g in gaps] == [("2023-03-20 05:00", 10)]


def test_hourly_bars_overlapping_the_open_are_expected() -> None:
    """NSE opens 03:45 UTC and closes 10:00: the 03:00 … 09:00 UTC hours each overlap the session."""
    day = parse_time("2023-03-20")
    hours = session_slots(Timeframe.H1, "XNSE", day, day + 86_400_000 - 1)
    assert [format_ms(int(h) * 3_600_000)[11:] for h in hours] == [f"{h:02d}:00" for h in range(3, 10)]


@pytest.mark.parametrize(
    ("symbol", "venue", "calendar"),
    [
        ("NIFTY50", None, "XNSE"), ("BANKNIFTY", None, "XNSE"), ("^NSEI", None, "XNSE"),
        ("RELIANCE.NS", None, "XNSE"), ("SENSEX", None, "XBOM"), ("SPY", None, "XNYS"),
        ("BRK.B", None, "XNYS"), ("^GSPC", None, "XNYS"), ("VOD.L", None, "XLON"),
        ("BTCUSDT", "binance", None), ("ETHBTC", None, None), ("BTC", None, None),
        ("BTC-PERP", "ftx", None), ("EURUSD", "fxcm", None), ("", None, None),
    ],
)  # fmt: skip
def test_which_calendar_an_instrument_gets(symbol: str, venue: str | None, calendar: str | None) -> None:
    assert calendar_for(symbol, venue).name == calendar


def test_explicit_and_environment_choices_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_CALENDARS", "RELIANCE=XNSE, BTCUSDT=XNYS, NIFTY50=none")
    assert calendar_for("RELIANCE").name == "XNSE"
    assert calendar_for("BTCUSDT").name == "XNYS"
    assert calendar_for("NIFTY50").name is None
    assert calendar_for("NIFTY50", explicit="xnse").name == "XNSE"
    assert calendar_for("SPY", explicit="24/7").name is None


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared market-data folder is not mounted")
def test_yahoo_nsei_and_spy_from_the_shared_data() -> None:
    nsei = read_candles(SHARED / "indices" / "NSEI-1d-2007-09-18_2023-08-03.csv.gz")
    r = find_gaps(nsei)
    assert (r.calendar, r.missing, r.events) == ("XNSE", 27, 27)  # days Yahoo lacks, not holidays
    assert format_ms(r.gaps[0].first_missing_ms) == "2007-11-09 00:00"
    spy = read_candles(SHARED / "stocks" / "SPY-1d-1993-01-29_2023-08-01.csv.gz")
    s = find_gaps(spy)
    assert (s.calendar, s.missing, s.outside_sessions, s.rows) == ("XNYS", 0, 0, 7681)
