"""`ColumnTail`: the last rows of a `Features` (candles and columns), extended one row at a time.

A stream hands out a `Features` per candle; building it must not copy the history. Rows live in
preallocated arrays and each `Features` is a set of views over the last `rows` of them. The arrays
are append-only: a row, once written and handed out, is never written again; when they fill up,
the last rows are copied into new arrays and the old ones are left to the views that still use
them. So every `Features` returned stays valid and unchanged after later pushes, at O(1) amortised
cost per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles
from aitrader.domain.candles import COLUMNS
from aitrader.features.stream import Bar
from aitrader.strategies.base import Features


class ColumnTail:
    """The last `rows` rows of a feature table and of its candles."""

    def __init__(self, features: Features, rows: int) -> None:
        if rows < 1:
            raise ValueError(f"a tail holds at least one row, got {rows}")
        c = features.candles
        self.rows = rows
        self.symbol, self.timeframe, self.source = c.symbol, c.timeframe, c.source
        self._capacity = max(2 * rows, 64)
        keep = min(len(c), rows)
        self._end = keep
        self._candle_arrays = tuple(self._fresh(getattr(c, name), keep) for name in COLUMNS)
        self._cols = {name: self._fresh(col, keep) for name, col in features.columns.items()}

    def _fresh(self, col: npt.NDArray[Any], keep: int) -> npt.NDArray[Any]:
        """A new buffer of `col`'s dtype holding its last `keep` values."""
        arr = np.empty(self._capacity, dtype=col.dtype)
        arr[:keep] = col[len(col) - keep :]
        return arr

    def __len__(self) -> int:
        return min(self._end, self.rows)

    def append(self, bar: Bar) -> None:
        """Start a new row with the candle `bar` (its feature cells are written by `write`)."""
        if self._end == self._capacity:
            self._move()
        i = self._end
        for arr, value in zip(self._candle_arrays, bar, strict=True):
            arr[i] = value
        self._end = i + 1

    def write(self, row: Mapping[str, npt.NDArray[Any]]) -> None:
        """Set the last row's cells from one-row columns."""
        i = self._end - 1
        cols = self._cols
        for name, col in row.items():
            cols[name][i] = col[0]

    def last_candle(self) -> Candles:
        """The last row's candle as a one-row series (views)."""
        i = self._end - 1
        return self._candles(i, i + 1)

    def features(self) -> Features:
        """The retained rows as a `Features` (views; later appends never change them)."""
        start = max(0, self._end - self.rows)
        end = self._end
        return Features(self._candles(start, end), {name: a[start:end] for name, a in self._cols.items()})

    def _candles(self, start: int, end: int) -> Candles:
        t, o, h, lo, c, v = (a[start:end] for a in self._candle_arrays)
        return Candles(t, o, h, lo, c, v, self.symbol, self.timeframe, self.source)

    def _move(self) -> None:
        keep = self.rows - 1  # the row about to be appended makes it `rows`
        end = self._end
        self._candle_arrays = tuple(self._fresh(a[:end], keep) for a in self._candle_arrays)
        self._cols = {name: self._fresh(a[:end], keep) for name, a in self._cols.items()}
        self._end = keep


__all__ = ["ColumnTail"]
