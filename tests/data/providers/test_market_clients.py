"""Yahoo, Alpha Vantage and Twelve Data clients against stand-ins on 127.0.0.1 that answer in each
provider's real format, built from our real SPY daily sample: the candles come back value for value."""

from __future__ import annotations

import numpy as np
import pytest
from provider_server import ProviderServer, Seen
from replies import (
    AV_INVALID,
    AV_NOTE,
    TD_OUT_OF_CREDITS,
    YAHOO_NOT_FOUND,
    alphavantage_daily,
    twelvedata_series,
    yahoo_chart,
)

from aitrader.data.providers import AlphaVantageProvider, ProviderError, TwelveDataProvider, YahooProvider
from aitrader.domain import Candles, Timeframe
from aitrader.domain.timeframe import parse_time

START, END = parse_time("2021-03-01"), parse_time("2021-06-01")
KEY = "SECRETKEY123"


def _same(got: Candles, want: Candles, decimals: int | None = None) -> None:
    assert got.open_time.tolist() == want.open_time.tolist()
    for col in ("open", "high", "low", "close"):
        w = getattr(want, col)
        assert np.array_equal(getattr(got, col), w if decimals is None else np.round(w, decimals)), col


def test_yahoo_daily_bars_come_back_keyed_by_session_date(server: ProviderServer, spy: Candles) -> None:
    window = spy.between(START, END)
    server.route("/v8/finance/chart/SPY", lambda _: (200, yahoo_chart(window, "SPY")))
    got = YahooProvider(f"http://127.0.0.1:{server.port}").fetch_candles("SPY", Timeframe.D1, START, END)
    _same(got, window)
    assert (got.symbol, got.timeframe, len(got)) == ("SPY", Timeframe.D1, 64)
    q = server.seen[-1].query
    assert (q["interval"], int(q["period1"]) * 1000, int(q["period2"]) * 1000) == ("1d", START, END)
    assert "Mozilla" in server.seen[-1].headers["User-Agent"]


def test_yahoo_skips_null_bars_and_names_aliases(server: ProviderServer, spy: Candles) -> None:
    window = spy.between(START, END)
    reply = yahoo_chart(window, "^VIX")
    quote = reply["chart"]["result"][0]["indicators"]["quote"][0]
    quote["close"][5] = None  # a bar without trades, as Yahoo sends them
    quote["volume"] = [None] * len(window)  # indices have no volume
    server.route("/v8/finance/chart/^VIX", lambda _: (200, reply))
    got = YahooProvider(f"http://127.0.0.1:{server.port}").fetch_candles("VIX", Timeframe.D1, START, END)
    assert len(got) == len(window) - 1
    assert int(window.open_time[5]) not in got.open_time.tolist()
    assert not got.volume.any()
    assert server.seen[-1].path == "/v8/finance/chart/^VIX"


def test_yahoo_error_reply_is_one_clear_line(server: ProviderServer) -> None:
    server.route("/v8/finance/chart/NOPE", lambda _: (404, YAHOO_NOT_FOUND))
    server.route("/v8/finance/chart/GONE", lambda _: (200, YAHOO_NOT_FOUND))
    yahoo = YahooProvider(f"http://127.0.0.1:{server.port}")
    with pytest.raises(ProviderError, match=r"yahoo: HTTP 404 from 127\.0\.0\.1:\d+/v8/finance/chart/NOPE"):
        yahoo.fetch_candles("NOPE", Timeframe.D1, START, END)
    with pytest.raises(
        ProviderError, match="yahoo: GONE: No data found, symbol may be delisted: check the ticker"
    ):
        yahoo.fetch_candles("GONE", Timeframe.D1, START, END)


def test_alphavantage_daily(server: ProviderServer, spy: Candles) -> None:
    full = spy.between(START - 400 * 86_400_000, END + 30 * 86_400_000)
    server.route("/query", lambda _: (200, alphavantage_daily(full, "SPY")))
    av = AlphaVantageProvider(KEY, f"http://127.0.0.1:{server.port}", clock=lambda: END / 1000 + 86_400)
    got = av.fetch_candles("SPY", Timeframe.D1, START, END)
    _same(got, spy.between(START, END), decimals=4)
    q = server.seen[-1].query
    assert (q["function"], q["symbol"], q["outputsize"], q["apikey"]) == (
        "TIME_SERIES_DAILY",
        "SPY",
        "compact",
        KEY,
    )
    long_ago = AlphaVantageProvider(
        KEY, f"http://127.0.0.1:{server.port}", clock=lambda: END / 1000 + 400 * 86_400
    )
    long_ago.fetch_candles("SPY", Timeframe.D1, START, END)
    assert server.seen[-1].query["outputsize"] == "full"  # compact holds only the latest 100 sessions


