"""`load_series`: one candle source (file, else store, else sample) and `data show` built on it."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
import pytest
from candle_files import BTC_1M_PATH
from cli_helpers import flat
from cli_helpers import run as run_cli

from aitrader.data import CandleStore
from aitrader.data.source import SeriesNotFoundError, load_series
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import format_ms, parse_time

run = partial(run_cli, terminal_width=80)


def test_daily_and_weekly_come_from_the_longest_history(store_dir: Path) -> None:
    daily = load_series("BTCUSDT", "1d", data_dir=store_dir)
    assert daily.resampled_from is Timeframe.H1
    assert daily.kind == "sample"
    assert len(daily.candles) > 2400
    weekly = load_series("BTCUSDT", "1w", data_dir=store_dir)
    assert len(weekly.candles) > 340


def test_partial_buckets_are_dropped(store_dir: Path) -> None:
    sol = load_series("SOLUSDT", "1h", data_dir=store_dir)  # resampled from the 1m sample
    assert format_ms(sol.candles.start_ms) == "2023-03-16 23:00"  # data starts 22:15: 22:00 is partial
    btc = load_series("BTCUSDT", "1d", path=BTC_1M_PATH)
    # the 1m file ends 2023-05-05 07:35: that day is not a closed 1d bar
    assert format_ms(btc.candles.end_ms) == "2023-05-04 00:00"
    assert btc.dropped_partial == 2


def test_a_short_store_series_does_not_hide_the_long_sample(store_dir: Path, btc_1m: Candles) -> None:
    CandleStore(store_dir).merge(btc_1m.slice(0, 3000))
    loaded = load_series("BTCUSDT", "1m", data_dir=store_dir)
    assert loaded.kind == "sample"
    assert len(loaded.candles) == 71041
    assert loaded.also.startswith("the store (binance) also has BTCUSDT 3,000 1m bars, 2023-03-16 22:15 →")
    stored = store_dir / "binance" / "BTCUSDT" / "1m.parquet"
    assert f"pass --data {stored} to use it" in loaded.origin
    chosen = load_series("BTCUSDT", "1m", path=stored)  # the advice works
    assert (chosen.kind, len(chosen.candles)) == ("file", 3000)
    # a window both cover: the store wins the tie
    inside = load_series(
        "BTCUSDT", "1m", data_dir=store_dir, start_ms=btc_1m.open_time[100], end_ms=btc_1m.open_time[200]
    )
    assert (inside.kind, len(inside.candles), inside.venue) == ("store", 100, "binance")
    assert "the shipped sample also has BTCUSDT 71,041 1m bars" in inside.origin
    # choosing by a window without cutting to it (a backtest's warm-up)
    covered = load_series("BTCUSDT", "1m", data_dir=store_dir, cover=(int(btc_1m.open_time[100]), None))
    assert covered.kind == "sample"  # from bar 100 on, the sample covers more


def test_the_store_wins_when_it_covers_more(store_dir: Path, btc_1h: Candles) -> None:
    """The whole 1h history stored under 1h beats resampling the 1m sample for 4h, and beats the
    identical 1h sample on the tie."""
    CandleStore(store_dir).merge(btc_1h)
    loaded = load_series("BTCUSDT", "4h", data_dir=store_dir)
    assert (loaded.kind, loaded.resampled_from) == ("store", Timeframe.H1)
    assert "the shipped sample also has BTCUSDT 58,419 1h bars" in loaded.also


def test_the_timeframe_itself_wins_over_a_finer_series_ending_minutes_later(store_dir: Path) -> None:
    """Stored 1m bars that end 35 minutes into an hour give no more whole 1h bars than the same
    hours stored as 1h: the 1h series is read as it is, not rebuilt from the 1m one."""
    from aitrader.data import load_sample
    from aitrader.data.resample import resample

    store = CandleStore(store_dir)
    head = load_sample("ETHUSDT", "1m").slice(0, 5000)  # 2023-03-16 22:15 → 2023-03-20 09:34
    store.merge(head)
    window = {"start_ms": head.start_ms, "end_ms": parse_time("2023-03-20 09:00")}  # the store's whole hours
    hourly = load_series("ETHUSDT", "1h", data_dir=store_dir, **window)
    assert (hourly.kind, hourly.resampled_from) == ("store", Timeframe.M1)
    store.merge(resample(head, Timeframe.H1).slice(1, -1))  # the whole hours, stored as 1h
    again = load_series("ETHUSDT", "1h", data_dir=store_dir, **window)
    assert (again.kind, again.resampled_from) == ("store", None)
    assert again.candles.open_time.tolist() == hourly.candles.open_time.tolist()


def test_window_is_applied_after_resampling(store_dir: Path) -> None:
    start, end = parse_time("2020-01-01"), parse_time("2020-02-01")
    loaded = load_series("BTCUSDT", "1d", data_dir=store_dir, start_ms=start, end_ms=end)
    assert len(loaded.candles) == 31


def test_unknown_symbol_lists_what_exists(store_dir: Path) -> None:
    with pytest.raises(
        SeriesNotFoundError, match="BTCUSDT 1m, 1h; ETHUSDT 1m, 1h; NIFTY50 1d; SOLUSDT 1m; SPY 1d"
    ):
        load_series("FOO", "1h", data_dir=store_dir)
    with pytest.raises(SeriesNotFoundError, match="only 1d"):
        load_series("NIFTY50", "1h", data_dir=store_dir)


def test_show_labels_the_real_origin(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "NIFTY50", "--timeframe", "1d", "-n", "1")
    assert code == 0, out
    assert "NIFTY50 1d (indices sample)" in flat(out)
    code, out = run(
        "data", "show", "--symbol", "BTCUSDT", "--timeframe", "1h", "--venue", "kraken", "-n", "1"
    )
    assert code == 0, out
    assert "(binance sample; nothing stored for kraken)" in flat(out)


def test_show_rejects_negative_rows(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "1h", "--rows", "-3")
    assert code == 2, out


def test_show_daily_uses_the_1h_history_and_does_not_cut_numbers(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "1M", "-n", "100")
    assert code == 0, out
    assert "…" not in out
    assert "41,884.28" in out
    code, out = run("data", "show", "--symbol", "BTCUSDT", "--timeframe", "1d", "-n", "1")
    assert "2,438" in out
    assert "resampled 1h→1d" in flat(out)


def test_download_after_the_venues_data_says_so(store_dir: Path, btc_1m: Candles) -> None:
    from binance_kline_stub import KlineStub, serve

    candles = btc_1m.slice(0, 200)
    with serve(KlineStub(candles, candles.end_ms + 120_000)) as url:
        code, out = run(
            "data",
            "download",
            "--symbol",
            "BTCUSDT",
            "--timeframe",
            "1m",
            "--from",
            "2030-01-01",
            "--rest-url",
            url,
        )
    assert code == 0, out
    assert "the venue has no closed candles after 2030-01-01 00:00 UTC" in flat(out)
    assert "nothing was fetched" in out


def test_explicit_file_without_timeframe_in_its_name_is_read_at_its_own_spacing(
    store_dir: Path, tmp_path: Path, btc_1m: Candles
) -> None:
    from candle_files import write_shared_csv

    path = write_shared_csv(btc_1m.slice(0, 600), tmp_path / "mine.csv")
    loaded = load_series("BTCUSDT", "1h", path=path)
    assert loaded.resampled_from is Timeframe.M1  # 1m bars, not taken as 1h bars
    assert loaded.kind == "file"
    assert format_ms(loaded.candles.start_ms) == "2023-03-16 23:00"


def test_explicit_file_with_epoch_seconds_reads_as_ms(tmp_path: Path, btc_1m: Candles) -> None:
    from candle_files import write_shared_csv

    from aitrader.data import DataError

    head = btc_1m.slice(0, 100)
    secs = Candles.from_arrays(
        head.open_time // 1000,
        head.open,
        head.high,
        head.low,
        head.close,
        head.volume,
        timeframe=Timeframe.M1,
    )
    path = write_shared_csv(secs, tmp_path / "BTCUSDT-1m-secs.csv")
    loaded = load_series("BTCUSDT", "1m", path=path)
    assert loaded.candles.open_time.tolist() == head.open_time.tolist()
    # a time that is no plausible epoch s, ms or µs is refused at its row
    mixed = Candles.from_arrays(
        np.concatenate([head.open_time[:50], head.open_time[50:] // 10**7]), head.open, head.high, head.low,
        head.close, head.volume, timeframe=Timeframe.M1,
    )  # fmt: skip
    bad = write_shared_csv(mixed, tmp_path / "BTCUSDT-1m-mixed.csv")
    with pytest.raises(DataError, match="row 51"):
        load_series("BTCUSDT", "1m", path=bad)


def test_from_and_to_in_epoch_seconds_are_read_as_seconds(store_dir: Path) -> None:
    """--from 1680307200 is 2023-04-01 00:00 UTC (epoch seconds), not the start of the data."""
    code, out = run(
        "data", "show", "--symbol", "BTCUSDT", "-t", "1h", "--from", "1680307200", "--to", "1680393600000"
    )
    assert code == 0, out
    assert "span 2023-04-01 00:00 → 2023-04-01 23:00 UTC" in flat(out)
    assert "rows 24 " in flat(out)


def test_a_number_that_is_no_epoch_time_is_one_line_saying_what_to_pass(store_dir: Path) -> None:
    code, out = run("data", "show", "--symbol", "BTCUSDT", "-t", "1h", "--from", "20230401")
    assert code == 1
    assert out.count("\n") == 1
    assert flat(out).startswith("error: --from: cannot read time '20230401': 20230401 is no epoch time")
    assert "pass YYYY-MM-DD[ HH:MM] (UTC) or epoch seconds or ms, e.g. 2023-04-01 or 1680307200" in flat(out)


def _two_separated_months(store_dir: Path, btc_1h: Candles) -> Path:
    """January 2023 and January 2024 of the real 1h sample in the store: 1,488 bars around an
    11-month hole, first and last bar as far apart as the sample's over 2023-01 → 2024-01."""
    store = CandleStore(store_dir)
    store.merge(btc_1h.between(parse_time("2023-01-01"), parse_time("2023-02-01")))
    result = store.merge(btc_1h.between(parse_time("2024-01-01"), parse_time("2024-02-01")))
    assert result.total == 1_488
    return result.path


