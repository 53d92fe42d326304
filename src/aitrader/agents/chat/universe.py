"""The venue's own assets and symbols, and how plain words ("bitcoin", "eth", "btc/usdt") map onto them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from aitrader.agents.chat.models import SymbolView

# Common names people use for a ticker. Only names whose ticker the venue lists are used.
ASSET_ALIASES: dict[str, str] = {
    "bitcoin": "BTC",
    "bitcoins": "BTC",
    "btc": "BTC",
    "xbt": "BTC",
    "ethereum": "ETH",
    "ether": "ETH",
    "eth": "ETH",
    "solana": "SOL",
    "sol": "SOL",
    "tether": "USDT",
    "usdt": "USDT",
    "binance coin": "BNB",
    "bnb": "BNB",
    "ripple": "XRP",
    "cardano": "ADA",
    "dogecoin": "DOGE",
    "doge": "DOGE",
    "litecoin": "LTC",
    "polkadot": "DOT",
    "usd coin": "USDC",
    "usdc": "USDC",
    "fdusd": "FDUSD",
    "tusd": "TUSD",
    "busd": "BUSD",
    "xrp": "XRP",
    "ada": "ADA",
    "shib": "SHIB",
    "shiba": "SHIB",
    "pepe": "PEPE",
    "avax": "AVAX",
    "avalanche": "AVAX",
    "matic": "MATIC",
    "polygon": "MATIC",
    "ltc": "LTC",
    "trx": "TRX",
    "tron": "TRX",
    "bch": "BCH",
    "aptos": "APT",
    "arbitrum": "ARB",
    "xlm": "XLM",
    "stellar": "XLM",
    "filecoin": "FIL",
    "hbar": "HBAR",
    "hedera": "HBAR",
    "wif": "WIF",
    "bonk": "BONK",
    "floki": "FLOKI",
    "chainlink": "LINK",
    "toncoin": "TON",
    "kaspa": "KAS",
    "monero": "XMR",
    "xmr": "XMR",
    "cosmos": "ATOM",
    "uniswap": "UNI",
    "dogecoins": "DOGE",
    "wbtc": "WBTC",
    "sats": "BTC",
    "dodgecoin": "DOGE",
    "satoshis": "BTC",
    "sui": "SUI",
    "dogwifhat": "WIF",
    "pepecoin": "PEPE",
    "shibainu": "SHIB",
    "injective": "INJ",
    "celestia": "TIA",
    "worldcoin": "WLD",
    "algorand": "ALGO",
    "tezos": "XTZ",
    "zcash": "ZEC",
    "vechain": "VET",
    "fantom": "FTM",
    "decentraland": "MANA",
    "apecoin": "APE",
}


class Universe:
    """Assets and symbols a venue lists, with a default quote asset for "btc" -> "BTCUSDT"."""

    def __init__(self, symbols: Iterable[SymbolView], quote: str = "USDT") -> None:
        self.by_symbol: dict[str, SymbolView] = {s.symbol: s for s in symbols}
        self.quote = quote
        self.assets: set[str] = set()
        for s in self.by_symbol.values():
            self.assets.update((s.base, s.quote))
        self._pairs = {(s.base, s.quote): s.symbol for s in self.by_symbol.values()}

    def asset(self, word: str) -> str | None:
        """The asset a word names ("Bitcoin" -> "BTC"), if the venue lists it."""
        w = word.strip().lower()
        alias = ASSET_ALIASES.get(w)
        if alias and alias in self.assets:
            return alias
        up = w.upper()
        return up if up in self.assets and len(up) >= 2 else None

    def symbol_for(self, asset: str, quote: str | None = None) -> str | None:
        """The market trading `asset` against the quote (default quote first, then any)."""
        q = quote or self.quote
        if (asset, q) in self._pairs:
            return self._pairs[(asset, q)]
        if asset == q:
            return None
        for (base, _), sym in sorted(self._pairs.items()):
            if base == asset:
                return sym
        return None

    def symbol(self, text: str) -> str | None:
        """A symbol from "BTCUSDT", "btc/usdt", "btc-usdt" or an asset name ("bitcoin" -> BTCUSDT)."""
        t = text.strip().upper()
        compact = re.sub(r"[/\-_ ]", "", t)
        if compact in self.by_symbol:
            return compact
        asset = self.asset(text)
        return self.symbol_for(asset) if asset else None

    def base_of(self, symbol: str) -> str | None:
        s = self.by_symbol.get(symbol)
        return s.base if s else None

    def quote_of(self, symbol: str) -> str | None:
        s = self.by_symbol.get(symbol)
        return s.quote if s else None
