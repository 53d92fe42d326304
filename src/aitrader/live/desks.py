"""One symbol's share of a live or paper run, beside the kernel's lane for it: its trading rules,
its live order handling (`live_orders`: venue side, entry rules, venue adapter, order manager) and
the last candle the loop took for it. One venue, one journal and one order worker serve them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from aitrader.domain import Candle, Instrument
from aitrader.live.live_orders import LiveOrders
from aitrader.live.reconcile import ReconcileReport


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
