"""Start-up reconciliation of the journal with the exchange, before any new decision.

Order of work (over several symbols, step 1 for every symbol before steps 2-4 for any,
`protect_symbols`):
1. Protection first: every journaled position is brought in line with the exchange (entries that
   filled while we were down, OCO legs that filled, OCOs that are missing), and a position left
   without a live OCO gets one re-placed at once (`VenueOrders.refresh`: the order manager decides
   the new OCOs, and they are placed before this returns).
2. Adopt what is ours: open OCOs with our client-id prefix that the journal does not know become
   journaled positions again (quantity, stop and target read from the legs).
3. Report what is not ours (orders without our prefix, balances beyond our positions); never touch it.
4. Mismatches that remain (less base asset than our positions hold, our orders open for a plan the
   journal closed) are listed; the runner refuses new entries while any remains.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import OrderType
from aitrader.domain.client_ids import Leg, is_ours, parse_client_order_id, plan_key
from aitrader.live.journal import LiveJournal
from aitrader.live.venue import Venue
from aitrader.live.venue_orders import VenueOrders

ZERO = Decimal(0)


@dataclass
class ReconcileReport:
    reprotected: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    foreign_orders: list[str] = field(default_factory=list)
    foreign_balance: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    open_positions: list[str] = field(default_factory=list)
    sold_outside: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def lines(self) -> list[str]:
        out = [f"position: {p}" for p in self.open_positions]
        out += [f"re-protected: {p}" for p in self.reprotected]
        out += [f"adopted: {a}" for a in self.adopted]
        out += [f"sold outside the bot: {a}" for a in self.sold_outside]
        out += [f"not ours (left alone): {o}" for o in self.foreign_orders + self.foreign_balance]
        out += [f"MISMATCH: {m}" for m in self.mismatches]
        return out or ["journal and exchange agree; nothing open"]


async def reconcile(venue: Venue, journal: LiveJournal, om: VenueOrders, symbol: str) -> ReconcileReport:
    return await check_rest(venue, journal, om, symbol, await protect_symbol(journal, om, symbol))


async def protect_symbol(journal: LiveJournal, om: VenueOrders, symbol: str) -> ReconcileReport:
    """Step 1 alone: bring `symbol`'s journaled positions in line with the venue and re-protect them."""
    return (await protect_symbols(journal, [(om, symbol)]))[0]


async def protect_symbols(
    journal: LiveJournal, desks: Sequence[tuple[VenueOrders, str]]
) -> list[ReconcileReport]:
    """Step 1 for several symbols (each with its own venue side), before any gets the rest
    (`check_rest`): every symbol is re-protected before any waits for an order in doubt."""
    active = journal.plans("open", "pending_entry", "closing")
    before = {r.plan_id: r.list_cids for r in active}
    outside_before = {r.plan_id: r.outside_qty for r in active}
    for om, symbol in desks:
        await om.refresh(symbol)
        await om.drain()
    tries = {id(om): 0 for om, _ in desks}
    while True:  # an order in doubt (sent just before the crash?) settles within seconds: wait for it
        waiting = [(om, s) for om, s in desks if om.io.recheck_at is not None and tries[id(om)] < 3]
        if not waiting:
            break
        first = min(om.io.recheck_at or 0.0 for om, _ in waiting)
        await asyncio.sleep(max(0.0, first - time.monotonic()) + 0.01)
        for om, symbol in waiting:
            if (om.io.recheck_at or 0.0) <= time.monotonic():
                tries[id(om)] += 1
                om.io.recheck_at = None
                await om.refresh(symbol)
                await om.drain()
    reports = []
    for _, symbol in desks:
        report = ReconcileReport()
        for row in journal.plans():
            if (
                row.symbol == symbol
                and row.plan_id in outside_before
                and row.outside_qty > outside_before[row.plan_id]
            ):
                gone = row.outside_qty - outside_before[row.plan_id]
                report.sold_outside.append(f"{gone} {symbol} of {row.plan_id}; the bot now holds {row.qty}")
        for row in journal.plans("open"):
            if (
                row.symbol == symbol
                and row.plan_id in before
                and set(row.list_cids) - set(before[row.plan_id])
            ):
                report.reprotected.append(f"{row.plan_id} ({row.qty} {symbol}, stop {row.stop})")
        reports.append(report)
    return reports


