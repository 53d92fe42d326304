"""What the strategy and the gate see live: the positions in the journal (reconciled with the
exchange) and the venue's balances last read, for one symbol or for every symbol of a portfolio.

- `VenueBook` (a `PositionBook`): each symbol's position as its `VenueOrders` has it.
- `VenueAccount` (an `AccountSource`): balances, the account's fees, start-of-day equity, the
  peak realised equity (the drawdown halt's reference) and the journal's closed results. Over several symbols the equity is the quote plus each base balance at
  its last close (`marks`: the kernel's last close per symbol), and the quote that entries sent in
  this round but not yet filled will spend is kept out of the free quote (their fee out of the
  equity): every symbol of a round decides before the venue has answered the first one's order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

import msgspec

from aitrader.domain import Instrument
from aitrader.domain.position import Position
from aitrader.live.account_book import DEFAULT_FEE, AccountBook, account_state
from aitrader.live.journal import LiveJournal
from aitrader.live.plan_row import PlanRow
from aitrader.live.verdicts import to_position
from aitrader.risk.account import AccountState

if TYPE_CHECKING:
    from aitrader.live.venue_broker import VenueBroker
    from aitrader.live.venue_orders import VenueOrders

ZERO = Decimal(0)


class VenueBook:
    """The positions in the live journal (reconciled with the venue): a `PositionBook` over the
    symbols in `orders` (symbol -> that symbol's venue side), in their order.

    With `pending_entries` (a portfolio run: symbol -> instrument), an entry sent but not yet filled
    counts as the position it will open (its quantity less the buy's fee, at its plan's entry
    price): the next symbol of the same round is judged with it, as the simulator (which fills a
    market entry at once) judges it.
    """

    def __init__(
        self,
        orders: Mapping[str, VenueOrders],
        pending_entries: Mapping[str, Instrument] | None = None,
        base_fee: Decimal = Decimal("0.001"),
    ) -> None:
        self.orders = dict(orders)
        self.pending_entries = dict(pending_entries or {})  # symbol -> its trading rules
        self.base_fee = base_fee  # a buy's fee, taken from the coins bought (Binance's default)

    def get(self, symbol: str) -> Position | None:
        orders = self.orders.get(symbol)
        row = orders.position(symbol) if orders is not None else None
        inst = self.pending_entries.get(symbol)
        if orders is not None and row is not None and inst is not None and row.status == "pending_entry":
            qty = _unfilled_entry(orders.journal, row)  # what the entry will hold once filled, fee paid
            row = replace(row, qty=inst.round_qty(qty * (1 - self.base_fee))) if row.qty <= 0 < qty else row
        return to_position(row) if row is not None and row.qty > 0 else None

    def open_positions(self) -> tuple[Position, ...]:
        found = (self.get(s) for s in self.orders)
        return tuple(p for p in found if p is not None)


class VenueAccount:
    """The account the gate judges live proposals against (an `AccountSource`, see the module
    docstring). `brokers`: symbol -> its venue adapter, lane order."""

    def __init__(
        self,
        book: AccountBook,
        journal: LiveJournal,
        positions: VenueBook,
        brokers: Mapping[str, VenueBroker],
    ) -> None:
        self.book = book
        self.journal = journal
        self.positions = positions
        self.brokers = dict(brokers)
        self.marks: Callable[[], Mapping[str, float]] | None = None  # the kernel's last closes
        self._start: tuple[Decimal, frozenset[str]] | None = (
            None  # (equity, plans closed) at the first review
        )

    @property
    def instrument(self) -> Instrument:
        return next(iter(self.brokers.values())).instrument

    def state(self, bar: int, now_ms: int) -> AccountState:
        book = self.book
        if len(self.brokers) == 1:
            broker = next(iter(self.brokers.values()))
            state = account_state(
                book.balances, broker.instrument, broker.last_price, now_ms, self.positions.open_positions(),
                book.day_start[1] or None, self.journal.closed_results(), book.fees,
            )  # fmt: skip
        else:
            state = self._portfolio_state(now_ms)
        return msgspec.structs.replace(state, peak_equity=self.peak_equity(state.equity))

    def peak_equity(self, equity: Decimal) -> Decimal:
        """The drawdown halt's reference, as the simulator keeps it: the highest realised equity of
        this run, from the equity at its first review plus the P&L of each plan closed since (the
        journal's closed results, in order). A restart starts again from its own first review."""
        results = self.journal.closed_results()
        if self._start is None:
            self._start = (equity, frozenset(plan for plan, _, _ in results))
        level, before = self._start
        peak = level
        for plan, pnl, _ in results:
            if plan not in before:
                level += pnl
                peak = max(peak, level)
        return peak

    def prices(self) -> dict[str, Decimal]:
        """Each symbol's last close (the kernel's marks; a broker's last bar where it has none)."""
        marks = self.marks() if self.marks is not None else {}
        out: dict[str, Decimal] = {}
        for symbol, broker in self.brokers.items():
            mark = marks.get(symbol)
            out[symbol] = Decimal(repr(mark)) if mark is not None and mark == mark else broker.last_price
        return out

    def _portfolio_state(self, now_ms: int) -> AccountState:
        book, balances = self.book, self.book.balances
        prices = self.prices()
        insts = [b.instrument for b in self.brokers.values()]
        fees = book.fees
        taker = fees[1] if fees is not None else DEFAULT_FEE
        pending = self.pending_buys()  # spent as soon as they fill; their fee comes off the coins bought
        equity = book.portfolio_equity([(i, prices[i.symbol]) for i in insts]) - pending * taker
        q_free = balances.get(insts[0].quote_asset, (ZERO, ZERO))[0]
        free_quote = max(q_free - pending, ZERO)
        streak, last_loss = 0, None
        for _, pnl, when in reversed(self.journal.closed_results()):
            if pnl >= 0:
                break
            streak += 1
            last_loss = when if last_loss is None else last_loss
        return AccountState(
            equity=max(equity, ZERO),
            free_quote=free_quote,
            now_ms=now_ms,
            free_base={i.base_asset: balances.get(i.base_asset, (ZERO, ZERO))[0] for i in insts},
            positions=self.positions.open_positions(),
            start_of_day_equity=book.day_start[1] or None,
            consecutive_losses=streak,
            last_loss_ms=last_loss,
            maker_fee=fees[0] if fees is not None else DEFAULT_FEE,
            taker_fee=fees[1] if fees is not None else DEFAULT_FEE,
        )

    def pending_buys(self) -> Decimal:
        """Quote that entries journaled but not yet filled will spend, at their plans' entry prices."""
        total = ZERO
        for symbol, orders in self.positions.orders.items():
            row = orders.position(symbol)
            if row is not None and row.status == "pending_entry" and row.side == "BUY":
                total += _unfilled_entry(self.journal, row) * row.entry_price
        return total


def _unfilled_entry(journal: LiveJournal, row: PlanRow) -> Decimal:
    """What a pending plan's entry order still has to fill (0 once it ended or never left)."""
    entry = journal.order(row.entry_cid)
    if entry is None or entry["status"] in (
        "REJECTED",
        "NOT_SENT",
        "CANCELED",
        "EXPIRED",
        "EXPIRED_IN_MATCH",
        "FILLED",
    ):
        return ZERO
    qty = Decimal(str(entry["qty"] or "0")) - Decimal(str(entry.get("executed") or "0"))
    return max(qty, ZERO)
