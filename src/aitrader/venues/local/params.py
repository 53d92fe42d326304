"""Request parameters checked the way Binance checks them (-1100 / -1102 / -1106 / -1115..-1117)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from aitrader.domain import OrderType, Side
from aitrader.venues.local import errors as errs

_DEC = re.compile(errs.DECIMAL_RANGE)
_INT = re.compile(errs.INT_RANGE)
_CID = re.compile(errs.CLIENT_ID_RANGE)
_SYMBOL = re.compile(r"^[A-Z0-9-_.]{1,20}$")
TIFS = ("GTC", "IOC", "FOK")
RESP_TYPES = ("ACK", "RESULT", "FULL")
Params = Mapping[str, str]


def opt(p: Params, name: str) -> str | None:
    v = p.get(name)
    return None if v is None or v == "" else v


def req(p: Params, name: str) -> str:
    v = opt(p, name)
    if v is None:
        raise errs.mandatory(name)
    return v


def dec_opt(p: Params, name: str) -> Decimal | None:
    v = opt(p, name)
    if v is None:
        return None
    if not _DEC.match(v):
        raise errs.illegal(name, errs.DECIMAL_RANGE)
    return Decimal(v)


def int_opt(p: Params, name: str) -> int | None:
    v = opt(p, name)
    if v is None:
        return None
    if not _INT.match(v):
        raise errs.illegal(name, errs.INT_RANGE)
    return int(v)


def signed_int_opt(p: Params, name: str) -> int | None:
    v = opt(p, name)
    if v is None:
        return None
    if not re.fullmatch(r"-?[0-9]{1,20}", v):
        raise errs.illegal(name, errs.INT_RANGE)
    return int(v)


def symbol_param(p: Params, known: Mapping[str, object], name: str = "symbol") -> str:
    s = req(p, name)
    if not _SYMBOL.match(s):
        raise errs.illegal(name, "^[A-Z0-9-_.]{1,20}$")
    if s not in known:
        raise errs.BAD_SYMBOL
    return s


def client_id(p: Params, name: str) -> str | None:
    v = opt(p, name)
    if v is not None and not _CID.match(v):
        raise errs.illegal(name, errs.CLIENT_ID_RANGE)
    return v


def new_client_id() -> str:
    """A 22-character id like the ones Binance generates."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(22))


def side_param(p: Params, name: str = "side") -> Side:
    v = req(p, name)
    try:
        return Side(v)
    except ValueError:
        raise errs.BinanceError(-1117, "Invalid side.") from None


def type_param(p: Params, name: str = "type") -> OrderType:
    v = req(p, name)
    try:
        return OrderType(v)
    except ValueError:
        raise errs.BinanceError(-1116, "Invalid orderType.") from None


@dataclass(frozen=True, slots=True)
class NewOrder:
    symbol: str
    side: Side
    type: OrderType
    time_in_force: str
    quantity: Decimal | None
    quote_order_qty: Decimal | None
    price: Decimal | None
    stop_price: Decimal | None
    client_order_id: str
    resp_type: str
    stp_mode: str | None
    strategy_id: int | None
    strategy_type: int | None


def parse_new_order(
    p: Params, known: Mapping[str, object], prefix: str = "", list_leg: bool = False
) -> NewOrder:
    """Parse and shape-check a new order (or, with `prefix`, one OCO leg: aboveType, abovePrice...)."""
    symbol = symbol_param(p, known)
    side = side_param(p)
    otype = type_param(p, f"{prefix}Type" if prefix else "type")

    def key(name: str) -> str:
        return prefix + name[0].upper() + name[1:] if prefix else name

    tif = opt(p, key("timeInForce"))
    qty = dec_opt(p, "quantity")
    qqty = None if list_leg else dec_opt(p, "quoteOrderQty")
    price = dec_opt(p, key("price"))
    stop = dec_opt(p, key("stopPrice"))
    if opt(p, key("trailingDelta")) is not None or opt(p, key("icebergQty")) is not None:
        raise errs.rejected("Unsupported order combination")
    needs_tif = otype in (OrderType.LIMIT, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT_LIMIT)
    if needs_tif:
        if tif is None:
            raise errs.mandatory(key("timeInForce"))
        if tif not in TIFS:
            raise errs.BinanceError(-1115, "Invalid timeInForce.")
    elif tif is not None and otype is not OrderType.LIMIT_MAKER:
        raise errs.not_required("timeInForce")
    if otype is OrderType.MARKET:
        if qty is None and qqty is None:
            raise errs.one_of("quantity", "quoteOrderQty")
        if qty is not None and qqty is not None:
            raise errs.not_required("quoteOrderQty")
    else:
        if qty is None:
            raise errs.mandatory("quantity")
        if qqty is not None:
            raise errs.not_required("quoteOrderQty")
    if otype.has_price and price is None:
        raise errs.mandatory(key("price"))
    if not otype.has_price and price is not None:
        raise errs.not_required(key("price"))
    if otype.is_triggered and stop is None:
        raise errs.mandatory(key("stopPrice"))
    if not otype.is_triggered and stop is not None:
        raise errs.not_required(key("stopPrice"))
    resp = opt(p, "newOrderRespType")
    if resp is not None and resp not in RESP_TYPES:
        raise errs.BinanceError(
            -1100,
            "Illegal characters found in parameter 'newOrderRespType'; legal range is 'ACK, RESULT, FULL'.",
        )
    default_resp = "FULL" if otype in (OrderType.MARKET, OrderType.LIMIT) else "ACK"
    cid = client_id(p, key("clientOrderId") if prefix else "newClientOrderId") or new_client_id()
    stype = int_opt(p, key("strategyType"))
    if stype is not None and stype < 1000000:
        raise errs.BinanceError(
            -1100,
            f"Illegal characters found in parameter '{key('strategyType')}'; legal range is '>= 1000000'.",
        )
    return NewOrder(
        symbol=symbol,
        side=side,
        type=otype,
        time_in_force=tif or "GTC",
        quantity=qty,
        quote_order_qty=qqty,
        price=price,
        stop_price=stop,
        client_order_id=cid,
        resp_type=resp or default_resp,
        stp_mode=opt(p, "selfTradePreventionMode"),
        strategy_id=int_opt(p, key("strategyId")),
        strategy_type=stype,
    )
