"""What a user strategy's indicators need, measured once per parameter set on a synthetic series.

Three questions, answered by running `indicators` over a random walk (fixed seed: the same answer
every time) at the strategy's own timeframe:

- **warm-up**: the first bar where every indicator has a value (what TA-Lib, numpy rolling windows
  and pandas `.rolling` leave as NaN). No decision happens before it.
- **history**: how many trailing bars give the last bar the same indicator values as the whole
  history (to 1e-9, relative). Recursive indicators (EMA, RSI, ATR, `ewm`) keep a fading memory
  well beyond their warm-up: live trading recomputes them over a trailing window of at least this
  many bars, and a backtest from `--from` loads this many bars before it, so both decide as a
  backtest over the whole history does. Running totals (`cummax`, `cumsum`) never converge: such a
  strategy must declare `history_bars = N`, accepting that its live values differ.
- **look-ahead**: values on a prefix of the series must equal the full series' values on the same
  bars; an indicator that changes when later bars arrive (`shift(-1)`, centred windows) is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles, Timeframe

TRIAL_LENGTHS = (2_000, 25_000)  # bars of the synthetic series tried in turn
TOLERANCE = 1e-9  # relative agreement that counts as the same value

Columns = Mapping[str, npt.NDArray[Any]]


class IndicatorError(ValueError):
    """An indicator looks ahead, never gets a value, or never forgets the past."""


@dataclass(frozen=True, slots=True)
class Needs:
    warmup: int  # bars a decision needs (the first decision is on bar warmup - 1)
    history: int  # trailing bars that reproduce the full history's values on the last bar


def synthetic_candles(n: int, timeframe: Timeframe = Timeframe.M1, seed: int = 7) -> Candles:
    """A positive random walk with consistent OHLCV, open times from 2020-01-01 at `timeframe`."""
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(rng.normal(0.0, 0.002, n)))
    open_ = np.concatenate(([100.0], close[:-1]))
    spread = np.abs(rng.normal(0.0, 0.001, n)) * close
    high = np.maximum(open_, close) + spread
    low = np.minimum(open_, close) - spread
    volume = rng.uniform(1.0, 100.0, n)
    step = timeframe.duration_ms if not timeframe.is_calendar else Timeframe.D1.duration_ms
    times = 1_577_836_800_000 + np.arange(n, dtype=np.int64) * step
    return Candles.from_arrays(
        times, open_, high, low, close, volume, symbol="SYNTHETIC", timeframe=timeframe
    )


def first_complete_row(columns: Columns) -> int | None:
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


def _same(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Element-wise: both NaN, or equal to TOLERANCE relative (booleans exactly)."""
    if a.dtype == np.bool_ or b.dtype == np.bool_:
        return np.asarray(a == b)
    x, y = a.astype(np.float64), b.astype(np.float64)
    both_nan = np.isnan(x) & np.isnan(y)
    with np.errstate(invalid="ignore"):
        close = np.abs(x - y) <= TOLERANCE * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
    return both_nan | close


def _look_ahead(name: str, full: Columns, prefix: Columns, start: int) -> None:
    n = len(next(iter(prefix.values()))) if prefix else 0
    for key, col in prefix.items():
        same = _same(col[start:n], full[key][start:n])
        if not same.all():
            bar = start + int(np.flatnonzero(~same)[0])
            raise IndicatorError(
                f"{name}: indicator {key!r} at bar {bar} changes when later bars are added, so it looks "
                "ahead (shift(-1), centred windows, whole-series normalisation...): use past bars only"
            )


def _history(
    name: str, columns_of: Callable[[Candles], Columns], candles: Candles, full: Columns, start: int
) -> int:
    """The smallest trailing length (doubling from the warm-up) whose last row equals the full one's."""
    n = len(candles)
    length = max(start + 1, 2)
    while length <= n:
        tail = columns_of(candles.slice(n - length, n))
        if all(bool(_same(tail[k][-1:], full[k][-1:]).all()) for k in full):
            return length
        length *= 2
    raise IndicatorError(
        f"{name}: an indicator never forgets the past (a running total such as cummax or cumsum: its last "
        f"value still depends on bars more than {n:,} back); declare history_bars = N on the class to say "
        "how much history live trading recomputes it over (live values then differ from a backtest's)"
    )


def measure(
    name: str,
    columns_of: Callable[[Candles], Columns],
    timeframe: Timeframe,
    declared_warmup: int = 0,
    declared_history: int = 0,
) -> Needs:
    """Warm-up and history of a strategy whose indicators `columns_of` computes (see the module
    doc); a declared value (> 0) is taken as it is, the look-ahead check always runs."""
    for n in TRIAL_LENGTHS:
        candles = synthetic_candles(n, timeframe)
        full = columns_of(candles)
        row = first_complete_row(full)
        if declared_warmup > 0:
            row = min(declared_warmup - 1, n // 4)
        elif row is None or row >= n // 2:
            continue
        warmup = declared_warmup if declared_warmup > 0 else max(row + 1, 2)
        _look_ahead(name, full, columns_of(candles.slice(0, n * 3 // 4)), row)
        if declared_history > 0:
            return Needs(warmup, max(declared_history, warmup))
        try:
            history = _history(name, columns_of, candles, full, row)
        except IndicatorError:
            if n != TRIAL_LENGTHS[-1]:
                continue  # a longer series may show it converging
            raise
        return Needs(warmup, max(history, warmup))
    raise IndicatorError(
        f"{name}: some indicator still has no value after {TRIAL_LENGTHS[-1]:,} bars; "
        "declare the warm-up on the class, e.g. warmup = 500"
    )


__all__ = ["IndicatorError", "Needs", "first_complete_row", "measure", "synthetic_candles"]
