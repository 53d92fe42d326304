"""Time rules a series must meet before it enters the store: plausible epoch-ms open times and
spacing that matches the timeframe.

- every open time lies between 2000-01-01 and 2100-01-01 UTC; values that fit that range once
  multiplied by 1000 (or divided by 1000) are reported as "timestamps look like seconds"
  (or microseconds) so the user knows what to fix. Readers first pass the times through
  `to_epoch_ms` (`domain.timeframe`'s, the rule `parse_time` uses for --from/--to too), which
  reads plausible epoch seconds and microseconds as such;
- every open time is aligned to `Timeframe.floor` (1h candles open on the hour, 1w on Monday,
  1M on the 1st);
- every step between open times is a positive whole number of candles (gaps are fine: daily
  stock samples skip weekends; 1m bars labelled 1h are not).
"""

from __future__ import annotations

import numpy as np

from aitrader.data.errors import DataError
from aitrader.data.grid import floor_many
from aitrader.domain import Candles
from aitrader.domain.timeframe import MAX_EPOCH_MS, MIN_EPOCH_MS, format_ms, to_epoch_ms

__all__ = [
    "MAX_OPEN_MS",
    "MIN_OPEN_MS",
    "find_time_violation",
    "to_epoch_ms",
    "validate_times",
]

MIN_OPEN_MS = MIN_EPOCH_MS  # 2000-01-01 00:00 UTC
MAX_OPEN_MS = MAX_EPOCH_MS  # 2100-01-01 00:00 UTC
# `to_epoch_ms` (epoch seconds and microseconds as ms, by magnitude) is the domain's rule, which
# `parse_time` applies to --from/--to too; imported here for the readers


def _unit_hint(t: int) -> str:
    if MIN_OPEN_MS <= t * 1000 < MAX_OPEN_MS:
        return ": timestamps look like seconds (multiply by 1000 for epoch ms)"
    if MIN_OPEN_MS <= t // 1000 < MAX_OPEN_MS:
        return ": timestamps look like microseconds (divide by 1000 for epoch ms)"
    return ""


def find_time_violation(c: Candles) -> tuple[int, str] | None:
    """(0-based row, rule) of the first open time that breaks the rules above, or None."""
    t = c.open_time
    if len(t) == 0:
        return None
    out = np.flatnonzero((t < MIN_OPEN_MS) | (t >= MAX_OPEN_MS))
    if out.size:
        i = int(out[0])
        v = int(t[i])
        return i, (
            f"open time {v} is not a plausible epoch-ms time between 2000-01-01 and 2100-01-01"
            + _unit_hint(v)
        )
    tf = c.timeframe
    misaligned = np.flatnonzero(floor_many(tf, t) != t)
    step = np.diff(t)
    if tf.is_calendar:
        off_grid = np.empty(0, dtype=np.intp)
    else:
        off_grid = np.flatnonzero((step <= 0) | (step % tf.duration_ms != 0)) + 1
    first = min((int(a[0]) for a in (misaligned, off_grid) if a.size), default=None)
    if first is None:
        return None
    v = int(t[first])
    if misaligned.size and int(misaligned[0]) == first:
        return first, (
            f"open time {format_ms(v)} UTC is not on the {tf.value} grid (a {tf.value} candle opens at "
            f"{format_ms(tf.floor(v))}): is the timeframe right? pass --timeframe"
        )
    gap = int(step[first - 1])
    return first, (
        f"open time {format_ms(v)} UTC is {gap / 60_000:g} min after the row before, not a whole "
        f"number of {tf.value} candles: is the timeframe right? pass --timeframe"
    )


def validate_times(c: Candles, source: str = "", header_lines: int = 0) -> Candles:
    """Return `c` if its open times follow the rules; else raise `DataError` naming row and rule."""
    bad = find_time_violation(c)
    if bad is not None:
        i, rule = bad
        raise DataError(source or c.source or "<candles>", rule, row=i + 1, line=i + 1 + header_lines)
    return c
