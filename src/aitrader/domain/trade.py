"""`TradeRecord`: one finished round trip (entry to final exit), in analysis space (float)."""

from __future__ import annotations

from aitrader.domain.enums import Side
from aitrader.domain.value import Value


class TradeRecord(Value, frozen=True):
    """One round trip (entry to final exit). `pnl` is net of all fees, in quote currency."""

    symbol: str
    side: Side
    quantity: float
    entry_bar: int
    entry_time: int
    entry_price: float
    exit_bar: int
    exit_time: int
    exit_price: float
    fees: float
    pnl: float
    exit_reason: str
    stop: float | None = None
    target: float | None = None
    strategy: str = ""
    rationale: str = ""

    @property
    def return_pct(self) -> float:
        """Net P&L as a fraction of the entry notional."""
        notional = self.entry_price * self.quantity
        return self.pnl / notional if notional else 0.0

    @property
    def duration_ms(self) -> int:
        return self.exit_time - self.entry_time
