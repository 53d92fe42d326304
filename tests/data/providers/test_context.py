"""`load_context`: the cross-asset series from the shipped samples offline (no request at all), the
missing ones named with why, and online providers (on 127.0.0.1) only when enabled, through the cache."""

from __future__ import annotations

from pathlib import Path

import httpx
import numpy as np
import pytest
from provider_clock import FakeClock
from provider_server import ProviderServer, Seen
from replies import yahoo_chart

from aitrader.data import load_sample
from aitrader.data.providers import DiskCache, ProviderEnv, Providers, load_context
from aitrader.data.providers.online import build
from aitrader.domain import Candles
from aitrader.domain.timeframe import parse_time

START, END = parse_time("2021-05-01"), parse_time("2021-06-01")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*a: object, **k: object) -> None:
        raise AssertionError("offline context made a request")

    monkeypatch.setattr(httpx, "get", refuse)
    monkeypatch.setattr(httpx.Client, "send", refuse)


def test_offline_context_comes_from_the_samples(store_dir: Path, no_network: None) -> None:
    ctx = load_context("BTCUSDT", "1h", START, END, data_dir=store_dir)
    assert sorted(ctx.series) == ["ETHBTC", "ETHUSDT", "SPY"]  # BTCUSDT is the symbol itself
    eth = ctx.series["ETHUSDT"]
    assert eth.timeframe.value == "1h"
    assert eth.end_ms < END
    assert eth.start_ms == parse_time("2020-05-01")  # a year of look-back before the start
    assert ctx.series["SPY"].timeframe.value == "1d"
    ethbtc = ctx.series["ETHBTC"]
    btc = load_sample("BTCUSDT", "1h")
    i = int(np.searchsorted(btc.open_time, ethbtc.open_time[-1]))
    assert ethbtc.close[-1] == eth.close[-1] / btc.close[i]
    assert ctx.origins["ETHBTC"] == "derived from ETHUSDT / BTCUSDT"
    assert "ETHUSDT-1h-2017-08-17_2022-10-24.csv.gz" in ctx.origins["ETHUSDT"]
    assert set(ctx.missing) == {"VIX", "DXY", "FEAR_GREED"}
    assert ctx.missing["VIX"] == (
        "no local VIX 1d data (store or shipped samples); no online provider enabled "
        "(set AITRADER_DATA_PROVIDERS to fetch it)"
    )


def test_a_window_the_samples_do_not_reach_is_missing_with_the_span(
    store_dir: Path, no_network: None
) -> None:
    ctx = load_context(
        "BTCUSDT", "1h", parse_time("2024-03-01"), parse_time("2024-04-01"), data_dir=store_dir, lookback_ms=0
    )
    assert "ETHUSDT" not in ctx.series
    assert ctx.missing["ETHUSDT"].startswith(
        "local ETHUSDT 1h (2017-08-17 04:00 → 2022-10-24 19:00) has no candle in the window"
    )
    assert "cannot derive it" in ctx.missing["ETHBTC"]


def test_text_files_are_cut_to_the_window(store_dir: Path, tmp_path: Path, no_network: None) -> None:
    news = tmp_path / "news.jsonl"
    news.write_text(
        '{"published": "2021-05-19T13:00:00Z", "source": "desk", "title": "BTC -30% intraday"}\n'
        '{"published": "2021-07-01T00:00:00Z", "source": "desk", "title": "after the window"}\n'
    )
    ctx = load_context("ETHUSDT", "1h", START, END, data_dir=store_dir, text_paths=[news], names=("BTCUSDT",))
    assert [t.title for t in ctx.texts] == ["BTC -30% intraday"]
    assert list(ctx.series) == ["BTCUSDT"]


