"""The local exchange: a Binance-Spot-compatible server (REST, WS streams, WS API) replaying real candles.

    from aitrader.venues.local import LocalExchange, LocalExchangeConfig, run_local_exchange

    async with LocalExchange(LocalExchangeConfig(symbols=("BTCUSDT",))) as ex:   # async tests
        ...ex.rest_url, ex.ws_url, ex.ws_api_url; await ex.step(candles=1)

    with run_local_exchange(LocalExchangeConfig()) as ex:                         # sync code
        ex.step(ticks=4)

See docs/local-exchange.md.
"""

from aitrader.venues.local.clients import CCXT_OPTIONS, ccxt_urls, configure_ccxt, python_binance_urls
from aitrader.venues.local.config import (
    DEFAULT_API_KEY,
    DEFAULT_SECRET,
    AccountConfig,
    FaultConfig,
    LocalExchangeConfig,
)
from aitrader.venues.local.server import LocalExchange
from aitrader.venues.local.threaded import ExchangeThread, run_local_exchange

__all__ = [
    "CCXT_OPTIONS",
    "DEFAULT_API_KEY",
    "DEFAULT_SECRET",
    "AccountConfig",
    "ExchangeThread",
    "FaultConfig",
    "LocalExchange",
    "LocalExchangeConfig",
    "ccxt_urls",
    "configure_ccxt",
    "python_binance_urls",
    "run_local_exchange",
]
