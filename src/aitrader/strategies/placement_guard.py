"""The placement condition: a strategy proposes an entry only when its stop and targets are sane.

The placement helpers (`aitrader.risk.placement`) do plain arithmetic: a short's reward:risk target
is ``entry - m * risk``, which is at or below zero once the stop is more than ``entry / m`` away
(BTCUSDT 1h on 2018-01-16 21:00: ATR 661 on a 10,049 close, a 5-ATR stop and a 3.5R target give
-1,524.90); a long's stop goes negative the same way, and a zero ATR makes them raise. An `Enter`
with such a price is refused by its own constructor, so without this check the strategy would crash
the kernel on that bar.

`guard_columns` runs the strategy's own `_stop`/`_targets` (the very code `enter` runs) on each
bar where the side's market conditions hold (every condition but the two plan guards) and records
whether the plan is valid: stop and every target positive and finite, the stop on the losing side of
the entry, every target on the winning side. It becomes the `long_placement`/`short_placement` entry
condition, so the entry masks (and the skip contract) exclude such bars, and `explain`/`decide` name
it when it fails. The same plan also decides the cost condition (`cost_guard`: `long_costs`,
`short_costs`) where it is valid. On bars where the market conditions do not all hold there is no
plan to check and both columns are True (and the cost column is True where the plan is invalid:
the placement condition already refuses it).
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
from aitrader.strategies.cost_guard import COSTS, Costs

PLACEMENT = (
    "placement",
    "placement: stop and targets are positive prices on the right sides of a {side} entry",
)


GUARDS = frozenset({PLACEMENT[0], COSTS[0]})  # conditions on the plan, not on the market


class _Placer(Protocol):
    @property
    def conditions(self) -> tuple[tuple[str, str], ...]: ...

    @property
    def costs(self) -> Costs: ...

    def _stop(self, view: MarketView, side: Side) -> float: ...

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]: ...


def plan_is_valid(entry: float, side: Side, stop: float, targets: Sequence[Target]) -> bool:
    """Positive finite entry, stop and targets; stop on the losing side, targets on the winning side."""
    sign = side.sign
    prices = (entry, stop, *(t.price for t in targets))
    if not targets or not all(math.isfinite(p) and p > 0 for p in prices):
        return False
    return (entry - stop) * sign > 0 and all((t.price - entry) * sign > 0 for t in targets)


def market_keys(strategy: _Placer) -> tuple[str, ...]:
    """The strategy's conditions on the market: every one but the plan guards."""
    return tuple(key for key, _ in strategy.conditions if key not in GUARDS)


def guard_columns(
    strategy: _Placer, candles: Candles, cols: Mapping[str, npt.NDArray[Any]]
) -> dict[str, npt.NDArray[np.bool_]]:
    """`long_placement`, `short_placement`, `long_costs`, `short_costs`: False where that side's plan
    would be invalid, or would not earn its costs."""
    n = len(candles)
    features = Features(candles, dict(cols))
    out: dict[str, npt.NDArray[np.bool_]] = {}
    keys = market_keys(strategy)
    for prefix, side in (("long", Side.BUY), ("short", Side.SELL)):
        others = np.ones(n, dtype=bool)
        for key in keys:
            others &= np.asarray(cols[f"{prefix}_{key}"], dtype=bool)
        valid = np.ones(n, dtype=bool)
        paid = np.ones(n, dtype=bool)
        for i in np.flatnonzero(others):
            valid[i], paid[i] = plan_guards(strategy, MarketView(features, int(i)), side)
        out[f"{prefix}_placement"] = valid
        out[f"{prefix}_costs"] = paid
    return out


def plan_guards(strategy: _Placer, view: MarketView, side: Side) -> tuple[bool, bool]:
    """(placement, costs) for the plan `strategy` would propose on `side` at this bar: whether it is
    valid (`plan_is_valid`), and whether it earns its costs (True where it is invalid)."""
    plan = planned(strategy, view, side)
    if plan is None:
        return False, True
    return True, strategy.costs.hold(view.close, plan[1])


def planned(strategy: _Placer, view: MarketView, side: Side) -> tuple[float, tuple[Target, ...]] | None:
    """The (stop, targets) `strategy` would propose on `side` at this bar; None when invalid."""
    try:
        stop = strategy._stop(view, side)
        targets = strategy._targets(view, side, stop)
    except ValueError:  # a helper refused its inputs (zero ATR, stop equal to the entry)
        return None
    return (stop, targets) if plan_is_valid(view.close, side, stop, targets) else None
