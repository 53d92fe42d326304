"""A user strategy's warm-up, derived when it does not declare one.

Run its `indicators` over a synthetic random walk (fixed seed: the same answer every time) and take
the first bar from which every indicator has a value. That is the indicators' lookback, what
TA-Lib, numpy rolling windows and pandas `.rolling` leave as NaN. Recursive indicators (EMA, RSI,
ATR) keep a fading memory beyond it; live trading recomputes them over a window of 1,000 bars more
than the warm-up, and a strategy that needs more declares `warmup = N`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles, Timeframe

TRIAL_LENGTHS = (2_000, 25_000)  # bars of the synthetic series tried in turn


def synthetic_candles(n: int, seed: int = 7) -> Candles:
    """A positive random walk with consistent OHLCV (open time from 2020-01-01, 1m bars)."""
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(rng.normal(0.0, 0.002, n)))
    open_ = np.concatenate(([100.0], close[:-1]))
    spread = np.abs(rng.normal(0.0, 0.001, n)) * close
    high = np.maximum(open_, close) + spread
    low = np.minimum(open_, close) - spread
    volume = rng.uniform(1.0, 100.0, n)
    times = 1_577_836_800_000 + np.arange(n, dtype=np.int64) * 60_000
    return Candles.from_arrays(
        times, open_, high, low, close, volume, symbol="SYNTHETIC", timeframe=Timeframe.M1
    )


def first_complete_row(columns: Mapping[str, npt.NDArray[Any]]) -> int | None:
    """The first row where every float column has had its first value (None if one never does):
    the longest leading run of NaN, i.e. the longest lookback."""
    start = 0
    for col in columns.values():
        if col.dtype == np.bool_:
            continue
        good = np.flatnonzero(np.isfinite(col))
        if not len(good):
            return None
        start = max(start, int(good[0]))
    return start


def derive_warmup(name: str, columns_of: Callable[[Candles], Mapping[str, npt.NDArray[Any]]]) -> int:
    """Bars a decision needs: the first complete row + 1 (at least 2, so a cross can be seen)."""
    for n in TRIAL_LENGTHS:
        row = first_complete_row(columns_of(synthetic_candles(n)))
        if row is not None and row < n // 2:
            return max(row + 1, 2)
    raise ValueError(
        f"{name}: some indicator still has no value after {TRIAL_LENGTHS[-1]:,} bars; "
        "declare the warm-up on the class, e.g. warmup = 500"
    )


__all__ = ["derive_warmup", "first_complete_row", "synthetic_candles"]
