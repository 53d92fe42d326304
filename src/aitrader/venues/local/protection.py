"""Protection monitor: from the exchange's own records, how much of the bot's position lies uncovered.

The fault matrix (benchmarks/fault_matrix.py) judges a crash-only bot by what the exchange saw, not
by what the bot believes. Per account and symbol:

- bot orders: client ids the bot makes (`is_ours`: `at-<plan>-<version><leg>[k]`), an OCO leg counting
  as the bot's when its list id is;
- bot_net: base bought minus sold by bot fills, less commission charged in the base asset;
- exposure = max(0, min(bot_net, base balance free + locked)); cover = what OPEN bot stop legs on the
  SELL side still have to sell (orig - executed); naked_qty = exposure - cover;
- naked while naked_qty is sellable (>= LOT_SIZE minQty and worth >= the NOTIONAL minimum at the last
  price): dust cannot be protected and does not count.

Naked episodes carry wall-clock times (`time.time()`), because the bot and the harness measure
restarts in wall time. The server calls `update()` after every change (REST and WS-API requests,
replay ticks, admin actions), and before a hook acts, so an episode starts when the state changed.
Long positions only: the bots on this Spot exchange do not sell short.

Doubles: a client id (order) or list client id accepted more than once by one account; Binance takes
an id again once the first order is closed, so only the exchange's history can tell. Foreign sold:
when a bot SELL fill takes bot_net below zero by more than one step, the excess were coins the bot
never bought.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.domain import OrderType, Side
from aitrader.domain.client_ids import is_ours
from aitrader.venues.local.models import ZERO, LocalOrder

if TYPE_CHECKING:
    from aitrader.venues.local.engine import Engine

_STOPS = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
Key = tuple[str, str]  # (account api key, symbol)


@dataclass
class Episode:
    """One stretch of time a sellable quantity of the bot's position had no stop on the exchange."""

    account: str
    symbol: str
    start: float  # wall time, time.time()
    replay_ms: int  # the replay clock when it started
    max_qty: Decimal
    end: float | None = None  # None while still naked

    def seconds(self, now: float | None = None, after: float = 0.0) -> float:
        """Naked seconds, counting only the time after wall time `after`."""
        end = self.end if self.end is not None else (time.time() if now is None else now)
        return max(0.0, end - max(self.start, after))


@dataclass
class SymbolProtection:
    """The monitor's view of one account and symbol at one moment."""

    account: str
    symbol: str
    bot_net: Decimal
    total_base: Decimal
    exposure: Decimal
    cover: Decimal
    naked_qty: Decimal
    naked: bool  # naked_qty is sellable
    foreign_sold: Decimal


@dataclass
class _Running:
    bot_net: Decimal = ZERO
    foreign_sold: Decimal = ZERO


