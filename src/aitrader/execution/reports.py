"""What a broker tells the kernel: fills (`ExecutionReport`) and order state changes (`OrderUpdate`).

Immutable values (`domain.value.Value`: cheap to build in the hot loop). Floats on purpose: these feed the portfolio and the journal (analysis space). The live broker
converts the venue's Decimal fills into the same reports, so the kernel never knows its mode.
"""

from __future__ import annotations

from enum import Enum

from aitrader.domain.enums import OrderStatus, OrderType, Side
from aitrader.domain.value import Value


class Intent(Enum):
    """Whether an order opens (or adds to) a position or reduces it. Fixed fees depend on it."""

    ENTRY = "entry"
    EXIT = "exit"


class ExecutionReport(Value, frozen=True):
    """One fill of an order (no partial fills in the simulator: one report per filled order)."""

    order_id: str
    client_order_id: str
    symbol: str
    side: Side
    order_type: OrderType
    price: float
    qty: float
    fee: float
    is_maker: bool
    time_ms: int
    bar: int
    intent: Intent
    list_id: str = ""
    # the part of the fee taken from the base asset received (a BUY under Binance's default
    # commission): `fee` is then its quote value and is not paid in cash (0.0: fee paid in quote)
    fee_qty: float = 0.0

    @property
    def notional(self) -> float:
        return self.price * self.qty


class OrderUpdate(Value, frozen=True):
    """An order was accepted, cancelled, expired (OCO sibling) or rejected; `reason` says why."""

    order_id: str
    client_order_id: str
    symbol: str
    side: Side
    order_type: OrderType
    status: OrderStatus
    time_ms: int
    bar: int
    qty: float = 0.0
    price: float | None = None
    stop_price: float | None = None
    list_id: str = ""
    reason: str = ""
