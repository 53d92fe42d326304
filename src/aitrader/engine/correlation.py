"""Return correlation between two symbols the kernel trades, for the gate's correlated-exposure rule.

Both series are cut at the decision time (bars closed by then; a backtest's lanes hold the whole
history), matched on open time (a bar one symbol lacks is left out of both), and turned into log
returns of consecutive matched closes; the Pearson correlation of the last `window` of them is the
answer. Fewer than `MIN_RETURNS` matched returns give no figure (the rule then does not count the
pair as correlated, and says nothing about it).
"""

from __future__ import annotations

from collections.abc import Mapping

import msgspec
import numpy as np

from aitrader.engine.lane import Lane
from aitrader.risk.account import AccountState

MIN_RETURNS = 10


def return_correlation(a: Lane, b: Lane, until_ms: int, window: int) -> float | None:
    """Correlation of `a`'s and `b`'s log returns over their last `window` matched bars closed at
    or before `until_ms`; None when there are too few."""
    series = []
    for lane in (a, b):
        end = lane.visible(until_ms) + 1
        if end <= 1:
            return None
        begin = max(0, end - 2 * (window + 1))  # enough rows for `window` matches over small gaps
        c = lane.candles
        series.append((c.open_time[begin:end], c.close[begin:end]))
    (ta, ca), (tb, cb) = series
    _, ia, ib = np.intersect1d(ta, tb, assume_unique=True, return_indices=True)
    ia, ib = ia[-(window + 1) :], ib[-(window + 1) :]
    if len(ia) < MIN_RETURNS + 1:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        ra = np.diff(np.log(ca[ia]))
        rb = np.diff(np.log(cb[ib]))
        if not (np.isfinite(ra).all() and np.isfinite(rb).all()) or ra.std() == 0 or rb.std() == 0:
            return None
        r = float(np.corrcoef(ra, rb)[0, 1])
    return r if np.isfinite(r) else None


def with_correlations(
    state: AccountState, lane: Lane, lanes: Mapping[str, Lane], now_ms: int, window: int
) -> AccountState:
    """`state` with the return correlation of `lane`'s symbol with each other symbol it holds."""
    found: dict[str, float] = {}
    for position in state.positions:
        other = lanes.get(position.symbol)
        if other is not None and other is not lane:
            r = return_correlation(lane, other, now_ms, window)
            if r is not None:
                found[position.symbol] = round(r, 4)
    return msgspec.structs.replace(state, correlations=found)
