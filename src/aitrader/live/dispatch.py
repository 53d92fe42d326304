"""From the gate's verdicts to venue work: what is sent, what is refused, and why entries stop.

Approved plans become jobs for the order worker; the candle loop never waits on the venue itself.
New entries are refused (and the reason is shown) while reconciliation left a mismatch, while an
alarm is up (an exit or protective order the venue keeps refusing), while a plan could not be
explained at restart, and while earlier orders are still being worked on (a slow or rate-limiting
venue delays orders; it never doubles them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal

from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.live.guard import OrderWorker
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.state import LiveState


class Dispatcher:
    def __init__(
        self,
        om: LiveOrderManager,
        worker: OrderWorker,
        state: LiveState,
        after_orders: Callable[[], Awaitable[None]],
    ) -> None:
        self.om = om
        self.worker = worker
        self.state = state
        self.after_orders = after_orders  # e.g. read the balances again
        self.reconcile_ok = True

    def refusals(self) -> list[str]:
        """Why new entries are refused now (empty: they are not)."""
        reasons = [] if self.reconcile_ok else ["unresolved reconciliation mismatch"]
        return reasons + self.om.alarms + self.om.unexplained

    def update(self) -> None:
        reasons = self.refusals()
        self.state.trading_enabled = not reasons
        self.state.alarms = reasons

    def act(self, verdict: OrderPlan, price: Decimal) -> None:
        """Hand an approved plan to the order worker (the kernel's venue adapter calls this)."""
        om, st = self.om, self.state
        st.verdict = (
            f"approved {verdict.kind.value} plan {verdict.plan_id} v{verdict.version} qty {verdict.quantity}"
        )
        if verdict.kind is PlanKind.OPEN:
            self.update()
            if not st.trading_enabled:
                st.verdict += f" (not sent: {'; '.join(st.alarms)})"
                return
            if om.position(verdict.symbol) is not None or self.worker.busy:
                st.verdict += " (not sent: the last orders are still being worked on)"
                return
            st.entries += 1
            self.worker.submit(f"entry {verdict.plan_id}", lambda: self._then(om.open(verdict, price)))
        elif verdict.kind is PlanKind.CLOSE and (verdict.stop is None or verdict.quantity <= 0):
            st.exits += 1
            reason = verdict.rationale or "strategy exit"
            self.worker.submit(f"exit {verdict.plan_id}", lambda: self._then(om.exit(verdict.symbol, reason)))
        else:
            self.worker.submit(f"adjust {verdict.plan_id}", lambda: self._then(om.adjust(verdict)))

    async def _then(self, work: Awaitable[None]) -> None:
        await work
        await self.after_orders()
