"""Closing (part of) a position at market, never twice and never with coins that are not ours.

Binance accepts a client order id again once the first order with it is closed, so a deterministic
id alone does not make a resend safe: every exit id is looked up on the venue before anything is
sent. A found order is recorded, not resent. An id the venue once acknowledged but no longer knows
is never resent blind: that raises an alarm. What is sent is at most the plan's own quantity
(`OrderIO.own_qty`) and at most the free balance: other balances are never touched. A refused exit
is reported and the position is open again (the order manager protects it with the next version's
OCOs); once a plan's orders were refused `MAX_REJECTIONS` times the bot raises an alarm and stops acting on that plan instead of resending
every candle.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument, OrderRequest, OrderStatus, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.live.journal import PlanRow
from aitrader.live.order_io import OrderIO
from aitrader.venues.binance.errors import OrderRejectedError, VenueError

_WORKING = (OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED)
_NEVER_ACCEPTED = ("PLANNED", "INTENT", "REJECTED", "UNKNOWN", "NOT_SENT")
MAX_EXIT_ORDERS = 10  # exit ids per plan version (index 0-9): one more when a market order expires part


async def close_at_market(
    io: OrderIO,
    row: PlanRow,
    inst: Instrument,
    reason: str,
    qty: Decimal | None = None,
    version: int | None = None,
) -> PlanRow:
    """Close the plan's whole own quantity (or `qty` of it, a partial reduce) at market."""
    version = row.version if version is None else version
    for k in range(MAX_EXIT_ORDERS):
        cid = client_order_id(row.plan_id, version, Leg.EXIT, k)
        known = io.journal.order(cid)
        found = await io.venue.get_order(row.symbol, cid)  # look before (re)sending
        if found is not None:
            await io.sync_order(cid, found)
            row = _recount(io, row, inst, close=qty is None, reason=reason)
            if found.status in _WORKING or qty is not None or row.status == "closed":
                return row
            continue  # a market order that expired part of its quantity: the next id takes the rest
        if (
            known is not None
            and known["status"] in ("INTENT", "UNKNOWN")
            and io.may_still_arrive(known)
            and not await _one_can_fill(io, row, inst, Decimal(str(known["qty"])))
        ):
            return row  # it may still be on its way and both could fill: look again once it cannot
        if known is not None and known["status"] not in _NEVER_ACCEPTED:
            io.alarm(
                f"exit {cid} was acknowledged but the venue no longer knows it; not resending", row.plan_id
            )
            return row
        if io.alarmed(row.plan_id):
            return row  # the alarm is up; a person has to look
        return await _send(io, row, inst, cid, version, reason, qty)
    io.alarm(f"closing {row.plan_id} needed more than {MAX_EXIT_ORDERS} market orders", row.plan_id)
    return row


async def _one_can_fill(io: OrderIO, row: PlanRow, inst: Instrument, in_doubt: Decimal) -> bool:
    """Whether resending an exit that may still be on its way is harmless: the free balance cannot
    fill both (the venue refuses a market sell beyond the free balance), so at most one sells."""
    if Side(row.side).opposite is not Side.SELL:
        return False
    return await io.free_base(inst) < io.own_qty(row) + in_doubt


def mark_closing(io: OrderIO, row: PlanRow, reason: str) -> PlanRow:
    """One transaction: the open plan is closing and its OCOs are retired (cancelled next)."""
    if row.status != "open":
        return row
    with io.journal.transaction():
        io.journal.update_plan(
            row.plan_id, status="closing", list_cids=[],
            retired_lists=[*row.retired_lists, *row.list_cids], detail=reason,
        )  # fmt: skip
        io.journal.event("exit_intent", plan_id=row.plan_id, reason=reason)
    io.protected[row.plan_id] = False
    return io.journal.plan(row.plan_id) or row


