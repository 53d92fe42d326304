"""OrderManager on the SimBroker: protection per target (OCO slices), plan versions, never naked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aitrader.backtest.engine import default_instrument
from aitrader.domain import OrderRequest, OrderStatus, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.execution.order_manager import MAX_REFUSALS, OrderManager
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.reports import ExecutionReport, OrderUpdate
from aitrader.execution.sim_broker import SimBroker

D = Decimal
SYM = "BTCUSDT"


class Desk:
    """Broker + order manager + portfolio wired the way the kernel wires them."""

    def __init__(self) -> None:
        self.broker = SimBroker()
        self.orders = OrderManager(self.broker, default_instrument(SYM, 100.0))
        self.portfolio = Portfolio(100_000.0)
        self.updates: list[OrderUpdate] = []
        self.broker.set_listeners(self._fill, self._update)

    def _fill(self, f: ExecutionReport) -> None:
        role = self.orders.role_of(f.client_order_id)
        self.portfolio.apply(f, role)
        self.orders.on_fill(f, self.portfolio.qty(f.symbol))

    def _update(self, u: OrderUpdate) -> None:
        self.updates.append(u)
        self.orders.on_update(u)

    def bar(self, i: int, o: float, h: float, lo: float, c: float) -> None:
        self.broker.on_bar(i, i * 60_000, o, h, lo, c)


def stop(price: str, version: int = 1) -> OrderRequest:
    return OrderRequest(
        SYM, Side.SELL, OrderType.STOP_LOSS, stop_price=D(price), client_order_id=f"p1v{version}sl"
    )


def target(price: str, qty: str, k: int) -> OrderRequest:
    return OrderRequest(
        SYM, Side.SELL, OrderType.LIMIT, quantity=D(qty), price=D(price), client_order_id=f"p1tp{k}"
    )


def adjust_plan(stop_price: str, targets: tuple[OrderRequest, ...] = ()) -> OrderPlan:
    """Version 2 of plan p1: a new stop (and targets) for the 2 units held."""
    return OrderPlan(
        plan_id="p1",
        version=2,
        kind=PlanKind.ADJUST,
        symbol=SYM,
        side=Side.BUY,
        quantity=D("2"),
        entry_price=D("100"),
        stop_price=D(stop_price),
        stop=stop(stop_price, 2),
        targets=targets,
    )


def open_plan() -> OrderPlan:
    return OrderPlan(
        plan_id="p1",
        version=1,
        kind=PlanKind.OPEN,
        symbol=SYM,
        side=Side.BUY,
        quantity=D("2"),
        entry_price=D("100"),
        stop_price=D("95"),
        entry=OrderRequest(SYM, Side.BUY, OrderType.MARKET, quantity=D("2"), client_order_id="p1v1e"),
        stop=stop("95"),
        targets=(target("110", "1", 1), target("120", "1", 2)),
    )


def test_each_target_gets_its_own_oco_slice_and_a_stop_closes_the_rest() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)  # entry fills; two OCOs (stop 1 + target 1 each) rest
    assert desk.portfolio.qty(SYM) == 2.0
    assert len(desk.broker.open_order_ids()) == 4
    desk.bar(2, 100.0, 111.0, 99.0, 108.0)  # first target
    assert desk.portfolio.qty(SYM) == 1.0
    assert len(desk.broker.open_order_ids()) == 2  # its stop slice expired with it
    desk.bar(3, 108.0, 109.0, 94.0, 96.0)  # the stop takes the rest
    assert desk.portfolio.qty(SYM) == 0.0
    (trade,) = desk.portfolio.trades
    assert trade.exit_price == pytest.approx((110.0 + 95.0) / 2)
    assert trade.exit_reason == "stop"
    assert desk.broker.open_order_ids() == ()


def test_adjust_replaces_the_protection_of_the_previous_version() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)
    v2 = adjust_plan("99", (target("110", "1", 1), target("120", "1", 2)))
    desk.orders.execute(v2, held=2.0)
    cancelled = [u for u in desk.updates if u.status.value == "CANCELED"]
    assert len(cancelled) == 4  # both OCO lists of version 1
    desk.bar(2, 100.0, 100.5, 98.5, 99.0)  # the old stop (95) would not fire; the new one (99) does
    assert desk.portfolio.qty(SYM) == 0.0
    assert desk.portfolio.trades[0].exit_price == 99.0


def test_refused_protection_closes_the_position_at_market() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)
    v2 = adjust_plan("97")
    desk.orders.execute(v2, held=2.0)
    desk.bar(2, 96.0, 97.5, 95.5, 96.5)  # opens below the new stop: the venue refuses it
    assert any(u.status.value == "REJECTED" for u in desk.updates)
    assert desk.portfolio.qty(SYM) == 2.0  # the emergency exit goes out at the next open
    desk.bar(3, 96.5, 97.0, 96.0, 96.8)
    assert desk.portfolio.qty(SYM) == 0.0
    assert desk.portfolio.trades[0].exit_reason == "emergency_exit"


def close_plan() -> OrderPlan:
    """Version 2 of plan p1: the whole position out at market."""
    cid = client_order_id("p1", 2, Leg.EXIT)  # as the gate names it
    reduce = OrderRequest(SYM, Side.SELL, OrderType.MARKET, quantity=D("2"), client_order_id=cid)
    return OrderPlan(
        plan_id="p1", version=2, kind=PlanKind.CLOSE, symbol=SYM, side=Side.BUY, quantity=D("0"),
        entry_price=D("100"), stop_price=None, reduce=reduce,
    )  # fmt: skip


def stop_ids(desk: Desk) -> list[str]:
    return sorted(o.client_order_id for o in desk.broker.open_orders() if o.type is OrderType.STOP_LOSS)


def test_a_whole_exit_is_under_way_until_it_fills_and_never_reuses_an_id() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)
    for oid in desk.broker.open_order_ids():  # the OCOs cancelled outside: re-protected as version 2
        desk.broker.cancel(oid)
    desk.orders.reconcile(SYM, 2.0, [])
    desk.orders.execute(close_plan(), held=2.0)  # the gate's version 2: its ids were used, so 3
    assert desk.orders.exiting(SYM)  # the market exit waits for the next open
    (exit_order,) = [o for o in desk.broker.open_orders() if o.type is OrderType.MARKET]
    assert exit_order.client_order_id == client_order_id("p1", 3, Leg.EXIT)
    desk.bar(2, 101.0, 102.0, 100.0, 101.0)
    assert desk.portfolio.qty(SYM) == 0.0
    assert not desk.orders.exiting(SYM)


def test_reconcile_protects_what_the_venue_left_uncovered_under_the_next_version() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)
    v1 = stop_ids(desk)
    assert v1 == [client_order_id("p1", 1, Leg.STOP), client_order_id("p1", 1, Leg.STOP, 1)]
    for oid in desk.broker.open_order_ids():  # someone cancels every OCO outside the bot
        desk.broker.cancel(oid)
    desk.orders.reconcile(SYM, 2.0, [])  # the venue's truth: 2 held, nothing live
    assert stop_ids(desk) == [client_order_id("p1", 2, Leg.STOP), client_order_id("p1", 2, Leg.STOP, 1)]
    live = list(desk.orders.active[SYM].protection)
    desk.orders.reconcile(SYM, 2.0, live)  # all covered now: nothing more is sent
    assert len(desk.broker.open_order_ids()) == 4
    desk.orders.reconcile(SYM, 1.0, live)  # one unit sold outside: 2 covered, 1 owned -> redone exactly
    assert sum(o.qty for o in desk.broker.open_orders() if o.type is OrderType.STOP_LOSS) == 1.0
    assert {c[:-1] if c[-1].isdigit() else c for c in stop_ids(desk)} == {client_order_id("p1", 3, Leg.STOP)}


def _refused(order_id: str, cid: str, order_type: OrderType) -> OrderUpdate:
    """The venue's refusal of an order, as the broker tells it."""
    return OrderUpdate(
        order_id, cid, SYM, Side.SELL, order_type, OrderStatus.REJECTED, 0, 1, 2.0, None, None, "",
        "insufficient balance",
    )  # fmt: skip


def test_a_refused_exit_protects_again_and_the_two_remedies_never_loop() -> None:
    desk = Desk()
    desk.orders.execute(open_plan())
    desk.bar(1, 100.0, 101.0, 99.0, 100.0)
    for _ in range(MAX_REFUSALS):
        desk.orders.close_position(SYM, 2.0)
        (exit_order,) = [o for o in desk.broker.open_orders() if o.type is OrderType.MARKET]
        desk.broker.cancel(exit_order.order_id)  # what the venue did not take, told as its refusal:
        desk.orders.on_update(_refused(exit_order.order_id, exit_order.client_order_id, OrderType.MARKET))
        assert stop_ids(desk)  # never left naked: protected again after each refused exit
    (a_stop,) = [o for o in desk.broker.open_orders() if o.client_order_id == stop_ids(desk)[0]]
    desk.orders.on_update(_refused(a_stop.order_id, a_stop.client_order_id, OrderType.STOP_LOSS))
    assert not [o for o in desk.broker.open_orders() if o.type is OrderType.MARKET]  # no 4th exit
    assert desk.portfolio.qty(SYM) == 2.0