WINDOW = {"start_ms": parse_time("2023-01-01"), "end_ms": parse_time("2024-02-01")}


def test_a_store_series_with_a_hole_does_not_beat_a_continuous_one_over_the_same_span(
    store_dir: Path, btc_1h: Candles
) -> None:
    """Ranked by the bars present in the window (the store's from its open_time column), not by
    first-to-last span, where the two tie and the tie went to the store."""
    stored = _two_separated_months(store_dir, btc_1h)
    loaded = load_series("BTCUSDT", "1h", data_dir=store_dir, **WINDOW)
    assert loaded.kind == "sample"
    assert len(loaded.candles) == len(btc_1h.between(WINDOW["start_ms"], WINDOW["end_ms"])) > 9_000
    assert loaded.hole == ""
    assert loaded.also.startswith("the store (binance) also has BTCUSDT 1,488 1h bars, 2023-01-01 00:00 →")
    assert f"pass --data {stored} to use it" in loaded.also
    # inside one of its months the store holds every bar: it wins the tie, as before
    january = load_series(
        "BTCUSDT",
        "1h",
        data_dir=store_dir,
        start_ms=parse_time("2024-01-01"),
        end_ms=parse_time("2024-02-01"),
    )
    assert (january.kind, len(january.candles), january.hole) == ("store", 744, "")


