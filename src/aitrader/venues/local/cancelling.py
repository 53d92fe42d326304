"""Cancels: one order, all open orders of a symbol, an order list (cancelling a leg cancels its list)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aitrader.venues.local import errors as errs
from aitrader.venues.local import views
from aitrader.venues.local.models import LocalOrder, LocalOrderList
from aitrader.venues.local.params import Params, client_id, int_opt, new_client_id, opt, symbol_param

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine


def find_order(eng: Engine, account: str, p: Params, for_cancel: bool) -> LocalOrder:
    """The order named by orderId and/or origClientOrderId (-2011 for cancels, -2013 for queries)."""
    symbol = symbol_param(p, eng.instruments)
    oid = int_opt(p, "orderId")
    cid = opt(p, "origClientOrderId")
    if oid is None and cid is None:
        raise errs.one_of("orderId", "origClientOrderId")
    missing = errs.cancel_unknown() if for_cancel else errs.no_such_order()
    if oid is not None:
        o = eng.book.orders.get(oid)
        if o is None or o.account != account or o.symbol != symbol:
            raise missing
        if cid is not None and o.client_order_id != cid:
            raise missing
        return o
    candidates = [
        o
        for o in eng.book.orders.values()
        if o.account == account and o.symbol == symbol and o.client_order_id == cid
    ]
    if not candidates:
        raise missing
    open_ones = [o for o in candidates if o.is_open]
    return (open_ones or candidates)[-1]


def cancel_order(eng: Engine, account: str, p: Params) -> dict[str, Any]:
    """DELETE /api/v3/order."""
    o = find_order(eng, account, p, for_cancel=True)
    restriction = opt(p, "cancelRestrictions")
    if restriction is not None and restriction not in ("ONLY_NEW", "ONLY_PARTIALLY_FILLED"):
        raise errs.BinanceError(-1145, "Invalid cancelRestrictions")
    if not o.is_open:
        raise errs.cancel_unknown()
    if restriction is not None and o.status != restriction.removeprefix("ONLY_"):
        raise errs.BinanceError(-2011, "Order was not canceled due to cancel restrictions.")
    cancel_id = client_id(p, "newClientOrderId") or new_client_id()
    if o.order_list_id >= 0:
        return _cancel_list(eng, eng.book.lists[o.order_list_id], cancel_id)
    now = eng.now()
    _cancel_one(eng, o, cancel_id, now)
    eng.book.settle_locks([o], now)
    eng.book.flush_positions(now)
    return views.cancel_report(o, cancel_id, now)


def _cancel_one(eng: Engine, o: LocalOrder, cancel_id: str, now: int) -> None:
    eng.book.finish(o, "CANCELED", now, "CANCELED", cancel_client_id=cancel_id)


def _cancel_list(eng: Engine, lst: LocalOrderList, cancel_id: str) -> dict[str, Any]:
    now = eng.now()
    orders = eng.book.list_orders(lst)
    for o in orders:
        if o.is_open:
            _cancel_one(eng, o, cancel_id, now)
    lst.list_status_type = lst.list_order_status = "ALL_DONE"
    eng.book.emit(lst.account, views.list_status_event(lst, orders, now))
    eng.book.settle_locks(orders, now)
    eng.book.flush_positions(now)
    out = views.list_summary(lst, orders)
    out["transactionTime"] = now
    out["orderReports"] = [views.cancel_report(o, cancel_id, now) for o in orders]
    return out


def cancel_order_list(eng: Engine, account: str, p: Params) -> dict[str, Any]:
    """DELETE /api/v3/orderList."""
    symbol = symbol_param(p, eng.instruments)
    lst = find_list(eng, account, p, symbol)
    if lst is None or lst.list_order_status == "ALL_DONE":
        raise errs.cancel_unknown()
    return _cancel_list(eng, lst, client_id(p, "newClientOrderId") or new_client_id())


def find_list(eng: Engine, account: str, p: Params, symbol: str | None) -> LocalOrderList | None:
    lid = int_opt(p, "orderListId")
    cid = opt(p, "listClientOrderId") or opt(p, "origClientOrderId")
    if lid is None and cid is None:
        raise errs.one_of("orderListId", "listClientOrderId")
    for lst in sorted(eng.book.lists.values(), key=lambda x: -x.order_list_id):
        if lst.account != account or (symbol is not None and lst.symbol != symbol):
            continue
        if (lid is not None and lst.order_list_id == lid) or (
            lid is None and lst.list_client_order_id == cid
        ):
            return lst
    return None


def cancel_open_orders(eng: Engine, account: str, p: Params) -> list[dict[str, Any]]:
    """DELETE /api/v3/openOrders: cancel reports and order-list objects, or -2011 if nothing is open."""
    symbol = symbol_param(p, eng.instruments)
    open_orders = sorted(eng.book.open_orders(account, symbol), key=lambda o: o.order_id)
    if not open_orders:
        raise errs.cancel_unknown()
    out: list[dict[str, Any]] = []
    done_lists: set[int] = set()
    now = eng.now()
    for o in open_orders:
        if o.order_list_id >= 0:
            if o.order_list_id not in done_lists:
                done_lists.add(o.order_list_id)
                out.append(_cancel_list(eng, eng.book.lists[o.order_list_id], new_client_id()))
            continue
        cancel_id = new_client_id()
        _cancel_one(eng, o, cancel_id, now)
        eng.book.settle_locks([o], now)
        out.append(views.cancel_report(o, cancel_id, now))
    eng.book.flush_positions(now)
    return out
