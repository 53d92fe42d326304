"""Replies in each provider's documented format, built from real candles (our SPY and ETHUSDT
samples), so a client's answer can be compared value for value with the sample it came from.
The shapes follow the docstrings of the client modules (where each is documented)."""

from __future__ import annotations

from typing import Any

from aitrader.domain import Candles
from aitrader.domain.timeframe import format_ms

NY_OFFSET_S = -14400  # EDT, as Yahoo's meta.gmtoffset says in summer
SESSION_OPEN_S = 13 * 3600 + 30 * 60  # 09:30 EDT = 13:30 UTC: Yahoo's daily timestamp is the open


def _rows(c: Candles) -> list[tuple[int, float, float, float, float, float]]:
    return [
        (int(t), float(o), float(h), float(lo), float(cl), float(v))
        for t, o, h, lo, cl, v in zip(c.open_time, c.open, c.high, c.low, c.close, c.volume, strict=True)
    ]


def yahoo_chart(c: Candles, ticker: str, daily: bool = True) -> dict[str, Any]:
    rows = _rows(c)
    stamps = [t // 1000 + (SESSION_OPEN_S if daily else 0) for t, *_ in rows]
    return {
        "chart": {
            "result": [
                {
                    "meta": {
                        "currency": "USD", "symbol": ticker, "exchangeName": "PCX", "instrumentType": "ETF",
                        "gmtoffset": NY_OFFSET_S, "timezone": "EDT", "exchangeTimezoneName": "America/New_York",
                        "dataGranularity": "1d" if daily else "60m", "range": "",
                    },
                    "timestamp": stamps,
                    "indicators": {
                        "quote": [
                            {
                                "open": [r[1] for r in rows], "high": [r[2] for r in rows], "low": [r[3] for r in rows],
                                "close": [r[4] for r in rows], "volume": [int(r[5]) for r in rows],
                            }
                        ],
                        "adjclose": [{"adjclose": [r[4] for r in rows]}],
                    },
                }
            ],
            "error": None,
        }
    }  # fmt: skip


YAHOO_NOT_FOUND = {
    "chart": {
        "result": None,
        "error": {"code": "Not Found", "description": "No data found, symbol may be delisted"},
    }
}


def alphavantage_daily(c: Candles, symbol: str) -> dict[str, Any]:
    series = {
        format_ms(t)[:10]: {
            "1. open": f"{o:.4f}", "2. high": f"{h:.4f}", "3. low": f"{lo:.4f}", "4. close": f"{cl:.4f}",
            "5. volume": str(int(v)),
        }
        for t, o, h, lo, cl, v in reversed(_rows(c))  # newest first, as Alpha Vantage sends them
    }  # fmt: skip
    return {
        "Meta Data": {
            "1. Information": "Daily Prices (open, high, low, close) and Volumes",
            "2. Symbol": symbol,
            "3. Last Refreshed": format_ms(c.end_ms)[:10],
            "4. Output Size": "Full size",
            "5. Time Zone": "US/Eastern",
        },
        "Time Series (Daily)": series,
    }


AV_NOTE = {
    "Note": "Thank you for using Alpha Vantage! Our standard API call frequency is 5 calls per minute and "
    "500 calls per day. Please visit https://www.alphavantage.co/premium/ if you would like to target a "
    "higher API call frequency."
}
AV_INVALID = {
    "Error Message": "Invalid API call. Please retry or visit the documentation "
    "(https://www.alphavantage.co/documentation/) for TIME_SERIES_DAILY."
}


def twelvedata_series(c: Candles, symbol: str, interval: str, daily: bool) -> dict[str, Any]:
    return {
        "meta": {
            "symbol": symbol, "interval": interval, "currency": "USD", "exchange_timezone": "America/New_York",
            "exchange": "NYSE", "mic_code": "ARCX", "type": "ETF",
        },
        "values": [
            {
                "datetime": format_ms(t)[:10] if daily else format_ms(t) + ":00",
                "open": f"{o:.5f}", "high": f"{h:.5f}", "low": f"{lo:.5f}", "close": f"{cl:.5f}", "volume": str(int(v)),
            }
            for t, o, h, lo, cl, v in _rows(c)
        ],
        "status": "ok",
    }  # fmt: skip


TD_OUT_OF_CREDITS = {
    "code": 429,
    "message": "You have run out of API credits for the current minute. 9 API credits were used, with the "
    "current limit being 8. Wait for the next minute or consider switching to a higher tier plan at "
    "https://twelvedata.com/pricing",
    "status": "error",
}
