"""Market data and text providers with failover, an on-disk TTL cache and rate limits.

Layers: this package belongs to `data` and imports only `domain` and `data`; agents wrap what
`load_context` returns in `agents.snapshot.ContextData`. Offline by default (see `context`).
"""

from aitrader.data.providers.alphavantage import AlphaVantageProvider
from aitrader.data.providers.base import CandleProvider, ProviderError, TextProvider, redact
from aitrader.data.providers.cache import DiskCache
from aitrader.data.providers.ccxt_ohlcv import CcxtOhlcvProvider
from aitrader.data.providers.context import CONTEXT_NAMES, LoadedContext, load_context
from aitrader.data.providers.failover import Answered, FailoverChain
from aitrader.data.providers.feargreed import FearGreedProvider
from aitrader.data.providers.feeds import RssProvider, parse_feed
from aitrader.data.providers.guarded import GuardedCandles, GuardedTexts
from aitrader.data.providers.keys import ProviderEnv
from aitrader.data.providers.local_texts import read_texts
from aitrader.data.providers.online import Providers
from aitrader.data.providers.ratelimit import RateLimiter
from aitrader.data.providers.texts import TextItem
from aitrader.data.providers.twelvedata import TwelveDataProvider
from aitrader.data.providers.yahoo import YahooProvider

__all__ = [
    "CONTEXT_NAMES",
    "AlphaVantageProvider",
    "Answered",
    "CandleProvider",
    "CcxtOhlcvProvider",
    "DiskCache",
    "FailoverChain",
    "FearGreedProvider",
    "GuardedCandles",
    "GuardedTexts",
    "LoadedContext",
    "ProviderEnv",
    "ProviderError",
    "Providers",
    "RateLimiter",
    "RssProvider",
    "TextItem",
    "TextProvider",
    "TwelveDataProvider",
    "YahooProvider",
    "load_context",
    "parse_feed",
    "read_texts",
    "redact",
]
