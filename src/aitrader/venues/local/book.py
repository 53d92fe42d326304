"""The exchange's state and the bookkeeping every order path shares: locks, fills, fees, events.

Everything runs on the server's event loop; an operation appends user-data events to `outbox`
(account api key, event) and the server hands them to the WS API subscribers afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from aitrader.domain import Instrument, Side
from aitrader.venues.local import views
from aitrader.venues.local.config import LocalExchangeConfig
from aitrader.venues.local.models import ZERO, LocalAccount, LocalOrder, LocalOrderList, LocalTrade, Lock
from aitrader.venues.local.wire import EIGHT

Event = tuple[str, dict[str, Any]]


class Book:
    """Accounts, orders, order lists, trades and id counters of the whole exchange."""

    def __init__(self, config: LocalExchangeConfig, instruments: dict[str, Instrument]) -> None:
        self.config = config
        self.instruments = instruments
        self.accounts: dict[str, LocalAccount] = {}
        for n, a in enumerate(config.accounts):
            acc = LocalAccount(a.api_key, a.secret, a.maker_commission, a.taker_commission, 1000 + n)
            acc.ed25519_public_key = a.ed25519_public_key
            for asset, amount in a.balances.items():
                acc.free[asset] = Decimal(amount)
                acc.locked[asset] = ZERO
            self.accounts[a.api_key] = acc
        self.orders: dict[int, LocalOrder] = {}
        self.open_ids: set[int] = set()  # index of open orders, so each tick looks at those only
        self.lists: dict[int, LocalOrderList] = {}
        self.locks: dict[str, Lock] = {}
        self.trades: list[LocalTrade] = []
        self.next_order_id = 1
        self.next_list_id = 1
        self.next_trade_id = 1
        self.next_exec_id = 1
        self.outbox: list[Event] = []
        self._changed: dict[str, set[str]] = {}
        self.on_change: Callable[[], None] = lambda: None

    # ---- ids ---------------------------------------------------------------------------------
    def order_id(self) -> int:
        self.next_order_id += 1
        return self.next_order_id - 1

    def list_id(self) -> int:
        self.next_list_id += 1
        return self.next_list_id - 1

    def exec_id(self) -> int:
        self.next_exec_id += 1
        return self.next_exec_id - 1

    # ---- queries -----------------------------------------------------------------------------
    def add(self, o: LocalOrder) -> None:
        self.orders[o.order_id] = o
        self.open_ids.add(o.order_id)

    def _track(self, o: LocalOrder) -> None:
        if not o.is_open:
            self.open_ids.discard(o.order_id)

    def open_orders(self, account: str | None, symbol: str | None = None) -> list[LocalOrder]:
        """Open orders by order id, of one account (None = all accounts) and optionally one symbol."""
        found = (self.orders[i] for i in sorted(self.open_ids))
        return [
            o
            for o in found
            if (account is None or o.account == account)
            and o.is_open
            and (symbol is None or o.symbol == symbol)
        ]

    def list_orders(self, lst: LocalOrderList) -> list[LocalOrder]:
        return [self.orders[i] for i in lst.order_ids]

    # ---- balances ----------------------------------------------------------------------------
    def free(self, account: str, asset: str) -> Decimal:
        return self.accounts[account].free.get(asset, ZERO)

    def _move(self, account: str, asset: str, free: Decimal = ZERO, locked: Decimal = ZERO) -> None:
        acc = self.accounts[account]
        acc.free[asset] = acc.free.get(asset, ZERO) + free
        acc.locked[asset] = acc.locked.get(asset, ZERO) + locked
        self._changed.setdefault(account, set()).add(asset)

    def lock(self, key: str, account: str, asset: str, amount: Decimal) -> None:
        self._move(account, asset, free=-amount, locked=amount)
        self.locks[key] = Lock(account, asset, amount)

    def release(self, key: str) -> None:
        lk = self.locks.pop(key, None)
        if lk is not None and lk.amount > 0:
            self._move(lk.account, lk.asset, free=lk.amount, locked=-lk.amount)

    def _pay(self, lock_key: str, account: str, asset: str, amount: Decimal) -> None:
        """Spend `amount` of `asset`: first from the order's lock, the rest from free."""
        lk = self.locks.get(lock_key)
        from_lock = min(lk.amount, amount) if lk is not None and lk.asset == asset else ZERO
        if lk is not None and from_lock > 0:
            lk.amount -= from_lock
            self._move(account, asset, locked=-from_lock)
        if amount > from_lock:
            self._move(account, asset, free=-(amount - from_lock))

    # ---- fills -------------------------------------------------------------------------------
    def fill(self, o: LocalOrder, price: Decimal, qty: Decimal, is_maker: bool, now: int) -> LocalTrade:
        """Execute `qty` of `o` at `price`: move balances, charge the fee, record the trade."""
        inst = self.instruments[o.symbol]
        acc = self.accounts[o.account]
        rate = acc.maker if is_maker else acc.taker
        quote = (price * qty).quantize(EIGHT, rounding=ROUND_HALF_UP)
        if o.side is Side.BUY:
            fee = (qty * rate).quantize(EIGHT, rounding=ROUND_HALF_UP)
            self._pay(o.lock_key, o.account, inst.quote_asset, quote)
            self._move(o.account, inst.base_asset, free=qty - fee)
            fee_asset = inst.base_asset
        else:
            fee = (quote * rate).quantize(EIGHT, rounding=ROUND_HALF_UP)
            self._pay(o.lock_key, o.account, inst.base_asset, qty)
            self._move(o.account, inst.quote_asset, free=quote - fee)
            fee_asset = inst.quote_asset
        trade = LocalTrade(
            o.account, o.symbol, self.next_trade_id, o.order_id, o.order_list_id, price, qty, quote,
            fee, fee_asset, now, o.side is Side.BUY, is_maker,
        )  # fmt: skip
        self.next_trade_id += 1
        self.trades.append(trade)
        o.executed_qty += qty
        o.cum_quote += quote
        o.update_time = now
        o.status = "FILLED" if o.executed_qty >= o.orig_qty else "PARTIALLY_FILLED"
        self._track(o)
        if o.working_time == -1:
            o.working_time = now
        acc.update_time = now
        self.emit(o.account, views.execution_report(o, "TRADE", now, self.exec_id(), trade=trade))
        return trade

    def finish(self, o: LocalOrder, status: str, now: int, exec_type: str, **kw: Any) -> None:
        """Move `o` to a terminal status (CANCELED / EXPIRED / REJECTED) and report it."""
        o.status = status
        o.update_time = now
        self._track(o)
        self.emit(o.account, views.execution_report(o, exec_type, now, self.exec_id(), **kw))

    def settle_locks(self, orders: Iterable[LocalOrder], now: int) -> None:
        """Give back what is still locked once every order holding that lock is closed."""
        for o in orders:
            key = o.lock_key
            if not key or key not in self.locks:
                continue
            holders = [x for x in self.orders.values() if x.lock_key == key] if key.startswith("l") else [o]
            if all(not x.is_open for x in holders):
                self.release(key)
                self.accounts[o.account].update_time = now

    # ---- events ------------------------------------------------------------------------------
    def emit(self, account: str, event: dict[str, Any]) -> None:
        self.outbox.append((account, event))

    def flush_positions(self, now: int) -> None:
        """Append one outboundAccountPosition per account whose balances changed."""
        for account, assets in self._changed.items():
            acc = self.accounts[account]
            acc.update_time = max(acc.update_time, now)
            self.emit(account, views.account_position_event(acc, assets, now))
        if self._changed:
            self.on_change()
        self._changed = {}

    def take_events(self) -> list[Event]:
        out, self.outbox = self.outbox, []
        return out

    # ---- persistence -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "accounts": {
                k: {
                    "free": {a: str(v) for a, v in acc.free.items()},
                    "locked": {a: str(v) for a, v in acc.locked.items()},
                    "update_time": acc.update_time,
                }
                for k, acc in self.accounts.items()
            },
            "orders": [o.to_dict() for o in self.orders.values()],
            "lists": [lst.to_dict() for lst in self.lists.values()],
            "locks": {k: [lk.account, lk.asset, str(lk.amount)] for k, lk in self.locks.items()},
            "trades": [t.to_dict() for t in self.trades],
            "counters": [self.next_order_id, self.next_list_id, self.next_trade_id, self.next_exec_id],
        }

    def restore(self, d: dict[str, Any]) -> None:
        for key, a in d["accounts"].items():
            acc = self.accounts.get(key)
            if acc is None:
                continue
            acc.free = {k: Decimal(v) for k, v in a["free"].items()}
            acc.locked = {k: Decimal(v) for k, v in a["locked"].items()}
            acc.update_time = int(a["update_time"])
        self.orders = {int(o["order_id"]): LocalOrder.from_dict(o) for o in d["orders"]}
        self.open_ids = {i for i, o in self.orders.items() if o.is_open}
        self.lists = {int(x["order_list_id"]): LocalOrderList.from_dict(x) for x in d["lists"]}
        self.locks = {k: Lock(v[0], v[1], Decimal(v[2])) for k, v in d["locks"].items()}
        self.trades = [LocalTrade.from_dict(t) for t in d["trades"]]
        self.next_order_id, self.next_list_id, self.next_trade_id, self.next_exec_id = d["counters"]
