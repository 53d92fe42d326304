"""Twelve Data candles (`/time_series`), key in `AITRADER_TWELVEDATA_KEY`.

GET `{base}/time_series?symbol=SPY&interval=1day&start_date=…&end_date=…&timezone=UTC&order=asc&
outputsize=5000`, the key in the `Authorization: apikey …` header (https://twelvedata.com/auth.md: header
or query parameter; the header keeps it out of every URL). The reply
(https://twelvedata.com/docs#time-series; replies as recorded in its clients' tests)::

    {"meta": {"symbol": "AAPL", "interval": "1day", "currency": "USD",
              "exchange_timezone": "America/New_York", "exchange": "NASDAQ", "mic_code": "XNGS",
              "type": "Common Stock"},
     "values": [{"datetime": "2023-07-03", "open": "193.78000", "high": "193.88000",
                 "low": "191.76250", "close": "192.46001", "volume": "30907450"}, ...],
     "status": "ok"}

Intraday `datetime`s are "YYYY-MM-DD HH:MM:SS" in the `timezone` asked (UTC here). Errors:
`{"code": 429, "message": "You have run out of API credits for the current minute…", "status":
"error"}` (also 400 bad parameters, 401 bad key, 404 unknown symbol), with HTTP 200 or the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aitrader.data.providers.base import ProviderError, first_line, redact
from aitrader.data.providers.build import Row, iso_time, make_candles, reply_parsing, utc_ms
from aitrader.data.providers.http import DEFAULT_TIMEOUT_S, get_json, want
from aitrader.data.providers.keys import TWELVEDATA_KEY_ENV
from aitrader.domain import Candles, Timeframe

DEFAULT_URL = "https://api.twelvedata.com"
KEY_HINT = f"set {TWELVEDATA_KEY_ENV} (a free key: https://twelvedata.com/pricing)"
MAX_OUTPUT = 5000
INTERVALS = {
    Timeframe.M1: "1min", Timeframe.M5: "5min", Timeframe.M15: "15min", Timeframe.M30: "30min",
    Timeframe.H1: "1h", Timeframe.H2: "2h", Timeframe.H4: "4h", Timeframe.D1: "1day",
    Timeframe.W1: "1week", Timeframe.MN1: "1month",
}  # fmt: skip
ERROR_HINTS = {
    400: "check the symbol and interval",
    401: f"check {TWELVEDATA_KEY_ENV}",
    403: "this symbol needs a higher plan: use another provider",
    404: "check the symbol",
    429: "out of API credits: wait a minute (or a day), or use another provider",
}
ALIASES: Mapping[str, str] = {}


class TwelveDataProvider:
    """Candles of stocks, ETFs, indices, FX and crypto from Twelve Data."""

    name = "twelvedata"

    def __init__(
        self,
        api_key: str | None,
        base_url: str = DEFAULT_URL,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        aliases: Mapping[str, str] = ALIASES,
    ) -> None:
        self._key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.aliases = dict(aliases)

    def __repr__(self) -> str:
        return f"TwelveDataProvider(base_url={self.base_url!r}, key={'set' if self._key else 'unset'})"

    def unavailable(self) -> str | None:
        return None if self._key else f"no API key: {KEY_HINT}"

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        if not self._key:
            raise ProviderError(self.name, "no API key", KEY_HINT)
        interval = INTERVALS.get(timeframe)
        if interval is None:
            raise ProviderError(
                self.name, f"no {timeframe.value} bars", f"use one of {', '.join(t.value for t in INTERVALS)}"
            )
        ticker = self.aliases.get(symbol.upper(), symbol.upper())
        reply = get_json(
            self.name,
            f"{self.base_url}/time_series",
            {
                "symbol": ticker,
                "interval": interval,
                "start_date": iso_time(start_ms),
                "end_date": iso_time(end_ms - 1),
                "timezone": "UTC",
                "order": "asc",
                "outputsize": MAX_OUTPUT,
            },
            headers={"Authorization": f"apikey {self._key}"},
            timeout_s=self.timeout_s,
            secrets=(self._key,),
        )
        with reply_parsing(self.name):
            rows = self._rows(reply, ticker)
        return make_candles(
            self.name, symbol.upper(), timeframe, rows, start_ms, end_ms, f"twelvedata {ticker} {interval}"
        )

    def _rows(self, reply: Any, ticker: str) -> list[Row]:
        want(self.name, isinstance(reply, dict), "not a JSON object")
        if reply.get("status") == "error":
            code = reply.get("code")
            said = redact(first_line(str(reply.get("message", ""))), (self._key,))
            hint = ERROR_HINTS.get(code if isinstance(code, int) else 0, "try again later")
            raise ProviderError(self.name, f"{ticker}: error {code}: {said}", hint)
        values = reply.get("values")
        want(self.name, isinstance(values, list), "no 'values' list")
        rows: list[Row] = []
        for v in values:
            want(
                self.name,
                isinstance(v, dict) and "datetime" in v and "close" in v,
                "a value without datetime/close",
            )
            rows.append(
                (
                    utc_ms(str(v["datetime"])),
                    float(v["open"]),
                    float(v["high"]),
                    float(v["low"]),
                    float(v["close"]),
                    float(v.get("volume") or 0.0),
                )
            )
        return rows
