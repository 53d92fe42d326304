"""Binance Spot over signed REST: instruments, balances, orders and exchange-side OCO brackets.

Orders go through `SignedRest`'s endpoint methods (ccxt's implicit-API names) with Binance's own
parameter names and Decimal strings, so what reaches the venue is exactly the rounded value (invariant 4). Every order is
validated against the `Instrument` before it is sent, and carries our deterministic client id;
placement retries look the order up by that id first, so a timeout never doubles an order.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderType, Side
from aitrader.venues.binance.errors import OrderRejectedError, is_not_found
from aitrader.venues.binance.parse import Balance, parse_balances, parse_order, parse_trade
from aitrader.venues.binance.session import VenueSession
from aitrader.venues.binance.signed_rest import SignedRest


def fmt(value: Decimal) -> str:
    """Plain decimal text (no exponent), as Binance's ^([0-9]{1,20})(\\.[0-9]{1,20})?$ wants."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".") or "0"


@dataclass(frozen=True, slots=True)
class OcoRequest:
    """A protective bracket for a position: the side is the closing side (SELL for a long)."""

    symbol: str
    side: Side
    quantity: Decimal
    take_profit: Decimal
    stop_price: Decimal
    list_client_id: str
    stop_client_id: str
    target_client_id: str
    stop_limit_price: Decimal | None = None  # None: STOP_LOSS (market) leg

    def params(self) -> dict[str, str]:
        stop_type = "STOP_LOSS_LIMIT" if self.stop_limit_price is not None else "STOP_LOSS"
        stop: dict[str, str] = {
            "Type": stop_type,
            "StopPrice": fmt(self.stop_price),
            "ClientOrderId": self.stop_client_id,
        }
        if self.stop_limit_price is not None:
            stop |= {"Price": fmt(self.stop_limit_price), "TimeInForce": "GTC"}
        if self.side is Side.SELL:  # long: target above, stop below
            target = {
                "Type": "LIMIT_MAKER",
                "Price": fmt(self.take_profit),
                "ClientOrderId": self.target_client_id,
            }
            above, below = target, stop
        else:  # short: stop above, take-profit below
            target = {
                "Type": "TAKE_PROFIT",
                "StopPrice": fmt(self.take_profit),
                "ClientOrderId": self.target_client_id,
            }
            above, below = stop, target
        out = {
            "symbol": self.symbol,
            "side": self.side.value,
            "quantity": fmt(self.quantity),
            "listClientOrderId": self.list_client_id,
            "newOrderRespType": "RESULT",
        }
        out.update({f"above{k}": v for k, v in above.items()})
        out.update({f"below{k}": v for k, v in below.items()})
        return out


@dataclass(frozen=True, slots=True)
class OrderList:
    """An OCO as the venue reports it."""

    symbol: str
    order_list_id: int
    list_client_id: str
    status: str  # EXECUTING | ALL_DONE | REJECT
    orders: tuple[tuple[str, str], ...]  # (orderId, clientOrderId)

    @property
    def is_open(self) -> bool:
        return self.status == "EXECUTING"


def parse_order_list(raw: dict[str, Any]) -> OrderList:
    return OrderList(
        symbol=str(raw.get("symbol", "")),
        order_list_id=int(raw.get("orderListId", -1)),
        list_client_id=str(raw.get("listClientOrderId", "")),
        status=str(raw.get("listOrderStatus", "")),
        orders=tuple((str(o["orderId"]), str(o.get("clientOrderId", ""))) for o in raw.get("orders", [])),
    )


