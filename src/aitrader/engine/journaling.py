"""Connects the journal to the bus: every verdict, order, order update, fill and closed trade is
written (batched) without the kernel knowing a journal exists.

A portfolio's brokers number their orders each on its own (every simulator starts at "S1", a venue
numbers orders per symbol), while the journal keys an order by (run, order id): the first symbol
to use an id keeps it, another symbol's order of the same id is journaled as `<id>@<SYMBOL>` — its
order row, updates and fills alike, so they still join. One symbol's run keeps its ids as they are.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from msgspec.structs import replace

from aitrader.engine.bus import EventBus
from aitrader.engine.events import (
    DecisionMissed,
    Deliberated,
    FillEvent,
    OrderEvent,
    OrderSubmitted,
    PositionClosed,
    VerdictGiven,
)
from aitrader.execution.journal import Journal

DELIBERATION = "deliberation"  # the journal's event kind for a debate's or an adviser's record


class JournalRecorder:
    """Subscribes `journal` to `bus` for run `run_id`; `detach()` unsubscribes."""

    def __init__(self, bus: EventBus, journal: Journal, run_id: str) -> None:
        self.journal = journal
        self.run_id = run_id
        self._owner: dict[str, str] = {}  # order id -> the symbol that used it first
        self._unsubscribe: list[Callable[[], None]] = [
            bus.subscribe(VerdictGiven, self._verdict),
            bus.subscribe(OrderSubmitted, self._order),
            bus.subscribe(OrderEvent, self._update),
            bus.subscribe(FillEvent, self._fill),
            bus.subscribe(PositionClosed, self._trade),
            bus.subscribe(DecisionMissed, self._missed),
            bus.subscribe(Deliberated, self._deliberated),
        ]

    def detach(self) -> None:
        for u in self._unsubscribe:
            u()
        self._unsubscribe.clear()
        self.journal.flush()

    def _order_id(self, order_id: str, symbol: str) -> str:
        """The journal's id of `symbol`'s order `order_id` (unique within the run)."""
        owner = self._owner.setdefault(order_id, symbol)
        return order_id if owner == symbol else f"{order_id}@{symbol}"

    def _verdict(self, e: VerdictGiven) -> None:
        self.journal.record_verdict(self.run_id, e.bar, e.time_ms, e.proposal, e.verdict)

    def _order(self, e: OrderSubmitted) -> None:
        oid = self._order_id(e.order_id, e.request.symbol)
        self.journal.record_order(self.run_id, e.bar, e.time_ms, oid, e.role, e.intent, e.request)

    def _update(self, e: OrderEvent) -> None:
        u = e.update
        oid = self._order_id(u.order_id, u.symbol)
        self.journal.record_update(self.run_id, u if oid == u.order_id else replace(u, order_id=oid))

    def _fill(self, e: FillEvent) -> None:
        r = e.report
        oid = self._order_id(r.order_id, r.symbol)
        self.journal.record_fill(self.run_id, r if oid == r.order_id else replace(r, order_id=oid), e.role)

    def _missed(self, e: DecisionMissed) -> None:
        payload = {"bar_open_ms": e.time_ms, "decider": e.decider, "reason": e.reason}
        self.journal.record_event(self.run_id, e.time_ms, "no_decision", payload)

    def _deliberated(self, e: Deliberated) -> None:
        d = e.deliberation
        payload = {
            "decider": d.decider, "symbol": d.symbol, "snapshot_id": d.snapshot_id, "bar": e.bar,
            "verdict": d.verdict, "record": json.loads(d.payload),
        }  # fmt: skip
        self.journal.record_event(self.run_id, d.time_ms, DELIBERATION, payload)

    def _trade(self, e: PositionClosed) -> None:
        self.journal.record_trade(self.run_id, e.trade)
