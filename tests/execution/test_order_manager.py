"""OrderManager on the SimBroker: protection per target (OCO slices), plan versions, never naked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aitrader.backtest.engine import default_instrument
from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.execution.order_manager import OrderManager
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
