"""`TalibHandle`: a `talib.stream` handle that opens as soon as its history is long enough.

TA-Lib (>= 0.8) ships streaming handles that carry the C recursion state of an indicator (EMA, RSI,
ATR, ADX, MACD, BBANDS, MAX, ...) and answer each closed bar with the value the batch function gives
over the whole history, bit for bit, in well under a microsecond. A handle cannot open on fewer than
its lookback + 1 bars; the batch value is NaN there, and so is ours: the inputs are kept and the
handle opens on the first bar TA-Lib accepts, its value then being the batch value at that bar.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import talib

from aitrader.features._arrays import FloatArray, f64

# raised when a handle is opened on too short a history (exported by talib, not declared in its stubs)
INSUFFICIENT_HISTORY: type[Exception] = talib.InsufficientHistory  # type: ignore[attr-defined]


class TalibHandle:
    """One TA-Lib indicator over a stream; `update` returns its outputs (a tuple, NaNs before warm-up)."""

    __slots__ = ("_handle", "_history", "_kind", "_nan", "_params", "_update")

    def __init__(self, kind: Callable[..., Any], outputs: int = 1, **params: Any) -> None:
        """`kind`: a `talib.stream` class (e.g. `talib.stream.EMA`); `params`: its keyword parameters."""
        self._kind = kind
        self._params = params
        self._nan = (math.nan,) * outputs
        self._handle: Any = None
        self._update: Callable[..., Any] | None = None
        self._history: list[list[float]] = []

    def warm(self, *inputs: FloatArray) -> tuple[float, ...]:
        """Start over on `inputs` (the whole history so far); the outputs at its last bar."""
        self._handle, self._update, self._history = None, None, []
        return self._open([f64(a) for a in inputs])

    def update(self, *values: float) -> tuple[float, ...]:
        """Advance by one closed bar; its outputs."""
        if self._update is not None:
            out = self._update(*values)
            return out if type(out) is tuple else (out,)
        if not self._history:
            self._history = [[] for _ in values]
        for column, v in zip(self._history, values, strict=True):
            column.append(v)
        return self._open([np.asarray(column, dtype=np.float64) for column in self._history])

    @property
    def value(self) -> tuple[float, ...]:
        """The outputs at the last bar seen."""
        if self._handle is None:
            return self._nan
        out = self._handle.value
        return out if type(out) is tuple else (out,)

    def _open(self, inputs: list[FloatArray]) -> tuple[float, ...]:
        try:
            handle = self._kind(*inputs, **self._params)
        except INSUFFICIENT_HISTORY:
            if not self._history:
                self._history = [a.tolist() for a in inputs]
            return self._nan
        self._handle, self._update, self._history = handle, handle.update, []
        return self.value


__all__ = ["TalibHandle"]
