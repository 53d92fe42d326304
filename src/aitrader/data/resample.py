"""Resampling a candle series to a higher timeframe, exactly as Binance builds its candles.

open = first member's open, high = max, low = min, close = last member's close, volume = sum;
buckets are keyed by `Timeframe.floor` of each member's open time (weeks open on Monday, months on
the 1st). A bucket with fewer members than the timeframe holds is *incomplete*: inside a series
that means the exchange was down for part of it, at the end it means the candle is still forming.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aitrader.data.grid import slot_length_ms, slot_open, slots
from aitrader.domain import Candles, Timeframe

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Resampled:
    """Resampled candles with, per bucket, how many base candles it holds and how many it should."""

    candles: Candles
    members: IntArray
    expected: IntArray

    @property
    def complete(self) -> BoolArray:
        return np.asarray(self.members == self.expected, dtype=np.bool_)

    @property
    def tail_complete(self) -> bool:
        """False when the last bucket is still missing members (a candle still forming)."""
        return bool(len(self.members) == 0 or self.members[-1] == self.expected[-1])

    def drop_incomplete_tail(self) -> Candles:
        return self.candles if self.tail_complete else self.candles.slice(0, len(self.candles) - 1)

    def complete_only(self) -> Candles:
        """Only the buckets that hold every member (e.g. to compare with the venue's own candles)."""
        keep = np.flatnonzero(self.complete)
        c = self.candles
        return Candles(
            c.open_time[keep], c.open[keep], c.high[keep], c.low[keep], c.close[keep], c.volume[keep],
            c.symbol, c.timeframe, c.source,
        )  # fmt: skip


def resample_detailed(candles: Candles, target: Timeframe) -> Resampled:
    """Roll `candles` (sorted, on their own grid) up to `target`, with completeness per bucket."""
    base = candles.timeframe
    if not base.divides(target):
        raise ValueError(f"cannot build {target.value} candles from {base.value} candles")
    n = len(candles)
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return Resampled(Candles.empty(candles.symbol, target), empty, empty.copy())
    keys = slots(target, candles.open_time)
    starts = np.concatenate([[0], np.flatnonzero(np.diff(keys)) + 1]).astype(np.intp)
    ends = np.append(starts[1:], n)
    bucket = keys[starts]
    out = Candles(
        slot_open(target, bucket),
        candles.open[starts],
        np.maximum.reduceat(candles.high, starts),
        np.minimum.reduceat(candles.low, starts),
        candles.close[ends - 1],
        np.add.reduceat(candles.volume, starts),
        candles.symbol,
        target,
        candles.source,
    )
    expected = slot_length_ms(target, bucket) // base.duration_ms
    return Resampled(out, (ends - starts).astype(np.int64), expected.astype(np.int64))


def resample(candles: Candles, target: Timeframe | str, drop_incomplete_tail: bool = False) -> Candles:
    """`candles` rolled up to `target`; optionally without a last bucket that is still forming."""
    tf = Timeframe.parse(target)
    if tf is candles.timeframe:
        return candles
    result = resample_detailed(candles, tf)
    return result.drop_incomplete_tail() if drop_incomplete_tail else result.candles
