"""Paper trading venue: the live order manager's `Venue`, simulated in memory on the live stream.

Fills follow the shared matching rules (`aitrader.execution.matching`) along the same intrabar
path the local exchange replays (O→L→H→C for an up candle, O→H→L→C for a down one), so a paper
run and a live run against the local exchange see the same fills. A market order fills at the last
price; the commission is taken in the asset received (Binance's default without BNB).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import Candle, Fill, Instrument, Order, OrderRequest, OrderStatus, OrderType, Side
from aitrader.execution.matching import Bar, MatchOrder, match_on_bar, oco_prices_valid, path_of_bar
from aitrader.venues.binance.errors import OrderRejectedError
from aitrader.venues.binance.exchange_broker import OcoRequest, OrderList
from aitrader.venues.binance.parse import Balance

ZERO = Decimal(0)


@dataclass
class _ListState:
    list_cid: str
    order_list_id: int
    leg_cids: tuple[str, str]
    status: str = "EXECUTING"


@dataclass
class _Account:
    free: dict[str, Decimal] = field(default_factory=dict)
    locked: dict[str, Decimal] = field(default_factory=dict)

    def move(self, asset: str, delta_free: Decimal = ZERO, delta_locked: Decimal = ZERO) -> None:
        self.free[asset] = self.free.get(asset, ZERO) + delta_free
        self.locked[asset] = self.locked.get(asset, ZERO) + delta_locked


class PaperVenue:
    def __init__(
        self, instrument: Instrument, balances: dict[str, Decimal], fee_rate: Decimal = Decimal("0.001")
    ) -> None:
        self.inst = instrument
        self.fee_rate = fee_rate
        self.account = _Account(free=dict(balances))
        self.orders: dict[str, Order] = {}
        self.lists: dict[str, _ListState] = {}
        self.trades: list[Fill] = []
        self.last_price = ZERO
        self.now_ms = 0
        self._ids = itertools.count(1)

    # ---- market --------------------------------------------------------------------------------
    def on_candle(self, candle: Candle, close_time_ms: int) -> None:
        """Match resting orders along a closed candle's path, then move the last price to its close."""
        if self.last_price == ZERO:
            self.last_price = candle.open
        path = path_of_bar(Bar(candle.open, candle.high, candle.low, candle.close))
        prev = self.last_price
        for point in path:
            lo, hi = min(prev, point), max(prev, point)
            self.now_ms = candle.open_time
            self._match_segment(Bar(prev, hi, lo, point))
            prev = point
        self.last_price = candle.close
        self.now_ms = close_time_ms

    def _match_segment(self, seg: Bar[Decimal]) -> None:
        for lst in [x for x in self.lists.values() if x.status == "EXECUTING"]:
            legs = [self.orders[c] for c in lst.leg_cids]
            for leg in sorted(
                legs, key=lambda o: o.type not in (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
            ):
                r = leg.request
                m = match_on_bar(MatchOrder(r.side, r.type, r.price, r.stop_price), seg)
                if m is not None and m.filled and m.price is not None:
                    self._fill(leg, m.price, m.is_maker)
                    for other in legs:
                        if other is not leg:
                            other.status = OrderStatus.EXPIRED
                    lst.status = "ALL_DONE"
                    break
        for order in [o for o in self.orders.values() if o.status is OrderStatus.NEW and o.order_list_id < 0]:
            r = order.request
            m = match_on_bar(MatchOrder(r.side, r.type, r.price, r.stop_price), seg)
            if m is not None and m.filled and m.price is not None:
                self._fill(order, m.price, m.is_maker)

    def _fill(self, order: Order, price: Decimal, is_maker: bool, resting: bool = True) -> None:
        r = order.request
        qty = r.quantity or ZERO
        quote = price * qty
        base, quote_asset = self.inst.base_asset, self.inst.quote_asset
        if r.side is Side.BUY:
            fee, fee_asset = qty * self.fee_rate, base
            self.account.move(quote_asset, *((ZERO, -quote) if resting else (-quote, ZERO)))
            self.account.move(base, qty - fee)
        else:
            fee, fee_asset = quote * self.fee_rate, quote_asset
            self.account.move(base, *((ZERO, -qty) if resting else (-qty, ZERO)))
            self.account.move(quote_asset, quote - fee)
        fill = Fill(
            order.order_id,
            r.symbol,
            r.side,
            price,
            qty,
            fee,
            fee_asset,
            self.now_ms,
            is_maker,
            next(self._ids),
        )
        order.fills.append(fill)
        self.trades.append(fill)
        order.status = OrderStatus.FILLED
        order.executed_qty = qty
        order.cumulative_quote_qty = quote
        order.updated_ms = self.now_ms

    # ---- Venue protocol ------------------------------------------------------------------------
    async def instrument(self, symbol: str) -> Instrument:
        return self.inst

    async def balances(self) -> dict[str, Balance]:
        assets = set(self.account.free) | set(self.account.locked)
        return {
            a: Balance(a, self.account.free.get(a, ZERO), self.account.locked.get(a, ZERO)) for a in assets
        }

    async def commission_rates(self, symbol: str) -> tuple[Decimal, Decimal] | None:
        """The paper fill model's own fee rate, maker and taker alike."""
        return self.fee_rate, self.fee_rate

    def _new_order(self, req: OrderRequest, list_id: int = -1) -> Order:
        cid = req.client_order_id or f"paper{next(self._ids)}"
        if cid in self.orders and self.orders[cid].status.is_open:
            raise OrderRejectedError(-2010, "Duplicate order sent.", cid)
        order = Order(
            str(next(self._ids)),
            req,
            OrderStatus.NEW,
            created_ms=self.now_ms,
            updated_ms=self.now_ms,
            order_list_id=list_id,
        )
        self.orders[cid] = order
        return order

    async def place(self, req: OrderRequest, reference_price: Decimal | None = None) -> Order:
        failure = self.inst.validate(req, reference_price or self.last_price)
        if failure is not None:
            raise OrderRejectedError(failure.code, str(failure), req.client_order_id or "")
        self._check_funds(req)
        order = self._new_order(req)
        if req.type is OrderType.MARKET or (
            req.price is not None
            and req.type is OrderType.LIMIT
            and (
                (req.side is Side.BUY and self.last_price <= req.price)
                or (req.side is Side.SELL and self.last_price >= req.price)
            )
        ):
            self._fill(order, self.last_price, False, resting=False)
        else:
            self._lock(req)
        return order

    def _check_funds(self, req: OrderRequest) -> None:
        qty = req.quantity or ZERO
        if req.side is Side.BUY:
            need, asset = qty * (req.price or self.last_price), self.inst.quote_asset
        else:
            need, asset = qty, self.inst.base_asset
        if self.account.free.get(asset, ZERO) < need:
            raise OrderRejectedError(
                -2010, "Account has insufficient balance for requested action.", req.client_order_id or ""
            )

    def _lock(self, req: OrderRequest) -> None:
        qty = req.quantity or ZERO
        if req.side is Side.BUY:
            amount = qty * (req.price or self.last_price)
            self.account.move(self.inst.quote_asset, -amount, amount)
        else:
            self.account.move(self.inst.base_asset, -qty, qty)

    async def get_order(self, symbol: str, cid: str) -> Order | None:
        return self.orders.get(cid)

    async def cancel(self, symbol: str, cid: str) -> Order | None:
        order = self.orders.get(cid)
        if order is None or not order.status.is_open:
            return None
        self._release(order)
        order.status = OrderStatus.CANCELED
        return order

    def _release(self, order: Order) -> None:
        r = order.request
        qty = r.quantity or ZERO
        if r.side is Side.BUY:
            amount = qty * (r.price or self.last_price)
            self.account.move(self.inst.quote_asset, amount, -amount)
        else:
            self.account.move(self.inst.base_asset, qty, -qty)

    async def open_orders(self, symbol: str) -> list[Order]:
        return [o for o in self.orders.values() if o.status.is_open]

    async def my_trades(self, symbol: str, since_ms: int | None = None) -> list[Fill]:
        return [t for t in self.trades if since_ms is None or t.time_ms >= since_ms]

    async def place_oco(self, oco: OcoRequest) -> OrderList:
        if oco.list_client_id in self.lists:
            return self._list_view(self.lists[oco.list_client_id])
        if not oco_prices_valid(oco.side, oco.take_profit, oco.stop_price, self.last_price):
            raise OrderRejectedError(
                -2010, "The relationship of the prices for the orders is not correct.", oco.list_client_id
            )
        if self.account.free.get(self.inst.base_asset, ZERO) < oco.quantity and oco.side is Side.SELL:
            raise OrderRejectedError(
                -2010, "Account has insufficient balance for requested action.", oco.list_client_id
            )
        list_id = next(self._ids)
        stop = OrderRequest(
            oco.symbol,
            oco.side,
            OrderType.STOP_LOSS,
            oco.quantity,
            None,
            oco.stop_price,
            client_order_id=oco.stop_client_id,
        )
        target = OrderRequest(
            oco.symbol,
            oco.side,
            OrderType.LIMIT_MAKER,
            oco.quantity,
            oco.take_profit,
            client_order_id=oco.target_client_id,
        )
        self._new_order(stop, list_id)
        self._new_order(target, list_id)
        self.account.move(self.inst.base_asset, -oco.quantity, oco.quantity)
        state = _ListState(oco.list_client_id, list_id, (oco.stop_client_id, oco.target_client_id))
        self.lists[oco.list_client_id] = state
        return self._list_view(state)

    def _list_view(self, s: _ListState) -> OrderList:
        return OrderList(
            self.inst.symbol,
            s.order_list_id,
            s.list_cid,
            s.status,
            tuple((self.orders[c].order_id, c) for c in s.leg_cids),
        )

    async def get_order_list(self, list_cid: str) -> OrderList | None:
        s = self.lists.get(list_cid)
        return None if s is None else self._list_view(s)

    async def cancel_oco(self, symbol: str, list_cid: str) -> bool:
        s = self.lists.get(list_cid)
        if s is None or s.status != "EXECUTING":
            return False
        first = self.orders[s.leg_cids[0]]
        self._release(first)
        for c in s.leg_cids:
            self.orders[c].status = OrderStatus.CANCELED
        s.status = "ALL_DONE"
        return True

    async def open_order_lists(self) -> list[OrderList]:
        return [self._list_view(s) for s in self.lists.values() if s.status == "EXECUTING"]

    async def close(self) -> None:
        return None
