"""The kernel's venue adapter for live trading: approved plans go to the crash-only live order
manager through the order worker; what the venue did comes back to the kernel as the same events
a backtest publishes.

`execute_plan` never waits for the exchange: it hands the plan to the `Dispatcher` (which journals
the intent and schedules the calls on the order worker) and returns. After each candle's venue work
the runner calls `report(bar, now_ms)`: every request sent since is published as `OrderSubmitted`,
every fill goes to the kernel's fill listener as an `ExecutionReport` (the portfolio mirror books
it; `FillEvent` and, when a position closes, `PositionClosed` follow on the bus), every order that
ended without a fill (cancelled, an OCO leg expired, refused by the venue) to its update listener
(`OrderEvent`). A fill that
arrives between candles (a stop, a take-profit) is reported with the next candle.

`VenueBook` and `VenueAccount` are what the strategy and the gate see live: the positions the live
order manager holds in its journal (reconciled with the exchange) and the balances last read.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Fill, Instrument, Order, OrderStatus, OrderType, Side
from aitrader.domain.decimals import to_decimal
from aitrader.domain.plan import OrderPlan
from aitrader.domain.position import Position
from aitrader.engine.bus import EventBus
from aitrader.engine.events import OrderSubmitted
from aitrader.execution.broker import FillListener, UpdateListener
from aitrader.execution.order_manager import ROLE_ENTRY, ROLE_STOP, ROLE_TARGET, role_from_id
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.live.account_book import AccountBook, account_state
from aitrader.live.dispatch import Dispatcher
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.verdicts import to_position
from aitrader.risk.account import AccountState

_TYPE_OF_ROLE = {ROLE_STOP: OrderType.STOP_LOSS, ROLE_TARGET: OrderType.LIMIT_MAKER}


def _ignore(_: object) -> None:
    return None


def _f(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def _order_type(text: str) -> OrderType:
    """The journal's order type; an OCO list (refused as a whole) counts as its stop leg."""
    try:
        return OrderType(text)
    except ValueError:
        return OrderType.STOP_LOSS


def fill_report(cid: str, f: Fill, base_asset: str, bar: int) -> ExecutionReport:
    """A venue fill as the kernel's report: the fee's quote value, and the part taken from the base."""
    role = role_from_id(cid)
    in_base = f.commission_asset == base_asset
    fee_qty = float(f.commission) if in_base else 0.0
    fee = float(f.commission * f.price) if in_base else float(f.commission)
    return ExecutionReport(
        f.order_id, cid, f.symbol, f.side, _TYPE_OF_ROLE.get(role, OrderType.MARKET), float(f.price),
        float(f.quantity), fee, f.is_maker, f.time_ms, bar,
        Intent.ENTRY if role == ROLE_ENTRY else Intent.EXIT, "", fee_qty,
    )  # fmt: skip


class VenueBroker:
    """`PlanBroker` over the live order manager (see the module docstring)."""

    def __init__(
        self, dispatch: Dispatcher, om: LiveOrderManager, bus: EventBus, instrument: Instrument
    ) -> None:
        self.dispatch = dispatch
        self.om = om
        self.bus = bus
        self.instrument = instrument
        self.last_price = Decimal(0)  # the close of the bar being decided on: the entry's reference
        self._on_fill: FillListener = _ignore
        self._on_update: UpdateListener = _ignore
        self._reported = len(om.sent_requests)

    def set_listeners(self, on_fill: FillListener, on_update: UpdateListener) -> None:
        self._on_fill = on_fill
        self._on_update = on_update

    def on_bar(self, bar: int, time_ms: int, open_: float, high: float, low: float, close: float) -> None:
        self.last_price = to_decimal(close)  # the venue matches its own orders: nothing to do here

    def execute_plan(self, plan: OrderPlan, held: float) -> None:
        self.dispatch.act(plan, self.last_price)

    def report(self, bar: int, now_ms: int) -> list[dict[str, str]]:
        """Publish what the venue work since the last call sent and filled; returns every request
        sent, cancels included, as the telemetry shows them."""
        requests = self.om.sent_requests
        new, self._reported = requests[self._reported :], len(requests)
        bus = self.bus
        for req in new:
            cid = req.client_order_id or ""
            role = role_from_id(cid)
            intent = Intent.ENTRY if role == ROLE_ENTRY else Intent.EXIT
            bus.publish(OrderSubmitted(bar, now_ms, cid, role, intent, req))
        sent, fills = self.om.take_sent()
        for cid, f in fills:
            self._on_fill(fill_report(cid, f, self.instrument.base_asset, bar))
        for cid, order, status, reason in self.om.io.take_ended():
            self._on_update(self._ended(cid, order, status, reason, bar, now_ms))
        return sent

    def _ended(
        self, cid: str, order: Order | None, status: str, reason: str, bar: int, now_ms: int
    ) -> OrderUpdate:
        """An order that ended without a fill (cancelled, an OCO leg expired, refused) as the kernel's update."""
        if order is not None:
            r = order.request
            return OrderUpdate(
                order.order_id, cid, r.symbol, r.side, r.type, order.status, order.updated_ms or now_ms, bar,
                float(r.quantity or 0), _f(r.price), _f(r.stop_price), "", reason,
            )  # fmt: skip
        row = self.om.journal.order(cid) or {}
        return OrderUpdate(
            cid, cid, str(row.get("symbol", self.instrument.symbol)), Side(row.get("side", "SELL")),
            _order_type(str(row.get("type", "MARKET"))), OrderStatus(status), now_ms, bar, float(row.get("qty") or 0),
            None, None, "", reason,
        )  # fmt: skip


class VenueBook:
    """The positions the live order manager holds (journal, reconciled with the venue): a `PositionBook`."""

    def __init__(self, om: LiveOrderManager, symbol: str) -> None:
        self.om = om
        self.symbol = symbol

    def get(self, symbol: str) -> Position | None:
        row = self.om.position(symbol)
        return to_position(row) if row is not None and row.qty > 0 else None

    def open_positions(self) -> tuple[Position, ...]:
        pos = self.get(self.symbol)
        return (pos,) if pos is not None else ()


class VenueAccount:
    """The account the gate judges live proposals against: balances last read, the account's fees,
    start-of-day equity and the closed results of the journal (an `AccountSource`)."""

    def __init__(
        self,
        book: AccountBook,
        journal: LiveJournal,
        positions: VenueBook,
        instrument: Instrument,
        broker: VenueBroker,
    ) -> None:
        self.book = book
        self.journal = journal
        self.positions = positions
        self.instrument = instrument
        self.broker = broker

    def state(self, bar: int, now_ms: int) -> AccountState:
        book = self.book
        return account_state(
            book.balances, self.instrument, self.broker.last_price, now_ms, self.positions.open_positions(),
            book.day_start[1] or None, self.journal.closed_results(), book.fees,
        )  # fmt: skip
