"""The jump loop's search: the first bar whose range reaches a resting order's trigger level."""

from __future__ import annotations

import numpy as np

from aitrader.domain.candles import FloatArray


def first_bar_reaching(
    high_view: memoryview,
    low_view: memoryview,
    high: FloatArray,
    low: FloatArray,
    start: int,
    stop: int,
    low_level: float,
    high_level: float,
) -> int:
    """First bar in [start, stop) with low <= `low_level` or high >= `high_level`, else `stop`.

    An absent side's level is -inf / +inf (its test is always False). The next event is usually a
    few dozen bars away: the first bars are looked at in Python (a numpy call costs as much as ~50
    bars scanned that way, through the memoryviews), the rest searched in growing vectorised chunks.
    """
    j = min(stop, start + 48)
    for k in range(start, j):
        if low_view[k] <= low_level or high_view[k] >= high_level:
            return k
    chunk = 64
    while j < stop:
        e = min(stop, j + chunk)
        if high_level == np.inf:
            hit = np.flatnonzero(low[j:e] <= low_level)
        elif low_level == -np.inf:
            hit = np.flatnonzero(high[j:e] >= high_level)
        else:
            hit = np.flatnonzero((low[j:e] <= low_level) | (high[j:e] >= high_level))
        if hit.size:
            return j + int(hit[0])
        j, chunk = e, chunk * 4
    return stop
