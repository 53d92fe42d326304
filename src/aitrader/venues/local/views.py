"""Response and event shapes exactly as Binance writes them (see data/binance/rest_examples.json)."""

from __future__ import annotations

from typing import Any

from aitrader.venues.local.models import ZERO, LocalAccount, LocalOrder, LocalOrderList, LocalTrade
from aitrader.venues.local.wire import d8

Json = dict[str, Any]


def _has_stop(o: LocalOrder) -> bool:
    return o.type.is_triggered


def _order_state(o: LocalOrder) -> Json:
    """The fields an order result and a cancel report share, in Binance's order."""
    return {
        "price": d8(o.price),
        "origQty": d8(o.orig_qty),
        "executedQty": d8(o.executed_qty),
        "origQuoteOrderQty": d8(o.quote_order_qty),
        "cummulativeQuoteQty": d8(o.cum_quote),
        "status": o.status,
        "timeInForce": o.time_in_force,
        "type": o.type.value,
        "side": o.side.value,
    }


def order_ack(o: LocalOrder, transact_time: int) -> Json:
    return {
        "symbol": o.symbol,
        "orderId": o.order_id,
        "orderListId": o.order_list_id,
        "clientOrderId": o.client_order_id,
        "transactTime": transact_time,
    }


def order_result(o: LocalOrder, transact_time: int) -> Json:
    out = order_ack(o, transact_time)
    out.update(_order_state(o))
    if _has_stop(o):
        out["stopPrice"] = d8(o.stop_price or ZERO)
    out["workingTime"] = o.working_time
    _strategy(o, out)
    if o.expiry_reason and o.status == "EXPIRED":
        out["expiryReason"] = o.expiry_reason
    out["selfTradePreventionMode"] = o.stp_mode
    return out


def fill_json(t: LocalTrade) -> Json:
    return {
        "price": d8(t.price),
        "qty": d8(t.qty),
        "commission": d8(t.commission),
        "commissionAsset": t.commission_asset,
        "tradeId": t.trade_id,
    }


def order_response(o: LocalOrder, resp_type: str, transact_time: int, fills: list[LocalTrade]) -> Json:
    if resp_type == "ACK":
        return order_ack(o, transact_time)
    out = order_result(o, transact_time)
    if resp_type == "FULL":
        out["fills"] = [fill_json(t) for t in fills]
    return out


def order_query(o: LocalOrder) -> Json:
    """GET /api/v3/order, openOrders and allOrders element."""
    out: Json = {
        "symbol": o.symbol,
        "orderId": o.order_id,
        "orderListId": o.order_list_id,
        "clientOrderId": o.client_order_id,
        "price": d8(o.price),
        "origQty": d8(o.orig_qty),
        "executedQty": d8(o.executed_qty),
        "cummulativeQuoteQty": d8(o.cum_quote),
        "status": o.status,
        "timeInForce": o.time_in_force,
        "type": o.type.value,
        "side": o.side.value,
        "stopPrice": d8(o.stop_price or ZERO),
        "icebergQty": d8(ZERO),
        "time": o.time,
        "updateTime": o.update_time,
        "isWorking": o.working_time != -1,
        "workingTime": o.working_time,
        "origQuoteOrderQty": d8(o.quote_order_qty),
    }
    _strategy(o, out)
    out["selfTradePreventionMode"] = o.stp_mode
    return out


def cancel_report(o: LocalOrder, cancel_client_id: str, transact_time: int) -> Json:
    out: Json = {
        "symbol": o.symbol,
        "origClientOrderId": o.client_order_id,
        "orderId": o.order_id,
        "orderListId": o.order_list_id,
        "clientOrderId": cancel_client_id,
        "transactTime": transact_time,
        **_order_state(o),
    }
    if _has_stop(o):
        out["stopPrice"] = d8(o.stop_price or ZERO)
    _strategy(o, out)
    out["selfTradePreventionMode"] = o.stp_mode
    return out


def list_summary(lst: LocalOrderList, orders: list[LocalOrder]) -> Json:
    return {
        "orderListId": lst.order_list_id,
        "contingencyType": lst.contingency_type,
        "listStatusType": lst.list_status_type,
        "listOrderStatus": lst.list_order_status,
        "listClientOrderId": lst.list_client_order_id,
        "transactionTime": lst.transaction_time,
        "symbol": lst.symbol,
        "orders": [
            {"symbol": o.symbol, "orderId": o.order_id, "clientOrderId": o.client_order_id} for o in orders
        ],
    }


