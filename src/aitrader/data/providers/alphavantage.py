"""Alpha Vantage daily candles (`TIME_SERIES_DAILY`), key in `AITRADER_ALPHAVANTAGE_KEY`.

GET `{base}/query?function=TIME_SERIES_DAILY&symbol=SPY&outputsize=compact|full&apikey=…`. The reply,
as in Alpha Vantage's documentation (https://www.alphavantage.co/documentation/#daily) and the
replies quoted in its clients' issue trackers::

    {"Meta Data": {"1. Information": "Daily Prices (open, high, low, close) and Volumes",
                   "2. Symbol": "IBM", "3. Last Refreshed": "2020-08-31", "4. Output Size": "Compact",
                   "5. Time Zone": "US/Eastern"},
     "Time Series (Daily)": {"2020-08-31": {"1. open": "125.2500", "2. high": "125.2500",
                                            "3. low": "123.0300", "4. close": "123.3100",
                                            "5. volume": "4827879"}, ...}}

Errors come back with HTTP 200 and one key instead: `"Error Message"` (an invalid call or symbol:
"Invalid API call. Please retry or visit the documentation (…) for TIME_SERIES_DAILY."), `"Note"`
(the call frequency limit: "Thank you for using Alpha Vantage! Our standard API call frequency is 5
calls per minute…") or `"Information"` (the daily limit, or a premium-only parameter). Compact is the
latest 100 sessions; a window starting earlier asks for `full`.
"""

from __future__ import annotations

import time
from typing import Any

from aitrader.data.providers.base import Clock, ProviderError, first_line, redact
from aitrader.data.providers.build import Row, day_ms, make_candles, reply_parsing
from aitrader.data.providers.http import DEFAULT_TIMEOUT_S, get_json, want
from aitrader.data.providers.keys import ALPHAVANTAGE_KEY_ENV
from aitrader.domain import Candles, Timeframe

DEFAULT_URL = "https://www.alphavantage.co"
SERIES_KEY = "Time Series (Daily)"
COMPACT_DAYS = 140  # 100 sessions of a 5-day week, with holidays
KEY_HINT = f"set {ALPHAVANTAGE_KEY_ENV} (a free key: https://www.alphavantage.co/support/#api-key)"
FIELDS = ("1. open", "2. high", "3. low", "4. close", "5. volume")


class AlphaVantageProvider:
    """Daily candles of stocks and ETFs from Alpha Vantage."""

    name = "alphavantage"

    def __init__(
        self,
        api_key: str | None,
        base_url: str = DEFAULT_URL,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        clock: Clock | None = None,
    ) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._clock = clock

    def __repr__(self) -> str:
        return f"AlphaVantageProvider(base_url={self.base_url!r}, key={'set' if self._key else 'unset'})"

    def unavailable(self) -> str | None:
        return None if self._key else f"no API key: {KEY_HINT}"

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        if not self._key:
            raise ProviderError(self.name, "no API key", KEY_HINT)
        if timeframe is not Timeframe.D1:
            raise ProviderError(self.name, f"only daily bars here, not {timeframe.value}", "ask for 1d")
        now_ms = int((self._clock or time.time)() * 1000)
        size = "compact" if now_ms - start_ms <= COMPACT_DAYS * 86_400_000 else "full"
        reply = get_json(
            self.name,
            f"{self.base_url}/query",
            {
                "function": "TIME_SERIES_DAILY",
                "symbol": symbol.upper(),
                "outputsize": size,
                "apikey": str(self._key),
            },
            timeout_s=self.timeout_s,
            secrets=(self._key,),
        )
        with reply_parsing(self.name):
            rows = self._rows(reply, symbol)
        return make_candles(
            self.name,
            symbol.upper(),
            timeframe,
            rows,
            start_ms,
            end_ms,
            f"alphavantage {symbol.upper()} daily",
        )

    def _rows(self, reply: Any, symbol: str) -> list[Row]:
        want(self.name, isinstance(reply, dict), "not a JSON object")
        for key, hint in (
            ("Error Message", "check the symbol (stocks and ETFs; not indices)"),
            ("Note", "call frequency limit: wait a minute, or use another provider"),
            ("Information", "daily limit or a premium-only request: try tomorrow or another provider"),
        ):
            if key in reply:
                said = redact(first_line(str(reply[key])), (self._key,))
                raise ProviderError(self.name, f"{symbol.upper()}: {said}", hint)
        series = reply.get(SERIES_KEY)
        want(self.name, isinstance(series, dict), f"no {SERIES_KEY!r}")
        rows: list[Row] = []
        for date, bar in series.items():
            want(
                self.name, isinstance(bar, dict) and all(f in bar for f in FIELDS), f"a bar without {FIELDS}"
            )
            o, h, lo, c, v = (float(bar[f]) for f in FIELDS)
            rows.append((day_ms(date), o, h, lo, c, v))
        return rows
