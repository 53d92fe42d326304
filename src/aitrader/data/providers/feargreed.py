"""The alternative.me Crypto Fear & Greed index as a daily candle series named FEAR_GREED (no key).

GET `{base}/fng/?limit=N&format=json` (https://alternative.me/crypto/fear-and-greed-index/#api;
`limit=0` is the whole history). The reply, newest first::

    {"name": "Fear and Greed Index",
     "data": [{"value": "47", "value_classification": "Neutral", "timestamp": "1777248000",
               "time_until_update": "…"}, ...],              # time_until_update on the newest only
     "metadata": {"error": null}}

`value` (0 extreme fear … 100 extreme greed) and `timestamp` (the day, 00:00 UTC, epoch seconds) are
strings. Each day becomes one 1d candle opening at that timestamp with open = high = low = close =
value and volume 0; being a 1d candle it counts as known only once its day has closed, so a
snapshot never sees a value before the day it describes is over.
"""

from __future__ import annotations

import time
from typing import Any

from aitrader.data.providers.base import Clock, ProviderError
from aitrader.data.providers.build import Row, make_candles, reply_parsing
from aitrader.data.providers.http import DEFAULT_TIMEOUT_S, get_json, want
from aitrader.domain import Candles, Timeframe

DEFAULT_URL = "https://api.alternative.me"
SERIES = "FEAR_GREED"
DAY_MS = 86_400_000


class FearGreedProvider:
    """The daily Fear & Greed index; `fetch_candles` answers only for FEAR_GREED at 1d."""

    name = "feargreed"

    def __init__(
        self, base_url: str = DEFAULT_URL, timeout_s: float = DEFAULT_TIMEOUT_S, clock: Clock = time.time
    ):
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._clock = clock

    def unavailable(self) -> str | None:
        return None

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        if symbol.upper() != SERIES or timeframe is not Timeframe.D1:
            raise ProviderError(self.name, f"only {SERIES} 1d here, not {symbol} {timeframe.value}", "")
        days = (int(self._clock() * 1000) - start_ms) // DAY_MS + 2
        reply = get_json(
            self.name,
            f"{self.base_url}/fng/",
            {"limit": max(days, 1), "format": "json"},
            timeout_s=self.timeout_s,
        )
        with reply_parsing(self.name):
            rows = self._rows(reply)
        return make_candles(self.name, SERIES, Timeframe.D1, rows, start_ms, end_ms, "alternative.me fng")

    def _rows(self, reply: Any) -> list[Row]:
        want(self.name, isinstance(reply, dict), "not a JSON object")
        error = (reply.get("metadata") or {}).get("error")
        if error:
            raise ProviderError(self.name, f"said: {error}", "try again later")
        data = reply.get("data")
        want(self.name, isinstance(data, list), "no 'data' list")
        rows: list[Row] = []
        for d in data:
            want(
                self.name,
                isinstance(d, dict) and "value" in d and "timestamp" in d,
                "an entry without value/timestamp",
            )
            v = float(d["value"])
            t = int(d["timestamp"]) * 1000 // DAY_MS * DAY_MS
            rows.append((t, v, v, v, v, 0.0))
        return rows
