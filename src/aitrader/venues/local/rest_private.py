"""Signed REST endpoints (TRADE / USER_DATA): account, orders, order lists, trades, order rate."""

from __future__ import annotations

from typing import Any

from aitrader.venues.local import cancelling, placing, views
from aitrader.venues.local import errors as errs
from aitrader.venues.local.params import int_opt, opt, symbol_param
from aitrader.venues.local.routes import Ctx, Route

DAY_MS = 86_400_000


def account(ctx: Ctx) -> Any:
    acc = ctx.eng.book.accounts[ctx.account]
    return views.account_json(acc, opt(ctx.params, "omitZeroBalances") == "true")


def new_order(ctx: Ctx) -> Any:
    return placing.place_order(ctx.eng, ctx.account, ctx.params)


def test_order(ctx: Ctx) -> Any:
    return placing.place_order(ctx.eng, ctx.account, ctx.params, test=True)


def get_order(ctx: Ctx) -> Any:
    return views.order_query(cancelling.find_order(ctx.eng, ctx.account, ctx.params, for_cancel=False))


def cancel_order(ctx: Ctx) -> Any:
    return cancelling.cancel_order(ctx.eng, ctx.account, ctx.params)


def open_orders(ctx: Ctx) -> Any:
    symbol = symbol_param(ctx.params, ctx.eng.instruments) if opt(ctx.params, "symbol") else None
    orders = sorted(ctx.eng.book.open_orders(ctx.account, symbol), key=lambda o: o.order_id)
    return [views.order_query(o) for o in orders]


def cancel_open_orders(ctx: Ctx) -> Any:
    return cancelling.cancel_open_orders(ctx.eng, ctx.account, ctx.params)


def _window(ctx: Ctx) -> tuple[int | None, int | None, int]:
    start, end = int_opt(ctx.params, "startTime"), int_opt(ctx.params, "endTime")
    if start is not None and end is not None and end - start > DAY_MS:
        raise errs.BinanceError(-1127, "More than 24 hours between startTime and endTime.")
    limit = max(1, min(int_opt(ctx.params, "limit") or 500, 1000))
    return start, end, limit


def all_orders(ctx: Ctx) -> Any:
    symbol = symbol_param(ctx.params, ctx.eng.instruments)
    start, end, limit = _window(ctx)
    from_id = int_opt(ctx.params, "orderId")
    rows = sorted(
        (o for o in ctx.eng.book.orders.values() if o.account == ctx.account and o.symbol == symbol),
        key=lambda o: o.order_id,
    )
    rows = [
        o
        for o in rows
        if (from_id is None or o.order_id >= from_id)
        and (start is None or o.time >= start)
        and (end is None or o.time <= end)
    ]
    rows = rows[:limit] if from_id is not None or start is not None else rows[-limit:]
    return [views.order_query(o) for o in rows]


def my_trades(ctx: Ctx) -> Any:
    symbol = symbol_param(ctx.params, ctx.eng.instruments)
    start, end, limit = _window(ctx)
    order_id, from_id = int_opt(ctx.params, "orderId"), int_opt(ctx.params, "fromId")
    if from_id is not None and (start is not None or end is not None):
        raise errs.BinanceError(-1128, "Combination of optional parameters invalid.")
    rows = [
        t
        for t in ctx.eng.book.trades
        if t.account == ctx.account
        and t.symbol == symbol
        and (order_id is None or t.order_id == order_id)
        and (from_id is None or t.trade_id >= from_id)
        and (start is None or t.time >= start)
        and (end is None or t.time <= end)
    ]
    rows = rows[:limit] if from_id is not None or start is not None else rows[-limit:]
    return [views.trade_json(t) for t in rows]


def new_oco(ctx: Ctx) -> Any:
    return placing.place_oco(ctx.eng, ctx.account, ctx.params)


def new_legacy_oco(ctx: Ctx) -> Any:
    return placing.place_legacy_oco(ctx.eng, ctx.account, ctx.params)


def get_order_list(ctx: Ctx) -> Any:
    lst = cancelling.find_list(ctx.eng, ctx.account, ctx.params, None)
    if lst is None:
        raise errs.BinanceError(-2013, "Order list does not exist.")
    return views.list_summary(lst, ctx.eng.book.list_orders(lst))


def cancel_order_list(ctx: Ctx) -> Any:
    return cancelling.cancel_order_list(ctx.eng, ctx.account, ctx.params)


def open_order_lists(ctx: Ctx) -> Any:
    lists = sorted(ctx.eng.book.lists.values(), key=lambda x: x.order_list_id)
    return [
        views.list_summary(x, ctx.eng.book.list_orders(x))
        for x in lists
        if x.account == ctx.account and x.list_order_status == "EXECUTING"
    ]


def all_order_lists(ctx: Ctx) -> Any:
    _, _, limit = _window(ctx)
    lists = sorted(ctx.eng.book.lists.values(), key=lambda x: x.order_list_id)
    mine = [views.list_summary(x, ctx.eng.book.list_orders(x)) for x in lists if x.account == ctx.account]
    return mine[-limit:]


def order_rate(ctx: Ctx) -> Any:
    c10, cday = ctx.core.limiter.order_counts(ctx.ip)
    cfg = ctx.core.config
    return [
        {
            "rateLimitType": "ORDERS",
            "interval": "SECOND",
            "intervalNum": 10,
            "limit": cfg.orders_per_10s,
            "count": c10,
        },
        {
            "rateLimitType": "ORDERS",
            "interval": "DAY",
            "intervalNum": 1,
            "limit": cfg.orders_per_day,
            "count": cday,
        },
    ]


def _test_weight(p: Any) -> int:
    return 20 if p.get("computeCommissionRates") == "true" else 1


PRIVATE_ROUTES = [
    Route("GET", "/api/v3/account", account, 20, signed=True),
    Route(
        "POST", "/api/v3/order", new_order, 1, signed=True, new_order=1, free_on_success=True, hook="order"
    ),
    Route("POST", "/api/v3/order/test", test_order, _test_weight, signed=True),
    Route("GET", "/api/v3/order", get_order, 4, signed=True),
    Route("DELETE", "/api/v3/order", cancel_order, 1, signed=True, free_on_success=True, hook="cancel"),
    Route("GET", "/api/v3/openOrders", open_orders, lambda p: 6 if p.get("symbol") else 80, signed=True),
    Route(
        "DELETE",
        "/api/v3/openOrders",
        cancel_open_orders,
        1,
        signed=True,
        free_on_success=True,
        hook="cancel_all",
    ),
    Route("GET", "/api/v3/allOrders", all_orders, 20, signed=True),
    Route("GET", "/api/v3/myTrades", my_trades, lambda p: 5 if p.get("orderId") else 20, signed=True),
    Route(
        "POST",
        "/api/v3/orderList/oco",
        new_oco,
        1,
        signed=True,
        new_order=2,
        free_on_success=True,
        hook="order_list",
    ),
    Route(
        "POST",
        "/api/v3/order/oco",
        new_legacy_oco,
        1,
        signed=True,
        new_order=2,
        free_on_success=True,
        hook="order_list",
    ),
    Route("GET", "/api/v3/orderList", get_order_list, 4, signed=True),
    Route(
        "DELETE",
        "/api/v3/orderList",
        cancel_order_list,
        1,
        signed=True,
        free_on_success=True,
        hook="cancel_list",
    ),
    Route("GET", "/api/v3/openOrderList", open_order_lists, 6, signed=True),
    Route("GET", "/api/v3/allOrderList", all_order_lists, 20, signed=True),
    Route("GET", "/api/v3/rateLimit/order", order_rate, 40, signed=True),
]