@pytest.mark.parametrize(
    ("reply", "said"),
    [
        (AV_NOTE, "SPY: Thank you for using Alpha Vantage!.*call frequency limit: wait a minute"),
        (AV_INVALID, "SPY: Invalid API call.*check the symbol"),
        ({"Information": f"The key {KEY} has reached the 25 requests per day limit."}, r"The key \*\*\* has"),
    ],
)
def test_alphavantage_error_replies(server: ProviderServer, reply: dict[str, str], said: str) -> None:
    server.route("/query", lambda _: (200, reply))
    with pytest.raises(ProviderError, match=said) as exc:
        AlphaVantageProvider(KEY, f"http://127.0.0.1:{server.port}").fetch_candles(
            "SPY", Timeframe.D1, START, END
        )
    assert KEY not in str(exc.value)


def test_alphavantage_without_key_asks_nothing(server: ProviderServer) -> None:
    av = AlphaVantageProvider(None, f"http://127.0.0.1:{server.port}")
    assert av.unavailable() == (
        "no API key: set AITRADER_ALPHAVANTAGE_KEY (a free key: https://www.alphavantage.co/support/#api-key)"
    )
    with pytest.raises(ProviderError, match="alphavantage: no API key: set AITRADER_ALPHAVANTAGE_KEY"):
        av.fetch_candles("SPY", Timeframe.D1, START, END)
    assert server.seen == []
    assert KEY not in repr(AlphaVantageProvider(KEY))


def test_a_key_echoed_in_an_http_error_is_redacted(server: ProviderServer) -> None:
    def echo(seen: Seen) -> tuple[int, str]:
        return 500, f"internal error for apikey={seen.query.get('apikey')}"

    server.route("/query", echo)
    with pytest.raises(ProviderError, match=r"HTTP 500 .*apikey=\*\*\*") as exc:
        AlphaVantageProvider(KEY, f"http://127.0.0.1:{server.port}").fetch_candles(
            "SPY", Timeframe.D1, START, END
        )
    assert KEY not in str(exc.value)


def test_twelvedata_daily_and_hourly(server: ProviderServer, spy: Candles, eth_1h: Candles) -> None:
    def series(seen: Seen) -> tuple[int, object]:
        if seen.query["interval"] == "1day":
            return 200, twelvedata_series(spy.between(START, END), "SPY", "1day", daily=True)
        return 200, twelvedata_series(
            eth_1h.between(START, START + 48 * 3_600_000), "ETH/USD", "1h", daily=False
        )

    server.route("/time_series", series)
    td = TwelveDataProvider(KEY, f"http://127.0.0.1:{server.port}")
    _same(td.fetch_candles("SPY", Timeframe.D1, START, END), spy.between(START, END), decimals=5)
    seen = server.seen[-1]
    assert seen.headers["Authorization"] == f"apikey {KEY}"  # the header, never the URL
    assert "apikey" not in seen.query
    assert (seen.query["timezone"], seen.query["order"], seen.query["start_date"]) == (
        "UTC",
        "asc",
        "2021-03-01 00:00:00",
    )
    hourly = td.fetch_candles("ETH/USD", Timeframe.H1, START, START + 48 * 3_600_000)
    _same(hourly, eth_1h.between(START, START + 48 * 3_600_000), decimals=5)


def test_twelvedata_errors_and_missing_key(server: ProviderServer) -> None:
    server.route("/time_series", lambda _: (200, TD_OUT_OF_CREDITS))
    with pytest.raises(
        ProviderError, match=r"twelvedata: SPY: error 429: You have run out of API credits.*wait a minute"
    ):
        TwelveDataProvider(KEY, f"http://127.0.0.1:{server.port}").fetch_candles(
            "SPY", Timeframe.D1, START, END
        )
    with pytest.raises(ProviderError, match="no API key: set AITRADER_TWELVEDATA_KEY"):
        TwelveDataProvider(None, f"http://127.0.0.1:{server.port}").fetch_candles(
            "SPY", Timeframe.D1, START, END
        )


def test_a_reply_of_another_shape_is_a_provider_error(server: ProviderServer) -> None:
    server.route(
        "/time_series",
        lambda _: (200, {"values": [{"datetime": "2021-03-01", "close": "x"}], "status": "ok"}),
    )
    server.route("/v8/finance/chart/SPY", lambda _: (200, "<html>maintenance</html>"))
    with pytest.raises(ProviderError, match="twelvedata: unexpected reply"):
        TwelveDataProvider(KEY, f"http://127.0.0.1:{server.port}").fetch_candles(
            "SPY", Timeframe.D1, START, END
        )
    with pytest.raises(ProviderError, match=r"yahoo: .* not JSON"):
        YahooProvider(f"http://127.0.0.1:{server.port}").fetch_candles("SPY", Timeframe.D1, START, END)


def test_a_dead_provider_says_so(dead_url: str) -> None:
    with pytest.raises(
        ProviderError, match=r"yahoo: cannot reach 127\.0\.0\.1:\d+/v8/finance/chart/SPY.*check the network"
    ):
        YahooProvider(dead_url).fetch_candles("SPY", Timeframe.D1, START, END)
