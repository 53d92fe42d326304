"""Candle sanity rules, checked over whole arrays at once; the first broken row raises `DataError`.

Rules: open times strictly increasing (sorted, no duplicates), no NaN, prices > 0,
high >= max(open, close), low <= min(open, close), volume >= 0.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from aitrader.data.errors import DataError
from aitrader.domain import Candles
from aitrader.domain.timeframe import format_ms

BoolArray = npt.NDArray[np.bool_]
_PRICES = ("open", "high", "low", "close")


def _first(mask: BoolArray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def find_violation(c: Candles) -> tuple[int, str] | None:
    """(0-based row index, rule) of the first broken rule, or None when every row is sane."""
    if len(c) == 0:
        return None
    checks: list[tuple[BoolArray, Callable[[int], str]]] = []
    for name in (*_PRICES, "volume"):
        col = getattr(c, name)
        checks.append((~np.isfinite(col), _describe(name, col, "{n} is {v} (NaN or infinite)")))
    for name in _PRICES:
        col = getattr(c, name)
        checks.append((col <= 0, _describe(name, col, "{n} {v} is not > 0 (prices must be positive)")))
    body_hi = np.maximum(c.open, c.close)
    body_lo = np.minimum(c.open, c.close)
    checks.append((c.high < body_hi, lambda i: f"high {c.high[i]} is below max(open, close) = {body_hi[i]}"))
    checks.append((c.low > body_lo, lambda i: f"low {c.low[i]} is above min(open, close) = {body_lo[i]}"))
    checks.append((c.volume < 0, lambda i: f"volume {c.volume[i]} is negative"))
    step = np.diff(c.open_time)
    not_after = np.concatenate([[False], step <= 0])
    checks.append((not_after, lambda i: _order_rule(c, i)))

    best: tuple[int, str] | None = None
    for mask, describe in checks:
        i = _first(mask)
        if i is not None and (best is None or i < best[0]):
            best = (i, describe(i))
    return best


def _describe(name: str, col: npt.NDArray[np.float64], template: str) -> Callable[[int], str]:
    return lambda i: template.format(n=name, v=col[i])


def _order_rule(c: Candles, i: int) -> str:
    t, prev = int(c.open_time[i]), int(c.open_time[i - 1])
    if t == prev:
        return f"duplicate open time {t} ({format_ms(t)} UTC), same as the row before"
    return f"not sorted: open time {t} ({format_ms(t)} UTC) comes before the row before's {prev}"


def validate_candles(c: Candles, source: str = "", header_lines: int = 0) -> Candles:
    """Return `c` unchanged if sane; else raise `DataError` naming file, 1-based row and rule."""
    bad = find_violation(c)
    if bad is not None:
        i, rule = bad
        raise DataError(source or c.source or "<candles>", rule, row=i + 1, line=i + 1 + header_lines)
    return c
