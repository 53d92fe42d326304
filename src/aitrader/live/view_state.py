"""The view's equity, position and protection lines from what the run knows (live: the venue's
balances and the journal's positions; paper: the simulator's portfolio), for one symbol or each
symbol of a portfolio run, and the portfolio's limits (open positions, exposure) as the gate
sets them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from aitrader.domain.position import PositionBook
from aitrader.live.account_book import AccountBook, show_row
from aitrader.live.state import LiveState
from aitrader.live.view_lines import show_paper, show_paper_portfolio

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel
    from aitrader.live.desks import SymbolDesk


def show_live(
    state: LiveState, account: AccountBook, desks: Mapping[str, SymbolDesk], prices: Mapping[str, Decimal]
) -> None:
    """Live: equity from the balances (each base at its last close), each symbol's position and
    whether an OCO covering it is live on the venue ("protected" only when it is true)."""
    wired = [
        (d.instrument, d.wired) for d in desks.values() if d.instrument is not None and d.wired is not None
    ]
    if len(wired) == 1:
        inst, w = wired[0]
        account.show(state, w.orders, inst, prices[inst.symbol])
        return
    state.equity = account.portfolio_equity([(inst, prices[inst.symbol]) for inst, _ in wired])
    for inst, w in wired:
        show_row(state.rows[inst.symbol], w.orders, inst, prices[inst.symbol])
    state.sum_up_rows()


def show_paper_run(state: LiveState, kernel: Kernel, prices: Mapping[str, Decimal]) -> None:
    """Paper: the simulator's equity, positions and simulated OCOs."""
    if len(prices) == 1:
        show_paper(state, kernel, next(iter(prices.values())))
    else:
        show_paper_portfolio(state, kernel, prices)


def update_limits(state: LiveState, book: PositionBook, gate: object, prices: Mapping[str, Decimal]) -> None:
    """Open positions and their exposure (at the last closes) against the gate's limits."""
    positions = book.open_positions()
    config = getattr(gate, "config", None)
    limits = state.limits
    limits.open_positions = len(positions)
    limits.max_open_positions = int(getattr(config, "max_open_positions", 0) or 0)
    limits.max_total_exposure = float(getattr(config, "max_total_exposure", 0.0) or 0.0)
    limits.exposure = sum(
        (abs(p.qty) * (prices.get(p.symbol) or p.entry_price) for p in positions), Decimal(0)
    )
