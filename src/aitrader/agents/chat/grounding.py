"""Is an LLM answer grounded? Every number it states must come from a tool result or the question."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


def numbers(text: str) -> list[Decimal]:
    out = []
    for raw in _NUM.findall(text):
        try:
            out.append(Decimal(raw.replace(",", "")))
        except InvalidOperation:
            continue
    return out


def ungrounded(answer: str, sources: list[str]) -> list[Decimal]:
    """Numbers in `answer` that no source states (within 0.5%, so rounding is fine)."""
    known = [n for s in sources for n in numbers(s)]
    missing = []
    for n in numbers(answer):
        if abs(n) < 32 and n == n.to_integral_value():
            continue  # small counts, hours and days ("2 orders", "24h", "7 days") need no source
        if not any(abs(n - k) <= max(Decimal("0.01"), abs(k) * Decimal("0.005")) for k in known):
            missing.append(n)
    return missing
