"""Resting orders against each replayed tick: triggers, fills, and OCO legs cancelling each other."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from aitrader.domain import OrderType
from aitrader.domain.decimals import to_decimal
from aitrader.execution.matching import Bar, Match, MatchOrder, match_on_bar, oco_winner
from aitrader.venues.local import views
from aitrader.venues.local.models import LocalOrder, LocalOrderList
from aitrader.venues.local.placing import slipped
from aitrader.venues.local.tape import Tick

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine

_MARKET_TRIGGERED = (OrderType.STOP_LOSS, OrderType.TAKE_PROFIT)
_STOPS = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)


def _match(o: LocalOrder, seg: Bar[Decimal]) -> Match[Decimal] | None:
    mo = MatchOrder(o.side, o.type, o.price if o.type.has_price else None, o.stop_price, o.triggered)
    return match_on_bar(mo, seg, arriving=False)


def _apply(eng: Engine, o: LocalOrder, m: Match[Decimal], now: int) -> None:
    if m.triggered and o.type.is_triggered and not o.triggered:
        o.triggered = True
        o.working_time = now
        o.update_time = now
    if m.filled and m.price is not None:
        price = slipped(eng, o.symbol, m.price, o.side) if o.type in _MARKET_TRIGGERED else m.price
        qty = o.orig_qty - o.executed_qty
        cap = eng.config.resting_fill_qty
        if cap > 0 and m.is_maker:  # a thin book: part now, the rest on later ticks
            qty = min(qty, eng.instruments[o.symbol].round_qty(to_decimal(cap))) or qty
        eng.book.fill(o, price, qty, m.is_maker, now)


def on_tick(eng: Engine, tick: Tick) -> None:
    """Match every open order of `tick.symbol` on the tick's monotonic segment."""
    book = eng.book
    open_orders = book.open_orders(None, tick.symbol)
    if not open_orders:
        return
    seen: set[int] = set()
    for o in open_orders:
        if not o.is_open:
            continue
        if o.order_list_id >= 0:
            if o.order_list_id not in seen:
                seen.add(o.order_list_id)
                _on_list(eng, book.lists[o.order_list_id], tick)
            continue
        m = _match(o, tick.segment)
        if m is not None:
            _apply(eng, o, m, tick.time)
            book.settle_locks([o], tick.time)
    book.flush_positions(tick.time)


def _on_list(eng: Engine, lst: LocalOrderList, tick: Tick) -> None:
    book = eng.book
    orders = book.list_orders(lst)
    legs = [o for o in orders if o.is_open]
    now = tick.time
    if len(legs) == 2:
        stop = next(o for o in legs if o.type in _STOPS)
        other = next(o for o in legs if o is not stop)
        ms, mo = _match(stop, tick.segment), _match(other, tick.segment)
        winner = oco_winner(ms, mo)
        if winner is None:
            fired = (
                stop
                if ms is not None and ms.triggered
                else other
                if mo is not None and mo.triggered
                else None
            )
            if fired is None:
                return
            m = ms if fired is stop else mo
            assert m is not None
            _expire_leg(eng, other if fired is stop else stop, now)
            _apply(eng, fired, m, now)
        else:
            win, lose, m = (stop, other, ms) if winner == "stop" else (other, stop, mo)
            assert m is not None
            _expire_leg(eng, lose, now)
            _apply(eng, win, m, now)
    elif len(legs) == 1:
        m = _match(legs[0], tick.segment)
        if m is None:
            return
        _apply(eng, legs[0], m, now)
    if all(not o.is_open for o in orders) and lst.list_order_status != "ALL_DONE":
        lst.list_status_type = lst.list_order_status = "ALL_DONE"
        book.emit(lst.account, views.list_status_event(lst, orders, now))
    book.settle_locks(orders, now)


def _expire_leg(eng: Engine, o: LocalOrder, now: int) -> None:
    if o.is_open:
        eng.book.finish(o, "EXPIRED", now, "EXPIRED")
