"""API keys and the opt-in for online providers, read from the environment (never logged).

- `AITRADER_ALPHAVANTAGE_KEY`: Alpha Vantage (https://www.alphavantage.co/support/#api-key).
- `AITRADER_TWELVEDATA_KEY`: Twelve Data (https://twelvedata.com/pricing, free "Basic" plan).
- `AITRADER_DATA_PROVIDERS`: the online providers `load_context` may ask, comma-separated
  (`ccxt,yahoo,twelvedata,alphavantage,feargreed,rss`, or `all`). Unset or empty: offline, no
  request is ever made.
- `AITRADER_RSS_FEEDS`: RSS/Atom feed URLs for the `rss` provider, comma-separated.
- `AITRADER_PROVIDER_CACHE_DIR`: where answers are cached (default: `<data dir>/provider-cache`).

Yahoo Finance, the alternative.me Fear & Greed index and public ccxt OHLCV need no key.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

ALPHAVANTAGE_KEY_ENV = "AITRADER_ALPHAVANTAGE_KEY"
TWELVEDATA_KEY_ENV = "AITRADER_TWELVEDATA_KEY"
PROVIDERS_ENV = "AITRADER_DATA_PROVIDERS"
RSS_FEEDS_ENV = "AITRADER_RSS_FEEDS"
CACHE_DIR_ENV = "AITRADER_PROVIDER_CACHE_DIR"

ONLINE_PROVIDERS = ("ccxt", "yahoo", "twelvedata", "alphavantage", "feargreed", "rss")


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split(",") if p.strip())


@dataclass(frozen=True)
class ProviderEnv:
    """What the environment says about providers. `repr` never shows a key."""

    alphavantage_key: str | None = field(default=None, repr=False)
    twelvedata_key: str | None = field(default=None, repr=False)
    enabled: tuple[str, ...] = ()
    rss_feeds: tuple[str, ...] = ()
    cache_dir: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ProviderEnv:
        env = os.environ if environ is None else environ
        names = tuple(n.lower() for n in _split(env.get(PROVIDERS_ENV, "")))
        if "all" in names:
            names = ONLINE_PROVIDERS
        unknown = [n for n in names if n not in ONLINE_PROVIDERS]
        if unknown:
            raise ValueError(
                f"{PROVIDERS_ENV}: unknown provider {', '.join(unknown)}: use any of "
                f"{', '.join(ONLINE_PROVIDERS)} (comma-separated) or all"
            )
        return cls(
            alphavantage_key=env.get(ALPHAVANTAGE_KEY_ENV) or None,
            twelvedata_key=env.get(TWELVEDATA_KEY_ENV) or None,
            enabled=names,
            rss_feeds=_split(env.get(RSS_FEEDS_ENV, "")),
            cache_dir=env.get(CACHE_DIR_ENV) or None,
        )

    @property
    def online(self) -> bool:
        return bool(self.enabled)

    def secrets(self) -> tuple[str, ...]:
        """The keys, for `redact`."""
        return tuple(k for k in (self.alphavantage_key, self.twelvedata_key) if k)
