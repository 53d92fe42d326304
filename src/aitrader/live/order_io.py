"""What every part of the live order manager shares: the venue, the journal, and the record of what
was sent, what filled and what went wrong.

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

from aitrader.domain import Fill, Instrument, Order, OrderRequest
from aitrader.live.journal import LiveJournal, PlanRow
from aitrader.live.venue import Venue

log = logging.getLogger(__name__)
ZERO = Decimal(0)
MAX_REJECTIONS = 3  # a refused exit or protective order is retried this many times, then alarm


class OrderIO:
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
        self.alarms: list[str] = []
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

    # ---- quantities ---------------------------------------------------------------------------
    def own_qty(self, row: PlanRow) -> Decimal:
        closing = sum(
            (
                Decimal(o["executed"] or "0")
                for o in self.journal.orders_of(row.plan_id)
                if o["side"] != row.side and o["cid"] != row.entry_cid
            ),
            ZERO,
        )
        return max(row.entry_qty - closing - row.outside_qty, ZERO)

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

    def take_sent(self) -> tuple[list[dict[str, str]], list[tuple[str, Fill]]]:
        sent, fills = self.sent, self.new_fills
        self.sent, self.new_fills = [], []
        return sent, fills

    def rejections(self, cid: str) -> int:
        return sum(1 for _, _, d in self.journal.events("order_rejected") if d.get("cid") == cid)

    def rejected(self, row: PlanRow, cid: str, what: str, reason: str) -> bool:
        """Journal a refusal; True (and an alarm) once `cid` was refused MAX_REJECTIONS times."""
        with self.journal.transaction():
            self.journal.order_status(cid, "REJECTED", detail=reason)
            self.journal.event("order_rejected", plan_id=row.plan_id, cid=cid, what=what, reason=reason)
        count = self.rejections(cid)
        self.notify(f"{what} {cid} refused ({count}/{MAX_REJECTIONS}): {reason}")
        if count >= MAX_REJECTIONS:
            self.alarm(f"{what} for {row.symbol} refused {count} times ({reason}); fix it by hand")
            return True
        return False

    def alarm(self, text: str) -> None:
        if text in self.alarms:
            return
        self.alarms.append(text)
        self.journal.event("alarm", text=text)
        self.notify(f"ALARM: {text} - new entries are refused")
