"""Hub events in plain words, for people reading a chat on their phone.

"BUY 0.012 BTCUSDT filled at 27,883.44 (entry, plan p1a2b3)". Amounts keep the digits the venue
gave (no float rounding) with thousands separators; times are UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from aitrader.domain.client_ids import parse_client_order_id
from aitrader.domain.timeframe import format_duration, format_ms


def amount(value: object) -> str:
    """`27883.44000000` → `27,883.44`; anything that is not a number is shown as it is."""
    try:
        number = Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    return f"{number:,f}"


def seconds(value: object) -> str:
    """A naked time: `2.5 s` under a minute, else `3m`, `1h 5m`..."""
    try:
        s = max(0.0, float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "an unknown time"
    return f"{s:.1f} s" if s < 60 else format_duration(s * 1000)


def fill(data: Mapping[str, Any]) -> str:
    side = str(data.get("side", "")).upper()
    head = f"{side} {amount(data.get('qty'))} {data.get('symbol', '?')} filled at {amount(data.get('price'))}"
    notes = [str(data["role"])] if data.get("role") else []
    cid = str(data.get("client_order_id") or "")
    parsed = parse_client_order_id(cid)
    if parsed is not None:
        notes.append(f"plan {parsed.plan}")
    elif cid:
        notes.append(f"order {cid}")
    fee = data.get("fee")
    if fee not in (None, "", 0) and amount(fee) != "0":
        notes.append(f"fee {amount(fee)} {data.get('fee_asset') or ''}".rstrip())
    return head + (f" ({', '.join(notes)})" if notes else "")


def unprotected(data: Mapping[str, Any]) -> str:
    detail = str(data.get("detail") or "").strip()
    text = f"ALERT: {data.get('symbol', '?')} position is UNPROTECTED (no stop on the venue)"
    naked = data.get("naked_seconds")
    if isinstance(naked, int | float) and not isinstance(naked, bool) and naked > 0:
        text += f" for {seconds(naked)}"
    return text + (f": {detail}" if detail else "")


def protected_again(data: Mapping[str, Any], naked_for: float) -> str:
    """The end of a naked spell: protected again, or closed (the hub's detail then starts "flat")."""
    symbol = data.get("symbol", "?")
    if str(data.get("detail") or "").lower().startswith("flat"):
        return f"{symbol} position is closed (it was unprotected for {seconds(naked_for)})"
    return f"{symbol} position is protected again (it was unprotected for {seconds(naked_for)})"


def alarm(data: Mapping[str, Any]) -> str:
    return f"{str(data.get('severity') or 'warning').upper()}: {data.get('message', '')}"


def breaker(data: Mapping[str, Any]) -> str:
    text = f"Circuit breaker tripped: {data.get('reason') or 'no reason given'}. New entries are paused"
    until = data.get("until_ms")
    if isinstance(until, int | float) and not isinstance(until, bool) and until > 0:
        return f"{text} until {format_ms(int(until))} UTC."
    return text + "."
