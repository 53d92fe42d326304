"""What a request or a fill looks like to the hooks: its kind, the client ids it names, side and types.

Cancels name the ids of what they will cancel (looked up in the book, as the cancel itself will), so
a hook can match "the bot's OCO list" whether the client cancels by id or by client id.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aitrader.venues.local import cancelling
from aitrader.venues.local.errors import BinanceError
from aitrader.venues.local.hooks import HookEvent
from aitrader.venues.local.models import LocalOrder

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine

Params = Mapping[str, str]
_LIST_IDS = ("listClientOrderId", "aboveClientOrderId", "belowClientOrderId", "limitClientOrderId",
             "stopClientOrderId")  # fmt: skip
WS_KINDS = {"order.place": "order", "order.cancel": "cancel"}


def _present(p: Params, names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p[n] for n in names if p.get(n))


def _of_orders(
    eng: Engine, on: str, symbol: str, orders: list[LocalOrder], extra: tuple[str, ...]
) -> HookEvent:
    ids = list(extra)
    types: list[str] = []
    for o in orders:
        ids.append(o.client_order_id)
        types.append(o.type.value)
        lst = eng.book.lists.get(o.order_list_id) if o.order_list_id >= 0 else None
        if lst is not None:
            ids.append(lst.list_client_order_id)
            types.append(lst.contingency_type)
    side = orders[0].side.value if orders else None
    return HookEvent(on, symbol, tuple(dict.fromkeys(ids)), side, tuple(dict.fromkeys(types)))


def request_event(kind: str, eng: Engine, account: str, p: Params) -> HookEvent | None:
    """The event of a request of `kind` (order / order_list / cancel / cancel_all / cancel_list)."""
    symbol = p.get("symbol", "")
    side = p.get("side") or None
    if kind == "order":
        return HookEvent("order", symbol, _present(p, ("newClientOrderId",)), side, (p.get("type", ""),))
    if kind == "order_list":
        legacy = ("LIMIT_MAKER", "STOP_LOSS_LIMIT" if p.get("stopLimitPrice") else "STOP_LOSS")
        leg_types = _present(p, ("aboveType", "belowType")) or legacy
        return HookEvent("order_list", symbol, _present(p, _LIST_IDS), side, ("OCO", *leg_types))
    try:
        if kind == "cancel":
            o = cancelling.find_order(eng, account, p, for_cancel=True)
            return _of_orders(eng, "cancel", symbol, [o], _present(p, ("origClientOrderId",)))
        if kind == "cancel_all":
            return _of_orders(eng, "cancel", symbol, eng.book.open_orders(account, symbol), ())
        if kind == "cancel_list":
            lst = cancelling.find_list(eng, account, p, symbol or None)
            named = _present(p, ("listClientOrderId",))
            if lst is None:
                return HookEvent("cancel_list", symbol, named, None, ("OCO",))
            return _of_orders(eng, "cancel_list", symbol, eng.book.list_orders(lst), named)
    except BinanceError:  # the request itself will fail the same way; nothing to match
        return None
    return None


def with_result(ev: HookEvent, body: Any) -> HookEvent:
    """`ev` plus the ids a new order or list was given (ones the exchange generated for the client).

    Cancels keep their own ids: a cancel report's clientOrderId is the cancel request's id.
    """
    if ev.on not in ("order", "order_list") or not isinstance(body, dict):
        return ev
    ids = list(ev.ids)
    for name in ("clientOrderId", "listClientOrderId"):
        if isinstance(body.get(name), str):
            ids.append(body[name])
    for report in body.get("orderReports") or []:
        if isinstance(report, dict) and isinstance(report.get("clientOrderId"), str):
            ids.append(report["clientOrderId"])
    return HookEvent(ev.on, ev.symbol, tuple(dict.fromkeys(ids)), ev.side, ev.types)


def fill_event(eng: Engine, order: LocalOrder) -> HookEvent:
    """A resting order (an OCO leg, a resting limit) filled during a replay tick."""
    return _of_orders(eng, "fill", order.symbol, [order], ())
