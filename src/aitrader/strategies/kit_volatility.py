"""The `volatility` column of every rule strategy: the annualised standard deviation of its returns.

The gate's volatility-target sizing sizes an entry by `Enter.volatility`; `RuleStrategy` fills it
from this column. On each bar: the sample standard deviation (n - 1) of the close-to-close log
returns over the trailing `volatility_window(timeframe)` bars (30 days of bars, at least 20),
times sqrt(bars per year). Until a full window of returns exists it uses the returns there are, from
20 on (NaN before): a live run warms on `warmup + 1000` bars, fewer than 30 days of 1m bars, and
should still size by the volatility it can see.

Sums, not a per-window `std`, so that `VolatilityStream` can advance one bar at a time and give
the same double: variance = (sum r² - (sum r)² / m) / (m - 1). Full windows use `rolling_sum`
(`BlockRollingSum` in the stream: the block-restarted prefix sums, which also keep the
cancellation in that difference small: log returns average near zero, so (sum r)²/m is a sliver of
sum r²); shorter ones a plain running sum (`np.cumsum`, one value at a time as the stream adds).
"""

from __future__ import annotations

import math

import numpy as np

from aitrader.domain import Timeframe
from aitrader.domain.timeframe import MS_PER_YEAR
from aitrader.features._arrays import FloatArray, f64, nan_like, rolling_sum
from aitrader.features.stream import BlockRollingSum

VOLATILITY_DAYS = 30
MIN_BARS = 20


def volatility_window(timeframe: Timeframe, days: float = VOLATILITY_DAYS) -> int:
    """Bars in `days` of `timeframe` (1h: 720, 4h: 180, 1d: 30), at least `MIN_BARS`."""
    return max(MIN_BARS, round(days * 86_400_000 / timeframe.duration_ms))


def bars_per_year(timeframe: Timeframe) -> float:
    """A year / the bar length: the nominal bars a year of a 24/7 market (1h: 8,766)."""
    return MS_PER_YEAR / timeframe.duration_ms


def log_returns(close: FloatArray) -> FloatArray:
    """log(close[i] / close[i-1]); NaN on the first bar."""
    c = f64(close)
    r = nan_like(c)
    if len(c) > 1:
        r[1:] = np.log(c[1:] / c[:-1])
    return r


def trailing_volatility(close: FloatArray, n: int, per_year: float, min_bars: int = MIN_BARS) -> FloatArray:
    """Annualised standard deviation of the last `n` log returns at each bar (see the module)."""
    r = log_returns(close)
    r2 = r * r
    s1, s2 = rolling_sum(r, n), rolling_sum(r2, n)
    head = slice(1, min(len(r), n))  # bars with 1 .. n-1 returns behind them
    s1[head] = np.cumsum(r[head])
    s2[head] = np.cumsum(r2[head])
    m = np.minimum(np.arange(len(r)), n).astype(np.float64)  # returns in the window
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (s2 - s1 * s1 / m) / (m - 1.0)
        out = np.sqrt(np.maximum(var, 0.0)) * math.sqrt(per_year)
    out[m < min_bars] = np.nan
    return np.asarray(out, dtype=np.float64)


class VolatilityStream:
    """`trailing_volatility` one close at a time, equal to it over the whole history."""

    __slots__ = ("_close", "_count", "_h1", "_h2", "_root", "_s1", "_s2", "min_bars", "n")

    def __init__(self, n: int, per_year: float, min_bars: int = MIN_BARS) -> None:
        self.n, self.min_bars = n, min_bars
        self._root = math.sqrt(per_year)
        self._s1, self._s2 = BlockRollingSum(n), BlockRollingSum(n)
        self._h1 = self._h2 = 0.0  # running sums while fewer than n returns exist
        self._count = 0  # returns seen
        self._close = math.nan

    def warm(self, close: FloatArray) -> None:
        """Start over on the closes so far."""
        r = log_returns(close)
        self._s1.warm(r)
        self._s2.warm(r * r)
        self._count = max(len(r) - 1, 0)
        self._h1 = self._h2 = 0.0
        if 0 < self._count < self.n:
            self._h1 = float(np.cumsum(r[1:])[-1])
            self._h2 = float(np.cumsum(r[1:] * r[1:])[-1])
        self._close = float(close[-1]) if len(close) else math.nan

    def push(self, close: float) -> float:
        """Add the next close; the volatility at it."""
        r = math.nan
        if self._close == self._close:
            r = float(np.log(np.float64(close) / np.float64(self._close)))  # numpy's log, as the batch
        self._close = close
        r2 = r * r
        s1, s2 = self._s1.push(r), self._s2.push(r2)
        if r != r:
            return math.nan
        self._count += 1
        m = self._count
        if m < self.n:
            self._h1 += r
            self._h2 += r2
            s1, s2 = self._h1, self._h2
        else:
            m = self.n
        if m < self.min_bars:
            return math.nan
        fm = float(m)
        var = (s2 - s1 * s1 / fm) / (fm - 1.0)
        return math.sqrt(var if var > 0.0 else 0.0) * self._root


__all__ = [
    "MIN_BARS",
    "VOLATILITY_DAYS",
    "VolatilityStream",
    "bars_per_year",
    "log_returns",
    "trailing_volatility",
    "volatility_window",
]
