"""Live order handling, wired at start before anything else (protection first: nothing here loads
the kernel, the strategies or TA-Lib): the venue's durable side, the entry rules, the kernel's
broker and the one order manager, which the journal and the venue are reconciled into before the
kernel that will use it is built."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aitrader.domain import Instrument
from aitrader.execution.order_manager import OrderManager
from aitrader.live.entry_rules import EntryRules
from aitrader.live.guard import OrderWorker
from aitrader.live.journal import LiveJournal
from aitrader.live.state import LiveState
from aitrader.live.venue import Venue
from aitrader.live.venue_broker import VenueBroker
from aitrader.live.venue_orders import VenueOrders


@dataclass(frozen=True, slots=True)
class LiveOrders:
    """Live order handling, built at start before anything else (protection first): the venue's
    durable side (`orders`), the entry rules, the kernel's broker and the one order manager."""

    orders: VenueOrders
    rules: EntryRules
    broker: VenueBroker
    om: OrderManager


def live_orders(
    venue: Venue,
    journal: LiveJournal,
    worker: OrderWorker,
    state: LiveState,
    inst: Instrument,
    after_orders: Callable[[], Awaitable[None]] | None = None,
) -> LiveOrders:
    orders = VenueOrders(venue, journal, notify=state.event)
    rules = EntryRules(orders, worker, state)
    broker = VenueBroker(orders, worker, rules, inst, after_orders)
    om = OrderManager(broker, inst)
    broker.attach(om)
    return LiveOrders(orders, rules, broker, om)
