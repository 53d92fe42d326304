"""The `kit` building blocks one closed bar at a time, each equal to its batch function in `kit`
over the whole history: range extremes before the bar, confirmed swing levels, the prior day's
high/low, and an EMA of a higher timeframe's closed candles."""

from __future__ import annotations

import math

import numpy as np
from talib import stream as ta

from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import FloatArray
from aitrader.features.stream import Bar, HigherTimeframe, Lag, TalibHandle
from aitrader.strategies.kit import swing_levels

NAN = math.nan


class ExtremeBefore:
    """`kit.highest_before` / `kit.lowest_before`: the extreme of the n bars before this one."""

    __slots__ = ("_extreme", "_last")

    def __init__(self, n: int, highest: bool) -> None:
        self._extreme = TalibHandle(ta.MAX if highest else ta.MIN, timeperiod=n)
        self._last = NAN  # the extreme of the n bars ending at the last bar seen

    def warm(self, x: FloatArray) -> None:
        (self._last,) = self._extreme.warm(x)

    def push(self, x: float) -> float:
        before = self._last
        (self._last,) = self._extreme.update(x)
        return before


class SwingLevels:
    """`kit.swing_levels`: (last confirmed swing high, last confirmed swing low) at each bar."""

    __slots__ = ("_centre_high", "_centre_low", "_max", "_min", "high", "low")

    def __init__(self, k: int) -> None:
        self._max = TalibHandle(ta.MAX, timeperiod=2 * k + 1)
        self._min = TalibHandle(ta.MIN, timeperiod=2 * k + 1)
        self._centre_high, self._centre_low = Lag(k), Lag(k)  # the bar in the middle of the window
        self.high, self.low = NAN, NAN

    def warm(self, high: FloatArray, low: FloatArray) -> None:
        self._max.warm(high)
        self._min.warm(low)
        self._centre_high.warm(high)
        self._centre_low.warm(low)
        sh, sl = swing_levels(high, low, self._centre_high.k)
        self.high = float(sh[-1]) if len(sh) else NAN
        self.low = float(sl[-1]) if len(sl) else NAN

    def push(self, high: float, low: float) -> tuple[float, float]:
        (window_max,) = self._max.update(high)
        (window_min,) = self._min.update(low)
        centre_high = self._centre_high.push(high)
        centre_low = self._centre_low.push(low)
        if centre_high == window_max:  # False while either is NaN, as in the batch
            self.high = centre_high
        if centre_low == window_min:
            self.low = centre_low
        return self.high, self.low


class PriorDayLevels:
    """`kit.prior_day_levels`: the last closed UTC day's (high, low), or the previous bar's on a
    base timeframe of a day or more."""

    __slots__ = ("_days", "_prev_high", "_prev_low", "high", "low")

    def __init__(self, base: Timeframe) -> None:
        daily = base.duration_ms >= Timeframe.D1.duration_ms
        self._days = None if daily else HigherTimeframe(base, Timeframe.D1)
        self._prev_high, self._prev_low = Lag(1), Lag(1)
        self.high, self.low = NAN, NAN

    def warm(self, candles: Candles) -> None:
        if self._days is None:
            self._prev_high.warm(candles.high)
            self._prev_low.warm(candles.low)
            self.high, self.low = self._prev_high.current, self._prev_low.current
            return
        days = self._days.warm(candles)
        self.high = float(days.high[-1]) if len(days) else NAN
        self.low = float(days.low[-1]) if len(days) else NAN

    def push(self, bar: Bar) -> tuple[float, float]:
        if self._days is None:
            self.high, self.low = self._prev_high.push(bar.high), self._prev_low.push(bar.low)
            return self.high, self.low
        for day in self._days.push(bar):
            self.high, self.low = day.high, day.low
        return self.high, self.low


class HigherEma:
    """EMA(n) of the closed candles of `tf` built from the `base` bars, as each base bar sees it
    (`MultiTimeframe.align` of `ema(candles(tf).close, n)`); `tf == base` is the plain EMA."""

    __slots__ = ("_ema", "_higher", "value")

    def __init__(self, base: Timeframe, tf: Timeframe, n: int) -> None:
        self._ema = TalibHandle(ta.EMA, timeperiod=n)
        self._higher = None if tf is base else HigherTimeframe(base, tf)
        self.value = NAN

    def warm(self, candles: Candles) -> None:
        closes = candles.close if self._higher is None else self._higher.warm(candles).close
        (self.value,) = self._ema.warm(np.asarray(closes, dtype=np.float64))

    def push(self, bar: Bar) -> float:
        if self._higher is None:
            (self.value,) = self._ema.update(bar.close)
        else:
            for closed in self._higher.push(bar):
                (self.value,) = self._ema.update(closed.close)
        return self.value


__all__ = ["ExtremeBefore", "HigherEma", "PriorDayLevels", "SwingLevels"]
