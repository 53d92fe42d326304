"""Number and time formatting for chat replies."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

from aitrader.agents.chat.context import STABLE_QUOTES

MAX_PLACES = 8
_STEP = Decimal(1).scaleb(-MAX_PLACES)


def places(values: Iterable[Decimal | None]) -> int:
    """The fewest decimals (at most 8) that show every value exactly: one answer prints an asset's
    amounts with the same number of decimals ("0.5 / 0.0 / 0.5", never "0.5 / 0.00 / 0.5")."""
    n = 0
    for v in values:
        if v is None or not v.is_finite():
            continue
        exp = v.quantize(_STEP).normalize().as_tuple().exponent
        if isinstance(exp, int) and exp < 0:
            n = max(n, -exp)
    return n


def places_by(pairs: Iterable[tuple[str, Decimal | None]]) -> dict[str, int]:
    """`places` per key (an asset or a symbol) over all the amounts one answer shows for it."""
    seen: dict[str, list[Decimal | None]] = {}
    for key, v in pairs:
        seen.setdefault(key, []).append(v)
    return {k: places(vs) for k, vs in seen.items()}


def qty(x: Decimal | None, asset: str = "", decimals: int | None = None) -> str:
    """Amounts: 2 decimals for stable coins; otherwise `decimals` (default: as many as `x` needs, at
    most 8), so pass the answer's `places` to keep an asset's figures alike."""
    if x is None:
        return "-"
    if asset in STABLE_QUOTES:
        return f"{x:,.2f}"
    n = places([x]) if decimals is None else decimals
    return f"{x:,.{n}f}"


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
