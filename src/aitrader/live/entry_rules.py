"""Why new entries are refused: the venue adapter asks before an entry's intent is journaled.

New entries are refused (and the reason is shown) while reconciliation left a mismatch, while an
alarm is up (an exit or protective order the venue keeps refusing), while a plan could not be
explained at restart, and while earlier orders of the same symbol (or a check of the whole
account) are still being worked on (a slow or rate-limiting venue delays orders; it never doubles
them). Exits and protection are never refused here. Over several symbols, an alarm or an unexplained
plan of any symbol refuses entries on all of them (`peers`).
"""

from __future__ import annotations

from aitrader.live.guard import OrderWorker
from aitrader.live.state import LiveState
from aitrader.live.venue_orders import VenueOrders


class EntryRules:
    def __init__(self, orders: VenueOrders, worker: OrderWorker, state: LiveState) -> None:
        self.orders = orders
        self.worker = worker
        self.state = state
        self.reconcile_ok = True
        self.peers: list[VenueOrders] = []  # the other symbols' venue sides (a portfolio run)

    def refusals(self) -> list[str]:
        """Why new entries are refused now (empty: they are not)."""
        reasons = [] if self.reconcile_ok else ["unresolved reconciliation mismatch"]
        for orders in (self.orders, *self.peers):
            reasons += [r for r in (*orders.alarms, *orders.unexplained) if r not in reasons]
        return reasons

    def update(self) -> None:
        reasons = self.refusals()
        self.state.trading_enabled = not reasons
        self.state.alarms = reasons

    def entry_refusal(self, symbol: str) -> str:
        """Why an entry on `symbol` may not go now ("" when it may)."""
        self.update()
        if not self.state.trading_enabled:
            return "; ".join(self.state.alarms)
        if self.orders.position(symbol) is not None or self.worker.busy_for(symbol):
            return "the last orders are still being worked on"
        return ""
