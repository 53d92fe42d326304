"""Swing highs and lows (fractal pivots with `left`/`right` bars).

A pivot at bar i is only KNOWN at the close of bar i + right (the bars to its right must have
printed). Every result carries that confirmation index; dense per-bar series only show a pivot
from its confirmation bar on, so nothing peeks ahead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import talib

from aitrader.features._arrays import FloatArray, Int8Array, IntArray, check_period, f64, nan_like


@dataclass(frozen=True, slots=True)
class Swings:
    """Pivots sorted by bar index. kind: +1 swing high, -1 swing low."""

    index: IntArray
    confirm_index: IntArray
    price: FloatArray
    kind: Int8Array

    def __len__(self) -> int:
        return len(self.index)

    def known_at(self, bar: int) -> Swings:
        """The pivots confirmed by the close of `bar`."""
        keep = self.confirm_index <= bar
        return Swings(self.index[keep], self.confirm_index[keep], self.price[keep], self.kind[keep])


def _window_max(x: FloatArray, n: int) -> FloatArray:
    """max(x[i-n+1 .. i]) at i; NaN for the first n-1."""
    if n == 1:
        return np.asarray(x, dtype=np.float64).copy()
    return f64(talib.MAX(f64(x), timeperiod=n))


def _pivots(x: FloatArray, left: int, right: int) -> IntArray:
    """Indices i with x[i] > all of the `left` bars before and >= all of the `right` bars after."""
    check_period("swing left", left)
    check_period("swing right", right)
    n = len(x)
    if n < left + right + 1:
        return np.zeros(0, dtype=np.int64)
    before = _window_max(x, left)  # before[i-1] = max(x[i-left .. i-1])
    after = _window_max(x, right)  # after[i+right] = max(x[i+1 .. i+right])
    i = np.arange(left, n - right)
    ok = (x[i] > before[i - 1]) & (x[i] >= after[i + right])
    return i[ok].astype(np.int64)


def swing_highs(high: FloatArray, left: int = 5, right: int = 5) -> Swings:
    h = f64(high)
    i = _pivots(h, left, right)
    return Swings(i, i + right, h[i], np.ones(len(i), dtype=np.int8))


def swing_lows(low: FloatArray, left: int = 5, right: int = 5) -> Swings:
    lo = f64(low)
    i = _pivots(-lo, left, right)
    return Swings(i, i + right, lo[i], -np.ones(len(i), dtype=np.int8))


def swings(high: FloatArray, low: FloatArray, left: int = 5, right: int = 5) -> Swings:
    """Swing highs and lows together, sorted by pivot index (highs first on a tie)."""
    a, b = swing_highs(high, left, right), swing_lows(low, left, right)
    idx = np.concatenate((a.index, b.index))
    order = np.lexsort((-np.concatenate((a.kind, b.kind)), idx))
    return Swings(
        idx[order],
        np.concatenate((a.confirm_index, b.confirm_index))[order],
        np.concatenate((a.price, b.price))[order],
        np.concatenate((a.kind, b.kind))[order],
    )


def alternating(s: Swings) -> Swings:
    """Collapse runs of same-kind pivots to their extreme, so highs and lows alternate."""
    keep: list[int] = []
    for j in range(len(s.index)):
        if keep and s.kind[keep[-1]] == s.kind[j]:
            better = s.price[j] > s.price[keep[-1]] if s.kind[j] > 0 else s.price[j] < s.price[keep[-1]]
            if better:
                keep[-1] = j
            continue
        keep.append(j)
    k = np.asarray(keep, dtype=np.int64)
    return Swings(s.index[k], s.confirm_index[k], s.price[k], s.kind[k])


def last_swing_level(s: Swings, n_bars: int) -> FloatArray:
    """Per bar, the price of the most recent pivot CONFIRMED by that bar's close (NaN before any)."""
    out = nan_like(np.empty(n_bars))
    if len(s.index) == 0:
        return out
    order = np.argsort(s.confirm_index, kind="stable")
    conf, price = s.confirm_index[order], s.price[order]
    pos = np.searchsorted(conf, np.arange(n_bars), side="right") - 1
    ok = pos >= 0
    out[ok] = price[pos[ok]]
    return out


__all__ = ["Swings", "alternating", "last_swing_level", "swing_highs", "swing_lows", "swings"]
