"""Order requests, orders as a venue reports them, and fills. Prices and quantities are Decimal."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain.enums import OrderStatus, OrderType, Side, TimeInForce
from aitrader.domain.value import Value


class OrderRequest(Value, frozen=True):
    """What we ask a venue to do. `client_order_id` is deterministic so a retry never doubles it."""

    symbol: str
    side: Side
    type: OrderType
    quantity: Decimal | None = None
    price: Decimal | None = None
    stop_price: Decimal | None = None
    quote_order_qty: Decimal | None = None
    time_in_force: TimeInForce | None = None
    client_order_id: str | None = None


@dataclass(frozen=True, slots=True)
class Fill:
    """One execution of an order."""

    order_id: str
    symbol: str
    side: Side
    price: Decimal
    quantity: Decimal
    commission: Decimal
    commission_asset: str
    time_ms: int
    is_maker: bool = False
    trade_id: int = 0

    @property
    def quote_qty(self) -> Decimal:
        return self.price * self.quantity


@dataclass(slots=True)
class Order:
    """An order's state as the venue knows it."""

    order_id: str
    request: OrderRequest
    status: OrderStatus = OrderStatus.NEW
    executed_qty: Decimal = Decimal(0)
    cumulative_quote_qty: Decimal = Decimal(0)
    created_ms: int = 0
    updated_ms: int = 0
    order_list_id: int = -1
    fills: list[Fill] = field(default_factory=list)

    @property
    def symbol(self) -> str:
        return self.request.symbol

    @property
    def side(self) -> Side:
        return self.request.side

    @property
    def type(self) -> OrderType:
        return self.request.type

    @property
    def client_order_id(self) -> str | None:
        return self.request.client_order_id

    @property
    def average_price(self) -> Decimal | None:
        if self.executed_qty == 0:
            return None
        return self.cumulative_quote_qty / self.executed_qty
