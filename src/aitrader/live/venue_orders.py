"""The venue's side of the one order manager: every order the kernel's `OrderManager` decides is
carried out here durably (crash-only), and what the venue holds is reconciled back into it.

`VenueBroker` (the kernel's broker, live) journals each order's intent when the order manager
submits it and schedules one of these jobs on the order worker:

- `send_entry`: the entry goes under its deterministic client id; its fills are recorded, so the
  order manager hears them and protects the quantity actually received.
- `place`: journaled OCO lists are placed after a look on the venue (`protect.place_lists`);
  never twice. A refusal is reported back (the order manager closes at market), unless the
  venue's balance shows coins were sold outside the bot: then the plan owns less and the order
  manager is told so at once (`reconcile_row`).
- `retire` / `exit` / `reduce`: retired OCOs are cancelled and what their legs executed is
  recorded (`settle`), then what the bot owns is sold (`exits`), looked up before it is ever sent.
- `refresh`: REST is the source of truth. Every open plan is settled against the venue, lists
  journaled but never placed are placed, and the order manager is told what is owned and what is
  live (`OrderManager.reconcile`): it protects what is not covered, under new ids. Pending entries
  are looked up; exits under way are finished. The runner calls it at start (before anything
  else), right after any user-data event about our orders, and on a timer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from decimal import Decimal

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderStatus
from aitrader.execution.order_manager import OrderManager
from aitrader.live.exits import close_at_market, exit_plan
from aitrader.live.faults import checkpoint
from aitrader.live.journal import LiveJournal, PlanRow
from aitrader.live.order_io import OrderIO
from aitrader.live.protect import covers_of, place_lists, settle
from aitrader.live.venue import Venue
from aitrader.live.verdicts import to_plan
from aitrader.venues.binance.errors import OrderRejectedError, VenueError

log = logging.getLogger(__name__)
ZERO = Decimal(0)
_TERMINAL = (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REJECTED, OrderStatus.EXPIRED_IN_MATCH)
ACTIVE = ("pending_entry", "open", "closing")


async def _nothing() -> None:
    return None


def _silent() -> None:
    return None


class VenueOrders:
    def __init__(
        self, venue: Venue, journal: LiveJournal, notify: Callable[[str], None] | None = None
    ) -> None:
        self.venue = venue
        self.journal = journal
        self.io = OrderIO(venue, journal, notify)
        self.notify = self.io.notify
        self.om: OrderManager | None = None  # the one order manager (`VenueBroker` attaches it)
        self.unexplained: list[str] = []  # plans a restart could not account for (entries refused)
        self.check_failed: list[str] = []  # plans the last refresh could not check on the venue
        self.drain: Callable[[], Awaitable[None]] = (
            _nothing  # waits for the work the order manager handed over
        )
        self.tell: Callable[[], None] = _silent  # hands the kernel what the venue did (fills, ended orders)
        self.io.load_alarms()
        self._lock = asyncio.Lock()

    # ---- views -------------------------------------------------------------------------------
    @property
    def send_times_ns(self) -> list[int]:
        return self.io.send_times_ns

    @property
    def sent_requests(self) -> list[OrderRequest]:
        return self.io.sent_requests

    @property
    def alarms(self) -> list[str]:
        return self.io.alarms

    def position(self, symbol: str) -> PlanRow | None:
        for row in self.journal.plans(*ACTIVE):
            if row.symbol == symbol:
                return row
        return None

    def is_protected(self, plan_id: str) -> bool:
        """True only while the last check saw OCOs covering the whole position live on the venue."""
        return self.io.protected.get(plan_id, False)

    def mark_unprotected(self) -> None:
        """A user-data event says a list of ours changed: protection is unknown until re-checked."""
        for key in self.io.protected:
            self.io.protected[key] = False

    def take_sent(self) -> tuple[list[dict[str, str]], list[tuple[str, Fill]]]:
        return self.io.take_sent()

    # ---- jobs --------------------------------------------------------------------------------
    async def send_entry(self, cid: str, req: OrderRequest, reference_price: Decimal) -> None:
        """Send an entry whose intent is journaled (with its plan); record what it did."""
        async with self._lock:
            checkpoint("entry_before_send")
            self.io.mark_sent(cid, req)
            row = next((r for r in self.journal.plans("pending_entry") if r.entry_cid == cid), None)
            if row is None:
                return
            try:
                order = await self.venue.place(req, reference_price)
            except OrderRejectedError as exc:
                with self.journal.transaction():
                    self.journal.order_status(cid, "REJECTED", detail=str(exc))
                    self.journal.update_plan(row.plan_id, status="abandoned", detail=str(exc))
                    self.journal.event("entry_rejected", plan_id=row.plan_id, reason=str(exc))
                self.io.ended.append((cid, None, "REJECTED", str(exc)))
                self.notify(f"entry {cid} rejected: {exc}")
                return
            except VenueError as exc:  # retries exhausted: the outcome is unknown, `refresh` resolves it
                with self.journal.transaction():
                    self.journal.order_status(cid, "UNKNOWN", detail=str(exc))
                    self.journal.event("entry_unknown", plan_id=row.plan_id, reason=str(exc))
                self.notify(f"entry {cid}: outcome unknown ({exc}); will look it up")
                return
            checkpoint("entry_after_send")
            await self._entry_state(row, order)

    async def _entry_state(self, row: PlanRow, order: Order) -> None:
        """Record the entry order's state: the position it opens, or the plan abandoned."""
        inst = await self.venue.instrument(row.symbol)
        filled = order.status is OrderStatus.FILLED or (order.status in _TERMINAL and order.executed_qty > 0)
        fills = await self.io.order_fills(row.symbol, order) if filled else []
        with self.journal.transaction():  # one state change: the fill and the position it opens
            for f in fills:
                self.io.record_fill(row.entry_cid, f)
            self.journal.order_status(
                row.entry_cid, order.status.value, order.order_id, executed=order.executed_qty
            )
            if filled:
                held = self._held_after_entry(inst, order, fills)
                avg = order.average_price or row.entry_price
                self.journal.update_plan(
                    row.plan_id, status="open", qty=held, entry_qty=held, entry_price=avg
                )
                self.journal.event("entry_filled", plan_id=row.plan_id, qty=str(held), price=str(avg))
            elif order.status in _TERMINAL:
                self.journal.update_plan(
                    row.plan_id, status="abandoned", detail=f"entry {order.status.value}"
                )
                self.io.ended.append((row.entry_cid, order, order.status.value, "entry ended unfilled"))
        if filled:
            self.notify(
                f"entry filled: {order.executed_qty} {row.symbol} at {order.average_price or row.entry_price:.2f}"
            )
            checkpoint("entry_after_fill")

    @staticmethod
    def _held_after_entry(inst: Instrument, order: Order, fills: list[Fill]) -> Decimal:
        fee_in_base = sum((f.commission for f in fills if f.commission_asset == inst.base_asset), ZERO)
        return inst.round_qty(order.executed_qty - fee_in_base)

    async def place(self, symbol: str, list_cid: str) -> None:
        """Place a journaled OCO list (after cancelling the lists it replaces: they lock the coins)."""
        async with self._lock:
            row = self.position(symbol)
            if row is None or row.status != "open" or list_cid not in row.list_cids:
                return  # closed, or replaced before it could go (an alarm never stops protection)
            inst = await self.venue.instrument(symbol)
            row, live, _ = await settle(self.io, row, inst)
            if row.status != "open" or list_cid not in row.list_cids or list_cid in live:
                return
            row, sold_outside = await place_lists(self.io, row, inst, [list_cid], live)
            if sold_outside:
                await self._reconcile_row(row, inst)

    async def retire(self, symbol: str) -> None:
        """Cancel the retired lists of `symbol`'s plan and record what their legs did."""
        async with self._lock:
            row = self.position(symbol)
            if row is not None and row.retired_lists:
                await settle(self.io, row, await self.venue.instrument(symbol))

    async def exit(self, symbol: str, reason: str) -> None:
        """Finish closing `symbol`'s plan (marked closing, its lists retired, by `VenueBroker`)."""
        async with self._lock:
            row = self.position(symbol)
            if row is None or row.status not in ("open", "closing"):
                return
            if self.io.alarmed(row.plan_id):
                self.notify(
                    f"not exiting {row.plan_id}: its alarm is up (the venue kept refusing its orders)"
                )
                return
            await exit_plan(self.io, row, await self.venue.instrument(symbol), reason)

    async def reduce(self, symbol: str, qty: Decimal, version: int) -> None:
        """Sell `qty` of `symbol`'s position at market (an adjust's reduce), once the lists it retired are gone."""
        async with self._lock:
            row = self.position(symbol)
            if row is None or row.status != "open" or self.io.alarmed(row.plan_id):
                return
            inst = await self.venue.instrument(symbol)
            row, _, _ = await settle(self.io, row, inst)
            if row.status == "open" and not row.retired_lists:
                await close_at_market(
                    self.io, row, inst, "reduce", qty=min(inst.round_qty(qty), row.qty), version=version
                )

    # ---- refresh (REST truth) ----------------------------------------------------------------
    async def refresh(self, symbol: str | None = None) -> None:
        """Bring journal positions in line with the exchange; the order manager re-protects what is uncovered."""
        async with self._lock:
            self.check_failed = []
            for row in self.journal.plans(*ACTIVE):
                if symbol is not None and row.symbol != symbol:
                    continue
                try:
                    await self._refresh_plan(row)
                except VenueError as exc:  # the next check tries again; protection stays unknown
                    self.io.protected[row.plan_id] = False
                    self.check_failed.append(row.plan_id)
                    self.notify(f"{row.symbol}: checking plan {row.plan_id} failed ({exc}); retrying")
            self.tell()

    async def _refresh_plan(self, row: PlanRow) -> None:
        inst = await self.venue.instrument(row.symbol)
        if row.status == "pending_entry":
            await self._look_up_entry(row)
            row = self.journal.plan(row.plan_id) or row
        if row.status == "closing":
            await exit_plan(self.io, row, inst, "exit resumed")
        elif row.status == "open":
            before = self.io.protected.get(row.plan_id, False)
            await self._reconcile_row(row, inst)
            if not before and self.io.protected.get(row.plan_id):
                log.info("%s: plan %s protected", row.symbol, row.plan_id)

    async def _look_up_entry(self, row: PlanRow) -> None:
        entry = self.journal.order(row.entry_cid)
        order = await self.venue.get_order(row.symbol, row.entry_cid)
        if order is not None:
            await self._entry_state(row, order)
        elif entry is None:
            text = (
                f"plan {row.plan_id} is pending an entry the journal has no order for (none is on the "
                f"venue either; `aitrader trade --forget-plan {row.plan_id}` abandons it)"
            )
            if text not in self.unexplained:
                self.unexplained.append(text)
        elif entry["status"] in ("INTENT", "UNKNOWN") and self.io.may_still_arrive(entry):
            pass  # it may still reach the venue: look again at the next check
        elif entry["status"] in ("INTENT", "UNKNOWN"):
            with self.journal.transaction():
                self.journal.order_status(row.entry_cid, "NOT_SENT")
                self.journal.update_plan(
                    row.plan_id, status="abandoned", detail="entry never reached the venue"
                )
                self.journal.event("entry_not_sent", plan_id=row.plan_id)
            self.io.ended.append((row.entry_cid, None, "REJECTED", "never reached the venue"))
        else:
            text = f"plan {row.plan_id}: entry {row.entry_cid} was {entry['status']} but the venue has no such order"
            if text not in self.unexplained:
                self.unexplained.append(text)

    async def _reconcile_row(self, row: PlanRow, inst: Instrument) -> None:
        """Settle an open plan, place what was journaled but never placed, and tell the order
        manager what the venue holds: it protects what is not covered (under new ids)."""
        row, live, unplaced = await settle(self.io, row, inst)
        if row.status != "open":
            self.io.protected[row.plan_id] = False
            return
        if unplaced:  # the process died before these reached the venue: they go under their journaled ids
            row, _ = await place_lists(self.io, row, inst, sorted(unplaced), live)
            row, live, unplaced = await settle(self.io, row, inst)
            if row.status != "open":
                return
        self.tell()  # fills found (a take-profit, a stop) reach the kernel before the order manager is told
        covers = covers_of(self.io, live | unplaced)
        gap = row.qty - sum((Decimal(str(c.qty)) for c in covers), ZERO)
        protected = not self.io.sellable(inst, gap, row.entry_price) and not row.retired_lists
        if protected and not self.io.protected.get(row.plan_id):
            self.io.journal.event("protected", plan_id=row.plan_id, version=row.version, lists=sorted(live))
            self.notify(
                f"protected {row.qty} {row.symbol}: stop {row.stop}, OCO x{len(live)} live on the venue"
            )
        self.io.protected[row.plan_id] = protected
        om = self.om
        if om is None:
            return
        active = om.active.get(row.symbol)
        if active is None or active.plan.plan_id != row.plan_id:
            om.adopt(to_plan(row), float(row.qty), covers, row.version)
        om.reconcile(row.symbol, float(row.qty), covers)
