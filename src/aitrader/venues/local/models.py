"""The exchange's own records: accounts with free/locked balances, orders, order lists, trades.

Decimal everywhere; `to_dict`/`from_dict` give the JSON the state file stores.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aitrader.domain import OrderType, Side

ZERO = Decimal(0)
OPEN_STATUSES = ("NEW", "PARTIALLY_FILLED", "PENDING_NEW")


@dataclass
class LocalAccount:
    api_key: str
    secret: str
    maker: Decimal
    taker: Decimal
    uid: int
    ed25519_public_key: str | None = None
    free: dict[str, Decimal] = field(default_factory=dict)
    locked: dict[str, Decimal] = field(default_factory=dict)
    update_time: int = 0

    def assets(self) -> list[str]:
        return sorted(set(self.free) | set(self.locked))


@dataclass
class Lock:
    """Funds held for an order or an order list (OCO legs share one lock)."""

    account: str
    asset: str
    amount: Decimal


@dataclass
class LocalOrder:
    account: str
    symbol: str
    order_id: int
    client_order_id: str
    side: Side
    type: OrderType
    time_in_force: str
    orig_qty: Decimal
    price: Decimal
    stop_price: Decimal | None
    quote_order_qty: Decimal
    time: int
    stp_mode: str
    status: str = "NEW"
    executed_qty: Decimal = ZERO
    cum_quote: Decimal = ZERO
    update_time: int = 0
    working_time: int = -1
    order_list_id: int = -1
    triggered: bool = False
    lock_key: str = ""
    expiry_reason: str | None = None
    strategy_id: int | None = None
    strategy_type: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_working(self) -> bool:
        return self.is_open and self.working_time != -1

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["side"], d["type"] = self.side.value, self.type.value
        return _str_decimals(d)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LocalOrder:
        d = dict(d)
        d["side"], d["type"] = Side(d["side"]), OrderType(d["type"])
        for k in ("orig_qty", "price", "quote_order_qty", "executed_qty", "cum_quote"):
            d[k] = Decimal(d[k])
        d["stop_price"] = None if d["stop_price"] is None else Decimal(d["stop_price"])
        return cls(**d)


@dataclass
class LocalOrderList:
    account: str
    symbol: str
    order_list_id: int
    list_client_order_id: str
    transaction_time: int
    order_ids: list[int]
    contingency_type: str = "OCO"
    list_status_type: str = "EXEC_STARTED"
    list_order_status: str = "EXECUTING"
    lock_key: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LocalOrderList:
        return cls(**d)


@dataclass
class LocalTrade:
    account: str
    symbol: str
    trade_id: int
    order_id: int
    order_list_id: int
    price: Decimal
    qty: Decimal
    quote_qty: Decimal
    commission: Decimal
    commission_asset: str
    time: int
    is_buyer: bool
    is_maker: bool

    def to_dict(self) -> dict[str, Any]:
        return _str_decimals(dataclasses.asdict(self))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LocalTrade:
        d = dict(d)
        for k in ("price", "qty", "quote_qty", "commission"):
            d[k] = Decimal(d[k])
        return cls(**d)


def _str_decimals(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in d.items()}
