"""How a market view rounds and prints its figures: one rule per kind, used for the model and the text.

A figure is stored already rounded (`rounded`) and printed with the same number of decimals
(`shown`), so the text states exactly what the JSON holds.
"""

from __future__ import annotations

import math
from typing import Literal

Kind = Literal["price", "level", "ratio", "pct"]  # quote currency; 0..100 oscillator; ratio; percent
_FIXED = {"level": 1, "ratio": 2, "pct": 2}


def places(x: float, kind: Kind) -> int:
    """Decimals for `x`: prices keep about five significant figures (2 from 100 up, at most 8)."""
    if kind != "price":
        return _FIXED[kind]
    if x == 0 or not math.isfinite(x):
        return 2
    return min(8, max(2, 4 - math.floor(math.log10(abs(x)))))


def rounded(x: float | None, kind: Kind) -> float | None:
    """`x` rounded for the model; None for a missing or warming-up (NaN) figure."""
    if x is None or not math.isfinite(x):
        return None
    return round(float(x), places(x, kind))


def shown(x: float | None, kind: Kind) -> str:
    """`x` as the text prints it ("64,012.50", "48.2", "1.80"); '–' when missing."""
    if x is None or not math.isfinite(x):
        return "–"
    return f"{x:,.{places(x, kind)}f}"


__all__ = ["Kind", "places", "rounded", "shown"]