class ProtectionMonitor:
    """Watches one engine's book. Not thread-safe: call it on the server's loop (or `ExchangeThread.call`)."""

    def __init__(self, eng: Engine, is_bot: Callable[[str | None], bool] = is_ours) -> None:
        self.eng = eng
        self.is_bot = is_bot
        self.episodes: list[Episode] = []
        self._open: dict[Key, Episode] = {}
        self._running: dict[Key, _Running] = {}
        self._mark = 0  # trades already read
        self._trades: list[Any] | None = None  # the list `_mark` counts in (a restore replaces it)

    # ---- what is the bot's ---------------------------------------------------------------------
    def is_bot_order(self, o: LocalOrder) -> bool:
        if self.is_bot(o.client_order_id):
            return True
        lst = self.eng.book.lists.get(o.order_list_id) if o.order_list_id >= 0 else None
        return lst is not None and self.is_bot(lst.list_client_order_id)

    def _ingest(self) -> None:
        book = self.eng.book
        if book.trades is not self._trades or self._mark > len(book.trades):
            self._running, self._mark, self._trades = {}, 0, book.trades
        for t in book.trades[self._mark :]:
            o = book.orders.get(t.order_id)
            if o is None or not self.is_bot_order(o):
                continue
            inst = self.eng.instruments[t.symbol]
            run = self._running.setdefault((t.account, t.symbol), _Running())
            base_fee = t.commission if t.commission_asset == inst.base_asset else ZERO
            if t.is_buyer:
                run.bot_net += t.qty - base_fee
                continue
            after = run.bot_net - t.qty - base_fee
            if -after > inst.step_size:
                run.foreign_sold += -after
            run.bot_net = max(ZERO, after)
        self._mark = len(book.trades)

    # ---- the state now --------------------------------------------------------------------------
    def state(self, account: str, symbol: str) -> SymbolProtection:
        self._ingest()
        inst = self.eng.instruments[symbol]
        acc = self.eng.book.accounts[account]
        base = inst.base_asset
        total = acc.free.get(base, ZERO) + acc.locked.get(base, ZERO)
        run = self._running.get((account, symbol), _Running())
        exposure = max(ZERO, min(run.bot_net, total))
        cover = sum(
            (
                o.orig_qty - o.executed_qty
                for o in self.eng.book.open_orders(account, symbol)
                if o.side is Side.SELL and o.type in _STOPS and self.is_bot_order(o)
            ),
            ZERO,
        )
        naked_qty = max(ZERO, exposure - cover)
        sellable = (
            naked_qty > 0
            and naked_qty >= inst.min_qty
            and naked_qty * self.eng.last_price(symbol) >= inst.min_notional
        )
        return SymbolProtection(
            account, symbol, run.bot_net, total, exposure, cover, naked_qty, sellable, run.foreign_sold
        )

    def _keys(self) -> list[Key]:
        return sorted(set(self._running) | set(self._open))

    def update(self, now: float | None = None) -> None:
        """Re-evaluate every account and symbol the bot traded; open or close naked episodes."""
        self._ingest()
        wall = time.time() if now is None else now
        for key in self._keys():
            st = self.state(*key)
            ep = self._open.get(key)
            if st.naked:
                if ep is None:
                    ep = Episode(key[0], key[1], wall, self.eng.clock_ms, st.naked_qty)
                    self.episodes.append(ep)
                    self._open[key] = ep
                ep.max_qty = max(ep.max_qty, st.naked_qty)
            elif ep is not None:
                ep.end = wall
                del self._open[key]

    def reset(self) -> None:
        """Forget episodes and foreign-sold totals (a position naked now starts a new episode now)."""
        self.episodes.clear()
        self._open.clear()
        for run in self._running.values():
            run.foreign_sold = ZERO
        self.update()

    # ---- questions the harness asks -------------------------------------------------------------
    def naked_seconds_after(self, after: float, now: float | None = None) -> float:
        """The longest naked time any episode spent after wall time `after` (0.0 when none)."""
        return max((ep.seconds(now, after) for ep in self.episodes), default=0.0)

    def is_naked(self) -> bool:
        return bool(self._open)

    def foreign_sold(self) -> Decimal:
        self._ingest()
        return sum((r.foreign_sold for r in self._running.values()), ZERO)

    def doubles(self) -> list[dict[str, Any]]:
        """Client ids and list client ids one account had accepted more than once."""
        book = self.eng.book
        out: list[dict[str, Any]] = []
        orders: dict[Key, list[LocalOrder]] = {}
        for o in sorted(book.orders.values(), key=lambda x: x.order_id):
            orders.setdefault((o.account, o.client_order_id), []).append(o)
        for (account, cid), group in orders.items():
            if len(group) > 1:
                executed = [o.executed_qty for o in group]
                out.append(_double("order", self._uid(account), cid, [o.order_id for o in group], executed))
        lists: dict[Key, list[int]] = {}
        for lst in sorted(book.lists.values(), key=lambda x: x.order_list_id):
            lists.setdefault((lst.account, lst.list_client_order_id), []).append(lst.order_list_id)
        for (account, cid), ids in lists.items():
            if len(ids) > 1:
                executed = [sum((o.executed_qty for o in book.list_orders(book.lists[i])), ZERO) for i in ids]
                out.append(_double("order_list", self._uid(account), cid, ids, executed))
        return out

    def open_lists(self, account: str, symbol: str) -> list[dict[str, Any]]:
        book = self.eng.book
        out = []
        for lst in sorted(book.lists.values(), key=lambda x: x.order_list_id):
            if lst.account != account or lst.symbol != symbol or lst.list_order_status != "EXECUTING":
                continue
            if not self.is_bot(lst.list_client_order_id):
                continue
            legs = book.list_orders(lst)
            stop = next((o for o in legs if o.type in _STOPS), None)
            out.append(
                {
                    "listClientOrderId": lst.list_client_order_id,
                    "orderListId": lst.order_list_id,
                    "status": lst.list_order_status,
                    "quantity": qty_text(max((o.orig_qty - o.executed_qty for o in legs), default=ZERO)),
                    "stopPrice": None
                    if stop is None or stop.stop_price is None
                    else qty_text(stop.stop_price),
                }
            )
        return out

    def _uid(self, account: str) -> int:
        return self.eng.book.accounts[account].uid

    def report(self, after: float = 0.0) -> dict[str, Any]:
        """Everything above as JSON-ready data; accounts by uid (the API key stays out of reports)."""
        self.update()
        now = time.time()
        symbols = []
        for account, symbol in self._keys():
            st = self.state(account, symbol)
            symbols.append(
                {
                    "account": self._uid(account), "symbol": symbol, "bot_net": qty_text(st.bot_net),
                    "total_base": qty_text(st.total_base), "exposure": qty_text(st.exposure), "cover": qty_text(st.cover),
                    "naked_qty": qty_text(st.naked_qty), "naked": st.naked, "foreign_sold": qty_text(st.foreign_sold),
                    "open_lists": self.open_lists(account, symbol),
                }
            )  # fmt: skip
        episodes = [
            {
                "account": self._uid(ep.account), "symbol": ep.symbol, "start": ep.start, "end": ep.end,
                "seconds": ep.seconds(now), "max_qty": qty_text(ep.max_qty), "replay_ms": ep.replay_ms,
            }
            for ep in self.episodes
        ]  # fmt: skip
        return {
            "wall": now,
            "symbols": symbols,
            "episodes": episodes,
            "naked_now": self.is_naked(),
            "max_naked_s": self.naked_seconds_after(after, now),
            "doubles": self.doubles(),
            "foreign_sold": qty_text(self.foreign_sold()),
        }


def _double(kind: str, uid: int, cid: str, ids: list[int], executed: list[Decimal]) -> dict[str, Any]:
    return {
        "kind": kind,
        "account": uid,
        "id": cid,
        "ids": ids,
        "executed": [qty_text(x) for x in executed],
        "executed_twice": sum(1 for x in executed if x > 0) >= 2,
    }


def qty_text(d: Decimal) -> str:
    """A quantity as plain text without exponent or trailing zeros ("0.00999", "0")."""
    text = format(d.normalize(), "f")
    return "0" if Decimal(text) == 0 else text
