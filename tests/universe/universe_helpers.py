"""Shared by the universe tests: paths, the replay start, entries derived from the real BTCUSDT one."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "universe"
REAL_BTCUSDT_ENTRY = Path(__file__).resolve().parents[2] / "data" / "binance" / "exchangeinfo_btcusdt.json"
START_MS = 1679064900000  # 2023-03-17 14:55 UTC
HOUR_MS = 3_600_000
SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")


def derived_entry(real: dict[str, Any], symbol: str, base: str, quote: str, **changes: Any) -> dict[str, Any]:
    """The real BTCUSDT entry with another symbol's names (as the local exchange derives its own)."""
    entry = copy.deepcopy(real)
    entry.update(symbol=symbol, baseAsset=base, quoteAsset=quote, **changes)
    return entry


def ticker(
    real: dict[str, Any], symbol: str, quote_volume: float, high: float, low: float, last: float
) -> dict[str, Any]:
    """The real BTCUSDT 24 h ticker with another symbol's numbers (wire format: decimal strings)."""
    row = dict(real)
    row.update(symbol=symbol, quoteVolume=f"{quote_volume:.8f}", highPrice=f"{high:.8f}",
               lowPrice=f"{low:.8f}", lastPrice=f"{last:.8f}")  # fmt: skip
    return row
