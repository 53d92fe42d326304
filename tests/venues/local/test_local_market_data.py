"""Public REST of the local exchange: exchangeInfo from the real entry, klines bounded by the replay clock."""

from __future__ import annotations

import json
from decimal import Decimal

from aitrader.venues.local import ExchangeThread
from conftest import START_MS, Api

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[3] / "data" / "binance"


def test_ping_time_and_weight_header(api: Api) -> None:
    r = api.public("ping")
    assert r.status_code == 200
    assert r.json() == {}
    assert r.headers["X-MBX-USED-WEIGHT-1M"] == "1"
    assert "serverTime" in api.public("time").json()


def test_exchange_info_btcusdt_is_the_real_entry_and_others_are_derived(api: Api) -> None:
    real = json.loads((FIXTURES / "exchangeinfo_btcusdt.json").read_text())
    info = api.public("exchangeInfo").json()
    assert info["timezone"] == "UTC"
    assert info["exchangeFilters"] == []
    assert [x["rateLimitType"] for x in info["rateLimits"]] == [
        "REQUEST_WEIGHT",
        "ORDERS",
        "ORDERS",
        "RAW_REQUESTS",
    ]
    by_symbol = {s["symbol"]: s for s in info["symbols"]}
    assert by_symbol["BTCUSDT"] == real
    eth = by_symbol["ETHUSDT"]
    assert (eth["baseAsset"], eth["quoteAsset"]) == ("ETH", "USDT")
    filters = {f["filterType"]: f for f in eth["filters"]}
    assert filters["PRICE_FILTER"]["tickSize"] == "0.01000000"
    assert filters["LOT_SIZE"]["stepSize"] == "0.00010000"
    one = api.public("exchangeInfo", symbol="ETHUSDT").json()["symbols"]
    assert [s["symbol"] for s in one] == ["ETHUSDT"]
    many = api.public("exchangeInfo", symbols='["BTCUSDT","ETHUSDT"]').json()["symbols"]
    assert len(many) == 2
    bad = api.public("exchangeInfo", symbol="NOPEUSDT")
    assert bad.status_code == 400
    assert bad.json() == {"code": -1121, "msg": "Invalid symbol."}


def test_klines_answer_only_what_the_replay_clock_has_reached(api: Api, exchange: ExchangeThread) -> None:
    rows = api.public("klines", symbol="BTCUSDT", interval="1m", limit=3).json()
    assert [r[0] for r in rows] == [START_MS - 180_000, START_MS - 120_000, START_MS - 60_000]
    row = rows[-1]
    assert len(row) == 12
    assert row[6] == START_MS - 1
    assert row[11] == "0"
    assert all(isinstance(row[i], str) for i in (1, 2, 3, 4, 5, 7, 9, 10))
    exchange.step(ticks=1)  # BTCUSDT's first tick: the open of the START_MS candle
    forming = api.public("klines", symbol="BTCUSDT", interval="1m", limit=1).json()[0]
    assert forming[0] == START_MS
    assert forming[1] == forming[2] == forming[3] == forming[4]  # only the open has happened
    exchange.step(candles=1)  # the candle closes
    done = api.public("klines", symbol="BTCUSDT", interval="1m", startTime=START_MS, limit=5).json()
    assert done[0][0] == START_MS
    assert Decimal(done[0][2]) >= Decimal(done[0][1])
    assert Decimal(done[0][3]) <= Decimal(done[0][4]) + 10**6
    assert api.public("klines", symbol="BTCUSDT", interval="1m", startTime=START_MS + 3_600_000).json() == []


def test_klines_params_limits_and_errors(api: Api) -> None:
    default = api.public("klines", symbol="BTCUSDT", interval="1m").json()
    assert len(default) == 500
    capped = api.public("klines", symbol="BTCUSDT", interval="1m", limit=5000).json()
    assert len(capped) == 1000
    hourly = api.public("klines", symbol="BTCUSDT", interval="1h", limit=2).json()
    assert hourly[-1][0] % 3_600_000 == 0
    assert hourly[-1][6] == hourly[-1][0] + 3_599_999
    ranged = api.public(
        "klines",
        symbol="BTCUSDT",
        interval="5m",
        startTime=START_MS - 3_600_000,
        endTime=START_MS - 1_800_000,
    ).json()
    assert ranged[0][0] == START_MS - 3_600_000
    assert ranged[-1][0] == START_MS - 1_800_000
    assert len(ranged) == 7
    end_only = api.public(
        "klines", symbol="BTCUSDT", interval="1m", endTime=START_MS - 600_000, limit=2
    ).json()
    assert [r[0] for r in end_only] == [START_MS - 660_000, START_MS - 600_000]
    bad = api.public("klines", symbol="BTCUSDT", interval="1x")
    assert bad.status_code == 400
    assert bad.json()["code"] == -1120
    months = api.public("klines", symbol="BTCUSDT", interval="1M").json()
    assert months
    assert months[0][0] % 1000 == 0
    missing = api.public("klines", symbol="BTCUSDT")
    assert missing.json()["code"] == -1102


def test_tickers_avg_price_and_depth(api: Api, exchange: ExchangeThread) -> None:
    exchange.step(ticks=6)
    price = api.public("ticker/price", symbol="BTCUSDT").json()
    assert set(price) == {"symbol", "price"}
    both = api.public("ticker/price").json()
    assert {p["symbol"] for p in both} == {"BTCUSDT", "ETHUSDT"}
    book = api.public("ticker/bookTicker", symbol="BTCUSDT").json()
    assert Decimal(book["askPrice"]) - Decimal(book["bidPrice"]) == Decimal("0.01")
    assert book["bidPrice"] == price["price"]
    t24 = api.public("ticker/24hr", symbol="BTCUSDT").json()
    for key in (
        "priceChange",
        "lastPrice",
        "openPrice",
        "highPrice",
        "lowPrice",
        "volume",
        "quoteVolume",
        "count",
    ):
        assert key in t24
    assert Decimal(t24["lowPrice"]) <= Decimal(t24["lastPrice"]) <= Decimal(t24["highPrice"])
    trades = api.public("trades", symbol="BTCUSDT", limit=2).json()
    assert [t["id"] for t in trades] == [2, 3]  # 3 BTCUSDT ticks among the 6 (ETHUSDT interleaves)
    assert trades[-1]["price"] == price["price"]
    assert set(trades[0]) == {"id", "price", "qty", "quoteQty", "time", "isBuyerMaker", "isBestMatch"}
    agg = api.public("aggTrades", symbol="BTCUSDT").json()
    assert [a["a"] for a in agg] == [1, 2, 3]
    assert agg[0]["T"] == START_MS
    avg = api.public("avgPrice", symbol="BTCUSDT").json()
    assert avg["mins"] == 5
    assert Decimal(avg["price"]) > 0
    depth = api.public("depth", symbol="BTCUSDT", limit=5).json()
    assert len(depth["bids"]) == len(depth["asks"]) == 5
    assert Decimal(depth["bids"][0][0]) < Decimal(depth["asks"][0][0])
    assert api.public("depth", symbol="BTCUSDT", limit=500).headers["X-MBX-USED-WEIGHT-1M"]
