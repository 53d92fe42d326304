"""One symbol's share of a live or paper run, beside the kernel's lane for it: its trading rules,
its live order handling (`live_orders`: venue side, entry rules, venue adapter, order manager) and
the last candle the loop took for it. One venue, one journal and one order worker serve them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from aitrader.domain import Candle, Candles, Instrument
from aitrader.domain.timeframe import format_duration
from aitrader.live.live_orders import LiveOrders
from aitrader.live.reconcile import ReconcileReport

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel
    from aitrader.live.config import RunConfig
    from aitrader.live.state import LiveState


@dataclass
class SymbolDesk:
    symbol: str
    instrument: Instrument | None = None
    wired: LiveOrders | None = None  # live only
    last_candle: Candle | None = None
    last_close: Decimal = Decimal(0)
    seen_closed: list[int] = field(default_factory=list)  # open times of the closed candles taken


def merge_reports(reports: list[ReconcileReport]) -> ReconcileReport:
    """One report over every symbol's reconciliation (lines said once: an alarm shows in each)."""
    if len(reports) == 1:
        return reports[0]
    out = ReconcileReport()
    for r in reports:
        for name in ("reprotected", "adopted", "foreign_orders", "foreign_balance", "mismatches",
                     "open_positions", "sold_outside"):  # fmt: skip
            mine: list[str] = getattr(out, name)
            mine += [line for line in getattr(r, name) if line not in mine]
    return out


def warm_desk(
    kernel: Kernel, desk: SymbolDesk, state: LiveState, cfg: RunConfig, history: list[Candle], warmup: int
) -> None:
    """The symbol's closed candles before the stream into its lane (no decision on them), the
    desk's last candle, and what the view says of it (at start, and for a symbol that joins)."""
    symbol = desk.symbol
    kernel.warm(Candles.from_candles(history, symbol, cfg.interval))
    if history:
        desk.last_candle, desk.last_close = history[-1], history[-1].close
    who = f"{symbol}: " if cfg.portfolio else ""
    state.event(f"{who}warmed up on {len(history)} candles from REST history")
    missing = warmup + 1 - len(history)
    if missing > 0:
        wait = format_duration(missing * cfg.interval.duration_ms)
        state.event(
            f"{who}{cfg.strategy} needs {warmup + 1} candles of history, the venue gave "
            f"{len(history)}: the first decision comes in {missing} candles (~{wait})"
        )
