"""Crypto candles through ccxt `fetch_ohlcv` (public market data, no key).

Binance by default, at Binance's public endpoint or any Binance-compatible server (`rest_url`: the
local exchange `aitrader.venues.local` in tests), configured as `data.download.make_exchange` does;
other ccxt exchanges by id (`exchange_id="kraken"`) at their own URLs. Pages of at most `page_limit`
candles are fetched from `start_ms` until `end_ms`. The venue's newest candle is left out when the
window runs past its close (it may still be forming), as the history download does. Every ccxt or
network error becomes a `ProviderError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aitrader.data.providers.base import Clock, ProviderError, first_line
from aitrader.data.providers.build import Row, make_candles, reply_parsing
from aitrader.domain import Candles, Timeframe

PAGE_LIMIT = 1000
DEFAULT_TIMEOUT_S = 10.0
BINANCE_PUBLIC = "https://api.binance.com"


def _market(symbol: str) -> str:
    """'ETH/BTC' and 'ETHBTC' both name a market for ccxt; keep what is given, upper-cased."""
    return symbol.upper().replace("_", "/").replace("-", "/")


class CcxtOhlcvProvider:
    """OHLCV candles from a ccxt exchange (see the module docstring)."""

    name = "ccxt"

    def __init__(
        self,
        rest_url: str | None = None,
        exchange_id: str = "binance",
        timeout_s: float = DEFAULT_TIMEOUT_S,
        page_limit: int = PAGE_LIMIT,
        clock: Clock = time.time,
        make_client: Callable[[], Any] | None = None,
    ) -> None:
        self.rest_url = rest_url
        self.exchange_id = exchange_id
        self.timeout_s = timeout_s
        self.page_limit = page_limit
        self._clock = clock
        self._make_client = make_client
        self._client: Any = None

    def unavailable(self) -> str | None:
        return None

    def _exchange(self) -> Any:
        if self._client is None:
            if self._make_client is not None:
                client = self._make_client()
            elif self.exchange_id == "binance":
                from aitrader.data.download import make_exchange

                client = make_exchange(self.rest_url or BINANCE_PUBLIC)
            else:
                import ccxt

                if not hasattr(ccxt, self.exchange_id):
                    raise ProviderError(
                        self.name, f"ccxt has no exchange {self.exchange_id!r}", "check the id"
                    )
                client = getattr(ccxt, self.exchange_id)()
            client.timeout = int(self.timeout_s * 1000)
            client.enableRateLimit = True
            self._client = client
        return self._client

    def fetch_candles(self, symbol: str, timeframe: Timeframe, start_ms: int, end_ms: int) -> Candles:
        import ccxt

        ex = self._exchange()
        market = _market(symbol)
        rows: list[Row] = []
        cursor = start_ms
        ran_out = False
        try:
            while cursor < end_ms:
                page = ex.fetch_ohlcv(market, timeframe.value, since=cursor, limit=self.page_limit)
                with reply_parsing(self.name):
                    got = [
                        (int(r[0]), float(r[1]), float(r[2]), float(r[3]), float(r[4]), float(r[5] or 0))
                        for r in page
                    ]
                got = [r for r in got if r[0] >= cursor]
                rows += got
                if len(page) < self.page_limit or not got:
                    ran_out = True
                    break
                cursor = timeframe.next_open(got[-1][0])
        except ccxt.BadSymbol:
            raise ProviderError(
                self.name, f"{self.exchange_id} does not list {market}", "check the symbol"
            ) from None
        except ccxt.RequestTimeout:
            raise ProviderError(
                self.name, f"{self.exchange_id}: no answer within {self.timeout_s:g} s", "try later"
            ) from None
        except ccxt.NetworkError as exc:
            raise ProviderError(
                self.name,
                f"cannot reach {self.exchange_id} ({type(exc).__name__})",
                "check the network and URL",
            ) from None
        except ccxt.BaseError as exc:
            raise ProviderError(
                self.name, f"{self.exchange_id}: {type(exc).__name__}: {first_line(str(exc))}", "try later"
            ) from None
        now_ms = int(self._clock() * 1000)
        rows = [r for r in rows if timeframe.close_time(r[0]) < now_ms]
        if ran_out and rows and timeframe.next_open(rows[-1][0]) < end_ms:
            rows.pop()  # the venue has nothing newer: its newest candle may still be forming
        source = f"ccxt {self.exchange_id} {market} {timeframe.value}"
        return make_candles(
            self.name, symbol.upper().replace("/", ""), timeframe, rows, start_ms, end_ms, source
        )
