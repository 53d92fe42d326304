"""SimBroker's live fill model (paper trading): market at the last price, the fee in the asset
received, protection in whole lots with the rest as dust, resting orders along the intrabar path."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aitrader.backtest.engine import default_instrument
from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.execution.fill_model import FillModel
from aitrader.execution.order_manager import OrderManager
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.reports import ExecutionReport
from aitrader.execution.sim_broker import SimBroker

D = Decimal
SYM = "BTCUSDT"
MIN = 60_000


class Desk:
    """Broker + order manager + portfolio wired the way the kernel wires them, live fill model."""

    def __init__(self) -> None:
        self.inst = default_instrument(SYM, 28_000.0)
        self.broker = SimBroker(fill_model=FillModel.LIVE, interval_ms=MIN)
        self.orders = OrderManager(self.broker, self.inst)
        self.portfolio = Portfolio(10_000.0)
        self.portfolio.set_lot_step(SYM, self.inst.step_size)
        self.fills: list[ExecutionReport] = []
        self.broker.set_listeners(self._fill, lambda u: self.orders.on_update(u))

    def _fill(self, f: ExecutionReport) -> None:
        self.fills.append(f)
        self.portfolio.apply(f, self.orders.role_of(f.client_order_id))
        self.orders.on_fill(f, self.portfolio.qty(f.symbol))

    def bar(self, i: int, o: float, h: float, lo: float, c: float) -> None:
        self.broker.on_bar(i, i * MIN, o, h, lo, c)


def plan(qty: str = "0.17711", stop: str = "27800", target: str = "28600") -> OrderPlan:
    return OrderPlan(
        plan_id="p1", version=1, kind=PlanKind.OPEN, symbol=SYM, side=Side.BUY, quantity=D(qty),
        entry_price=D("28000"), stop_price=D(stop),
        entry=OrderRequest(SYM, Side.BUY, OrderType.MARKET, quantity=D(qty), client_order_id="at-p1-1E"),
        stop=OrderRequest(SYM, Side.SELL, OrderType.STOP_LOSS, stop_price=D(stop)),
        targets=(OrderRequest(SYM, Side.SELL, OrderType.LIMIT, quantity=D(qty), price=D(target)),),
    )  # fmt: skip


def test_a_market_entry_fills_at_the_last_price_when_sent_with_the_fee_in_base() -> None:
    desk = Desk()
    desk.bar(0, 27_990.0, 28_010.0, 27_980.0, 28_000.5)  # the bar decided on: last price 28000.5
    desk.orders.execute(plan())
    (entry,) = desk.fills
    assert entry.price == 28_000.5
    assert entry.time_ms == MIN
    assert entry.qty == 0.17711
    assert entry.fee_qty == pytest.approx(0.00017711, abs=1e-15)
    assert entry.fee == pytest.approx(0.00017711 * 28_000.5)
    # the position holds whole lots of what was received; 0.00000289 BTC is dust, as on Binance
    assert desk.portfolio.qty(SYM) == 0.17693
    assert desk.portfolio.dust(SYM) == pytest.approx(0.00000289, abs=1e-12)
    assert desk.portfolio.cash == pytest.approx(10_000.0 - 0.17711 * 28_000.5)  # the fee is not cash
    # the OCO protects exactly what the position holds
    oco = list(desk.broker._live.values())
    assert {o.type for o in oco} == {OrderType.STOP_LOSS, OrderType.LIMIT_MAKER}
    assert {o.qty for o in oco} == {0.17693}


def test_resting_orders_meet_the_bar_along_its_path_not_stop_first() -> None:
    """A bar reaching both legs fills the one its replayed path meets first: an up bar (O→L→H→C)
    the stop, a down bar (O→H→L→C) the target (the research model takes the stop for both)."""
    up, down = Desk(), Desk()
    for desk in (up, down):
        desk.bar(0, 28_000.0, 28_001.0, 27_999.0, 28_000.0)
        desk.orders.execute(plan())
    up.bar(1, 28_000.0, 28_700.0, 27_700.0, 28_100.0)  # up bar: low (stop 27800) first
    down.bar(1, 28_000.0, 28_700.0, 27_700.0, 27_900.0)  # down bar: high (target 28600) first
    assert up.fills[-1].order_type is OrderType.STOP_LOSS
    assert up.fills[-1].price == 27_800.0
    assert down.fills[-1].order_type is OrderType.LIMIT_MAKER
    assert down.fills[-1].price == 28_600.0
    for desk in (up, down):
        assert desk.portfolio.qty(SYM) == 0.0
        assert len(desk.portfolio.trades) == 1
        assert desk.fills[-1].fee_qty == 0.0  # a sell pays its fee in quote
    assert down.portfolio.equity({SYM: 27_900.0}) > up.portfolio.equity({SYM: 28_100.0})


def test_an_oco_that_would_trigger_at_the_last_price_is_refused_and_the_position_closed() -> None:
    desk = Desk()
    desk.bar(0, 28_000.0, 28_001.0, 27_999.0, 28_000.0)
    desk.orders.execute(plan(stop="28100", target="28600"))  # stop above the last price
    desk.bar(1, 28_000.0, 28_010.0, 27_990.0, 28_005.0)
    kinds = [(f.side, f.order_type) for f in desk.fills]
    assert kinds == [(Side.BUY, OrderType.MARKET), (Side.SELL, OrderType.MARKET)]  # closed, never naked
    assert desk.portfolio.qty(SYM) == 0.0


def test_the_live_model_needs_the_interval_and_a_percentage_fee() -> None:
    with pytest.raises(ValueError, match="interval"):
        SimBroker(fill_model=FillModel.LIVE)
