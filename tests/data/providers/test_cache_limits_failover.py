"""The on-disk TTL cache, the rate limiter and the failover chain, with a clock the test moves."""

from __future__ import annotations

from pathlib import Path

import pytest
from provider_clock import FakeClock
from provider_server import ProviderServer
from replies import yahoo_chart

from aitrader.data.providers import (
    AlphaVantageProvider,
    DiskCache,
    FailoverChain,
    GuardedCandles,
    ProviderError,
    RateLimiter,
    YahooProvider,
)
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import parse_time

START, END = parse_time("2021-03-01"), parse_time("2021-06-01")


def _yahoo(server: ProviderServer, spy: Candles) -> YahooProvider:
    server.route("/v8/finance/chart/SPY", lambda _: (200, yahoo_chart(spy.between(START, END), "SPY")))
    return YahooProvider(f"http://127.0.0.1:{server.port}")


def test_cache_hit_within_ttl_miss_after(
    tmp_path: Path, server: ProviderServer, spy: Candles, clock: FakeClock
) -> None:
    cache = DiskCache(tmp_path, ttl_s=3600, clock=clock)
    guarded = GuardedCandles(_yahoo(server, spy), cache)
    first = guarded.fetch_candles("SPY", Timeframe.D1, START, END)
    clock.t += 3599
    again = guarded.fetch_candles("SPY", Timeframe.D1, START, END)
    assert again == first
    assert again.source == first.source
    assert (guarded.requests, guarded.hits, len(server.seen)) == (1, 1, 1)
    guarded.fetch_candles("SPY", Timeframe.D1, START, END - 86_400_000)  # another request: another entry
    assert len(server.seen) == 2
    clock.t += 2
    guarded.fetch_candles("SPY", Timeframe.D1, START, END)  # expired: asked again
    assert (guarded.requests, len(server.seen)) == (3, 3)
    assert not list(tmp_path.rglob(".tmp-*"))  # atomic writes leave no temporary file


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "stored_at": "x"}', b"\x00" * 10])
def test_a_damaged_cache_entry_is_a_miss(
    tmp_path: Path, server: ProviderServer, spy: Candles, clock: FakeClock, damage: bytes
) -> None:
    cache = DiskCache(tmp_path, ttl_s=3600, clock=clock)
    guarded = GuardedCandles(_yahoo(server, spy), cache)
    want = guarded.fetch_candles("SPY", Timeframe.D1, START, END)
    [entry] = list(tmp_path.rglob("*.json"))
    entry.write_bytes(damage)
    assert guarded.fetch_candles("SPY", Timeframe.D1, START, END) == want
    assert len(server.seen) == 2  # asked again, and the entry rewritten whole
    assert guarded.fetch_candles("SPY", Timeframe.D1, START, END) == want
    assert len(server.seen) == 2


def test_cache_refuses_another_request_and_a_future_entry(tmp_path: Path, clock: FakeClock) -> None:
    cache = DiskCache(tmp_path, ttl_s=60, clock=clock)
    cache.put("p", {"a": 1}, [1, 2])
    assert cache.get("p", {"a": 1}) == [1, 2]
    assert cache.get("p", {"a": 2}) is None
    cache.path("p", {"a": 1}).rename(cache.path("p", {"a": 2}))  # an entry under another request's name
    assert cache.get("p", {"a": 2}) is None
    cache.put("p", {"a": 1}, [3])
    clock.t -= 10  # stored "in the future" (the clock went back)
    assert cache.get("p", {"a": 1}) is None


def test_rate_limiter_lets_a_burst_through_then_waits(clock: FakeClock) -> None:
    limiter = RateLimiter("twelvedata", requests=8, per_s=60, clock=clock, sleep=clock.sleep)
    assert [limiter.acquire() for _ in range(8)] == [0.0] * 8
    assert limiter.try_acquire() == pytest.approx(7.5)  # one every 60/8 s after the burst
    assert limiter.acquire() == pytest.approx(7.5)
    assert clock.slept == [pytest.approx(7.5)]
    clock.t += 60
    assert limiter.try_acquire() == 0.0  # refilled (up to the burst)


def test_rate_limiter_refuses_a_wait_longer_than_allowed(clock: FakeClock) -> None:
    limiter = RateLimiter(
        "alphavantage", requests=5, per_s=60, burst=1, max_wait_s=5, clock=clock, sleep=clock.sleep
    )
    assert limiter.acquire() == 0.0
    with pytest.raises(
        ProviderError,
        match=r"alphavantage: request rate limit reached \(next request allowed in 12 s\): wait",
    ):
        limiter.acquire()
    assert clock.slept == []  # refused without sleeping, and took nothing
    clock.t += 12
    assert limiter.acquire() == 0.0


def test_guarded_provider_waits_at_its_limiter(
    tmp_path: Path, server: ProviderServer, spy: Candles, clock: FakeClock
) -> None:
    limiter = RateLimiter("yahoo", requests=1, per_s=10, clock=clock, sleep=clock.sleep)
    guarded = GuardedCandles(_yahoo(server, spy), DiskCache(tmp_path, clock=clock), limiter)
    guarded.fetch_candles("SPY", Timeframe.D1, START, END)
    guarded.fetch_candles("SPY", Timeframe.D1, START, END)  # cached: no token needed
    guarded.fetch_candles("SPY", Timeframe.D1, START + 86_400_000, END)
    assert clock.slept == [pytest.approx(10.0)]
    assert len(server.seen) == 2


def test_failover_skips_keyless_and_dead_providers(
    server: ProviderServer, spy: Candles, dead_url: str
) -> None:
    dead = YahooProvider(dead_url)
    keyless = AlphaVantageProvider(None, f"http://127.0.0.1:{server.port}")
    chain = FailoverChain([keyless, dead, _yahoo(server, spy)])
    got = chain.fetch("SPY", Timeframe.D1, START, END)
    assert got.provider == chain.answered_by == "yahoo"
    assert got.candles == spy.between(START, END).with_meta(source=got.candles.source)
    assert got.failures[0].startswith("alphavantage skipped (no API key: set AITRADER_ALPHAVANTAGE_KEY")
    assert got.failures[1].startswith("yahoo failed (cannot reach 127.0.0.1:")
    assert [s.path for s in server.seen] == ["/v8/finance/chart/SPY"]  # the keyless one asked nothing


def test_failover_when_all_fail_says_each_why_in_one_line(dead_url: str) -> None:
    chain = FailoverChain([AlphaVantageProvider(None), YahooProvider(dead_url)])
    with pytest.raises(ProviderError) as exc:
        chain.fetch_candles("SPY", Timeframe.D1, START, END)
    msg = str(exc.value)
    assert "\n" not in msg
    assert msg.startswith(
        "failover: no provider gave SPY 1d: alphavantage skipped (no API key: set AITRADER_ALPHAVANTAGE_KEY"
    )
    assert "; yahoo failed (cannot reach 127.0.0.1:" in msg
    assert chain.answered_by is None


def test_failover_goes_on_past_an_empty_answer(server: ProviderServer, spy: Candles) -> None:
    empty = yahoo_chart(spy.between(START, START), "SPY")
    server.route("/v8/finance/chart/QQQ", lambda _: (200, empty))
    chain = FailoverChain([YahooProvider(f"http://127.0.0.1:{server.port}")])
    with pytest.raises(ProviderError, match="yahoo had no QQQ 1d candle in the window"):
        chain.fetch("QQQ", Timeframe.D1, START, END)
