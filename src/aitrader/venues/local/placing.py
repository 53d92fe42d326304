"""New orders and OCO lists: Binance's checks in Binance's order, then execution against the replay."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.domain import FilterFailure, Instrument, OrderRequest, OrderType, Side, TimeInForce
from aitrader.domain.decimals import to_decimal
from aitrader.domain.instrument import Rounding
from aitrader.execution.matching import (
    Bar,
    MatchOrder,
    is_marketable,
    match_on_bar,
    oco_prices_valid,
    would_trigger_immediately,
)
from aitrader.execution.slippage import FixedBps
from aitrader.venues.local import errors as errs
from aitrader.venues.local import views
from aitrader.venues.local.models import ZERO, LocalOrder, LocalOrderList, LocalTrade
from aitrader.venues.local.params import NewOrder, Params, client_id, new_client_id, opt, parse_new_order

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine

_ALGO = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT, OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT)
_STOPS = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
_PROFITS = (OrderType.LIMIT_MAKER, OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT)


def slipped(eng: Engine, symbol: str, price: Decimal, side: Side) -> Decimal:
    """A taker fill price after the configured slippage, rounded to the tick against the order."""
    bps = eng.config.slippage_bps
    if bps == 0:
        return price
    raw = to_decimal(FixedBps(bps).slipped(float(price), side))
    return eng.instruments[symbol].round_price(raw, Rounding.UP if side is Side.BUY else Rounding.DOWN)


def _filter_limit(inst: Instrument, name: str) -> int | None:
    for f in inst.raw.get("filters", []):
        if f.get("filterType") == name:
            return int(next(v for k, v in f.items() if k != "filterType"))
    return None


def _check_common(
    eng: Engine, account: str, no: NewOrder, quantity: Decimal | None, extra_orders: int
) -> None:
    inst = eng.instruments[no.symbol]
    req = OrderRequest(
        no.symbol, no.side, no.type, quantity, no.price, no.stop_price,
        no.quote_order_qty if quantity is None else None,
        TimeInForce(no.time_in_force), no.client_order_id,
    )  # fmt: skip
    failure: FilterFailure | None = inst.validate(req, reference_price=eng.avg_price(no.symbol))
    if failure is not None:
        raise errs.BinanceError(failure.code, failure.message)
    allowed = inst.raw.get("allowedSelfTradePreventionModes", [])
    if no.stp_mode is not None and no.stp_mode not in allowed:
        raise errs.BinanceError(-1013, "This symbol does not allow the specified self-trade prevention mode.")
    open_orders = eng.book.open_orders(account, no.symbol)
    if any(o.client_order_id == no.client_order_id for o in eng.book.open_orders(account)):
        raise errs.rejected(errs.DUPLICATE_ORDER)
    max_orders = _filter_limit(inst, "MAX_NUM_ORDERS")
    if max_orders is not None and len(open_orders) + extra_orders > max_orders:
        raise errs.rejected("Filter failure: MAX_NUM_ORDERS")
    max_algo = _filter_limit(inst, "MAX_NUM_ALGO_ORDERS")
    algo = sum(1 for o in open_orders if o.type in _ALGO)
    if no.type in _ALGO and max_algo is not None and algo + 1 > max_algo:
        raise errs.rejected("Filter failure: MAX_NUM_ALGO_ORDERS")


def _stp(eng: Engine, no: NewOrder) -> str:
    return no.stp_mode or str(eng.instruments[no.symbol].raw.get("defaultSelfTradePreventionMode", "NONE"))


def _need(no: NewOrder, qty: Decimal, fill_price: Decimal) -> Decimal:
    """Quote (BUY) or base (SELL) the order needs free at placement."""
    if no.side is Side.SELL:
        return qty
    if no.type is OrderType.MARKET:
        return no.quote_order_qty if no.quote_order_qty is not None else qty * fill_price
    ref = no.price if no.type.has_price else no.stop_price
    return qty * (ref or fill_price)


def place_order(eng: Engine, account: str, p: Params, test: bool = False) -> dict[str, Any]:
    """POST /api/v3/order (and order/test): the response object."""
    no = parse_new_order(p, eng.instruments)
    inst = eng.instruments[no.symbol]
    last = eng.last_price(no.symbol)
    fill_price = slipped(eng, no.symbol, last, no.side)
    qty = no.quantity
    if qty is None:  # quoteOrderQty MARKET: sized to respect LOT_SIZE
        assert no.quote_order_qty is not None
        qty = inst.round_qty(no.quote_order_qty / fill_price)
    _check_common(eng, account, no, no.quantity, 1)
    if qty <= 0:
        raise errs.BinanceError(-1013, "Filter failure: LOT_SIZE")
    if no.type is OrderType.LIMIT_MAKER and no.price is not None and is_marketable(no.side, no.price, last):
        raise errs.rejected(errs.WOULD_TAKE)
    stop = no.stop_price
    if no.type.is_triggered and stop is not None and would_trigger_immediately(no.type, no.side, stop, last):
        raise errs.rejected(errs.WOULD_TRIGGER)
    asset = inst.quote_asset if no.side is Side.BUY else inst.base_asset
    if eng.book.free(account, asset) < _need(no, qty, fill_price):
        raise errs.rejected(errs.INSUFFICIENT_BALANCE)
    if test:
        return _commission_rates(eng, account, p)
    now = eng.now()
    o = _new_order(eng, account, no, qty, now)
    fills = _execute(eng, o, no, last, fill_price, now)
    eng.book.flush_positions(now)
    return views.order_response(o, no.resp_type, now, fills)


def _commission_rates(eng: Engine, account: str, p: Params) -> dict[str, Any]:
    if opt(p, "computeCommissionRates") != "true":
        return {}
    acc = eng.book.accounts[account]
    z = "0.00000000"
    std = {"maker": f"{acc.maker:.8f}", "taker": f"{acc.taker:.8f}"}
    return {
        "standardCommissionForOrder": std,
        "specialCommissionForOrder": {"maker": z, "taker": z},
        "taxCommissionForOrder": {"maker": z, "taker": z},
        "discount": {
            "enabledForAccount": False,
            "enabledForSymbol": False,
            "discountAsset": "BNB",
            "discount": z,
        },
    }


def _new_order(
    eng: Engine, account: str, no: NewOrder, qty: Decimal, now: int, list_id: int = -1
) -> LocalOrder:
    o = LocalOrder(
        account=account, symbol=no.symbol, order_id=eng.book.order_id(), client_order_id=no.client_order_id,
        side=no.side, type=no.type, time_in_force=no.time_in_force, orig_qty=qty, price=no.price or ZERO,
        stop_price=no.stop_price, quote_order_qty=no.quote_order_qty or ZERO, time=now, stp_mode=_stp(eng, no),
        update_time=now, working_time=-1 if no.type.is_triggered else now, order_list_id=list_id,
        strategy_id=no.strategy_id, strategy_type=no.strategy_type,
    )  # fmt: skip
    eng.book.add(o)
    return o


def _lock_for(eng: Engine, o: LocalOrder, key: str, amount: Decimal) -> None:
    inst = eng.instruments[o.symbol]
    asset = inst.quote_asset if o.side is Side.BUY else inst.base_asset
    eng.book.lock(key, o.account, asset, amount)
    o.lock_key = key


def _execute(
    eng: Engine, o: LocalOrder, no: NewOrder, last: Decimal, fill_price: Decimal, now: int
) -> list[LocalTrade]:
    book = eng.book
    book.emit(o.account, views.execution_report(o, "NEW", now, book.exec_id()))
    if o.type is OrderType.MARKET:
        available = eng.market_liquidity(o.symbol)
        qty = o.orig_qty if available is None else min(o.orig_qty, available)
        fills = [book.fill(o, fill_price, qty, False, now)] if qty > 0 else []
        if o.executed_qty < o.orig_qty:
            o.expiry_reason = "INSUFFICIENT_LIQUIDITY"
            book.finish(o, "EXPIRED", now, "EXPIRED")
        return fills
    if o.type is OrderType.LIMIT:
        m = match_on_bar(MatchOrder(o.side, o.type, o.price), Bar(last, last, last, last), arriving=True)
        if m is not None and m.filled:
            px = min(fill_price, o.price) if o.side is Side.BUY else max(fill_price, o.price)
            return [book.fill(o, px, o.orig_qty, False, now)]
        if o.time_in_force in ("IOC", "FOK"):
            o.expiry_reason = (
                "UNFILLED_IOC_QUANTITY_EXPIRED" if o.time_in_force == "IOC" else "UNFILLED_FOK_ORDER_EXPIRED"
            )
            book.finish(o, "EXPIRED", now, "EXPIRED")
            return []
    _lock_for(eng, o, f"o{o.order_id}", _need(no, o.orig_qty, fill_price))
    return []


# ---- OCO ---------------------------------------------------------------------------------------
def _leg_ref(leg: NewOrder) -> Decimal:
    ref = leg.price if leg.type is OrderType.LIMIT_MAKER else leg.stop_price
    assert ref is not None
    return ref


def place_oco(eng: Engine, account: str, p: Params) -> dict[str, Any]:
    """POST /api/v3/orderList/oco: two legs, one lock, one list."""
    above = parse_new_order(p, eng.instruments, prefix="above", list_leg=True)
    below = parse_new_order(p, eng.instruments, prefix="below", list_leg=True)
    if below.type is OrderType.LIMIT_MAKER and above.type not in _STOPS:
        raise errs.rejected("Unsupported order combination")
    kinds = {above.type in _STOPS, below.type in _STOPS}
    if kinds != {True, False} or not all(t.type in _STOPS or t.type in _PROFITS for t in (above, below)):
        raise errs.rejected("Unsupported order combination")
    stop_leg, other_leg = (above, below) if above.type in _STOPS else (below, above)
    side = above.side
    # The stop leg must lie on the adverse side: below the market for SELL, above it for BUY.
    if (stop_leg is above) != (side is Side.BUY):
        raise errs.rejected(errs.OCO_PRICES)
    last = eng.last_price(above.symbol)
    if not oco_prices_valid(side, _leg_ref(other_leg), _leg_ref(stop_leg), last):
        raise errs.rejected(errs.OCO_PRICES)
    qty = above.quantity
    assert qty is not None
    for leg in (stop_leg, other_leg):
        _check_common(eng, account, leg, qty, 2)
    if stop_leg.client_order_id == other_leg.client_order_id:
        raise errs.rejected(errs.DUPLICATE_ORDER)
    inst = eng.instruments[above.symbol]
    legs_px = [leg.price if leg.type.has_price else leg.stop_price for leg in (stop_leg, other_leg)]
    need = qty if side is Side.SELL else qty * max(px or ZERO for px in legs_px)
    asset = inst.quote_asset if side is Side.BUY else inst.base_asset
    if eng.book.free(account, asset) < need:
        raise errs.rejected(errs.INSUFFICIENT_BALANCE)
    now = eng.now()
    list_cid = client_id(p, "listClientOrderId") or new_client_id()
    for other in eng.book.lists.values():
        if (
            other.account == account
            and other.list_client_order_id == list_cid
            and other.list_order_status == "EXECUTING"
        ):
            raise errs.rejected(errs.DUPLICATE_ORDER)
    lst = LocalOrderList(account, above.symbol, eng.book.list_id(), list_cid, now, [])
    orders = [_new_order(eng, account, leg, qty, now, lst.order_list_id) for leg in (stop_leg, other_leg)]
    lst.order_ids = [o.order_id for o in orders]
    lst.lock_key = f"l{lst.order_list_id}"
    eng.book.lists[lst.order_list_id] = lst
    eng.book.lock(lst.lock_key, account, asset, need)
    for o in orders:
        o.lock_key = lst.lock_key
        eng.book.emit(account, views.execution_report(o, "NEW", now, eng.book.exec_id()))
    eng.book.emit(account, views.list_status_event(lst, orders, now))
    eng.book.flush_positions(now)
    out = views.list_summary(lst, orders)
    out["orderReports"] = [views.order_result(o, now) for o in orders]
    return out


def place_legacy_oco(eng: Engine, account: str, p: Params) -> dict[str, Any]:
    """POST /api/v3/order/oco (deprecated): mapped onto the new leg parameters."""
    q: dict[str, str] = {
        k: v for k, v in p.items() if k in ("symbol", "side", "quantity", "listClientOrderId")
    }
    for name in ("symbol", "side", "quantity", "price", "stopPrice"):
        if opt(p, name) is None:
            raise errs.mandatory(name)
    limit_leg = {"Type": "LIMIT_MAKER", "Price": p["price"]}
    if opt(p, "limitClientOrderId"):
        limit_leg["ClientOrderId"] = p["limitClientOrderId"]
    stop_leg = {"Type": "STOP_LOSS", "StopPrice": p["stopPrice"]}
    if opt(p, "stopLimitPrice") is not None:
        if opt(p, "stopLimitTimeInForce") is None:
            raise errs.mandatory("stopLimitTimeInForce")
        stop_leg.update(
            Type="STOP_LOSS_LIMIT", Price=p["stopLimitPrice"], TimeInForce=p["stopLimitTimeInForce"]
        )
    if opt(p, "stopClientOrderId"):
        stop_leg["ClientOrderId"] = p["stopClientOrderId"]
    above, below = (limit_leg, stop_leg) if p["side"] == "SELL" else (stop_leg, limit_leg)
    for prefix, leg in (("above", above), ("below", below)):
        for k, v in leg.items():
            q[prefix + k] = v
    return place_oco(eng, account, q)
