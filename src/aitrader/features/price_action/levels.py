"""Support/resistance from clustered swing touches, and prior-period (day/week) highs and lows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import FloatArray
from aitrader.features.indicators.volatility import atr
from aitrader.features.mtf import MultiTimeframe
from aitrader.features.price_action.swings import swings


@dataclass(frozen=True, slots=True)
class Level:
    """A price zone touched by several confirmed swings."""

    price: float  # mean of the touching swing prices
    low: float  # zone bounds (lowest / highest touch)
    high: float
    touches: int
    strength: float  # 0..1: more touches and more recent touches score higher
    kind: str  # "support" (below the reference close) or "resistance" (above it)
    first_index: int
    last_index: int


def support_resistance(
    candles: Candles,
    at: int | None = None,
    left: int = 10,
    right: int = 10,
    lookback: int = 2000,
    tolerance_atr: float = 0.5,
    min_touches: int = 2,
    atr_period: int = 14,
) -> list[Level]:
    """Levels known at the close of bar `at` (default: the last bar), strongest first.

    Swings confirmed within the last `lookback` bars are sorted by price and grouped into zones
    no wider than `tolerance_atr` x ATR (greedy, from the lowest price up); a zone with
    >= `min_touches` touches is a level. Only data up to `at` is read.
    """
    end = len(candles) - 1 if at is None else int(at)
    start = max(0, end + 1 - lookback - left - right)
    part = candles.slice(start, end + 1)
    if len(part) < left + right + atr_period + 1:
        return []
    s = swings(part.high, part.low, left, right)
    a = atr(part.high, part.low, part.close, atr_period)[-1]
    if len(s.index) < min_touches or not np.isfinite(a) or a <= 0:
        return []
    order = np.argsort(s.price, kind="stable")
    prices, idx = s.price[order], s.index[order]
    splits = _zone_splits(prices, tolerance_atr * a)
    ref_close = float(part.close[-1])
    levels: list[Level] = []
    span = float(len(part))
    for group in np.split(np.arange(len(prices)), splits):
        if len(group) < min_touches:
            continue
        gp, gi = prices[group], idx[group]
        recency = float(np.mean((gi + 1) / span))
        strength = min(1.0, len(group) / 6.0) * 0.7 + 0.3 * recency
        price = float(gp.mean())
        levels.append(
            Level(
                price=price,
                low=float(gp.min()),
                high=float(gp.max()),
                touches=len(group),
                strength=round(strength, 6),
                kind="resistance" if price > ref_close else "support",
                first_index=int(gi.min()) + start,
                last_index=int(gi.max()) + start,
            )
        )
    return sorted(levels, key=lambda lv: (-lv.strength, lv.price))


def _zone_splits(sorted_prices: FloatArray, width: float) -> list[int]:
    """Start positions (after the first) of zones at most `width` wide over sorted prices."""
    splits: list[int] = []
    start = float(sorted_prices[0]) if len(sorted_prices) else 0.0
    for j in range(1, len(sorted_prices)):
        if sorted_prices[j] - start > width:
            splits.append(j)
            start = float(sorted_prices[j])
    return splits


class PriorLevels(NamedTuple):
    """Per base bar, high and low of the last CLOSED period (NaN before the first one closes)."""

    high: FloatArray
    low: FloatArray


def prior_period_levels(candles: Candles, period: Timeframe = Timeframe.D1) -> PriorLevels:
    """Previous day/week high and low at every bar, from closed periods only.

    At the close of the last bar of a day that day has closed, so from then on it is the
    "previous day"; before that the previous calendar day is.
    """
    view = MultiTimeframe(candles)
    p = view.candles(period)
    return PriorLevels(view.align(period, p.high), view.align(period, p.low))


__all__ = ["Level", "PriorLevels", "prior_period_levels", "support_resistance"]
