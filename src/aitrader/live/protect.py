"""Keeping a position protected, truthfully: exchange-side OCOs that cover its whole quantity.

A position counts as protected only when every list meant to cover it was seen EXECUTING on the
venue in this check and their stop legs add up to the whole quantity the bot owns. Anything else
(a list cancelled by hand, expired, half filled, never placed because the process died) is found
here, and the order manager is told (`venue_orders`), which protects what is not covered:

- `settle` reads every list of the plan (current and retired) from the venue, records what their
  legs executed, cancels retired lists that are still live, and recomputes the quantity held.
- `covers_of` is what the order manager sees of the live lists (leg ids, quantity covered).
- `place_lists` places lists the order manager decided, as journaled, each looked up first, so no
  client id is ever sent twice (Binance accepts an id again once the first order is closed, which
  would make a resend look like a fresh order).
- A list the venue refuses for lack of balance means someone else sold coins: the plan's quantity
  falls to what is there (`outside_qty`) and the rest is protected again. Any other refusal is
  reported, and the order manager sells the unprotected position at market rather than leave it naked.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument, OrderRequest, OrderStatus, OrderType, Side
from aitrader.domain.client_ids import Leg
from aitrader.execution.order_manager import Cover
from aitrader.live.journal import PlanRow
from aitrader.live.order_io import OrderIO
from aitrader.venues.binance.errors import OrderRejectedError
from aitrader.venues.binance.exchange_broker import OcoRequest, OrderList

ZERO = Decimal(0)
_NEVER_SENT = ("INTENT", "NOT_SENT")  # statuses of a leg the venue never acknowledged
_UNRESOLVED = (
    "PLANNED",
    "INTENT",
    "UNKNOWN",
    "NEW",
    "PARTIALLY_FILLED",
)  # an order whose end the journal does not know


def _stop_leg(io: OrderIO, list_cid: str) -> dict[str, object] | None:
    for o in io.journal.all_orders_of_list(list_cid):
        if o["leg"] == Leg.STOP.value:
            return o
    return None


async def _settle_exits(io: OrderIO, row: PlanRow) -> None:
    """Look up every exit of the plan the journal does not know the end of: one the bot died
    sending, or whose answer was lost, may have executed. Found: recorded. Never reached the
    venue: marked NOT_SENT, so it no longer counts as in flight."""
    for o in io.journal.orders_of(row.plan_id):
        if o["leg"] != Leg.EXIT.value or o["status"] not in _UNRESOLVED:
            continue
        order = await io.venue.get_order(row.symbol, str(o["cid"]))
        if order is not None:
            await io.sync_order(str(o["cid"]), order)
        elif o["status"] == "PLANNED" or (
            o["status"] in ("INTENT", "UNKNOWN") and not io.may_still_arrive(o)
        ):
            io.journal.order_status(str(o["cid"]), "NOT_SENT")


async def _list_state(io: OrderIO, row: PlanRow, list_cid: str, lst: OrderList | None) -> str:
    """'live' (its stop leg is working for its whole quantity), 'unplaced' (never reached the venue)
    or 'dead'. Every leg the venue knows is recorded. A list whose take-profit filled in part is
    still EXECUTING on Binance, but its stop leg has expired: it is cancelled here and counts as dead."""
    legs = [str(o["cid"]) for o in io.journal.all_orders_of_list(list_cid)]
    if lst is None and all((io.journal.order(c) or {}).get("status", "INTENT") in _NEVER_SENT for c in legs):
        return "unplaced"
    stop_working = False
    traded = False
    for _, cid in lst.orders if lst is not None else ((None, c) for c in legs):
        order = await io.venue.get_order(row.symbol, cid)
        if order is None:
            continue
        await io.sync_order(cid, order)
        if order.type in (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT):
            stop_working = order.status is OrderStatus.NEW and order.executed_qty == 0
        if order.executed_qty > 0:
            traded = True
            io.journal.event(
                "protection_filled", plan_id=row.plan_id, cid=cid, qty=str(order.executed_qty),
                price=str(order.average_price), type=order.type.value,
            )  # fmt: skip
    if lst is not None and lst.is_open and stop_working and not traded:
        return "live"
    if lst is not None and lst.is_open:  # half done: what is left of it has no stop
        await io.venue.cancel_oco(row.symbol, list_cid)
        for _, cid in lst.orders:
            order = await io.venue.get_order(row.symbol, cid)
            if order is not None:
                await io.sync_order(cid, order)
        return "live" if (await io.venue.get_order_list(list_cid) or lst).is_open else "dead"
    return "dead"


async def settle(io: OrderIO, row: PlanRow, inst: Instrument) -> tuple[PlanRow, set[str], set[str]]:
    """Account for every list and exit of `row` on the venue.

    Returns the updated row, the current lists whose stops are live and the current lists never placed.
    """
    for list_cid in row.retired_lists:  # retired lists must go (idempotent: False when already done)
        await io.venue.cancel_oco(row.symbol, list_cid)
    await _settle_exits(io, row)
    live: set[str] = set()
    unplaced: set[str] = set()
    for list_cid in (*row.list_cids, *row.retired_lists):
        state = await _list_state(io, row, list_cid, await io.venue.get_order_list(list_cid))
        if state == "live":
            live.add(list_cid)
        elif state == "unplaced":
            unplaced.add(list_cid)
    retired = tuple(c for c in row.retired_lists if c in live)  # a cancel that raced: tried again next time
    held = io.own_qty(row)
    has_live = any(c in live for c in row.list_cids)
    done = not io.sellable(inst, held, row.entry_price) and not has_live and not retired
    status = "closed" if done and row.status in ("open", "closing") else row.status
    current = tuple(c for c in row.list_cids if c in live or (c in unplaced and status != "closed"))
    if (current, retired, held, status) != (row.list_cids, row.retired_lists, row.qty, row.status):
        with io.journal.transaction():
            io.journal.update_plan(
                row.plan_id, qty=held, status=status, list_cids=current, retired_lists=retired
            )
            if status == "closed":
                io.journal.event("closed", plan_id=row.plan_id, detail="nothing left to protect")
        if status == "closed":
            io.notify(f"{row.symbol}: plan {row.plan_id} closed on the venue")
        row = io.journal.plan(row.plan_id) or row
    return row, live & set(current), unplaced & set(current)


def covered(io: OrderIO, lists: set[str]) -> Decimal:
    total = ZERO
    for list_cid in lists:
        leg = _stop_leg(io, list_cid)
        if leg is not None:
            total += Decimal(str(leg["qty"])) - Decimal(str(leg.get("executed") or "0"))
    return total


def covers_of(io: OrderIO, lists: set[str]) -> list[Cover]:
    """The order manager's view of `lists`: each OCO's leg ids and the quantity its stop still covers."""
    out: list[Cover] = []
    for list_cid in sorted(lists):
        legs = io.journal.all_orders_of_list(list_cid)
        stop = next((o for o in legs if o["leg"] == Leg.STOP.value), None)
        if stop is None:
            continue
        left = Decimal(str(stop["qty"])) - Decimal(str(stop.get("executed") or "0"))
        ids = (str(stop["cid"]), *(str(o["cid"]) for o in legs if o["leg"] != Leg.STOP.value))
        out.append(Cover(ids, float(left)))
    return out


def _oco_of(io: OrderIO, row: PlanRow, list_cid: str) -> OcoRequest:
    legs = {o["leg"]: o for o in io.journal.all_orders_of_list(list_cid)}
    stop, target = legs[Leg.STOP.value], legs[Leg.TARGET.value]
    return OcoRequest(
        symbol=row.symbol,
        side=Side(str(stop["side"])),
        quantity=Decimal(str(stop["qty"])),
        take_profit=Decimal(str(target["price"])),
        stop_price=Decimal(str(stop["stop_price"])),
        list_client_id=list_cid,
        stop_client_id=str(stop["cid"]),
        target_client_id=str(target["cid"]),
    )


async def place_lists(
    io: OrderIO, row: PlanRow, inst: Instrument, lists: list[str], live: set[str]
) -> tuple[PlanRow, bool]:
    """Place journaled lists, each looked up first. Returns the plan and whether a refusal showed
    that coins were sold outside the bot (the plan then owns less: the caller re-checks it)."""
    placed: list[OrderList] = []
    for list_cid in lists:
        oco = _oco_of(io, row, list_cid)
        existing = await io.venue.get_order_list(list_cid)  # look before (re)sending
        try:
            if existing is None:
                io.mark_sent(list_cid, None, "OCO")
                io.sent_requests += [
                    OrderRequest(row.symbol, oco.side, OrderType.STOP_LOSS, oco.quantity, None, oco.stop_price,
                                 client_order_id=oco.stop_client_id),
                    OrderRequest(row.symbol, oco.side, OrderType.LIMIT_MAKER, oco.quantity, oco.take_profit,
                                 client_order_id=oco.target_client_id),
                ]  # fmt: skip
                existing = await io.venue.place_oco(oco)
        except OrderRejectedError as exc:
            return await _refused(io, row, inst, list_cid, str(exc))
        if existing.is_open:
            with io.journal.transaction():
                for cid in (oco.stop_client_id, oco.target_client_id):
                    io.journal.order_status(cid, "NEW")
        placed.append(existing)
    fresh = io.journal.plan(row.plan_id) or row
    if all(lst.is_open for lst in placed) and not fresh.retired_lists:
        now_live = live | {c for c in lists if c in fresh.list_cids}
        if not io.sellable(inst, fresh.qty - covered(io, now_live), fresh.entry_price):
            io.protected[row.plan_id] = True
            io.journal.event("protected", plan_id=row.plan_id, version=fresh.version, lists=sorted(now_live))
            io.notify(f"protected {fresh.qty} {row.symbol}: stop {fresh.stop}, OCO x{len(now_live)} live")
    return fresh, False


async def _refused(
    io: OrderIO, row: PlanRow, inst: Instrument, list_cid: str, reason: str
) -> tuple[PlanRow, bool]:
    """A list the venue refused. Lack of balance because someone sold coins: the plan owns less
    (True: the caller re-checks it). Otherwise the refusal is reported: the order manager closes
    the position at market rather than leave it naked (or, refused too often, the alarm goes up)."""
    legs = io.journal.all_orders_of_list(list_cid)
    with io.journal.transaction():
        for o in legs:
            io.journal.order_status(str(o["cid"]), "REJECTED", detail=reason)
        io.journal.update_plan(row.plan_id, list_cids=[c for c in row.list_cids if c != list_cid])
        io.journal.event("protection_rejected", plan_id=row.plan_id, list=list_cid, reason=reason)
    fresh = io.journal.plan(row.plan_id) or row
    if "insufficient balance" in reason.lower():
        free = await io.free_base(inst)
        need = Decimal(str(legs[0]["qty"])) if legs else ZERO
        if free < need:
            return io.record_sold_outside(fresh, need - inst.round_qty(free)), True
    stop_cid = next((str(o["cid"]) for o in legs if o["leg"] == Leg.STOP.value), list_cid)
    io.rejected(fresh, stop_cid, "protective OCO", reason)  # reported: the order manager closes at market
    return fresh, False
