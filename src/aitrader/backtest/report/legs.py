"""The report's trade rows: one per exit fill, so a position closed in several fills (target 1,
target 2, stop, ...) shows each with its own price, reason, quantity and P&L.

A leg's P&L is its gross (exit - entry) × qty × side, less its own exit fee and its share of the
entry fees (by quantity): the legs of a round trip add up to its P&L. A result without recorded
fills (`BacktestResult.exits` empty: synthetic results, stitched walk-forward windows) gives one row
per trade. The position still open at the end comes last: its earlier partial exits, then a row
for what is still held, marked at the last close net of its exit fee, reason "open".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from aitrader.backtest.result import OPEN_REASON, BacktestResult, ExitFill, TradeRecord, open_trade_record
from aitrader.domain.enums import Side


@dataclass(frozen=True, slots=True)
class ExitRow:
    """One exit of one round trip. `no` numbers the round trip (1-based), `leg` the exit within it."""

    no: int
    leg: int
    legs: int
    trade: TradeRecord
    exit_bar: int
    exit_time: int
    exit_price: float
    qty: float
    fees: float  # this exit's fee plus its share of the entry fees
    pnl: float
    reason: str

    @property
    def side(self) -> Side:
        return self.trade.side

    @property
    def is_open(self) -> bool:
        return self.reason == OPEN_REASON

    @property
    def return_pct(self) -> float:
        """Net P&L as a fraction of this exit's share of the entry notional."""
        notional = self.trade.entry_price * self.qty
        return self.pnl / notional if notional else 0.0

    @property
    def duration_ms(self) -> int:
        return self.exit_time - self.trade.entry_time


def _split(no: int, trade: TradeRecord, fills: list[ExitFill]) -> list[ExitRow]:
    """`trade` as one row per fill in `fills` (entry fees shared by quantity)."""
    total_qty = sum(f.qty for f in fills)
    entry_fees = trade.fees - sum(f.fee for f in fills)
    rows = []
    for k, f in enumerate(fills):
        share = entry_fees * f.qty / total_qty if total_qty else 0.0
        gross = trade.side.sign * (f.price - trade.entry_price) * f.qty
        fees = f.fee + share
        rows.append(
            ExitRow(
                no, k + 1, len(fills), trade, f.bar, f.time_ms, f.price, f.qty, fees, gross - fees, f.reason
            )
        )
    return rows


def _whole(no: int, trade: TradeRecord) -> ExitRow:
    return ExitRow(
        no,
        1,
        1,
        trade,
        trade.exit_bar,
        trade.exit_time,
        trade.exit_price,
        trade.quantity,
        trade.fees,
        trade.pnl,
        trade.exit_reason,
    )


def exit_rows(result: BacktestResult) -> list[ExitRow]:
    """Every exit of every round trip, in order, the open position's last (module docstring)."""
    by_trade: dict[int, list[ExitFill]] = defaultdict(list)
    for f in result.exits:
        by_trade[f.trade].append(f)
    rows: list[ExitRow] = []
    for i, trade in enumerate(result.trades):
        fills = by_trade.get(i)
        rows += _split(i + 1, trade, fills) if fills else [_whole(i + 1, trade)]
    opened = open_trade_record(result)
    if opened is not None:
        rows += _open_rows(len(result.trades) + 1, opened, by_trade.get(len(result.trades), []), result)
    return rows


def _open_rows(no: int, trade: TradeRecord, fills: list[ExitFill], result: BacktestResult) -> list[ExitRow]:
    """The open position's partial exits so far, then the rest marked at the last close."""
    t = result.params["open_trade"]
    held = float(t["qty"])
    exit_fee = trade.fees - float(t.get("fees", 0.0))
    mark = ExitFill(no - 1, trade.exit_bar, trade.exit_time, trade.exit_price, held, exit_fee, OPEN_REASON)
    return _split(no, trade, [*fills, mark])  # the mark's role "open" is its reason
