"""What the terminal view shows of the strategy's evidence and of a paper position."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.domain import OrderType
from aitrader.live.state import LiveState

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
    pos = kernel.portfolio.get(symbol)
    if pos is None:
        state.position, state.protection = "flat", "-"
        return
    pnl = (price - pos.entry_price) * pos.qty
    state.position = f"{pos.side.value} {pos.qty} @ {pos.entry_price:.2f} (unrealised {pnl:+.2f})"
    from aitrader.execution.sim_broker import SimBroker

    broker = kernel.broker
    orders = broker.open_orders() if isinstance(broker, SimBroker) else ()
    stops = [o for o in orders if o.type is OrderType.STOP_LOSS]
    targets = ", ".join(f"{t.price:.2f}" for t in pos.targets)
    if stops:
        state.protection = f"protected: stop {pos.stop} / targets {targets} ({len(stops)} simulated OCO)"
    else:
        state.protection = f"NOT PROTECTED: stop {pos.stop} / targets {targets}"