def _fng(seen: Seen) -> tuple[int, object]:
    days = [parse_time("2021-05-31") - i * 86_400_000 for i in range(int(seen.query["limit"]))]
    data = [
        {"value": str(20 + i % 50), "value_classification": "Fear", "timestamp": str(t // 1000)}
        for i, t in enumerate(days)
    ]
    return 200, {"name": "Fear and Greed Index", "data": data, "metadata": {"error": None}}


def test_enabled_providers_fill_the_gaps_through_the_cache(
    store_dir: Path, tmp_path: Path, server: ProviderServer, spy: Candles, clock: FakeClock
) -> None:
    vix_like = spy.between(parse_time("2020-05-01"), END)  # stand-in values in Yahoo's real format
    server.route("/v8/finance/chart/^VIX", lambda _: (200, yahoo_chart(vix_like, "^VIX")))
    server.route("/fng/", _fng)
    base = f"http://127.0.0.1:{server.port}"
    clock.t = END / 1000 + 3600
    env = ProviderEnv.from_env({"AITRADER_DATA_PROVIDERS": "yahoo,twelvedata,feargreed"})
    providers = build(
        env,
        DiskCache(tmp_path / "cache", clock=clock),
        {"yahoo": base, "twelvedata": base, "feargreed": base},
        clock,
    )
    ctx = load_context("BTCUSDT", "1h", START, END, data_dir=store_dir, providers=providers, clock=clock)
    assert {"VIX", "FEAR_GREED", "SPY", "ETHUSDT"} <= set(ctx.series)
    assert ctx.origins["SPY"].startswith("shipped sample")  # local data first: no request for SPY
    assert ctx.origins["VIX"] == "yahoo"
    assert len(ctx.series["FEAR_GREED"]) == 396
    assert ctx.series["FEAR_GREED"].end_ms == parse_time("2021-05-31")
    assert ctx.missing["DXY"].startswith(
        "no local DXY 1d data (store or shipped samples); failover: no provider gave DXY 1d: yahoo failed (HTTP 404"
    )
    assert "twelvedata skipped (no API key: set AITRADER_TWELVEDATA_KEY" in ctx.missing["DXY"]
    asked = len(server.seen)
    again = load_context("BTCUSDT", "1h", START, END, data_dir=store_dir, providers=providers, clock=clock)
    assert again.series["VIX"] == ctx.series["VIX"]
    assert len(server.seen) == asked + 1  # only DXY (a failure is not cached) is asked again


def test_offline_unless_enabled() -> None:
    assert Providers.from_env(ProviderEnv.from_env({})) is None
    with pytest.raises(ValueError, match="AITRADER_DATA_PROVIDERS: unknown provider bloomberg"):
        ProviderEnv.from_env({"AITRADER_DATA_PROVIDERS": "yahoo,bloomberg"})
    env = ProviderEnv.from_env(
        {"AITRADER_DATA_PROVIDERS": "all", "AITRADER_ALPHAVANTAGE_KEY": "SECRETKEY123"}
    )
    assert "SECRETKEY123" not in repr(env)
    assert env.online


def test_a_series_ending_long_before_the_window_is_stale_not_current(
    store_dir: Path, no_network: None
) -> None:
    """SPY ends 2023-08-01: for April 2024 it would be eight months old at the first decision."""
    ctx = load_context(
        "BTCUSDT", "1h", parse_time("2024-03-20"), parse_time("2024-04-20"), data_dir=store_dir
    )
    assert "SPY" not in ctx.series
    assert ctx.missing["SPY"].startswith(
        "local SPY 1d (1993-01-29 00:00 → 2023-08-01 00:00) ends more than a week before the window starts"
    )


def test_feeds_are_read_through_the_cache_and_a_dead_one_is_named(
    store_dir: Path, tmp_path: Path, server: ProviderServer, dead_url: str, clock: FakeClock
) -> None:
    from test_feargreed_and_feeds import RSS

    from aitrader.data.providers import GuardedTexts, RssProvider

    server.route("/rss", lambda _: (200, RSS))
    cache = DiskCache(tmp_path / "cache", clock=clock)
    live = GuardedTexts(RssProvider(f"http://127.0.0.1:{server.port}/rss"), cache)
    dead = GuardedTexts(RssProvider(f"{dead_url}/feed"), cache)
    providers = Providers({}, (live, dead))
    for _ in range(2):
        ctx = load_context(
            "BTCUSDT", "1h", parse_time("2022-05-09"), parse_time("2022-05-10"),
            names=(), data_dir=store_dir, providers=providers, lookback_ms=0,
        )  # fmt: skip
        assert [t.title for t in ctx.texts] == [
            "Ether Falls 10% in a Day",
            "Bitcoin Slides Below $30K as Terra's UST Loses Its Peg",
        ]
        assert ctx.missing[f"texts:{dead_url}/feed"].startswith("rss: cannot reach 127.0.0.1:")
    assert (live.requests, live.hits, len(server.seen)) == (1, 1, 1)


def test_a_stale_local_copy_gives_way_to_the_providers_for_the_recent_part(
    store_dir: Path, tmp_path: Path, server: ProviderServer, spy: Candles, clock: FakeClock
) -> None:
    """Live (no window: up to now), the shipped SPY that ends 2023-08-01 is weeks old on 2023-08-25:
    with providers on, the recent candles come from Yahoo and follow the local history."""
    year = 365 * 86_400_000
    last_year = spy.between(parse_time("2022-08-02"), parse_time("2022-08-25"))  # stand-in values,
    recent = Candles.from_arrays(  # in Yahoo's real format, a year on
        last_year.open_time + year, last_year.open, last_year.high, last_year.low, last_year.close,
        last_year.volume, "SPY", last_year.timeframe,
    )  # fmt: skip
    server.route("/v8/finance/chart/SPY", lambda _: (200, yahoo_chart(recent, "SPY")))
    base = f"http://127.0.0.1:{server.port}"
    clock.t = parse_time("2023-08-25") / 1000
    env = ProviderEnv.from_env({"AITRADER_DATA_PROVIDERS": "yahoo"})
    providers = build(env, DiskCache(tmp_path / "cache", clock=clock), {"yahoo": base}, clock)
    ctx = load_context("BTCUSDT", "1h", names=("SPY",), data_dir=store_dir, providers=providers, clock=clock)
    got = ctx.series["SPY"]
    assert ctx.origins["SPY"].startswith("shipped sample")
    assert ctx.origins["SPY"].endswith("+ yahoo")
    assert got.end_ms == int(recent.open_time[-1])  # the providers' recent candles come last
    assert got.start_ms == spy.start_ms  # after the whole local history
    assert np.all(np.diff(got.open_time) > 0)
    offline = load_context("BTCUSDT", "1h", names=("SPY",), data_dir=store_dir, clock=clock)
    assert offline.series["SPY"].end_ms == spy.end_ms  # without providers: the local copy as it is
