"""The live order manager: approved plans become exchange orders, and every position stays protected.

- open: the plan and its entry intent are journaled in one transaction, the entry is sent under its
  deterministic client id, and as soon as it fills the position is covered by exchange-side OCOs
  (`protect.ensure_protected`: stop-loss below, limit-maker above for a long) for the quantity
  actually received.
- exit: one transaction retires the OCOs and marks the plan closing; the OCOs are cancelled, what
  their legs executed is recorded, and what the bot still owns is sold (`exits.close_at_market`,
  looked up before it is ever sent).
- adjust (a stop move): one transaction journals the new version and retires the old OCOs; the
  old ones are cancelled and the new ones placed right after (a spot OCO locks the base asset, so
  the new one cannot go first: the naked window is one round trip, and a restart finishes it).
- refresh: REST is the source of truth. Every open plan is settled against the venue and
  re-protected if anything is missing (`ensure_protected`); pending entries are looked up; exits
  that were under way are finished. The runner calls it at start (before anything else), right
  after any user-data event about our orders, and on a timer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from decimal import Decimal

from msgspec.structs import replace

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderStatus, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.plan import OrderPlan
from aitrader.live.exits import close_at_market, exit_plan
from aitrader.live.faults import checkpoint
from aitrader.live.journal import LiveJournal, PlanRow
from aitrader.live.order_io import OrderIO
from aitrader.live.protect import ensure_protected, settle
from aitrader.live.venue import Venue
from aitrader.venues.binance.errors import OrderRejectedError, VenueError

log = logging.getLogger(__name__)
ZERO = Decimal(0)
_TERMINAL = (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REJECTED, OrderStatus.EXPIRED_IN_MATCH)
ACTIVE = ("pending_entry", "open", "closing")


class LiveOrderManager:
    def __init__(
        self, venue: Venue, journal: LiveJournal, notify: Callable[[str], None] | None = None
    ) -> None:
        self.venue = venue
        self.journal = journal
        self.io = OrderIO(venue, journal, notify)
        self.notify = self.io.notify
        self.unexplained: list[str] = []  # plans a restart could not account for (entries refused)
        self.check_failed: list[str] = []  # plans the last refresh could not check on the venue
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

    # ---- open --------------------------------------------------------------------------------
    async def open(self, plan: OrderPlan, reference_price: Decimal) -> None:
        if plan.entry is None or plan.stop_price is None:
            raise ValueError(f"plan {plan.plan_id}: an entry plan needs an entry order and a stop")
        async with self._lock:
            cid = client_order_id(plan.plan_id, plan.version, Leg.ENTRY)
            total = sum((t.quantity or ZERO for t in plan.targets), ZERO) or plan.quantity
            targets = [(t.price or ZERO, (t.quantity or ZERO) / total) for t in plan.targets if t.price]
            req = replace(plan.entry, client_order_id=cid)
            with self.journal.transaction():  # one state change: the plan and its entry intent
                self.journal.add_plan(
                    plan.plan_id, plan.version, plan.symbol, plan.side.value, cid, plan.entry_price,
                    plan.stop_price, targets, plan.strategy, plan.rationale,
                )  # fmt: skip
                self.journal.order_intent(
                    cid, plan.plan_id, plan.version, Leg.ENTRY.value, req.symbol, req.side.value,
                    req.type.value, req.quantity or ZERO, req.price, req.stop_price,
                )  # fmt: skip
            checkpoint("entry_before_send")
            self.io.mark_sent(cid, req)
            try:
                order = await self.venue.place(req, reference_price)
            except OrderRejectedError as exc:
                with self.journal.transaction():
                    self.journal.order_status(cid, "REJECTED", detail=str(exc))
                    self.journal.update_plan(plan.plan_id, status="abandoned", detail=str(exc))
                    self.journal.event("entry_rejected", plan_id=plan.plan_id, reason=str(exc))
                self.notify(f"entry {cid} rejected: {exc}")
                return
            except VenueError as exc:  # retries exhausted: the outcome is unknown, `refresh` resolves it
                with self.journal.transaction():
                    self.journal.order_status(cid, "UNKNOWN", detail=str(exc))
                    self.journal.event("entry_unknown", plan_id=plan.plan_id, reason=str(exc))
                self.notify(f"entry {cid}: outcome unknown ({exc}); will look it up")
                return
            checkpoint("entry_after_send")
            row = self.journal.plan(plan.plan_id)
            if row is not None:
                await self._entry_state(row, order)

    async def _entry_state(self, row: PlanRow, order: Order) -> None:
        """Act on the entry order's state: protect once filled, abandon when it died unfilled."""
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
        if not filled:
            return
        self.notify(
            f"entry filled: {order.executed_qty} {row.symbol} at {order.average_price or row.entry_price:.2f}"
        )
        checkpoint("entry_after_fill")
        fresh = self.journal.plan(row.plan_id)
        if fresh is not None:
            await ensure_protected(self.io, fresh, inst)

    @staticmethod
    def _held_after_entry(inst: Instrument, order: Order, fills: list[Fill]) -> Decimal:
        fee_in_base = sum((f.commission for f in fills if f.commission_asset == inst.base_asset), ZERO)
        return inst.round_qty(order.executed_qty - fee_in_base)

    # ---- exit / adjust -----------------------------------------------------------------------
    async def exit(self, symbol: str, reason: str) -> None:
        async with self._lock:
            row = self.position(symbol)
            if row is None or row.status != "open":
                return
            if self.io.alarmed(row.plan_id):
                self.notify(
                    f"not exiting {row.plan_id}: its alarm is up (the venue kept refusing its orders)"
                )
                return
            inst = await self.venue.instrument(symbol)
            await exit_plan(self.io, row, inst, reason)

    async def adjust(self, plan: OrderPlan) -> None:
        """Replace the protection with `plan`'s version (new stop and/or reduced quantity)."""
        async with self._lock:
            row = self.position(plan.symbol)
            if row is None or row.status != "open" or plan.stop_price is None or self.io.alarmed(row.plan_id):
                return
            reduce = plan.reduce.quantity if plan.reduce is not None and plan.reduce.quantity else None
            if plan.stop_price == row.stop and reduce is None:
                return
            inst = await self.venue.instrument(plan.symbol)
            version = max(plan.version, row.version + 1)
            reduce_qty = min(inst.round_qty(reduce), row.qty) if reduce is not None else ZERO
            with self.journal.transaction():  # one state change: the new version retires the old OCOs
                self.journal.update_plan(
                    row.plan_id, version=version, stop=plan.stop_price, list_cids=[],
                    retired_lists=[*row.retired_lists, *row.list_cids],
                )  # fmt: skip
                if reduce_qty > 0:  # with the version: whatever happens next, a restart looks it up first
                    self.journal.order_intent(
                        client_order_id(row.plan_id, version, Leg.EXIT), row.plan_id, version, Leg.EXIT.value,
                        row.symbol, Side(row.side).opposite.value, "MARKET", reduce_qty, status="PLANNED",
                    )  # fmt: skip
                self.journal.event(
                    "adjusted", plan_id=row.plan_id, version=version, stop=str(plan.stop_price),
                    reduce=str(reduce or ""),
                )  # fmt: skip
            self.io.protected[row.plan_id] = False
            fresh = self.journal.plan(row.plan_id) or row
            fresh, _, _ = await settle(self.io, fresh, inst)
            if fresh.status == "open" and reduce_qty > 0 and not fresh.retired_lists:
                fresh = await close_at_market(self.io, fresh, inst, "reduce", qty=reduce_qty, version=version)
            if fresh.status == "open":
                await ensure_protected(self.io, fresh, inst)

    # ---- refresh (REST truth) ----------------------------------------------------------------
    async def refresh(self, symbol: str | None = None) -> None:
        """Bring journal positions in line with the exchange and re-protect anything uncovered."""
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

    async def _refresh_plan(self, row: PlanRow) -> None:
        inst = await self.venue.instrument(row.symbol)
        if row.status == "pending_entry":
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
            else:
                text = f"plan {row.plan_id}: entry {row.entry_cid} was {entry['status']} but the venue has no such order"
                if text not in self.unexplained:
                    self.unexplained.append(text)
        elif row.status == "closing":
            await exit_plan(self.io, row, inst, "exit resumed")
        elif row.status == "open":
            before = self.io.protected.get(row.plan_id, False)
            fresh = await ensure_protected(self.io, row, inst)
            if not before and self.io.protected.get(row.plan_id) and fresh.status == "open":
                log.info("%s: plan %s protected", row.symbol, row.plan_id)
