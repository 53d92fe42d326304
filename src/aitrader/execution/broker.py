"""The small interface every broker implements: the simulator now, the exchange broker later.

The kernel submits `OrderRequest`s (Decimal, venue-ready) and hears back through two callbacks:
`on_fill(ExecutionReport)` and `on_update(OrderUpdate)`. `on_bar` tells the broker a bar has
closed: the `SimBroker` matches its resting orders against it; an exchange broker, whose fills
arrive on the user-data stream, has nothing to do there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate

FillListener = Callable[[ExecutionReport], None]
UpdateListener = Callable[[OrderUpdate], None]


@runtime_checkable
class Broker(Protocol):
    def set_listeners(self, on_fill: FillListener, on_update: UpdateListener) -> None:
        """Where fills and order updates go."""
        ...

    def submit(self, request: OrderRequest, intent: Intent) -> str:
        """Send one order; returns the broker's order id."""
        ...

    def submit_oco(self, first: OrderRequest, second: OrderRequest, intent: Intent) -> tuple[str, str]:
        """Send a one-cancels-the-other pair (Binance order list); returns the two legs' order ids."""
        ...

    def deliver(self) -> None:
        """Hand over what answering the last submission produced: the simulator's live model fills a
        MARKET order at the last price here. Called after the submission is announced, so a fill never
        precedes its order; a venue broker does nothing (its fills arrive on the user-data stream)."""
        ...

    def cancel(self, order_id: str) -> None:
        """Cancel an open order (cancelling one leg of an OCO cancels the list, as on Binance)."""
        ...

    def open_order_ids(self) -> tuple[str, ...]: ...

    def on_bar(self, bar: int, time_ms: int, open_: float, high: float, low: float, close: float) -> None:
        """A bar closed. The simulator matches orders on it; a venue broker may do nothing."""
        ...


@runtime_checkable
class SkippingBroker(Protocol):
    """A broker that can say on which future bar something could happen (the jump loop uses it)."""

    def has_arriving(self) -> bool:
        """True when orders wait for the next bar's open (the next bar must be visited)."""
        ...

    def next_event_bar(self, start: int, stop: int) -> int:
        """First bar in [start, stop) whose range could fill or trigger a resting order, else `stop`."""
        ...


@runtime_checkable
class DurableBroker(Protocol):
    """A broker that journals what the order manager decides before it executes it (live trading,
    crash-only): it hears which plan the next orders carry out, and that the next exit closes the
    whole position, so a restart knows the plan's stop and targets and finishes an exit under way."""

    def plan_approved(self, plan: OrderPlan) -> None: ...

    def closing(self, symbol: str, reason: str) -> None: ...
