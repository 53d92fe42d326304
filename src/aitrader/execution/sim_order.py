"""`SimOrder`: an order as the simulator holds it (float prices, cached matching facts)."""

from __future__ import annotations

from aitrader.domain.enums import OrderStatus, OrderType, Side
from aitrader.domain.orders import OrderRequest
from aitrader.execution.matching import MatchOrder
from aitrader.execution.reports import Intent

_STOPS = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
_NEW = OrderStatus.NEW
_MARKET = OrderType.MARKET
_LIMIT_MAKER = OrderType.LIMIT_MAKER
_BUY = Side.BUY
_SELL = Side.SELL
_LIMIT = OrderType.LIMIT
_MARKET_FACTS: MatchOrder[float] = MatchOrder(Side.BUY, OrderType.MARKET)


class SimOrder:
    """An order inside the simulator (float prices)."""

    __slots__ = (
        "client_order_id",
        "intent",
        "level",
        "list_id",
        "match",
        "order_id",
        "qty",
        "quote_qty",
        "request",
        "side",
        "status",
        "type",
    )

    def __init__(self, order_id: str, request: OrderRequest, intent: Intent, list_id: str) -> None:
        self.order_id = order_id
        self.request = request
        self.client_order_id = request.client_order_id or order_id
        side = self.side = request.side
        t = self.type = request.type
        q, qq = request.quantity, request.quote_order_qty
        self.qty = float(q) if q is not None else 0.0
        self.quote_qty = float(qq) if qq is not None else 0.0
        self.intent = intent
        self.list_id = list_id
        self.status = _NEW
        if t is _MARKET:  # needs no matching facts: it fills at the next open
            self.match: MatchOrder[float] = _MARKET_FACTS
            self.level: tuple[bool, float] | None = None
            return
        p, sp = request.price, request.stop_price
        price = float(p) if p is not None else None
        stop = float(sp) if sp is not None else None
        self.match = MatchOrder(side, t, price, stop, False)
        self.level = _trigger_level(t, side, price, stop, False)

    def trigger(self) -> None:
        """A stop-limit / take-profit-limit fired: from now on it is a limit order."""
        m = self.match
        self.match = MatchOrder(m.side, m.type, m.price, m.stop_price, True)
        self.level = _trigger_level(self.type, self.side, m.price, m.stop_price, True)


def _trigger_level(
    t: OrderType, side: Side, price: float | None, stop: float | None, triggered: bool
) -> tuple[bool, float] | None:
    """(fires_on_low, price level) that a bar must reach for an order to do anything (None: at once)."""
    if t is _MARKET:
        return None
    if t is _LIMIT or t is _LIMIT_MAKER or triggered:
        assert price is not None, f"a {t.value} order needs a price"
        return (side is _BUY, price)
    assert stop is not None, f"a {t.value} order needs a stop price"
    return ((t in _STOPS) == (side is _SELL), stop)
