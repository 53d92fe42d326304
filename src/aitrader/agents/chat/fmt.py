"""Number and time formatting for chat replies."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from aitrader.agents.chat.context import STABLE_QUOTES


def qty(x: Decimal | None, asset: str = "") -> str:
    """Amounts: 2 decimals for stable coins, otherwise up to 8 without trailing zeros."""
    if x is None:
        return "-"
    if asset in STABLE_QUOTES:
        return f"{x:,.2f}"
    text = f"{x:,.8f}".rstrip("0")
    return text + "00" if text.endswith(".") else text


def money(x: Decimal | None) -> str:
    return "-" if x is None else f"{x:,.2f}"


def signed(x: Decimal | None) -> str:
    return "-" if x is None else f"{x:+,.2f}"


def price(x: Decimal | None) -> str:
    if x is None:
        return "-"
    if abs(x) >= 1000:
        return f"{x:,.2f}"
    text = f"{x:,.8f}".rstrip("0")
    return text + "00" if text.endswith(".") else text


def pct(x: Decimal | float | None) -> str:
    return "-" if x is None else f"{Decimal(str(x)):+.2f}%"


def when(ms: int | None) -> str:
    if not ms:
        return "-"
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
