"""The chat's signed REST source against the local exchange on 127.0.0.1: signing as the contract
documents it, the venue's clock (asked once on real time, every question when replaying, re-synced on
-1021), errors as one safe line, candles from the replayed real sample, and the market cache."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from aitrader.agents.chat.rest_client import signer
from aitrader.agents.chat.rest_source import MarketCache, RestAccountSource
from aitrader.agents.chat.sources import AUTH_HINT, SourceError, VenueAuthError
from aitrader.data.sample import load_sample
from aitrader.venues.local import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    ExchangeThread,
    LocalExchangeConfig,
    run_local_exchange,
)

BALANCES = {"USDT": Decimal("10000"), "BTC": Decimal("0.25")}


def _config(**kw: Any) -> LocalExchangeConfig:
    return LocalExchangeConfig(
        symbols=("BTCUSDT", "ETHUSDT"), accounts=[AccountConfig(balances=dict(BALANCES))], **kw
    )


@pytest.fixture(scope="module")
def exchange() -> Iterator[ExchangeThread]:
    with run_local_exchange(_config(warmup_candles=2500)) as ex:
        yield ex


@pytest.fixture(scope="module")
def replaying() -> Iterator[ExchangeThread]:
    with run_local_exchange(_config(replay_server_time=True)) as ex:
        yield ex


def _source(ex: ExchangeThread, **kw: Any) -> RestAccountSource:
    return RestAccountSource(DEFAULT_API_KEY, DEFAULT_SECRET, rest_url=ex.rest_url, **kw)


def _count(src: RestAccountSource, path: str) -> list[str]:
    """Every public GET of `path` the source sends from now on."""
    seen: list[str] = []
    real = src.client.public

    def spy(p: str, params: Any = None) -> Any:
        if p == path:
            seen.append(p)
        return real(p, params)

    src.client.public = spy  # type: ignore[method-assign]
    return seen


def test_signatures_match_the_documented_vector() -> None:
    payload = (
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        "&recvWindow=5000&timestamp=1499827319559"
    )
    assert (
        signer(DEFAULT_SECRET)(payload) == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
    )


def test_the_account_and_market_as_the_venue_has_them(exchange: ExchangeThread) -> None:
    src = _source(exchange)
    held = {b.asset: b for b in src.balances()}
    for asset, (free, locked) in exchange.balances().items():
        assert (held[asset].free, held[asset].locked) == (Decimal(free), Decimal(locked))
    assert held["BTC"].free == Decimal("0.25")
    assert {s.symbol for s in src.symbols()} == {"BTCUSDT", "ETHUSDT"}
    btc = next(s for s in src.symbols() if s.symbol == "BTCUSDT")
    assert (btc.base, btc.quote, btc.tick_size) == ("BTC", "USDT", Decimal("0.01"))
    assert src.open_orders(None) == []
    assert src.open_orders("BTCUSDT") == []
    assert src.open_order_lists() == []
    assert src.orders("BTCUSDT", None) == []
    assert src.trades("ETHUSDT", 0) == []
    ticker = src.ticker("BTCUSDT")
    assert ticker.symbol == "BTCUSDT"
    assert ticker.last > 0


def test_candles_are_the_replayed_sample(exchange: ExchangeThread) -> None:
    src = _source(exchange)
    sample = load_sample("BTCUSDT", "1m")
    got = src.candles("BTCUSDT", "1m", 1500)  # two calls: Binance gives at most 1000 per call
    assert len(got) == 1500
    assert (got.symbol, got.timeframe.value) == ("BTCUSDT", "1m")
    assert np.all(np.diff(got.open_time) == 60_000)
    first = int(np.searchsorted(sample.open_time, got.open_time[0]))
    closed = slice(0, len(got) - 1)  # the newest candle may still be forming
    want = sample.slice(first, first + len(got) - 1)
    for col in ("open_time", "open", "high", "low", "close", "volume"):
        assert np.array_equal(getattr(got, col)[closed], getattr(want, col)), col
    hourly = src.candles("ETHUSDT", "1h", 10)
    assert len(hourly) == 10
    assert np.all(np.diff(hourly.open_time) == 3_600_000)


def test_a_bad_symbol_or_interval_is_a_clear_error(exchange: ExchangeThread) -> None:
    src = _source(exchange)
    with pytest.raises(SourceError, match="symbol DOGEUSDT is not listed on this venue"):
        src.candles("DOGEUSDT", "1m", 5)
    with pytest.raises(SourceError, match="symbol DOGEUSDT is not listed on this venue"):
        src.ticker("DOGEUSDT")
    with pytest.raises(SourceError, match="unknown timeframe '7m'"):
        src.candles("BTCUSDT", "7m", 5)


def test_a_real_time_venue_is_asked_for_its_clock_once(exchange: ExchangeThread) -> None:
    src = _source(exchange)
    asked = _count(src, "/api/v3/time")
    first = src.server_time_ms()
    for _ in range(5):
        assert src.server_time_ms() >= first
    src.balances()
    assert len(asked) == 1


def test_a_replaying_venue_is_asked_every_question_and_a_1021_resyncs(replaying: ExchangeThread) -> None:
    src = _source(replaying)
    asked = _count(src, "/api/v3/time")
    # our clock is years ahead of the replay: the first signed call is refused (-1021), the source
    # asks the venue's clock and signs again
    assert {b.asset for b in src.balances()} >= {"USDT", "BTC"}
    assert len(asked) == 1
    venue_now = src.server_time_ms()
    assert abs(venue_now - replaying.call(lambda: replaying.exchange.eng.now())) < 60_000
    src.server_time_ms()
    assert len(asked) == 3
    src.balances()  # signed with the measured offset: no second -1021
    assert len(asked) == 3


@pytest.mark.parametrize(
    ("key", "secret", "code"),
    [
        (DEFAULT_API_KEY, "WRONG-SECRET-123", "-1022"),
        ("K" * 64, DEFAULT_SECRET, "-2015"),
        ("bad key", DEFAULT_SECRET, "-2014"),
    ],
)
def test_a_refused_key_is_an_auth_error_without_secrets(
    exchange: ExchangeThread, key: str, secret: str, code: str
) -> None:
    src = RestAccountSource(key, secret, rest_url=exchange.rest_url)
    with pytest.raises(VenueAuthError) as info:
        src.balances()
    text = str(info.value)
    assert text.startswith(f"the venue refused the API key/secret: {AUTH_HINT} (venue said: {code} ")
    assert "\n" not in text
    for secret_text in (secret, DEFAULT_SECRET, "signature="):
        assert secret_text not in text


def test_an_unreachable_venue_says_what_to_check() -> None:
    src = RestAccountSource("key-abc", "secret-abc", rest_url="http://127.0.0.1:9", timeout_s=2.0)
    with pytest.raises(SourceError) as info:
        src.balances()
    assert str(info.value) == (
        "cannot reach the venue at http://127.0.0.1:9 (connection refused): is it running? "
        "check --rest-url / AITRADER_REST_URL and the network"
    )
    assert not isinstance(info.value, VenueAuthError)


def test_failures_and_rate_limits_say_to_ask_again() -> None:
    with run_local_exchange(_config()) as ex:
        src = _source(ex)
        src.balances()
        ex.set_faults(rest_error_share=1.0, rest_error_status=503)
        with pytest.raises(SourceError, match=r"the venue failed on GET /api/v3/account \(HTTP 503\)"):
            src.balances()
        ex.set_faults(rest_error_status=429)
        with pytest.raises(SourceError, match=r"rate limiting this IP \(HTTP 429\)"):
            src.balances()
        ex.set_faults(rest_error_share=0.0)
        ex.restart(downtime_s=0.1)  # the kept-alive connection is gone: reopened once
        assert {b.asset for b in src.balances()} >= {"USDT", "BTC"}


def test_the_market_list_is_cached_on_disk(exchange: ExchangeThread, tmp_path: Path) -> None:
    assert MarketCache.default_for(exchange.rest_url) is None  # a venue on this machine is asked
    assert MarketCache.default_for("https://testnet.binance.vision") is not None
    cache = MarketCache(tmp_path)
    first = _source(exchange, market_cache=cache)
    asked = _count(first, "/api/v3/exchangeInfo")
    listed = first.symbols()
    assert len(asked) == 1
    second = _source(exchange, market_cache=cache)
    asked = _count(second, "/api/v3/exchangeInfo")
    assert second.symbols() == listed
    assert asked == []
    stale = _source(exchange, market_cache=MarketCache(tmp_path, ttl_s=0))
    asked = _count(stale, "/api/v3/exchangeInfo")
    assert stale.symbols() == listed
    assert len(asked) == 1


def test_a_proxy_from_the_environment_is_used(
    exchange: ExchangeThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HTTP_PROXY / HTTPS_PROXY are honoured (ccxt's requests did): a plain forward proxy on 127.0.0.1."""
    import http.server
    import threading
    import urllib.request

    seen: list[str] = []
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the proxy itself goes direct

    class Forward(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            req = urllib.request.Request(
                self.path, headers={"X-MBX-APIKEY": self.headers["X-MBX-APIKEY"] or ""}
            )
            try:
                with direct.open(req) as resp:
                    status, body = resp.status, resp.read()
            except urllib.error.HTTPError as exc:
                status, body = exc.code, exc.read()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        held = {b.asset: b.free for b in _source(exchange).balances()}
    finally:
        proxy.shutdown()
    assert held["BTC"] == Decimal("0.25")
    assert seen
    assert seen[0].startswith(f"{exchange.rest_url}/api/v3/account?")
