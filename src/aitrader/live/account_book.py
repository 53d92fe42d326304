"""What the live loop knows about the account between venue reads: balances, the account's fee
rates, equity, the start-of-day equity for the daily loss breaker, and the position line of the view.

Balances are refreshed by venue work (after orders, on refreshes), never read inside a decision,
so a slow venue never holds up a candle. The fee rates are read once at start from the account
(`Venue.commission_rates`); when the venue does not say, the gate keeps its configured default and
the run says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from aitrader.domain import Candle, Instrument
from aitrader.domain.position import Position
from aitrader.live.journal import LiveJournal
from aitrader.live.state import LiveState, SymbolRow
from aitrader.live.venue import Venue
from aitrader.risk.account import AccountState

if TYPE_CHECKING:
    from aitrader.live.venue_orders import VenueOrders

log = logging.getLogger(__name__)
MS_PER_DAY = 86_400_000
ZERO = Decimal(0)
DEFAULT_FEE = Decimal("0.001")  # the gate's default rate (AccountState's), when the venue does not say


class AccountBook:
    def __init__(self) -> None:
        self.balances: dict[str, tuple[Decimal, Decimal]] = {}
        self.fees: tuple[Decimal, Decimal] | None = None  # the account's (maker, taker) rates
        self.day_start: tuple[int, Decimal] = (-1, ZERO)  # (UTC day start ms, equity then)

    async def refresh(self, venue: Venue) -> None:
        self.balances = {a: (b.free, b.locked) for a, b in (await venue.balances()).items()}

    async def read_fees(self, venue: Venue, symbol: str, state: LiveState, journal: LiveJournal) -> None:
        try:
            self.fees = await venue.commission_rates(symbol)
        except Exception as exc:
            log.warning("reading the account's commission failed: %s", exc)
            self.fees = None
        if self.fees is None:
            state.event("WARNING: the venue did not report this account's commission; the gate assumes 0.1%")
            journal.event("fees", source="default", maker="0.001", taker="0.001")
        else:
            maker, taker = self.fees
            state.event(f"fees from the account: maker {maker:%}, taker {taker:%}")
            journal.event("fees", source="venue", maker=str(maker), taker=str(taker))

    def equity(self, inst: Instrument, price: Decimal) -> Decimal:
        q = sum(self.balances.get(inst.quote_asset, (ZERO, ZERO)), ZERO)
        b = sum(self.balances.get(inst.base_asset, (ZERO, ZERO)), ZERO)
        return q + b * price

    def portfolio_equity(self, marks: Sequence[tuple[Instrument, Decimal]]) -> Decimal:
        """Equity over several symbols of one quote asset: the quote, plus each base at its price."""
        if not marks:
            return ZERO
        quote = sum(self.balances.get(marks[0][0].quote_asset, (ZERO, ZERO)), ZERO)
        return quote + sum(
            (sum(self.balances.get(i.base_asset, (ZERO, ZERO)), ZERO) * p for i, p in marks), ZERO
        )

    def roll_day(
        self, inst: Instrument, candle: Candle, before: Candle | None, start_equity: Decimal
    ) -> None:
        """Start-of-day equity for the daily loss breaker, as the backtest kernel defines it.

        The equity at the close of the last candle before today's 00:00 UTC (the balances are
        still those after that candle's loop); the run's start equity when there is none.
        """
        self.roll_day_at(
            candle.open_time,
            None if before is None else before.open_time,
            lambda: self.equity(inst, before.close if before is not None else ZERO),
            start_equity,
        )

    def roll_day_at(
        self, open_ms: int, before_ms: int | None, equity_before: Callable[[], Decimal], start_equity: Decimal
    ) -> None:
        """`roll_day` for a round of several symbols: `equity_before` values the account at the
        previous round's closes."""
        day = open_ms - open_ms % MS_PER_DAY
        if self.day_start[0] == day:
            return
        same_day = before_ms is not None and before_ms >= day
        equity = start_equity if before_ms is None or same_day else equity_before()
        self.day_start = (day, equity)

    def show(self, state: LiveState, om: VenueOrders, inst: Instrument, price: Decimal) -> None:
        """Equity, the position and its protection for the view; "protected" only when it is true."""
        state.equity = self.equity(inst, price)
        show_row(state.rows[inst.symbol], om, inst, price)
        state.sum_up_rows()


def show_row(row_view: SymbolRow, om: VenueOrders, inst: Instrument, price: Decimal) -> None:
    """One symbol's position and protection as the venue has them; "protected" only when it is true."""
    row_view.price = price
    row = om.position(inst.symbol)
    if row is None or row.qty <= 0:
        row_view.position, row_view.protection, row_view.status = "flat", "-", "-"
        row_view.unrealised = ZERO
        return
    pnl = (price - row.entry_price) * row.qty
    row_view.unrealised = pnl
    row_view.position = f"{row.side} {row.qty} @ {row.entry_price:.2f} (unrealised {pnl:+.2f})"
    targets = ", ".join(f"{p:.2f}" for p, _ in row.targets)
    if om.is_protected(row.plan_id):
        lists = len(row.list_cids)
        row_view.status = "protected"
        row_view.protection = (
            f"protected: stop {row.stop} / targets {targets} ({lists} OCO live on the venue)"
        )
    else:
        row_view.status = "NAKED"
        row_view.protection = f"NOT PROTECTED: stop {row.stop} / targets {targets} (being re-placed)"


def account_state(
    balances: dict[str, tuple[Decimal, Decimal]],
    instrument: Instrument,
    price: Decimal,
    now_ms: int,
    positions: tuple[Position, ...] = (),
    start_of_day_equity: Decimal | None = None,
    results: list[tuple[str, Decimal, int]] | None = None,
    fees: tuple[Decimal, Decimal] | None = None,
) -> AccountState:
    """AccountState from (free, locked) balances: equity = quote + base marked at `price`.

    `fees` are the account's (maker, taker) rates as the venue reports them; None keeps the gate's
    configured default.
    """
    q_free, q_locked = balances.get(instrument.quote_asset, (Decimal(0), Decimal(0)))
    b_free, b_locked = balances.get(instrument.base_asset, (Decimal(0), Decimal(0)))
    equity = q_free + q_locked + (b_free + b_locked) * price
    streak, last_loss = 0, None
    for _, pnl, when in reversed(results or []):
        if pnl >= 0:
            break
        streak += 1
        last_loss = when if last_loss is None else last_loss
    return AccountState(
        equity=equity,
        free_quote=q_free,
        now_ms=now_ms,
        free_base={instrument.base_asset: b_free},
        positions=positions,
        start_of_day_equity=start_of_day_equity,
        consecutive_losses=streak,
        last_loss_ms=last_loss,
        maker_fee=fees[0] if fees is not None else DEFAULT_FEE,
        taker_fee=fees[1] if fees is not None else DEFAULT_FEE,
    )
