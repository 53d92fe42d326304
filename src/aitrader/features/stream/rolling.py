"""Rolling windows over a stream, equal bit for bit to the batch functions over the whole series.

- `BlockRollingSum` mirrors `_arrays.rolling_sum` (and so `rolling_mean`, `realized_volatility`, the
  regime's liquidity inputs): window sums from prefix sums that restart every block of
  B = max(128, 2n) values counted from the first non-NaN value. The rounding of a window therefore
  depends on where it sits relative to those blocks; keeping the current and previous block's prefix
  sums and forming each window with the same operations in the same order gives the same double.
- `RollingRank` mirrors `percentile.rolling_percentile_rank`.
- `RelativeVolume` mirrors `indicators.relative_volume`; `Lag` is `kit.prev` / `_arrays.shift`.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from aitrader.features._arrays import FloatArray, check_period, f64

NAN = math.nan


class BlockRollingSum:
    """Sum of the last `n` values (NaN until n values from the first non-NaN one)."""

    __slots__ = ("_count", "_cur", "_first", "_prev", "_x", "block", "last", "n")

    def __init__(self, n: int) -> None:
        check_period("window", n)
        self.n = n
        self.block = max(128, 2 * n)
        self.last = NAN  # the sum at the last value seen
        self._count = 0  # values seen
        self._first = -1  # index of the first non-NaN value (-1: none yet)
        self._cur: list[float] = []  # prefix sums of the block being filled
        self._prev: list[float] = []  # prefix sums of the block before it
        self._x = NAN  # the last value itself (the window when n == 1)

    def warm(self, x: FloatArray) -> float:
        """Start over on the series `x`; the sum at its last value."""
        v = f64(x)
        self._count, self._cur, self._prev, self.last = len(v), [], [], NAN
        self._x = float(v[-1]) if len(v) else NAN
        nan = np.isnan(v)
        self._first = -1 if nan.all() else int(np.argmin(nan))
        if self._first < 0:
            return NAN
        if nan[self._first :].any():
            raise ValueError("a NaN after the first value: the batch rolling_sum takes its slow path there")
        p = len(v) - 1 - self._first  # position of the last value counted from the first
        start = self._first + p // self.block * self.block  # where the last value's block starts
        self._cur = np.cumsum(v[start:]).tolist()
        if start - self.block >= self._first:
            self._prev = np.cumsum(v[start - self.block : start]).tolist()
        self.last = self._window(p)
        return self.last

    def push(self, x: float) -> float:
        """Add a value; the sum of the last `n` values."""
        i = self._count
        self._count = i + 1
        if self._first < 0:
            if x != x:  # NaN before the first value: still warming
                return NAN
            self._first = i
        elif x != x:
            raise ValueError("a NaN after the first value: the batch rolling_sum takes its slow path there")
        self._x = x
        p = i - self._first
        if p % self.block == 0:
            if p:
                self._prev = self._cur
            self._cur = [x]
        else:
            self._cur.append(self._cur[-1] + x)
        self.last = self._window(p)
        return self.last

    def _window(self, p: int) -> float:
        n, cur = self.n, self._cur
        j = p % self.block
        if p < n - 1:
            return NAN
        if n == 1:  # rolling_sum returns the values themselves
            return self._x
        if j >= n:
            return cur[j] - cur[j - n]
        if p < self.block:  # the first window of the first block: the prefix itself
            return cur[j]
        prev = self._prev
        return (cur[j] - prev[j - n + self.block]) + prev[-1]


class RollingRank:
    """Share (0..1) of x[i-step], x[i-2*step], ..., x[i-lookback] below x[i] (NaN until lookback bars
    after the first non-NaN value, or where x[i] or a sample is NaN)."""

    __slots__ = ("_count", "_first", "_hist", "lookback", "samples", "step")

    def __init__(self, lookback: int, step: int) -> None:
        check_period("percentile lookback", lookback)
        check_period("percentile step", step)
        if lookback % step:
            raise ValueError(f"lookback ({lookback}) must be a multiple of step ({step})")
        self.lookback, self.step, self.samples = lookback, step, lookback // step
        self._count = 0
        self._first = -1
        self._hist: list[float] = []  # the last lookback + 1 values (at most twice that, trimmed in bulk)

    def warm(self, x: FloatArray) -> None:
        """Start over on the series `x` (its ranks are the batch function's)."""
        v = f64(x)
        nan = np.isnan(v)
        self._count = len(v)
        self._first = -1 if nan.all() else int(np.argmin(nan))
        self._hist = v[-(self.lookback + 1) :].tolist()

    def push(self, x: float) -> float:
        """Add a value; its rank among the sampled past values."""
        i = self._count
        self._count = i + 1
        hist = self._hist
        hist.append(x)
        if len(hist) > 2 * (self.lookback + 1):
            del hist[: len(hist) - (self.lookback + 1)]
        if self._first < 0:
            if x != x:
                return NAN
            self._first = i
        if i < self._first + self.lookback or x != x:
            return NAN
        below = 0
        step = self.step
        for k in range(1, self.samples + 1):
            y = hist[-1 - k * step]
            if y != y:
                return NAN
            below += y < x
        return below / self.samples


class RelativeVolume:
    """Volume over the mean volume of the n bars before it (NaN where that mean is 0 or unknown)."""

    __slots__ = ("_sums", "n")

    def __init__(self, n: int) -> None:
        check_period("relative volume period", n)
        self.n = n
        self._sums = BlockRollingSum(n)

    def warm(self, volume: FloatArray) -> None:
        self._sums.warm(volume)

    def push(self, volume: float) -> float:
        before = self._sums.last  # sum of the n volumes before this one
        self._sums.push(volume)
        base = before / self.n
        if base != base or base == 0:
            return NAN
        return volume / base


class Lag:
    """The value pushed `k` bars ago (NaN for the first k)."""

    __slots__ = ("_ring", "k")

    def __init__(self, k: int = 1) -> None:
        check_period("lag", k)
        self.k = k
        self._ring: deque[float] = deque([NAN] * (k + 1), maxlen=k + 1)

    def warm(self, x: FloatArray) -> None:
        tail = f64(x)[-(self.k + 1) :].tolist()
        self._ring = deque([NAN] * (self.k + 1 - len(tail)) + tail, maxlen=self.k + 1)

    def push(self, x: float) -> float:
        self._ring.append(x)
        return self._ring[0]

    @property
    def current(self) -> float:
        """The value `k` bars before the last one pushed."""
        return self._ring[0]


__all__ = ["BlockRollingSum", "Lag", "RelativeVolume", "RollingRank"]
