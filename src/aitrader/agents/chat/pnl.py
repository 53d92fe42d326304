"""Realised P&L from a list of fills, average-cost method, fees included (in the quote asset)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from aitrader.agents.chat.models import TradeView


@dataclass(frozen=True, slots=True)
class SymbolPnl:
    realised: Decimal  # quote asset, fees deducted, over sells inside the window
    fees: Decimal  # quote asset, over trades inside the window
    trades: int  # fills inside the window
    unpriced_fees: int  # fills whose fee was paid in a third asset (not included)


def fee_in_quote(t: TradeView, base: str, quote: str) -> Decimal | None:
    if t.commission == 0 or t.commission_asset == quote:
        return t.commission
    if t.commission_asset == base:
        return t.commission * t.price
    return None


def realised_pnl(
    trades: Sequence[TradeView], base: str, quote: str, since_ms: int | None, until_ms: int
) -> SymbolPnl:
    """Walk every fill in time order (the history before the window sets the cost basis); sum what
    sells inside [since_ms, until_ms) realised against the average cost, minus fees in the window."""
    qty = Decimal(0)
    cost = Decimal(0)
    realised = Decimal(0)
    fees = Decimal(0)
    count = 0
    unpriced = 0
    for t in sorted(trades, key=lambda x: (x.time_ms, x.trade_id)):
        inside = (since_ms is None or t.time_ms >= since_ms) and t.time_ms < until_ms
        fee = fee_in_quote(t, base, quote)
        if t.side == "BUY":
            qty += t.quantity
            cost += t.price * t.quantity
        else:
            sold = min(t.quantity, qty)
            avg = cost / qty if qty > 0 else t.price
            if inside:
                realised += (t.price - avg) * sold
            cost -= avg * sold
            qty -= sold
        if inside:
            count += 1
            if fee is None:
                unpriced += 1
            else:
                fees += fee
    return SymbolPnl(realised=realised - fees, fees=fees, trades=count, unpriced_fees=unpriced)