def list_status_event(lst: LocalOrderList, orders: list[LocalOrder], now: int, reject: str = "NONE") -> Json:
    return {
        "e": "listStatus",
        "E": now,
        "s": lst.symbol,
        "g": lst.order_list_id,
        "c": lst.contingency_type,
        "l": lst.list_status_type,
        "L": lst.list_order_status,
        "r": reject,
        "C": lst.list_client_order_id,
        "T": lst.transaction_time if lst.list_status_type == "EXEC_STARTED" else now,
        "O": [{"s": o.symbol, "i": o.order_id, "c": o.client_order_id} for o in orders],
    }


def trade_json(t: LocalTrade) -> Json:
    return {
        "symbol": t.symbol,
        "id": t.trade_id,
        "orderId": t.order_id,
        "orderListId": t.order_list_id,
        "price": d8(t.price),
        "qty": d8(t.qty),
        "quoteQty": d8(t.quote_qty),
        "commission": d8(t.commission),
        "commissionAsset": t.commission_asset,
        "time": t.time,
        "isBuyer": t.is_buyer,
        "isMaker": t.is_maker,
        "isBestMatch": True,
    }


def account_json(acc: LocalAccount, omit_zero: bool) -> Json:
    balances = []
    for asset in acc.assets():
        free, locked = acc.free.get(asset, ZERO), acc.locked.get(asset, ZERO)
        if omit_zero and free == 0 and locked == 0:
            continue
        balances.append({"asset": asset, "free": d8(free), "locked": d8(locked)})
    bps = int(acc.maker * 10000), int(acc.taker * 10000)
    return {
        "makerCommission": bps[0],
        "takerCommission": bps[1],
        "buyerCommission": 0,
        "sellerCommission": 0,
        "commissionRates": {
            "maker": d8(acc.maker),
            "taker": d8(acc.taker),
            "buyer": d8(ZERO),
            "seller": d8(ZERO),
        },
        "canTrade": True,
        "canWithdraw": True,
        "canDeposit": True,
        "brokered": False,
        "requireSelfTradePrevention": False,
        "preventSor": False,
        "updateTime": acc.update_time,
        "accountType": "SPOT",
        "balances": balances,
        "permissions": ["SPOT"],
        "uid": acc.uid,
    }


def _strategy(o: LocalOrder, out: Json) -> None:
    if o.strategy_id is not None:
        out["strategyId"] = o.strategy_id
    if o.strategy_type is not None:
        out["strategyType"] = o.strategy_type


def execution_report(
    o: LocalOrder,
    exec_type: str,
    now: int,
    exec_id: int,
    trade: LocalTrade | None = None,
    cancel_client_id: str | None = None,
    reject_reason: str = "NONE",
) -> Json:
    canceled = exec_type == "CANCELED" and cancel_client_id is not None
    ev: Json = {
        "e": "executionReport",
        "E": now,
        "s": o.symbol,
        "c": cancel_client_id if canceled else o.client_order_id,
        "S": o.side.value,
        "o": o.type.value,
        "f": o.time_in_force,
        "q": d8(o.orig_qty),
        "p": d8(o.price),
        "P": d8(o.stop_price or ZERO),
        "F": d8(ZERO),
        "g": o.order_list_id,
        "C": o.client_order_id if canceled else "",
        "x": exec_type,
        "X": o.status,
        "r": reject_reason,
        "i": o.order_id,
        "l": d8(trade.qty if trade else ZERO),
        "z": d8(o.executed_qty),
        "L": d8(trade.price if trade else ZERO),
        "n": d8(trade.commission) if trade else "0",
        "N": trade.commission_asset if trade else None,
        "T": trade.time if trade else now,
        "t": trade.trade_id if trade else -1,
        "I": exec_id,
        "w": o.is_working,
        "m": trade.is_maker if trade else False,
        "M": trade is not None,
        "O": o.time,
        "Z": d8(o.cum_quote),
        "Y": d8(trade.quote_qty if trade else ZERO),
        "Q": d8(o.quote_order_qty),
    }
    if o.working_time != -1:
        ev["W"] = o.working_time
    ev["V"] = o.stp_mode
    if o.strategy_id is not None:
        ev["j"] = o.strategy_id
    if o.strategy_type is not None:
        ev["J"] = o.strategy_type
    if exec_type == "EXPIRED" and o.expiry_reason:
        ev["eR"] = o.expiry_reason
    return ev


def account_position_event(acc: LocalAccount, assets: set[str], now: int) -> Json:
    return {
        "e": "outboundAccountPosition",
        "E": now,
        "u": acc.update_time,
        "B": [
            {"a": a, "f": d8(acc.free.get(a, ZERO)), "l": d8(acc.locked.get(a, ZERO))} for a in sorted(assets)
        ],
    }
