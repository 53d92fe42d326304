"""exchangeInfo symbol entries: BTCUSDT verbatim from the real testnet entry, others derived from it.

Derived symbols copy every field and filter of the real BTCUSDT entry and change only the assets,
PRICE_FILTER tickSize/minPrice, LOT_SIZE stepSize/minQty and MARKET_LOT_SIZE maxQty. Known symbols
use the tick and step their real Binance entries have; unknown ones get a tick of about 1e-6 of the
price and a step worth about 0.1-1 quote units (see `_derived_steps`).
"""

from __future__ import annotations

import copy
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.domain import Instrument

FIXTURE = Path(__file__).resolve().parents[4] / "data" / "binance" / "exchangeinfo_btcusdt.json"
QUOTES = ("USDT", "USDC", "FDUSD", "BUSD", "TUSD", "BTC", "ETH", "BNB", "EUR")
# (tickSize, stepSize) of the real Binance spot entries.
KNOWN_STEPS: dict[str, tuple[str, str]] = {
    "ETHUSDT": ("0.01000000", "0.00010000"),
    "SOLUSDT": ("0.01000000", "0.00100000"),
    "BNBUSDT": ("0.01000000", "0.00100000"),
    "XRPUSDT": ("0.00010000", "0.10000000"),
    "ADAUSDT": ("0.00010000", "0.10000000"),
    "DOGEUSDT": ("0.00001000", "1.00000000"),
    "LTCUSDT": ("0.01000000", "0.00100000"),
}
RATE_LIMITS = [
    {"rateLimitType": "REQUEST_WEIGHT", "interval": "MINUTE", "intervalNum": 1, "limit": 6000},
    {"rateLimitType": "ORDERS", "interval": "SECOND", "intervalNum": 10, "limit": 50},
    {"rateLimitType": "ORDERS", "interval": "DAY", "intervalNum": 1, "limit": 160000},
    {"rateLimitType": "RAW_REQUESTS", "interval": "MINUTE", "intervalNum": 5, "limit": 300000},
]


def btcusdt_entry() -> dict[str, Any]:
    """The real testnet BTCUSDT entry, verbatim."""
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


def split_symbol(symbol: str) -> tuple[str, str]:
    for quote in QUOTES:
        if symbol.endswith(quote) and len(symbol) > len(quote):
            return symbol[: -len(quote)], quote
    raise ValueError(f"cannot tell base and quote asset of {symbol!r}: use a symbol ending in {QUOTES}")


def _fmt(x: Decimal) -> str:
    return f"{x:.8f}"


def _derived_steps(symbol: str, price: float) -> tuple[Decimal, Decimal]:
    if symbol in KNOWN_STEPS:
        tick, step = KNOWN_STEPS[symbol]
        return Decimal(tick), Decimal(step)
    p = max(price, 1e-8)
    tick_exp = max(math.floor(math.log10(p)) - 6, -8)
    step_exp = min(max(round(math.log10(1 / p)) - 1, -8), 0)
    return Decimal(1).scaleb(tick_exp), Decimal(1).scaleb(step_exp)


def symbol_entry(symbol: str, reference_price: float) -> dict[str, Any]:
    """The exchangeInfo entry for `symbol`: verbatim for BTCUSDT, derived from it otherwise."""
    base_entry = btcusdt_entry()
    if symbol == "BTCUSDT":
        return base_entry
    base, quote = split_symbol(symbol)
    entry = copy.deepcopy(base_entry)
    entry["symbol"], entry["baseAsset"], entry["quoteAsset"] = symbol, base, quote
    tick, step = _derived_steps(symbol, reference_price)
    for f in entry["filters"]:
        if f["filterType"] == "PRICE_FILTER":
            f["tickSize"], f["minPrice"] = _fmt(tick), _fmt(tick)
        elif f["filterType"] == "LOT_SIZE":
            f["stepSize"], f["minQty"] = _fmt(step), _fmt(step)
        elif f["filterType"] == "MARKET_LOT_SIZE":
            # BTCUSDT's cap is worth about 4-5 million quote units at 2023 prices; keep that value.
            cap = Decimal(str(4_500_000 / max(reference_price, 1e-8))).quantize(step)
            f["maxQty"] = _fmt(cap)
    return entry


def build_instruments(prices: dict[str, float]) -> dict[str, tuple[dict[str, Any], Instrument]]:
    """symbol -> (exchangeInfo entry, Instrument) for every replayed symbol."""
    out: dict[str, tuple[dict[str, Any], Instrument]] = {}
    for symbol, price in prices.items():
        entry = symbol_entry(symbol, price)
        out[symbol] = (entry, Instrument.from_exchange_info(entry))
    return out
