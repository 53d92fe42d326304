"""Connects the journal to the bus: every verdict, order, order update, fill and closed trade is
written (batched) without the kernel knowing a journal exists."""

from __future__ import annotations

from collections.abc import Callable

from aitrader.engine.bus import EventBus
from aitrader.engine.events import (
    DecisionMissed,
    FillEvent,
    OrderEvent,
    OrderSubmitted,
    PositionClosed,
    VerdictGiven,
)
from aitrader.execution.journal import Journal


class JournalRecorder:
    """Subscribes `journal` to `bus` for run `run_id`; `detach()` unsubscribes."""

    def __init__(self, bus: EventBus, journal: Journal, run_id: str) -> None:
        self.journal = journal
        self.run_id = run_id
        self._unsubscribe: list[Callable[[], None]] = [
            bus.subscribe(VerdictGiven, self._verdict),
            bus.subscribe(OrderSubmitted, self._order),
            bus.subscribe(OrderEvent, self._update),
            bus.subscribe(FillEvent, self._fill),
            bus.subscribe(PositionClosed, self._trade),
            bus.subscribe(DecisionMissed, self._missed),
        ]

    def detach(self) -> None:
        for u in self._unsubscribe:
            u()
        self._unsubscribe.clear()
        self.journal.flush()

    def _verdict(self, e: VerdictGiven) -> None:
        self.journal.record_verdict(self.run_id, e.bar, e.time_ms, e.proposal, e.verdict)

    def _order(self, e: OrderSubmitted) -> None:
        self.journal.record_order(self.run_id, e.bar, e.time_ms, e.order_id, e.role, e.intent, e.request)

    def _update(self, e: OrderEvent) -> None:
        self.journal.record_update(self.run_id, e.update)

    def _fill(self, e: FillEvent) -> None:
        self.journal.record_fill(self.run_id, e.report, e.role)

    def _missed(self, e: DecisionMissed) -> None:
        payload = {"bar_open_ms": e.time_ms, "decider": e.decider, "reason": e.reason}
        self.journal.record_event(self.run_id, e.time_ms, "no_decision", payload)

    def _trade(self, e: PositionClosed) -> None:
        self.journal.record_trade(self.run_id, e.trade)
