"""What the terminal view shows of the strategy's evidence and of a paper position."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.domain import OrderType
from aitrader.live.state import LiveState, SymbolRow

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel
    from aitrader.strategies.base import Features


def snapshot(strategy: Any, features: Features) -> dict[str, float | int | str | bool]:
    """The evidence the strategy reports for the last bar, else the last value of each numeric feature."""
    from aitrader.strategies.base import MarketView

    view = MarketView(features, len(features) - 1)
    evidence = getattr(strategy, "evidence", None)
    out: dict[str, float | int | str | bool] = {}
    if callable(evidence):
        out.update(dict(evidence(view)))
    else:
        for name, col in view.features.columns.items():
            if col.dtype.kind == "f":
                out[name] = float(col[view.index])
    return {k: (v if not (isinstance(v, float) and not math.isfinite(v)) else "nan") for k, v in out.items()}


def show_paper(state: LiveState, kernel: Kernel, price: Decimal) -> None:
    """Equity, position and the simulated protection of a paper run."""
    symbol = kernel.symbol
    state.equity = Decimal(repr(round(kernel.portfolio.equity({symbol: float(price)}), 8)))
    show_paper_row(state.rows[symbol], kernel, symbol, kernel.broker, price)
    state.sum_up_rows()


def show_paper_portfolio(state: LiveState, kernel: Kernel, prices: Mapping[str, Decimal]) -> None:
    """`show_paper` over every symbol of a portfolio run (`prices`: each one's last close)."""
    marks = {s: float(p) for s, p in prices.items() if p > 0}
    state.equity = Decimal(repr(round(kernel.portfolio.equity(marks), 8)))
    for symbol, price in prices.items():
        show_paper_row(state.rows[symbol], kernel, symbol, kernel.lane(symbol).broker, price)
    state.sum_up_rows()


def show_paper_row(row: SymbolRow, kernel: Kernel, symbol: str, broker: object, price: Decimal) -> None:
    row.price = price
    pos = kernel.portfolio.get(symbol)
    if pos is None:
        row.position, row.protection, row.status, row.unrealised = "flat", "-", "-", Decimal(0)
        return
    pnl = (price - pos.entry_price) * pos.qty
    row.unrealised = pnl
    row.position = f"{pos.side.value} {pos.qty} @ {pos.entry_price:.2f} (unrealised {pnl:+.2f})"
    from aitrader.execution.sim_broker import SimBroker

    orders = broker.open_orders() if isinstance(broker, SimBroker) else ()
    stops = [o for o in orders if o.type is OrderType.STOP_LOSS and o.request.symbol == symbol]
    targets = ", ".join(f"{t.price:.2f}" for t in pos.targets)
    if stops:
        row.status = "protected"
        row.protection = f"protected: stop {pos.stop} / targets {targets} ({len(stops)} simulated OCO)"
    else:
        row.status = "NAKED"
        row.protection = f"NOT PROTECTED: stop {pos.stop} / targets {targets}"
