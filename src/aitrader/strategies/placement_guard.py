"""The placement condition: a strategy proposes an entry only when its stop and targets are sane.

The placement helpers (`aitrader.risk.placement`) do plain arithmetic: a short's reward:risk target
is ``entry - m * risk``, which is at or below zero once the stop is more than ``entry / m`` away
(BTCUSDT 1h on 2018-01-16 21:00: ATR 661 on a 10,049 close, a 5-ATR stop and a 3.5R target give
-1,524.90); a long's stop goes negative the same way, and a zero ATR makes them raise. An `Enter`
with such a price is refused by its own constructor, so without this check the strategy would crash
the kernel on that bar.

`placement_columns` runs the strategy's own `_stop`/`_targets` (the very code `enter` runs) on each
bar where the side's other entry conditions hold and records whether the plan is valid: stop and
every target positive and finite, the stop on the losing side of the entry, every target on the
winning side. It becomes the `long_placement`/`short_placement` entry condition, so the entry masks
(and the skip contract) exclude such bars, and `explain`/`decide` name it when it fails. On bars
where the other conditions do not all hold there is no plan to check and the column is True.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from aitrader.domain import Candles, Side
from aitrader.domain.proposal import Target
from aitrader.strategies.base import Features, MarketView

PLACEMENT = (
    "placement",
    "placement: stop and targets are positive prices on the right sides of a {side} entry",
)


class _Placer(Protocol):
    @property
    def conditions(self) -> tuple[tuple[str, str], ...]: ...

    def _stop(self, view: MarketView, side: Side) -> float: ...

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]: ...


def plan_is_valid(entry: float, side: Side, stop: float, targets: Sequence[Target]) -> bool:
    """Positive finite entry, stop and targets; stop on the losing side, targets on the winning side."""
    sign = side.sign
    prices = (entry, stop, *(t.price for t in targets))
    if not targets or not all(math.isfinite(p) and p > 0 for p in prices):
        return False
    return (entry - stop) * sign > 0 and all((t.price - entry) * sign > 0 for t in targets)


def placement_columns(
    strategy: _Placer, candles: Candles, cols: Mapping[str, npt.NDArray[Any]]
) -> dict[str, npt.NDArray[np.bool_]]:
    """`long_placement` and `short_placement`: False where that side's plan would be invalid."""
    n = len(candles)
    features = Features(candles, dict(cols))
    out: dict[str, npt.NDArray[np.bool_]] = {}
    for prefix, side in (("long", Side.BUY), ("short", Side.SELL)):
        others = np.ones(n, dtype=bool)
        for key, _ in strategy.conditions:
            if key != PLACEMENT[0]:
                others &= np.asarray(cols[f"{prefix}_{key}"], dtype=bool)
        valid = np.ones(n, dtype=bool)
        for i in np.flatnonzero(others):
            valid[i] = placement_holds(strategy, MarketView(features, int(i)), side)
        out[f"{prefix}_placement"] = valid
    return out


def placement_holds(strategy: _Placer, view: MarketView, side: Side) -> bool:
    """Whether the plan `strategy` would propose on `side` at this bar is valid (see `plan_is_valid`)."""
    try:
        stop = strategy._stop(view, side)
        targets = strategy._targets(view, side, stop)
    except ValueError:  # a helper refused its inputs (zero ATR, stop equal to the entry)
        return False
    return plan_is_valid(view.close, side, stop, targets)