async def exit_plan(io: OrderIO, row: PlanRow, inst: Instrument, reason: str) -> PlanRow:
    """Close the whole plan: one transaction retires its OCOs and marks it closing; the OCOs are
    cancelled and what their legs did recorded (`settle`); then what the bot still owns is sold.
    While a retired OCO could not be cancelled nothing is sold (its coins are locked; the next
    check tries again)."""
    from aitrader.live.protect import settle  # protect places exits when an OCO is refused

    row = mark_closing(io, row, reason)
    for list_cid in row.retired_lists:  # the exit's first requests: `settle` cancels these first
        io.mark_sent(list_cid, None, "cancel OCO")
    row, _, _ = await settle(io, row, inst)
    if row.status == "closing" and not row.retired_lists:
        row = await close_at_market(io, row, inst, reason)
    return row


def _reopen(io: OrderIO, row: PlanRow) -> PlanRow:
    """An exit the venue refused leaves the position where it was: it is open again, and the
    refusal (reported) has the order manager protect it rather than leave it naked until the exit can go."""
    if row.status != "closing":
        return row
    with io.journal.transaction():
        io.journal.update_plan(row.plan_id, status="open")
        io.journal.event("exit_refused_reprotect", plan_id=row.plan_id)
    return io.journal.plan(row.plan_id) or row


async def _send(
    io: OrderIO, row: PlanRow, inst: Instrument, cid: str, version: int, reason: str, qty: Decimal | None
) -> PlanRow:
    own = io.own_qty(row)
    want = own if qty is None else min(qty, own)
    side = Side(row.side).opposite
    if side is Side.SELL:
        free = await io.free_base(inst)
        if free < want and qty is None:  # someone else sold part of it: what is left is all we sell
            row = io.record_sold_outside(row, want - free)
        want = min(want, free)
    want = inst.round_qty(want, market=True)
    if not io.sellable(inst, want, row.entry_price):
        return _recount(io, row, inst, close=qty is None, reason=reason)
    req = OrderRequest(row.symbol, side, OrderType.MARKET, quantity=want, client_order_id=cid)
    with io.journal.transaction():  # from here on the order may be on its way
        io.journal.order_intent(
            cid, row.plan_id, version, Leg.EXIT.value, row.symbol, side.value, "MARKET", want
        )
        io.journal.order_status(cid, "INTENT")
    io.mark_sent(cid, req)
    try:
        order = await io.venue.place(req)
    except OrderRejectedError as exc:
        io.rejected(row, cid, "exit", str(exc))  # the third refusal raises the plan's alarm
        row = io.journal.plan(row.plan_id) or row
        return row if qty is not None else _reopen(io, row)
    except VenueError as exc:  # retries exhausted: the outcome is unknown; the next check looks it up
        with io.journal.transaction():
            io.journal.order_status(cid, "UNKNOWN", detail=str(exc))
            io.journal.event("exit_unknown", plan_id=row.plan_id, cid=cid, reason=str(exc))
        return io.journal.plan(row.plan_id) or row
    await io.sync_order(cid, order)
    io.journal.event("exit", plan_id=row.plan_id, cid=cid, qty=str(order.executed_qty), reason=reason)
    io.notify(f"sold {order.executed_qty} {row.symbol} ({reason})")
    row = _recount(io, row, inst, close=qty is None, reason=reason)
    if qty is None and row.status != "closed" and order.status not in _WORKING:
        return await close_at_market(io, row, inst, reason, None, version)  # expired part: next id
    return row


def _recount(io: OrderIO, row: PlanRow, inst: Instrument, close: bool, reason: str) -> PlanRow:
    held = io.own_qty(row)
    status = "closed" if close and not io.sellable(inst, held, row.entry_price) else row.status
    if (held, status) != (row.qty, row.status):
        with io.journal.transaction():
            io.journal.update_plan(row.plan_id, qty=held, status=status, detail=reason)
            if status == "closed":
                io.journal.event("closed", plan_id=row.plan_id, detail=reason)
        if status == "closed":
            io.protected[row.plan_id] = False
    return io.journal.plan(row.plan_id) or row
