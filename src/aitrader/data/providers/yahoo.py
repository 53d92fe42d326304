"""Yahoo Finance candles from the chart API that yfinance itself reads (no key).

GET `{base}/v8/finance/chart/{symbol}?period1=<s>&period2=<s>&interval=1d`. The reply, as recorded in
public clients' test fixtures (e.g. an IBM and a GS daily reply) and described in the yfinance
issue tracker::

    {"chart": {"result": [{"meta": {"symbol": "GS", "gmtoffset": -14400, ...},
                           "timestamp": [1696253400, ...],            # bar start, epoch seconds
                           "indicators": {"quote": [{"open": [...], "high": [...], "low": [...],
                                                     "close": [...], "volume": [...]}],
                                          "adjclose": [{"adjclose": [...]}]}}],
               "error": null}}

and on failure `{"chart": {"result": null, "error": {"code": "Not Found", "description": "No data
found, symbol may be delisted"}}}`. Values may be null (a bar without trades): such bars are skipped;
a null volume (indices such as ^VIX) reads as 0. Daily and longer bars are keyed by their session
date at 00:00 UTC (the timestamp is the session's open, e.g. 13:30 UTC), like our samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aitrader.data.providers.base import ProviderError
from aitrader.data.providers.build import Row, make_candles, reply_parsing
from aitrader.data.providers.http import DEFAULT_TIMEOUT_S, get_json, want
from aitrader.domain import Candles, Timeframe

DEFAULT_URL = "https://query1.finance.yahoo.com"
DAY_MS = 86_400_000
# Our context names → Yahoo tickers (others are asked as they are).
ALIASES: Mapping[str, str] = {"VIX": "^VIX", "DXY": "DX-Y.NYB", "SPX": "^GSPC", "NDX": "^NDX"}
INTERVALS = {
    Timeframe.M1: "1m", Timeframe.M5: "5m", Timeframe.M15: "15m", Timeframe.M30: "30m",
    Timeframe.H1: "60m", Timeframe.D1: "1d", Timeframe.W1: "1wk", Timeframe.MN1: "1mo",
}  # fmt: skip


class YahooProvider:
    """Candles from Yahoo's v8 chart endpoint (`base_url` points elsewhere in tests)."""

    name = "yahoo"

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        aliases: Mapping[str, str] = ALIASES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.aliases = dict(aliases)

    def unavailable(self) -> str | None:
        return None

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        interval = INTERVALS.get(timeframe)
        if interval is None:
            raise ProviderError(
                self.name, f"no {timeframe.value} bars", f"use one of {', '.join(t.value for t in INTERVALS)}"
            )
        ticker = self.aliases.get(symbol.upper(), symbol)
        reply = get_json(
            self.name,
            f"{self.base_url}/v8/finance/chart/{ticker}",
            {
                "period1": start_ms // 1000,
                "period2": (end_ms + 999) // 1000,
                "interval": interval,
                "includePrePost": "false",
                "events": "",
            },
            timeout_s=self.timeout_s,
        )
        with reply_parsing(self.name):
            rows = self._rows(reply, ticker, timeframe)
        return make_candles(
            self.name, symbol.upper(), timeframe, rows, start_ms, end_ms, f"yahoo {ticker} {interval}"
        )

    def _rows(self, reply: Any, ticker: str, timeframe: Timeframe) -> list[Row]:
        chart = reply.get("chart") if isinstance(reply, dict) else None
        want(self.name, isinstance(chart, dict), "no 'chart' object")
        assert isinstance(chart, dict)
        error = chart.get("error")
        if error:
            said = error.get("description") or error.get("code") if isinstance(error, dict) else str(error)
            raise ProviderError(self.name, f"{ticker}: {said}", "check the ticker on finance.yahoo.com")
        results = chart.get("result") or []
        want(self.name, isinstance(results, list) and len(results) > 0, "an empty 'chart.result'")
        res = results[0]
        times = res.get("timestamp") or []  # absent when the period holds no bar
        quotes = (res.get("indicators") or {}).get("quote") or [{}]
        q = quotes[0]
        offset_s = int((res.get("meta") or {}).get("gmtoffset") or 0)
        cols = [q.get(k) or [None] * len(times) for k in ("open", "high", "low", "close", "volume")]
        want(
            self.name,
            all(len(c) == len(times) for c in cols),
            "quote arrays of another length than 'timestamp'",
        )
        daily = timeframe.duration_ms >= DAY_MS
        rows: list[Row] = []
        for i, t in enumerate(times):
            o, h, lo, c, v = (col[i] for col in cols)
            if o is None or h is None or lo is None or c is None:
                continue
            ms = int(t) * 1000
            if daily:  # the session date, in the exchange's time zone
                ms = (ms + offset_s * 1000) // DAY_MS * DAY_MS
            rows.append((ms, float(o), float(h), float(lo), float(c), float(v or 0.0)))
        return rows
