"""`HigherTimeframe`: higher-timeframe candles built from a base stream, each reported when it closes.

Same rules as the batch view (`features.mtf`): a higher candle aggregates the base candles whose
open time falls in its bucket (open = first open, high = max, low = min, close = last close, volume
summed by the resampler's own `np.add.reduceat`), and a base bar sees it once the bar's close time
has reached the bucket's close time. So a bucket closes on its last base bar, or, when base bars are
missing at its end (an exchange halt), on the first bar after the gap; one push can then close two.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features.stream.bar import Bar
from aitrader.features.timebuckets import resample


@dataclass(slots=True)
class _Forming:
    open_time: int
    close_time: int
    open: float
    high: float
    low: float
    close: float
    volumes: list[float] = field(default_factory=list)

    def bar(self) -> Bar:
        volume = float(np.add.reduceat(np.asarray(self.volumes, dtype=np.float64), [0])[0])
        return Bar(self.open_time, self.open, self.high, self.low, self.close, volume)


class HigherTimeframe:
    """Aggregates base bars of `base` into `tf` candles and reports the ones that close."""

    __slots__ = ("_forming", "base", "tf")

    def __init__(self, base: Timeframe, tf: Timeframe) -> None:
        if not base.divides(tf) or tf is base:
            raise ValueError(f"cannot build {tf.value} candles from {base.value} candles")
        self.base, self.tf = base, tf
        self._forming: _Forming | None = None

    def warm(self, candles: Candles) -> Candles:
        """Start over on `candles`; the `tf` candles closed by their last bar (the forming one is kept)."""
        self._forming = None
        higher = resample(candles, self.tf)
        if not len(higher):
            return higher
        last = len(higher) - 1
        opened = int(higher.open_time[last])
        closes = self.tf.close_time(opened)
        if closes <= self.base.close_time(int(candles.open_time[-1])):
            return higher
        members = candles.slice(int(np.searchsorted(candles.open_time, opened)), len(candles))
        self._forming = _Forming(
            opened,
            closes,
            float(members.open[0]),
            float(members.high.max()),
            float(members.low.min()),
            float(members.close[-1]),
            members.volume.tolist(),
        )
        return higher.slice(0, last)

    def push(self, bar: Bar) -> tuple[Bar, ...]:
        """Add a closed base bar; the `tf` candles it closes (none, one, or two after a gap)."""
        closed: tuple[Bar, ...] = ()
        forming = self._forming
        bucket = self.tf.floor(bar.open_time)
        if forming is not None and forming.open_time != bucket:
            closed = (forming.bar(),)  # base bars were missing at the end of that bucket
            forming = None
        if forming is None:
            forming = _Forming(
                bucket, self.tf.close_time(bucket), bar.open, bar.high, bar.low, bar.close, [bar.volume]
            )
        else:
            forming.high = max(forming.high, bar.high)
            forming.low = min(forming.low, bar.low)
            forming.close = bar.close
            forming.volumes.append(bar.volume)
        if self.base.close_time(bar.open_time) >= forming.close_time:
            self._forming = None
            return (*closed, forming.bar())
        self._forming = forming
        return closed


__all__ = ["HigherTimeframe"]
