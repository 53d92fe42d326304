"""The simulator's small rules about one order and one bar (pure functions, float prices)."""

from __future__ import annotations

from aitrader.domain.enums import OrderType, Side
from aitrader.execution.matching import Bar, trigger_reached
from aitrader.execution.sim_order import SimOrder


def reaches(o: SimOrder, bar: Bar[float]) -> bool:
    """Whether `bar` reaches the price at which `o` would do anything (no level: always).

    The open counts too: matching fires on it, and unvalidated data may put it outside low..high.
    """
    level = o.level
    if level is None:
        return True
    fires_on_low, price = level
    return min(bar.low, bar.open) <= price if fires_on_low else max(bar.high, bar.open) >= price


def after_fill(bar: Bar[float], side: Side, fill_price: float) -> Bar[float]:
    """The part of `bar` that orders sent on a fill at `fill_price` can still meet.

    After a fill at the open, the whole bar. After a fill inside the bar (a resting limit or a
    stop), the order of the remaining prices is unknown, so only the adverse side counts: from
    the fill price, a long's protection (SELL orders) may see the bar's low but no higher price,
    a short's (BUY orders) its high but no lower one. Targets then wait for the next bar.
    """
    p = fill_price
    if p == bar.open:
        return bar
    if side is Side.SELL:
        return Bar(p, p, min(bar.low, p), p)
    return Bar(p, max(bar.high, p), p, p)


def arrival_refusal(o: SimOrder, bar: Bar[float]) -> str:
    """Why Binance refuses `o` arriving at `bar`'s open ("" if it does not): a LIMIT_MAKER that
    would take, a trigger order that would fire at once."""
    m = o.match
    if o.type is OrderType.LIMIT_MAKER and m.price is not None:
        crosses = bar.open <= m.price if o.side is Side.BUY else bar.open >= m.price
        return "Order would immediately match and take." if crosses else ""
    if (
        o.type.is_triggered
        and m.stop_price is not None
        and trigger_reached(o.type, o.side, m.stop_price, bar.open)
    ):
        return "Order would trigger immediately."
    return ""