def test_a_series_read_with_a_hole_inside_the_window_says_so(store_dir: Path, btc_1h: Candles) -> None:
    stored = _two_separated_months(store_dir, btc_1h)
    loaded = load_series("BTCUSDT", "1h", path=stored, **WINDOW)
    assert (loaded.kind, len(loaded.candles)) == ("file", 1_488)
    hole = "has a 334-day gap inside the window (no bar from 2023-02-01 00:00 until 2024-01-01 00:00 UTC)"
    assert loaded.hole == hole
    assert loaded.origin == f"file {stored}, which {hole}"
    # resampled, and without a window: the whole series
    daily = load_series("BTCUSDT", "1d", path=stored)
    assert daily.origin.endswith("(resampled 1h→1d), which has a 334-day gap inside the series "
                                 "(no bar from 2023-02-01 00:00 until 2024-01-01 00:00 UTC)")  # fmt: skip
    # a window on one side of the hole has none
    assert load_series("BTCUSDT", "1h", path=stored, start_ms=parse_time("2024-01-01")).hole == ""


def test_weekends_and_holidays_are_no_hole(store_dir: Path) -> None:
    """NIFTY50 closes at weekends and on holidays (up to 5 days in a row): not a gap to report."""
    loaded = load_series("NIFTY50", "1d", data_dir=store_dir)
    assert loaded.hole == ""
    assert "gap" not in loaded.origin
