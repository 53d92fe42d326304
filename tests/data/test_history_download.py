"""History download through ccxt against a Binance-compatible server started on 127.0.0.1."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from binance_kline_stub import KlineStub, serve

from aitrader.data import CandleStore
from aitrader.data.download import download_history, make_exchange
from aitrader.domain import Candles, Timeframe

HALT_FIRST_MISSING = 1679661600000  # 2023-03-24 12:40 UTC


@pytest.fixture(scope="module")
def around_halt(btc_1m: Candles) -> Candles:
    """2,600 real candles spanning the 80-minute 2023-03-24 trading halt."""
    i = int(np.searchsorted(btc_1m.open_time, HALT_FIRST_MISSING))
    return btc_1m.slice(i - 1300, i + 1300)


@pytest.fixture(scope="module")
def stub(around_halt: Candles) -> KlineStub:
    # the server's clock sits 30 s into the last candle: it is served, still forming, as Binance does
    return KlineStub(around_halt, server_time_ms=around_halt.end_ms + 30_000)


@pytest.fixture(scope="module")
def url(stub: KlineStub) -> Iterator[str]:
    with serve(stub) as base:
        yield base


def assert_same(a: Candles, b: Candles) -> None:
    np.testing.assert_array_equal(a.open_time, b.open_time)
    for k in ("open", "high", "low", "close", "volume"):
        np.testing.assert_array_equal(getattr(a, k), getattr(b, k), err_msg=k)


def test_pages_through_the_whole_range_across_a_gap(
    tmp_path: Path, url: str, around_halt: Candles, stub: KlineStub
) -> None:
    store = CandleStore(tmp_path)
    stub.requests.clear()
    progress: list[tuple[int, int]] = []
    result = download_history(
        make_exchange(url), store, "BTCUSDT", Timeframe.M1, since_ms=around_halt.start_ms,
        now_ms=stub.server_time_ms, progress=lambda done, total: progress.append((done, total)),
    )  # fmt: skip
    assert (result.fetched, result.added, result.total, result.resumed) == (2599, 2599, 2599, False)
    assert result.pages == 3
    assert_same(store.read("binance", "BTCUSDT", Timeframe.M1), around_halt.slice(0, 2599))
    assert [q["limit"] for q in stub.requests] == ["1000"] * 3
    assert stub.requests[0]["startTime"] == str(around_halt.start_ms)
    assert progress[-1][0] == progress[-1][1]
    assert all(b[0] >= a[0] for a, b in itertools.pairwise(progress))


def test_resumes_where_the_store_ends(
    tmp_path: Path, url: str, around_halt: Candles, stub: KlineStub
) -> None:
    store = CandleStore(tmp_path)
    store.merge(around_halt.slice(0, 1700))
    stub.requests.clear()
    result = download_history(make_exchange(url), store, "BTCUSDT", Timeframe.M1, now_ms=stub.server_time_ms)
    assert result.resumed
    assert result.start_ms == int(around_halt.open_time[1699]) + 60_000
    assert (result.fetched, result.added, result.total) == (899, 899, 2599)
    assert stub.requests[0]["startTime"] == str(result.start_ms)
    assert_same(store.read("binance", "BTCUSDT", Timeframe.M1), around_halt.slice(0, 2599))
    again = download_history(make_exchange(url), store, "BTCUSDT", Timeframe.M1, now_ms=stub.server_time_ms)
    assert (again.fetched, again.added, again.total) == (0, 0, 2599)


def test_until_is_exclusive_and_forming_candles_are_skipped(
    tmp_path: Path, url: str, around_halt: Candles, stub: KlineStub
) -> None:
    store = CandleStore(tmp_path)
    until = int(around_halt.open_time[500])
    r = download_history(
        make_exchange(url),
        store,
        "BTCUSDT",
        Timeframe.M1,
        around_halt.start_ms,
        until,
        now_ms=stub.server_time_ms,
    )
    assert r.fetched == 500
    assert store.read("binance", "BTCUSDT", Timeframe.M1).end_ms == int(around_halt.open_time[499])
    # a clock inside the last served candle: that candle is still forming and is not stored
    store2 = CandleStore(tmp_path / "b")
    r2 = download_history(
        make_exchange(url), store2, "BTCUSDT", Timeframe.M1, int(around_halt.open_time[2500]),
        now_ms=around_halt.end_ms + 30_000,
    )  # fmt: skip
    assert r2.fetched == 99
    assert store2.read("binance", "BTCUSDT", Timeframe.M1).end_ms == int(around_halt.open_time[-2])


def test_without_since_or_store_it_takes_the_latest_page(
    tmp_path: Path, url: str, around_halt: Candles, stub: KlineStub
) -> None:
    store = CandleStore(tmp_path)
    r = download_history(make_exchange(url), store, "BTCUSDT", Timeframe.M1, now_ms=stub.server_time_ms)
    assert r.start_ms == Timeframe.M1.floor(stub.server_time_ms - 1000 * 60_000)
    assert store.read("binance", "BTCUSDT", Timeframe.M1).end_ms == int(around_halt.open_time[-2])


def test_make_exchange_points_ccxt_at_the_given_url(url: str) -> None:
    ex = make_exchange(url + "/api/v3")
    assert ex.urls["api"]["public"] == f"{url}/api/v3"
    assert ex.urls["api"]["private"] == f"{url}/api/v3"
    markets = ex.load_markets()
    assert list(markets) == ["BTC/USDT"]


def test_the_venues_newest_candle_is_left_for_the_next_run_even_with_an_old_clock(
    tmp_path: Path, url: str, around_halt: Candles
) -> None:
    """With the wall clock years after the replayed data, the venue's newest candle is still skipped."""
    store = CandleStore(tmp_path)
    r = download_history(make_exchange(url), store, "BTCUSDT", Timeframe.M1, int(around_halt.open_time[2000]))
    assert r.fetched == 599
    assert store.read("binance", "BTCUSDT", Timeframe.M1).end_ms == int(around_halt.open_time[-2])


def test_download_from_the_local_exchange(tmp_path: Path, btc_1m: Candles) -> None:
    """The project's own Binance-compatible server, replaying the real sample, as the source."""
    from aitrader.venues.local import LocalExchangeConfig, run_local_exchange

    start = 1679064900000  # 2023-03-17 14:55 UTC
    candles = {"BTCUSDT": btc_1m.between(start - 2 * 86_400_000, start + 86_400_000)}
    config = LocalExchangeConfig(symbols=("BTCUSDT",), start_ms=start)
    with run_local_exchange(config, candles) as ex:
        store = CandleStore(tmp_path)
        since = start - 900 * 60_000
        r = download_history(make_exchange(ex.rest_url), store, "BTCUSDT", Timeframe.M1, since)
    stored = store.read("binance", "BTCUSDT", Timeframe.M1)
    assert r.fetched == len(stored)
    assert stored.start_ms == since
    # everything before the replay clock, less at most the candle that is still forming there
    assert start - 2 * 60_000 <= stored.end_ms < start
    assert_same(stored, btc_1m.between(since, stored.end_ms + 1))
