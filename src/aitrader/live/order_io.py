"""What every part of the live order path's venue side shares: the venue, the journal, and the
record of what was sent, what filled and what went wrong.

- `sync_order` writes one order's venue state (status, executed quantity, fills) in one journal
  transaction; quantities are always recomputed from these records, never decremented by hand,
  so reading the same order twice cannot count it twice.
- `own_qty` is the quantity the bot owns in a plan: what its entry received (net of base-asset
  fees) minus what its closing orders executed minus what someone else sold. It is the most any
  exit or protective order may ever cover: other balances are never touched.
- `alarm` is the visible stop sign: a journaled event, a line for the view, and the reason new
  entries are refused and the process exits non-zero.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderStatus
from aitrader.live.journal import LiveJournal, PlanRow, now_ms
from aitrader.live.venue import Venue
from aitrader.venues.binance.signed_rest import ORDER_RECV_WINDOW_MS

log = logging.getLogger(__name__)
ZERO = Decimal(0)
# An order request older than this can no longer reach the matching engine: Binance drops a request
# whose timestamp is more than its recvWindow (ORDER_RECV_WINDOW_MS, 2 s) old when it gets there;
# 1 s more for clock error. Before that, an order the venue does not know yet may still be on its way.
SURELY_GONE_MS = ORDER_RECV_WINDOW_MS + 1_000
MAX_REJECTIONS = 3  # a plan's exits and protective orders may be refused this often, then alarm
_ENDED = (OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.EXPIRED_IN_MATCH, OrderStatus.REJECTED)


class OrderIO:
    def __init__(
        self, venue: Venue, journal: LiveJournal, notify: Callable[[str], None] | None = None
    ) -> None:
        self.venue = venue
        self.journal = journal
        self.notify = notify or (lambda text: log.info(text))
        self.sent: list[dict[str, str]] = []  # orders sent since the last `take_sent()` (telemetry)
        self.new_fills: list[tuple[str, Fill]] = []  # (client order id, fill) since `take_sent()`
        # orders that ended without filling (cancelled, expired, refused) since `take_ended()`:
        # (client order id, the venue's order if it answered, status, reason)
        self.ended: list[tuple[str, Order | None, str, str]] = []
        self.send_times_ns: list[int] = []  # perf_counter_ns when each request left (latency bench)
        self.sent_requests: list[OrderRequest] = []  # every order (OCO legs included), for the run record
        self.alarms: list[str] = []
        self.alarmed_plans: set[str] = set()
        self.recheck_at: float | None = None  # monotonic time a check is due (an order in doubt resolves)
        self.protected: dict[str, bool] = {}  # plan id -> an OCO covering it all was seen live on the venue

    # ---- venue state into the journal -----------------------------------------------------------
    async def order_fills(self, symbol: str, order: Order) -> list[Fill]:
        """The order's own fills (FULL responses carry them; otherwise from the trade list)."""
        if order.fills:
            return list(order.fills)
        if order.executed_qty <= 0:
            return []
        trades = await self.venue.my_trades(symbol, since_ms=max(0, order.created_ms - 60_000) or None)
        return [t for t in trades if t.order_id == order.order_id]

    async def sync_order(self, cid: str, order: Order) -> None:
        """Record `order`'s status, executed quantity and fills (one transaction)."""
        known = self.journal.order(cid)
        same = (
            known is not None
            and known["status"] == order.status.value
            and Decimal(known["executed"] or "0") == order.executed_qty
        )
        if same:
            return
        fills = await self.order_fills(order.request.symbol, order)
        with self.journal.transaction():
            for f in fills:
                self.record_fill(cid, f)
            self.journal.order_status(cid, order.status.value, order.order_id, executed=order.executed_qty)
        if order.status in _ENDED:
            self.ended.append((cid, order, order.status.value, ""))

    def record_fill(self, cid: str, f: Fill) -> bool:
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

    def may_still_arrive(self, order_row: dict[str, Any]) -> bool:
        """Whether an order the venue does not know (yet) could still reach it (see SURELY_GONE_MS);
        if so, a check is due as soon as it surely cannot."""
        left_ms = int(order_row["updated_ms"]) + SURELY_GONE_MS - now_ms()
        if left_ms <= 0:
            return False
        due = time.monotonic() + left_ms / 1000
        self.recheck_at = due if self.recheck_at is None else min(self.recheck_at, due)
        return True

    def recheck_due(self) -> bool:
        if self.recheck_at is None or time.monotonic() < self.recheck_at:
            return False
        self.recheck_at = None
        return True

    # ---- quantities ---------------------------------------------------------------------------
    def own_qty(self, row: PlanRow) -> Decimal:
        closing = {
            str(o["cid"]): Decimal(o["executed"] or "0")
            for o in self.journal.orders_of(row.plan_id)
            if o["side"] != row.side and o["cid"] != row.entry_cid
        }
        fees_in_base = sum(  # e.g. BNB fees on a BNB pair: they leave the account like a sale
            (
                Decimal(f["commission"])
                for f in self.journal.fills()
                if f["cid"] in closing
                and f["commission_asset"]
                and row.symbol.startswith(f["commission_asset"])
            ),
            ZERO,
        )
        return max(row.entry_qty - sum(closing.values(), ZERO) - fees_in_base - row.outside_qty, ZERO)

    async def free_base(self, inst: Instrument) -> Decimal:
        """The free balance of the instrument's base asset on the venue."""
        base = (await self.venue.balances()).get(inst.base_asset)
        return base.free if base is not None else ZERO

    def record_sold_outside(self, row: PlanRow, qty: Decimal) -> PlanRow:
        """Someone else sold `qty` of the plan's coins: the plan owns that much less from now on."""
        with self.journal.transaction():
            self.journal.update_plan(row.plan_id, outside_qty=row.outside_qty + qty)
            self.journal.event("sold_outside", plan_id=row.plan_id, qty=str(qty))
        self.notify(f"{row.symbol}: {qty} of the position was sold outside the bot")
        return self.journal.plan(row.plan_id) or row

    @staticmethod
    def sellable(inst: Instrument, qty: Decimal, price: Decimal) -> bool:
        """Whether `qty` is more than dust: a quantity below the venue's minimums cannot be sold or
        protected, so it does not keep a position open."""
        qty = inst.round_qty(qty, market=True)
        return qty > 0 and qty >= inst.min_qty and (price <= 0 or qty * price >= inst.min_notional)

    # ---- what was sent, what went wrong -------------------------------------------------------
    def mark_sent(self, cid: str, req: OrderRequest | None, kind: str = "") -> None:
        self.send_times_ns.append(time.perf_counter_ns())
        if req is not None:
            self.sent_requests.append(req)
        desc = {"cid": cid, "kind": kind or (req.type.value if req else "")}
        if req is not None:
            desc |= {"side": req.side.value, "qty": str(req.quantity or "")}
        self.sent.append(desc)

    def take_ended(self) -> list[tuple[str, Order | None, str, str]]:
        ended, self.ended = self.ended, []
        return ended

    def take_sent(self) -> tuple[list[dict[str, str]], list[tuple[str, Fill]]]:
        sent, fills = self.sent, self.new_fills
        self.sent, self.new_fills = [], []
        return sent, fills

    def rejections(self, plan_id: str) -> int:
        """How often the venue refused an exit or a protective OCO of this plan."""
        return sum(1 for _, _, d in self.journal.events("order_rejected") if d.get("plan_id") == plan_id)

    def rejected(self, row: PlanRow, cid: str, what: str, reason: str) -> bool:
        """Journal a refusal; True (and an alarm) once the plan's orders were refused MAX_REJECTIONS times."""
        with self.journal.transaction():
            self.journal.order_status(cid, "REJECTED", detail=reason)
            self.journal.event("order_rejected", plan_id=row.plan_id, cid=cid, what=what, reason=reason)
        self.ended.append((cid, None, "REJECTED", reason))
        count = self.rejections(row.plan_id)
        self.notify(f"{what} {cid} refused ({count}/{MAX_REJECTIONS}): {reason}")
        if count >= MAX_REJECTIONS:
            self.alarm(
                f"{what} for {row.symbol} (plan {row.plan_id}) refused {count} times ({reason}); "
                "the bot no longer acts on it: fix it by hand",
                row.plan_id,
            )
            return True
        return False

    def alarmed(self, plan_id: str) -> bool:
        return plan_id in self.alarmed_plans

    def alarm(self, text: str, plan_id: str = "") -> None:
        if plan_id:
            self.alarmed_plans.add(plan_id)
        if text in self.alarms:
            return
        self.alarms.append(text)
        self.journal.event("alarm", text=text, plan_id=plan_id)
        self.notify(f"ALARM: {text} - new entries are refused")

    def load_alarms(self) -> None:
        """Alarms survive a restart while their plan is still open or closing."""
        active = {r.plan_id for r in self.journal.plans("open", "closing", "pending_entry")}
        for _, _, d in self.journal.events("alarm"):
            plan_id = str(d.get("plan_id") or "")
            if plan_id in active and d.get("text") not in self.alarms:
                self.alarmed_plans.add(plan_id)
                self.alarms.append(str(d.get("text")))
