"""Binance REST/WS order, fill and balance payloads parsed into domain types (Decimal-exact)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aitrader.domain import Fill, Order, OrderRequest, OrderStatus, OrderType, Side, TimeInForce

ZERO = Decimal(0)


def dec(raw: Any) -> Decimal | None:
    if raw is None or raw == "":
        return None
    return Decimal(str(raw))


def dec0(raw: Any) -> Decimal:
    value = dec(raw)
    return ZERO if value is None else value


@dataclass(frozen=True, slots=True)
class Balance:
    asset: str
    free: Decimal
    locked: Decimal

    @property
    def total(self) -> Decimal:
        return self.free + self.locked


def parse_balances(account: Mapping[str, Any]) -> dict[str, Balance]:
    out: dict[str, Balance] = {}
    for b in account.get("balances", []):
        out[str(b["asset"])] = Balance(str(b["asset"]), dec0(b.get("free")), dec0(b.get("locked")))
    return out


def parse_order(raw: Mapping[str, Any]) -> Order:
    """GET/POST/DELETE /api/v3/order response (ACK, RESULT or FULL) -> `Order`."""
    type_ = OrderType(str(raw.get("type", "MARKET")))
    price = dec(raw.get("price"))
    stop = dec(raw.get("stopPrice"))
    tif = raw.get("timeInForce")
    request = OrderRequest(
        symbol=str(raw["symbol"]),
        side=Side(str(raw.get("side", "BUY"))),
        type=type_,
        quantity=dec(raw.get("origQty")),
        price=price if price and price > 0 else None,
        stop_price=stop if stop and stop > 0 else None,
        time_in_force=TimeInForce(str(tif)) if tif else None,
        client_order_id=str(raw.get("clientOrderId") or raw.get("origClientOrderId") or "") or None,
    )
    order = Order(
        order_id=str(raw["orderId"]),
        request=request,
        status=OrderStatus(str(raw.get("status", "NEW"))),
        executed_qty=dec0(raw.get("executedQty")),
        cumulative_quote_qty=dec0(raw.get("cummulativeQuoteQty")),
        created_ms=int(raw.get("time", raw.get("transactTime", 0)) or 0),
        updated_ms=int(raw.get("updateTime", raw.get("transactTime", 0)) or 0),
        order_list_id=int(raw.get("orderListId", -1)),
    )
    for f in raw.get("fills", []) or []:
        order.fills.append(
            Fill(
                order_id=order.order_id,
                symbol=request.symbol,
                side=request.side,
                price=dec0(f.get("price")),
                quantity=dec0(f.get("qty")),
                commission=dec0(f.get("commission")),
                commission_asset=str(f.get("commissionAsset") or ""),
                time_ms=order.updated_ms,
                trade_id=int(f.get("tradeId", 0) or 0),
            )
        )
    return order


def parse_trade(raw: Mapping[str, Any]) -> Fill:
    """One GET /api/v3/myTrades element."""
    return Fill(
        order_id=str(raw["orderId"]),
        symbol=str(raw["symbol"]),
        side=Side.BUY if raw.get("isBuyer") else Side.SELL,
        price=dec0(raw.get("price")),
        quantity=dec0(raw.get("qty")),
        commission=dec0(raw.get("commission")),
        commission_asset=str(raw.get("commissionAsset") or ""),
        time_ms=int(raw.get("time", 0)),
        is_maker=bool(raw.get("isMaker", False)),
        trade_id=int(raw.get("id", 0)),
    )


@dataclass(frozen=True, slots=True)
class ExecutionReport:
    """A user-data `executionReport` event, reduced to what the order manager uses."""

    symbol: str
    client_order_id: str
    orig_client_order_id: str
    order_id: str
    side: Side
    type: OrderType
    execution_type: str
    status: OrderStatus
    order_list_id: int
    last_qty: Decimal
    last_price: Decimal
    cumulative_qty: Decimal
    cumulative_quote: Decimal
    commission: Decimal
    commission_asset: str
    trade_id: int
    time_ms: int
    is_maker: bool

    def fill(self) -> Fill | None:
        if self.execution_type != "TRADE" or self.last_qty <= 0:
            return None
        return Fill(
            order_id=self.order_id,
            symbol=self.symbol,
            side=self.side,
            price=self.last_price,
            quantity=self.last_qty,
            commission=self.commission,
            commission_asset=self.commission_asset,
            time_ms=self.time_ms,
            is_maker=self.is_maker,
            trade_id=self.trade_id,
        )


def parse_execution_report(e: Mapping[str, Any]) -> ExecutionReport:
    return ExecutionReport(
        symbol=str(e["s"]),
        client_order_id=str(e.get("c") or ""),
        orig_client_order_id=str(e.get("C") or ""),
        order_id=str(e["i"]),
        side=Side(str(e["S"])),
        type=OrderType(str(e["o"])),
        execution_type=str(e["x"]),
        status=OrderStatus(str(e["X"])),
        order_list_id=int(e.get("g", -1)),
        last_qty=dec0(e.get("l")),
        last_price=dec0(e.get("L")),
        cumulative_qty=dec0(e.get("z")),
        cumulative_quote=dec0(e.get("Z")),
        commission=dec0(e.get("n")),
        commission_asset=str(e.get("N") or ""),
        trade_id=int(e.get("t", -1)),
        time_ms=int(e.get("T", e.get("E", 0))),
        is_maker=bool(e.get("m", False)),
    )
