"""Candle patterns as per-bar int8 arrays: +1 bullish, -1 bearish, 0 none (1 = present for neutral ones).

Each pattern at bar i reads bars i and i-1 only, so it is known at the close of bar i.
"""

from __future__ import annotations

import numpy as np

from aitrader.features._arrays import FloatArray, Int8Array, f64


def _prev(x: FloatArray) -> FloatArray:
    out = np.empty_like(x)
    out[0] = np.nan
    out[1:] = x[:-1]
    return out


def engulfing(open_: FloatArray, close: FloatArray) -> Int8Array:
    """+1: a bullish body engulfs the previous bearish body; -1: the mirror image."""
    o, c = f64(open_), f64(close)
    if len(o) == 0:
        return np.zeros(0, dtype=np.int8)
    po, pc = _prev(o), _prev(c)
    body, pbody = np.abs(c - o), np.abs(pc - po)
    with np.errstate(invalid="ignore"):
        bull = (pc < po) & (c > o) & (o <= pc) & (c >= po) & (body > pbody)
        bear = (pc > po) & (c < o) & (o >= pc) & (c <= po) & (body > pbody)
    return (bull.astype(np.int8) - bear.astype(np.int8)).astype(np.int8)


def pin_bar(
    open_: FloatArray, high: FloatArray, low: FloatArray, close: FloatArray, wick_ratio: float = 2.0
) -> Int8Array:
    """+1 hammer / bullish pin (long lower wick), -1 shooting star / bearish pin (long upper wick).

    The long wick is >= `wick_ratio` x the body and >= 2/3 of the range; the other wick is at
    most the body and under 1/4 of the range (a doji with one long wick counts).
    """
    o, h, lo, c = f64(open_), f64(high), f64(low), f64(close)
    rng = h - lo
    body = np.abs(c - o)
    upper = h - np.maximum(o, c)
    lower = np.minimum(o, c) - lo
    valid = rng > 0
    bull = (
        valid
        & (lower >= wick_ratio * body)
        & (lower >= rng * 2 / 3)
        & (upper <= np.maximum(body, rng / 10))
        & (upper < rng / 4)
    )
    bear = (
        valid
        & (upper >= wick_ratio * body)
        & (upper >= rng * 2 / 3)
        & (lower <= np.maximum(body, rng / 10))
        & (lower < rng / 4)
    )
    return (bull.astype(np.int8) - bear.astype(np.int8)).astype(np.int8)


def inside_bar(high: FloatArray, low: FloatArray) -> Int8Array:
    """1 where the bar's range lies strictly inside the previous bar's range."""
    h, lo = f64(high), f64(low)
    if len(h) == 0:
        return np.zeros(0, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        inside = (h < _prev(h)) & (lo > _prev(lo))
    return inside.astype(np.int8)


def doji(
    open_: FloatArray, high: FloatArray, low: FloatArray, close: FloatArray, body_ratio: float = 0.1
) -> Int8Array:
    """1 where the body is at most `body_ratio` of a non-zero range."""
    o, h, lo, c = f64(open_), f64(high), f64(low), f64(close)
    rng = h - lo
    return ((rng > 0) & (np.abs(c - o) <= body_ratio * rng)).astype(np.int8)


__all__ = ["doji", "engulfing", "inside_bar", "pin_bar"]
