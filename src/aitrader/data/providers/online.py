"""The online providers `load_context` may ask, built from the environment (`keys.ProviderEnv`).

`Providers.from_env()` is None unless `AITRADER_DATA_PROVIDERS` names some: offline is the default
and then nothing is ever requested. Each provider sits behind the on-disk cache and its rate limiter
(`guarded`). Base URLs can be pointed elsewhere (tests: servers on 127.0.0.1) through `urls`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aitrader.data.providers.alphavantage import AlphaVantageProvider
from aitrader.data.providers.base import CandleProvider, Clock, TextProvider
from aitrader.data.providers.cache import DEFAULT_TTL_S, DiskCache
from aitrader.data.providers.ccxt_ohlcv import CcxtOhlcvProvider
from aitrader.data.providers.feargreed import FearGreedProvider
from aitrader.data.providers.feeds import RssProvider
from aitrader.data.providers.guarded import GuardedCandles, GuardedTexts
from aitrader.data.providers.keys import ProviderEnv
from aitrader.data.providers.ratelimit import default_limiter
from aitrader.data.providers.twelvedata import TwelveDataProvider
from aitrader.data.providers.yahoo import YahooProvider


@dataclass(frozen=True)
class Providers:
    """Candle providers by name ("ccxt", "yahoo", …) and text providers (RSS feeds)."""

    candles: Mapping[str, CandleProvider] = field(default_factory=dict)
    texts: Sequence[TextProvider] = ()

    @classmethod
    def from_env(
        cls,
        env: ProviderEnv | None = None,
        cache_dir: Path | str | None = None,
        urls: Mapping[str, str] | None = None,
        ttl_s: float = DEFAULT_TTL_S,
        clock: Clock = time.time,
    ) -> Providers | None:
        """The enabled providers, cached under `cache_dir` (else `AITRADER_PROVIDER_CACHE_DIR`, else
        `<data dir>/provider-cache`); None when none is enabled (offline)."""
        e = env if env is not None else ProviderEnv.from_env()
        if not e.online:
            return None
        if cache_dir is None and e.cache_dir is None:
            from aitrader.data.source import default_data_dir

            cache_dir = default_data_dir() / "provider-cache"
        cache = DiskCache(Path(cache_dir if cache_dir is not None else str(e.cache_dir)), ttl_s, clock)
        return build(e, cache, urls or {}, clock)


def build(
    env: ProviderEnv, cache: DiskCache | None, urls: Mapping[str, str], clock: Clock = time.time
) -> Providers:
    """The providers `env.enabled` names, each behind `cache` and its default rate limiter."""
    made: dict[str, CandleProvider] = {}
    for name in env.enabled:
        inner: CandleProvider
        if name == "ccxt":
            inner = CcxtOhlcvProvider(urls.get("ccxt"), clock=clock)
        elif name == "yahoo":
            inner = YahooProvider(urls.get("yahoo", "https://query1.finance.yahoo.com"))
        elif name == "twelvedata":
            inner = TwelveDataProvider(
                env.twelvedata_key, urls.get("twelvedata", "https://api.twelvedata.com")
            )
        elif name == "alphavantage":
            inner = AlphaVantageProvider(
                env.alphavantage_key, urls.get("alphavantage", "https://www.alphavantage.co"), clock=clock
            )
        elif name == "feargreed":
            inner = FearGreedProvider(urls.get("feargreed", "https://api.alternative.me"), clock=clock)
        else:
            continue
        made[name] = GuardedCandles(inner, cache, default_limiter(name))
    texts: list[TextProvider] = []
    if "rss" in env.enabled:
        texts = [GuardedTexts(RssProvider(u), cache, default_limiter("rss")) for u in env.rss_feeds]
    return Providers(made, tuple(texts))
