"""How to point real clients at a local exchange: ccxt URL overrides and python-binance class attributes.

ccxt (contract §10): `options={'fetchMarkets': {'types': ['spot']}, 'fetchCurrencies': False,
'fetchMargins': False}`, `set_sandbox_mode(True)`, then the URLs from `ccxt_urls`. python-binance:
`BaseClient.API_TESTNET_URL`, `BaseClient.WS_API_TESTNET_URL`, `BinanceSocketManager.STREAM_TESTNET_URL`
from `python_binance_urls`, set before constructing `Client(key, secret, testnet=True)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange

CCXT_OPTIONS: dict[str, Any] = {
    "fetchMarkets": {"types": ["spot"]},
    "fetchCurrencies": False,
    "fetchMargins": False,
}


def _server(ex: Any) -> LocalExchange:
    """A LocalExchange, also from an ExchangeThread handle."""
    return getattr(ex, "exchange", ex)  # type: ignore[no-any-return]


def ccxt_urls(ex: Any) -> dict[str, Any]:
    """The ccxt `urls['api']` entries for a LocalExchange (or an ExchangeThread)."""
    ex = _server(ex)
    base = ex.rest_url
    return {
        "public": f"{base}/api/v3",
        "private": f"{base}/api/v3",
        "v1": f"{base}/api/v1",
        "ws": {"spot": ex.ws_url, "ws-api": {"spot": ex.ws_api_url}},
    }


def configure_ccxt(client: Any, ex: Any) -> Any:
    """Sandbox mode plus the local URLs on a ccxt / ccxt.pro binance instance (call after construction)."""
    client.set_sandbox_mode(True)
    urls = ccxt_urls(ex)
    api = client.urls["api"]
    for key in ("public", "private", "v1"):
        api[key] = urls[key]
    if isinstance(api.get("ws"), dict):
        api["ws"]["spot"] = urls["ws"]["spot"]
        api["ws"].setdefault("ws-api", {})["spot"] = urls["ws"]["ws-api"]["spot"]
    return client


def python_binance_urls(ex: Any) -> dict[str, str]:
    """Class attributes to set on python-binance (BaseClient / BinanceSocketManager) before use."""
    ex = _server(ex)
    return {
        "API_TESTNET_URL": f"{ex.rest_url}/api",
        "WS_API_TESTNET_URL": ex.ws_api_url,
        "STREAM_TESTNET_URL": f"ws://{ex.config.host}:{ex.port}/",
    }
