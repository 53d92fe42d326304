"""The live order manager: approved plans become exchange orders, and every position stays protected.

- open: journal the plan and the entry intent, send the entry (deterministic client id), and as
  soon as it is filled place one exchange-side OCO per take-profit target (stop-loss below,
  limit-maker above for a long) for the quantity actually received.
- exit: cancel the OCOs, then sell what is still held.
- adjust: a new plan version replaces the OCOs (cancel version n, place version n+1).
- refresh: REST is the source of truth. Each position's OCOs are looked up by list client id; a
  finished list tells which leg filled; a missing list is re-placed at once. User-data events only
  make a refresh happen sooner.
A protective order the venue refuses leaves a position naked, so the position is sold at market.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from decimal import Decimal

from msgspec.structs import replace

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderStatus, OrderType, Side
from aitrader.domain.plan import OrderPlan
from aitrader.live.brackets import split_for_targets
from aitrader.live.faults import checkpoint
from aitrader.live.journal import LiveJournal, PlanRow
from aitrader.live.venue import Venue
from aitrader.venues.binance.client_ids import Leg, client_order_id
from aitrader.venues.binance.errors import OrderRejectedError, VenueError
from aitrader.venues.binance.exchange_broker import OcoRequest

log = logging.getLogger(__name__)
ZERO = Decimal(0)
_TERMINAL = (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.REJECTED, OrderStatus.EXPIRED_IN_MATCH)


class LiveOrderManager:
    def __init__(
        self, venue: Venue, journal: LiveJournal, notify: Callable[[str], None] | None = None
    ) -> None:
        self.venue = venue
        self.journal = journal
        self.notify = notify or (lambda text: log.info(text))
        self.sent: list[dict[str, str]] = []  # orders sent since the last `take_sent()` (telemetry)
        self.new_fills: list[tuple[str, Fill]] = []  # (client order id, fill) since `take_sent()`
        self.send_times_ns: list[int] = []  # perf_counter_ns when each request left (latency bench)
        self.sent_requests: list[OrderRequest] = []  # every order (OCO legs included), for the run record
        self._lock = asyncio.Lock()

    # ---- views -------------------------------------------------------------------------------
    def position(self, symbol: str) -> PlanRow | None:
        for row in self.journal.plans("open", "pending_entry", "closing"):
            if row.symbol == symbol:
                return row
        return None

    def take_sent(self) -> tuple[list[dict[str, str]], list[tuple[str, Fill]]]:
        sent, fills = self.sent, self.new_fills
        self.sent, self.new_fills = [], []
        return sent, fills

    # ---- open --------------------------------------------------------------------------------
    async def open(self, plan: OrderPlan, reference_price: Decimal) -> None:
        if plan.entry is None or plan.stop_price is None:
            raise ValueError(f"plan {plan.plan_id}: an entry plan needs an entry order and a stop")
        async with self._lock:
            cid = client_order_id(plan.plan_id, plan.version, Leg.ENTRY)
            total = sum((t.quantity or ZERO for t in plan.targets), ZERO) or plan.quantity
            targets = [(t.price or ZERO, (t.quantity or ZERO) / total) for t in plan.targets if t.price]
            self.journal.add_plan(
                plan.plan_id,
                plan.version,
                plan.symbol,
                plan.side.value,
                cid,
                plan.entry_price,
                plan.stop_price,
                targets,
                plan.strategy,
                plan.rationale,
            )
            req = replace(plan.entry, client_order_id=cid)
            await self._send_entry(plan.plan_id, req, reference_price)

    async def _send_entry(self, plan_id: str, req: OrderRequest, reference_price: Decimal | None) -> None:
        cid = req.client_order_id or ""
        self.journal.order_intent(
            cid,
            plan_id,
            1,
            Leg.ENTRY.value,
            req.symbol,
            req.side.value,
            req.type.value,
            req.quantity or ZERO,
            req.price,
            req.stop_price,
        )
        checkpoint("entry_before_send")
        self._mark_sent(cid, req)
        try:
            order = await self.venue.place(req, reference_price)
        except OrderRejectedError as exc:
            self.journal.order_status(cid, "REJECTED", detail=str(exc))
            self.journal.update_plan(plan_id, status="abandoned", detail=str(exc))
            self.journal.event("entry_rejected", plan_id=plan_id, reason=str(exc))
            self.notify(f"entry {cid} rejected: {exc}")
            return
        except VenueError as exc:  # retries exhausted: the outcome is unknown, `refresh` resolves it
            self.journal.order_status(cid, "UNKNOWN", detail=str(exc))
            self.journal.event("entry_unknown", plan_id=plan_id, reason=str(exc))
            self.notify(f"entry {cid}: outcome unknown ({exc}); will look it up")
            return
        checkpoint("entry_after_send")
        self.journal.order_status(cid, order.status.value, order.order_id)
        row = self.journal.plan(plan_id)
        if row is not None:
            await self._entry_state(row, order)

    async def _entry_state(self, row: PlanRow, order: Order) -> None:
        """Act on the entry order's state: protect once filled, abandon when it died unfilled."""
        inst = await self.venue.instrument(row.symbol)
        fills = order.fills or await self._order_fills(row.symbol, order)
        for f in fills:
            self._record_fill(row.entry_cid, f)
        if order.status is OrderStatus.FILLED or (order.status in _TERMINAL and order.executed_qty > 0):
            held = self._held_after_entry(inst, order, fills)
            avg = order.average_price or row.entry_price
            self.journal.update_plan(row.plan_id, status="open", qty=held, entry_price=avg)
            self.journal.order_status(row.entry_cid, order.status.value, order.order_id)
            self.journal.event("entry_filled", plan_id=row.plan_id, qty=str(held), price=str(avg))
            self.notify(f"entry filled: {held} {row.symbol} at {avg:.2f}")
            checkpoint("entry_after_fill")
            fresh = self.journal.plan(row.plan_id)
            if fresh is not None:
                await self._protect(fresh, inst)
        elif order.status in _TERMINAL:
            self.journal.order_status(row.entry_cid, order.status.value, order.order_id)
            self.journal.update_plan(row.plan_id, status="abandoned", detail=f"entry {order.status.value}")

    def _held_after_entry(self, inst: Instrument, order: Order, fills: list[Fill]) -> Decimal:
        fee_in_base = sum((f.commission for f in fills if f.commission_asset == inst.base_asset), ZERO)
        return inst.round_qty(order.executed_qty - fee_in_base)

    async def _order_fills(self, symbol: str, order: Order) -> list[Fill]:
        if order.executed_qty <= 0:
            return []
        trades = await self.venue.my_trades(symbol, since_ms=max(0, order.created_ms - 60_000) or None)
        return [t for t in trades if t.order_id == order.order_id]

    # ---- protection --------------------------------------------------------------------------
    async def _protect(self, row: PlanRow, inst: Instrument | None = None) -> None:
        """Place the OCO(s) of `row`'s version for `row.qty` (idempotent: lists are looked up first)."""
        inst = inst or await self.venue.instrument(row.symbol)
        if row.qty <= 0:
            return
        close_side = Side(row.side).opposite
        list_cids: list[str] = []
        for k, (target, qty) in enumerate(split_for_targets(inst, row, row.qty)):
            list_cid = client_order_id(row.plan_id, row.version, Leg.LIST, k)
            oco = OcoRequest(
                symbol=row.symbol,
                side=close_side,
                quantity=qty,
                take_profit=inst.round_price(target),
                stop_price=inst.round_price(row.stop),
                list_client_id=list_cid,
                stop_client_id=client_order_id(row.plan_id, row.version, Leg.STOP, k),
                target_client_id=client_order_id(row.plan_id, row.version, Leg.TARGET, k),
            )
            for cid, leg, typ, price, stop in (
                (oco.stop_client_id, Leg.STOP, OrderType.STOP_LOSS, None, oco.stop_price),
                (oco.target_client_id, Leg.TARGET, OrderType.LIMIT_MAKER, oco.take_profit, None),
            ):
                self.journal.order_intent(
                    cid,
                    row.plan_id,
                    row.version,
                    leg.value,
                    row.symbol,
                    close_side.value,
                    typ.value,
                    qty,
                    price,
                    stop,
                    list_cid,
                )
            existing = await self.venue.get_order_list(list_cid)
            try:
                if existing is None:
                    self._mark_sent(list_cid, None, "OCO")
                    self.sent_requests += [
                        OrderRequest(row.symbol, close_side, OrderType.STOP_LOSS, qty, None, oco.stop_price,
                                     client_order_id=oco.stop_client_id),
                        OrderRequest(row.symbol, close_side, OrderType.LIMIT_MAKER, qty, oco.take_profit,
                                     client_order_id=oco.target_client_id),
                    ]  # fmt: skip
                    existing = await self.venue.place_oco(oco)
            except OrderRejectedError as exc:
                self.journal.event("protection_rejected", plan_id=row.plan_id, reason=str(exc))
                self.notify(f"protective OCO refused ({exc}); closing the position at market")
                await self._emergency_exit(row, inst, str(exc))
                return
            for cid in (oco.stop_client_id, oco.target_client_id):
                self.journal.order_status(cid, "NEW")
            list_cids.append(list_cid)
        self.journal.update_plan(row.plan_id, list_cids=list_cids)
        self.journal.event("protected", plan_id=row.plan_id, version=row.version, lists=list_cids)
        self.notify(f"protected {row.qty} {row.symbol}: stop {row.stop}, OCO x{len(list_cids)}")

    async def _emergency_exit(self, row: PlanRow, inst: Instrument, reason: str) -> None:
        await self._cancel_lists(row)
        await self._sell_rest(row, inst, Leg.EXIT, reason)

    # ---- exit / adjust -----------------------------------------------------------------------
    async def exit(self, symbol: str, reason: str) -> None:
        async with self._lock:
            row = self.position(symbol)
            if row is None or row.status != "open":
                return
            inst = await self.venue.instrument(symbol)
            self.journal.update_plan(row.plan_id, status="closing")
            await self._cancel_lists(row)
            row = await self._settle_lists(row, inst)
            if row.status == "open" or row.status == "closing":
                await self._sell_rest(row, inst, Leg.EXIT, reason)

    async def adjust(self, plan: OrderPlan) -> None:
        """Replace the protection with `plan`'s version (new stop and/or reduced quantity)."""
        async with self._lock:
            row = self.position(plan.symbol)
            if row is None or row.status != "open" or plan.stop_price is None:
                return
            inst = await self.venue.instrument(plan.symbol)
            await self._cancel_lists(row)
            row = await self._settle_lists(row, inst)
            if row.status != "open":
                return
            if plan.reduce is not None and plan.reduce.quantity:
                qty = min(inst.round_qty(plan.reduce.quantity), row.qty)
                cid = client_order_id(row.plan_id, plan.version, Leg.EXIT)
                await self._market_close(row, inst, qty, cid, plan.version, "reduce")
                row = self.journal.plan(row.plan_id) or row
            self.journal.update_plan(row.plan_id, version=plan.version, stop=plan.stop_price, list_cids=[])
            self.journal.event(
                "adjusted", plan_id=row.plan_id, version=plan.version, stop=str(plan.stop_price)
            )
            fresh = self.journal.plan(row.plan_id)
            if fresh is not None and fresh.qty > 0:
                await self._protect(fresh, inst)

    async def _cancel_lists(self, row: PlanRow) -> None:
        for list_cid in row.list_cids:
            await self.venue.cancel_oco(row.symbol, list_cid)

    async def _sell_rest(self, row: PlanRow, inst: Instrument, leg: Leg, reason: str) -> None:
        qty = inst.round_qty(row.qty, market=True)
        cid = client_order_id(row.plan_id, row.version, leg)
        await self._market_close(row, inst, qty, cid, row.version, reason)

    async def _market_close(
        self, row: PlanRow, inst: Instrument, qty: Decimal, cid: str, version: int, reason: str
    ) -> None:
        if qty <= 0:
            self.journal.update_plan(row.plan_id, status="closed", qty=ZERO, detail=reason)
            return
        side = Side(row.side).opposite
        req = OrderRequest(row.symbol, side, OrderType.MARKET, quantity=qty, client_order_id=cid)
        self.journal.order_intent(
            cid, row.plan_id, version, Leg.EXIT.value, row.symbol, side.value, "MARKET", qty
        )
        self._mark_sent(cid, req)
        try:
            order = await self.venue.place(req)
        except OrderRejectedError as exc:
            self.journal.order_status(cid, "REJECTED", detail=str(exc))
            self.journal.event("exit_rejected", plan_id=row.plan_id, reason=str(exc))
            self.notify(f"exit {cid} refused: {exc}")
            return
        self.journal.order_status(cid, order.status.value, order.order_id)
        for f in order.fills or await self._order_fills(row.symbol, order):
            self._record_fill(cid, f)
        left = row.qty - order.executed_qty
        status = "closed" if left < max(inst.step_size, inst.min_qty) else "open"
        self.journal.update_plan(row.plan_id, qty=max(left, ZERO), status=status, detail=reason)
        self.journal.event("exit", plan_id=row.plan_id, qty=str(order.executed_qty), reason=reason)
        self.notify(f"sold {order.executed_qty} {row.symbol} ({reason})")

    # ---- refresh (REST truth) ----------------------------------------------------------------
    async def refresh(self, symbol: str | None = None) -> None:
        """Bring journal positions in line with the exchange: fills of OCO legs, missing OCOs."""
        async with self._lock:
            for row in self.journal.plans("pending_entry", "open", "closing"):
                if symbol is not None and row.symbol != symbol:
                    continue
                inst = await self.venue.instrument(row.symbol)
                if row.status == "pending_entry":
                    order = await self.venue.get_order(row.symbol, row.entry_cid)
                    if order is None:
                        entry = self.journal.order(row.entry_cid)
                        if entry is not None and entry["status"] in ("INTENT", "UNKNOWN"):
                            self.journal.order_status(row.entry_cid, "NOT_SENT")
                            self.journal.update_plan(
                                row.plan_id, status="abandoned", detail="entry never sent"
                            )
                            self.journal.event("entry_not_sent", plan_id=row.plan_id)
                        continue
                    await self._entry_state(row, order)
                    continue
                row = await self._settle_lists(row, inst)
                if row.status == "closing":
                    await self._cancel_lists(row)
                    row = await self._settle_lists(row, inst)
                    await self._sell_rest(row, inst, Leg.EXIT, "exit resumed after restart")
                    continue
                if row.status == "open" and row.qty > 0 and not await self._lists_alive(row):
                    self.notify(f"{row.symbol}: position {row.qty} has no live protection, re-placing")
                    await self._protect(row, inst)

    async def _lists_alive(self, row: PlanRow) -> bool:
        if not row.list_cids:
            return False
        for list_cid in row.list_cids:
            lst = await self.venue.get_order_list(list_cid)
            if lst is None or not lst.is_open:
                return False
        return True

    async def _settle_lists(self, row: PlanRow, inst: Instrument) -> PlanRow:
        """Account for OCO legs that filled; returns the updated row (closed when nothing is left)."""
        held = row.qty
        remaining_lists: list[str] = []
        for list_cid in row.list_cids:
            lst = await self.venue.get_order_list(list_cid)
            if lst is not None and lst.is_open:
                remaining_lists.append(list_cid)
                continue
            for _, cid in lst.orders if lst is not None else ():
                order = await self.venue.get_order(row.symbol, cid)
                if order is None:
                    continue
                self.journal.order_status(cid, order.status.value, order.order_id)
                if order.executed_qty > 0:
                    new = False
                    for f in order.fills or await self._order_fills(row.symbol, order):
                        new = self._record_fill(cid, f) or new
                    held -= order.executed_qty
                    leg = (
                        "stop" if order.type in (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT) else "target"
                    )
                    self.journal.event(
                        "protection_filled",
                        plan_id=row.plan_id,
                        leg=leg,
                        cid=cid,
                        qty=str(order.executed_qty),
                        price=str(order.average_price),
                    )
                    self.notify(f"{leg} filled: {order.executed_qty} {row.symbol} at {order.average_price}")
        if remaining_lists == list(row.list_cids) and held == row.qty:
            return row
        held = max(held, ZERO)
        status = "closed" if held < max(inst.step_size, inst.min_qty) and not remaining_lists else row.status
        self.journal.update_plan(row.plan_id, qty=held, status=status, list_cids=remaining_lists)
        return self.journal.plan(row.plan_id) or row

    # ---- fills -------------------------------------------------------------------------------
    def _record_fill(self, cid: str, f: Fill) -> bool:
        key = f"{f.symbol}:{f.trade_id}" if f.trade_id > 0 else f"{f.order_id}:{f.quantity}:{f.time_ms}"
        new = self.journal.add_fill(
            key,
            cid,
            f.order_id,
            f.symbol,
            f.side.value,
            f.price,
            f.quantity,
            f.commission,
            f.commission_asset,
            f.time_ms,
        )
        if new:
            self.new_fills.append((cid, f))
        return new

    def _mark_sent(self, cid: str, req: OrderRequest | None, kind: str = "") -> None:
        self.send_times_ns.append(time.perf_counter_ns())
        if req is not None:
            self.sent_requests.append(req)
        desc = {"cid": cid, "kind": kind or (req.type.value if req else "")}
        if req is not None:
            desc |= {"side": req.side.value, "qty": str(req.quantity or "")}
        self.sent.append(desc)