async def check_rest(
    venue: Venue, journal: LiveJournal, om: VenueOrders, symbol: str, report: ReconcileReport
) -> ReconcileReport:
    """Steps 2-4 for `symbol`, after `protect_symbol` gave `report`: adopt, report, list mismatches."""
    inst = await venue.instrument(symbol)
    known_lists = {cid for r in journal.plans() for cid in (*r.list_cids, *r.retired_lists)}
    known_lists |= {str(o["list_cid"]) for o in journal.all_orders() if o["list_cid"]}
    known_plans = {plan_key(r.plan_id) for r in journal.plans()}
    if om.check_failed:  # adopting now could take a list the journal knows for a new position
        report.mismatches += [f"plan {p} could not be checked on the venue" for p in om.check_failed]
    closed_plans = {r.plan_id for r in journal.plans("closed", "abandoned")}
    for lst in await venue.open_order_lists():
        if lst.symbol != symbol:
            continue
        if not is_ours(lst.list_client_id):
            report.foreign_orders.append(f"order list {lst.list_client_id} (id {lst.order_list_id})")
            continue
        parsed = parse_client_order_id(lst.list_client_id)
        if lst.list_client_id in known_lists or om.check_failed or (parsed and parsed.plan in known_plans):
            continue
        adopted = await _adopt_list(venue, journal, symbol, lst.list_client_id, [c for _, c in lst.orders])
        (report.adopted if adopted else report.mismatches).append(
            f"our OCO {lst.list_client_id} "
            + ("adopted as an open position" if adopted else "could not be read")
        )

    if report.adopted:  # check the adopted positions' protection like any other
        await om.refresh(symbol)
        await om.drain()
    journal_cids = {o["cid"]: o for o in journal.all_orders()}
    for order in await venue.open_orders(symbol):
        cid = order.client_order_id or ""
        if not is_ours(cid):
            report.foreign_orders.append(
                f"{order.side.value} {order.type.value} {order.request.quantity} ({cid})"
            )
            continue
        known = journal_cids.get(cid)
        if known is not None and known["plan_id"] in closed_plans and order.order_list_id < 0:
            report.mismatches.append(f"our order {cid} is open on the exchange but its plan is closed")

    ours = sum((r.qty for r in journal.plans("open", "closing") if r.symbol == symbol), ZERO)
    balances = await venue.balances()
    base = balances.get(inst.base_asset)
    held = base.total if base is not None else ZERO
    if held + inst.step_size < ours:
        report.mismatches.append(
            f"{inst.base_asset} balance {held} is below the {ours} our open positions hold (sold elsewhere?)"
        )
    elif held > ours + inst.step_size:
        report.foreign_balance.append(f"{held - ours} {inst.base_asset} beyond our positions")
    for row in journal.plans("closing"):
        if row.symbol == symbol:
            report.mismatches.append(f"plan {row.plan_id} is closing but its exit could not be completed")
    report.mismatches += [f"alarm: {a}" for a in om.alarms]
    for row in journal.plans("open"):
        if row.symbol == symbol:
            report.open_positions.append(f"{row.plan_id}: {row.qty} {symbol} stop {row.stop} v{row.version}")
            if not om.is_protected(row.plan_id):
                report.mismatches.append(f"position {row.plan_id} has no live protective OCO covering it")
    report.mismatches += [f"{text}: cannot explain it, so new entries are refused" for text in om.unexplained]
    journal.event("reconciled", ok=report.ok, lines=report.lines())
    return report


async def _adopt_list(
    venue: Venue, journal: LiveJournal, symbol: str, list_cid: str, leg_cids: list[str]
) -> bool:
    parsed = parse_client_order_id(list_cid)
    if parsed is None:
        return False
    stop = target = qty = None
    side = "BUY"
    leg_side = "SELL"
    for cid in leg_cids:
        order = await venue.get_order(symbol, cid)
        if order is None:
            return False
        side, leg_side = order.side.opposite.value, order.side.value
        qty = order.request.quantity
        if order.type in (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT):
            stop = order.request.stop_price
        else:
            target = order.request.price or order.request.stop_price
    if stop is None or target is None or qty is None:
        return False
    plan_id = f"adopted{parsed.plan}"
    existing = journal.plan(plan_id)
    lists = [*existing.list_cids, list_cid] if existing else [list_cid]
    total = (existing.qty if existing else ZERO) + qty
    with journal.transaction():  # one state change: the adopted position and its legs
        if existing is None:
            journal.add_plan(
                plan_id, parsed.version, symbol, side, "", (stop + target) / 2, stop,
                [(target, Decimal(1))], "adopted", f"adopted from exchange list {list_cid}",
            )  # fmt: skip
        journal.update_plan(plan_id, status="open", qty=total, entry_qty=total, list_cids=lists)
        for cid in leg_cids:
            leg = parse_client_order_id(cid)
            is_stop = leg is not None and leg.leg is Leg.STOP
            journal.order_intent(
                cid,
                plan_id,
                parsed.version,
                (leg.leg if leg else Leg.STOP).value,
                symbol,
                leg_side,
                "STOP_LOSS" if is_stop else "LIMIT_MAKER",
                qty,
                target if not is_stop else None,
                stop if is_stop else None,
                list_cid=list_cid,
            )
            journal.order_status(cid, "NEW")
    return True