class BinanceBroker:
    """The live `Broker`: a thin, retrying, validating layer over Binance's signed REST endpoints."""

    def __init__(self, session: VenueSession) -> None:
        self.session = session
        self.ex = session.ex
        self.instruments: dict[str, Instrument] = {}

    @classmethod
    def connect(
        cls,
        api_key: str,
        secret: str,
        rest_base: str,
        recv_window_ms: int = 10_000,
        **session_kwargs: Any,
    ) -> BinanceBroker:
        """A broker on `rest_base` (testnet, mainnet or a local exchange: the URL decides)."""
        return cls(VenueSession(SignedRest(api_key, secret, rest_base, recv_window_ms), **session_kwargs))

    async def close(self) -> None:
        await self.session.close()

    async def start(self) -> None:
        await self.session.call("sync clock", self.session.resync_clock)

    def clock_offset_ms(self) -> int:
        """Local clock minus the venue's (what signed timestamps are corrected by)."""
        return int(self.ex.options.get("timeDifference", 0) or 0)

    # ---- reference data ------------------------------------------------------------------------
    async def instrument(self, symbol: str) -> Instrument:
        if symbol not in self.instruments:
            info = await self.session.call(
                "exchangeInfo", lambda: self.ex.public_get_exchangeinfo({"symbol": symbol})
            )
            entries = [s for s in info.get("symbols", []) if s.get("symbol") == symbol]
            if not entries:
                raise OrderRejectedError(-1121, f"symbol {symbol} is not listed on this venue")
            self.instruments[symbol] = Instrument.from_exchange_info(entries[0])
        return self.instruments[symbol]

    async def server_time(self) -> int:
        body = await self.session.call("time", lambda: self.ex.public_get_time())
        return int(body["serverTime"])

    async def balances(self) -> dict[str, Balance]:
        account = await self.session.call(
            "account", lambda: self.ex.private_get_account({"omitZeroBalances": "true"})
        )
        return parse_balances(account)

    async def commission_rates(self, symbol: str) -> tuple[Decimal, Decimal] | None:
        """(maker, taker) fee rates of this account from `GET /api/v3/account`'s `commissionRates`
        (the rates Binance charges it, discounts included); None when the venue does not say."""
        account = await self.session.call(
            "account", lambda: self.ex.private_get_account({"omitZeroBalances": "true"})
        )
        rates = account.get("commissionRates") if isinstance(account, dict) else None
        if not isinstance(rates, dict) or "maker" not in rates or "taker" not in rates:
            return None
        try:
            maker, taker = Decimal(str(rates["maker"])), Decimal(str(rates["taker"]))
        except ArithmeticError:
            return None
        if not (0 <= maker < 1 and 0 <= taker < 1):
            return None
        return maker, taker

    # ---- orders --------------------------------------------------------------------------------
    def _order_params(self, req: OrderRequest) -> dict[str, str]:
        if not req.client_order_id:
            raise ValueError("every order needs a deterministic client order id (invariant 3)")
        p = {
            "symbol": req.symbol,
            "side": req.side.value,
            "type": req.type.value,
            "newClientOrderId": req.client_order_id,
        }
        if req.quantity is not None:
            p["quantity"] = fmt(req.quantity)
        if req.quote_order_qty is not None:
            p["quoteOrderQty"] = fmt(req.quote_order_qty)
        if req.price is not None and req.type.has_price:
            p["price"] = fmt(req.price)
        if req.stop_price is not None and req.type.is_triggered:
            p["stopPrice"] = fmt(req.stop_price)
        if req.type in (OrderType.LIMIT, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT_LIMIT):
            p["timeInForce"] = req.time_in_force.value if req.time_in_force else "GTC"
        p["newOrderRespType"] = "FULL"
        return p

    async def validate(self, req: OrderRequest, reference_price: Decimal | None = None) -> None:
        inst = await self.instrument(req.symbol)
        failure = inst.validate(req, reference_price)
        if failure is not None:
            raise OrderRejectedError(failure.code, str(failure), req.client_order_id or "")

    async def place(self, req: OrderRequest, reference_price: Decimal | None = None) -> Order:
        """Send an order (validated first); idempotent across retries by client order id."""
        await self.validate(req, reference_price)
        params = self._order_params(req)
        cid = req.client_order_id or ""
        raw = await self.session.call(
            f"new order {cid}",
            lambda: self.ex.private_post_order(dict(params)),
            lookup=lambda: self._find_raw(req.symbol, cid),
            client_order_id=cid,
        )
        return parse_order(raw)

    async def _find_raw(self, symbol: str, cid: str) -> dict[str, Any] | None:
        return await _unless_missing(self.ex.private_get_order({"symbol": symbol, "origClientOrderId": cid}))

    async def get_order(self, symbol: str, cid: str) -> Order | None:
        raw = await self.session.call(f"get order {cid}", lambda: self._find_raw(symbol, cid))
        return None if raw is None else parse_order(raw)

    async def cancel(self, symbol: str, cid: str) -> Order | None:
        """Cancel by client id; None when the venue no longer has it open."""

        raw = await self.session.call(
            f"cancel {cid}",
            lambda: _unless_missing(
                self.ex.private_delete_order({"symbol": symbol, "origClientOrderId": cid})
            ),
        )
        return None if raw is None else parse_order(raw)

    async def open_orders(self, symbol: str) -> list[Order]:
        rows = await self.session.call(
            "openOrders", lambda: self.ex.private_get_openorders({"symbol": symbol})
        )
        return [parse_order(r) for r in rows]

    async def my_trades(self, symbol: str, since_ms: int | None = None) -> list[Fill]:
        params: dict[str, Any] = {"symbol": symbol, "limit": 1000}
        if since_ms is not None:
            params["startTime"] = since_ms
        rows = await self.session.call("myTrades", lambda: self.ex.private_get_mytrades(params))
        return [parse_trade(r) for r in rows]

    # ---- OCO brackets --------------------------------------------------------------------------
    async def place_oco(self, oco: OcoRequest) -> OrderList:
        inst = await self.instrument(oco.symbol)
        for cid, typ, price, stop in (
            (oco.stop_client_id, OrderType.STOP_LOSS, None, oco.stop_price),
            (oco.target_client_id, OrderType.LIMIT_MAKER, oco.take_profit, None),
        ):
            failure = inst.validate(
                OrderRequest(oco.symbol, oco.side, typ, oco.quantity, price, stop, client_order_id=cid)
            )
            if failure is not None:
                raise OrderRejectedError(failure.code, str(failure), cid)
        params = oco.params()
        raw = await self.session.call(
            f"new OCO {oco.list_client_id}",
            lambda: self.ex.private_post_orderlist_oco(dict(params)),
            lookup=lambda: self._find_list_raw(oco.list_client_id),
            client_order_id=oco.list_client_id,
        )
        return parse_order_list(raw)

    async def _find_list_raw(self, list_cid: str) -> dict[str, Any] | None:
        return await _unless_missing(self.ex.private_get_orderlist({"origClientOrderId": list_cid}))

    async def get_order_list(self, list_cid: str) -> OrderList | None:
        raw = await self.session.call(f"get OCO {list_cid}", lambda: self._find_list_raw(list_cid))
        return None if raw is None else parse_order_list(raw)

    async def cancel_oco(self, symbol: str, list_cid: str) -> bool:
        """Cancel an OCO; False when it was already done (filled or cancelled)."""

        params = {"symbol": symbol, "listClientOrderId": list_cid}
        raw = await self.session.call(
            f"cancel OCO {list_cid}", lambda: _unless_missing(self.ex.private_delete_orderlist(params))
        )
        return raw is not None

    async def open_order_lists(self) -> list[OrderList]:
        rows = await self.session.call("openOrderList", lambda: self.ex.private_get_openorderlist())
        return [parse_order_list(r) for r in rows]


async def _unless_missing(request: Awaitable[Any]) -> dict[str, Any] | None:
    """The venue's answer to `request`, or None when it says the order (list) does not exist."""
    try:
        raw: dict[str, Any] = await request
        return raw
    except Exception as exc:
        if is_not_found(exc):
            return None
        raise
