"""Binance wire formatting: decimal strings with 8 places, and the order/trade JSON objects."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

EIGHT = Decimal("0.00000001")


def d8(value: Decimal | int | float) -> str:
    """A decimal string with 8 places, as Binance writes prices and quantities ("0.00100000")."""
    return f"{Decimal(value).quantize(EIGHT, rounding=ROUND_DOWN):f}"


def f8(value: float) -> str:
    """8-place string of a float market-data value (klines, tickers)."""
    return f"{value:.8f}"


def dec(text: str) -> Decimal:
    return Decimal(text)
