"""Portfolio: cash, positions, realised P&L per round trip, and the change points of the equity curve.

Accounting is in quote currency, float (analysis space): a buy pays `price * qty` plus its fee,
a sell receives `price * qty` minus its fee; a short is a negative quantity. Equity between two
fills is `cash + qty * close`, so the per-bar curve is rebuilt at the end from the change points
(vectorised) instead of being written on every bar.
The portfolio is also the kernel's `PositionBook`: `get(symbol)` gives the domain `Position`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from decimal import Decimal

import msgspec
import numpy as np

from aitrader.domain.candles import FloatArray
from aitrader.domain.decimals import qty_decimal, to_decimal
from aitrader.domain.enums import Side
from aitrader.domain.position import Position, PositionTarget
from aitrader.domain.trade import TradeRecord
from aitrader.execution.reports import ExecutionReport

_EPS = 1e-12
_BUY = Side.BUY
_NO_STOP = Decimal("0.0")  # what to_decimal(0.0) gives: an unprotected position's stop


class OpenTrade(msgspec.Struct, gc=False):
    """A round trip in progress: what was bought/sold to open it and what has been closed so far.

    Mutable; a msgspec Struct because one is built per trade (in C, unlike a dataclass's twenty
    attribute stores)."""

    symbol: str
    side: Side
    entry_bar: int
    entry_time: int
    qty: float = 0.0  # currently held (positive)
    entered_qty: float = 0.0
    entered_value: float = 0.0
    exited_qty: float = 0.0
    exited_value: float = 0.0
    fees: float = 0.0
    realised: float = 0.0  # gross, before fees
    stop: Decimal | None = None  # the protection in force, as the plan sent it (venue space)
    targets: tuple[PositionTarget, ...] = ()
    strategy: str = ""
    rationale: str = ""
    plan_id: str = ""
    plan_version: int = 1
    cached: Position | None = None

    first_price: float = 0.0
    entry_fills: int = 0

    @property
    def entry_price(self) -> float:
        """Average entry price (the exact fill price when the position was opened in one fill)."""
        if self.entry_fills == 1:
            return self.first_price
        return self.entered_value / self.entered_qty if self.entered_qty else 0.0


class Portfolio:
    """Cash and positions of one account."""

    def __init__(self, cash: float) -> None:
        self.initial_cash = float(cash)
        self.cash = float(cash)
        self.fees_paid = 0.0
        self.trades: list[TradeRecord] = []
        self.consecutive_losses = 0
        self.last_loss_ms: int | None = None
        self._open: dict[str, OpenTrade] = {}
        self._qty: dict[str, float] = {}
        self._dust: dict[str, float] = {}  # base left below the lot step after a position closed
        self._lot: dict[str, Decimal] = {}  # symbol -> the venue's lot step
        # change points of the equity curve: after bar k, cash and the qty held of the tracked symbol
        self._cp_bar: list[int] = []
        self._cp_cash: list[float] = []
        self._cp_qty: list[float] = []  # base held (position and dust): for the equity
        self._cp_held: list[bool] = []  # a position open: for the time in market
        # symbol -> its change points (indexes, ascending): whose quantity `_cp_qty` is, in a portfolio
        self._cp_of: dict[str, list[int]] = {}
        # the drawdown halt's reference: the highest realised equity (initial cash + net P&L of the
        # closed trades) so far; exact whichever bars a run visits, unlike a peak of marked equity
        self.realised_equity = self.cash
        self.peak_equity = self.cash

    # ---- PositionBook ----------------------------------------------------------------------------
    def get(self, symbol: str) -> Position | None:
        t = self._open.get(symbol)
        if t is None or t.qty <= _EPS:
            return None
        if t.cached is None:
            t.cached = self._position(t)
        return t.cached

    def open_positions(self) -> tuple[Position, ...]:
        if not self._open:
            return ()
        return tuple([p for s in self._open if (p := self.get(s)) is not None])

    # ---- queries ---------------------------------------------------------------------------------
    def qty(self, symbol: str) -> float:
        """Signed quantity held (negative = short)."""
        return self._qty.get(symbol, 0.0)

    @property
    def quantities(self) -> Mapping[str, float]:
        """Signed quantity held per symbol, live (read-only; a flat symbol may be absent or 0.0)."""
        return self._qty

    def open_trade(self, symbol: str) -> OpenTrade | None:
        return self._open.get(symbol)

    def dust(self, symbol: str) -> float:
        """Base asset held outside any position: what a fee in the base asset left below the lot step."""
        return self._dust.get(symbol, 0.0)

    def hold_outside(self, symbol: str, qty: float) -> None:
        """Base asset the account holds outside any position (live: coins it had before the bot): it
        counts in the equity, and no exit ever sells it."""
        self._dust[symbol] = self._dust.get(symbol, 0.0) + qty

    def set_lot_step(self, symbol: str, step: Decimal) -> None:
        """The venue's lot step: a position holds whole steps (it must be sellable as it is); what a
        fee in the base asset leaves below a step is dust, as on the exchange."""
        if step > 0:
            self._lot[symbol] = step

    def _whole_lots(self, symbol: str, received: float) -> float:
        """`received` rounded down to whole lot steps; the rest goes to the symbol's dust."""
        lot = self._lot.get(symbol)
        if lot is None:
            return received
        kept = float(to_decimal(round(received, 12)) // lot * lot)
        self._dust[symbol] = self._dust.get(symbol, 0.0) + (received - kept)
        return kept

    def equity(self, prices: dict[str, float]) -> float:
        held = self.cash + sum(q * prices.get(s, 0.0) for s, q in self._qty.items())
        return held + sum(q * prices.get(s, 0.0) for s, q in self._dust.items())

    def unrealised(self, symbol: str, price: float) -> float:
        t = self._open.get(symbol)
        if t is None:
            return 0.0
        return (price - t.entry_price) * t.qty * t.side.sign

    # ---- updates ---------------------------------------------------------------------------------
    def annotate(
        self,
        symbol: str,
        stop: Decimal | None,
        targets: tuple[PositionTarget, ...],
        reason: tuple[str, str] | None,
        plan_id: str,
        plan_version: int,
    ) -> None:
        """Remember the protection of the position in `symbol` and (unless None) (strategy, rationale)."""
        t = self._open.get(symbol)
        if t is None:
            return
        t.stop, t.targets = stop, targets
        if reason is not None:
            t.strategy, t.rationale = reason
        t.plan_id, t.plan_version, t.cached = plan_id, plan_version, None

    def adopt(self, position: Position) -> None:
        """Hold `position` as if it had been opened here (live: a position found at start)."""
        qty = float(position.qty)
        price = float(position.entry_price)
        t = OpenTrade(position.symbol, position.side, -1, position.opened_ms, qty, qty, qty * price)
        t.first_price, t.entry_fills = price, 1
        t.stop, t.targets = position.stop, position.targets
        t.plan_id, t.plan_version = position.plan_id, position.plan_version
        self._open[position.symbol] = t
        self._qty[position.symbol] = qty if position.side is _BUY else -qty

    def apply(self, fill: ExecutionReport, reason: str = "") -> TradeRecord | None:
        """Book a fill. Returns the finished round trip when this fill closed the position."""
        symbol, side, fqty, price, fee = fill.symbol, fill.side, fill.qty, fill.price, fill.fee
        signed = fqty if side is _BUY else -fqty
        fee_qty = fill.fee_qty  # a fee taken from the base received is not paid in cash
        self.cash -= signed * price + (0.0 if fee_qty else fee)
        self.fees_paid += fee
        before = self._qty.get(symbol, 0.0)
        if fee_qty:
            fqty = self._whole_lots(symbol, fqty - fee_qty)  # what the position received
            after = round(before + fqty, 12)  # no float noise in a quantity sent back as an order
        else:
            after = before + signed
        if abs(after) <= _EPS * max(1.0, abs(before)):
            after = 0.0
        self._qty[symbol] = after
        self._cp_bar.append(fill.bar)
        self._cp_cash.append(self.cash)
        self._cp_qty.append(after + self._dust.get(symbol, 0.0) if self._dust else after)
        self._cp_held.append(after != 0.0)
        self._cp_of.setdefault(symbol, []).append(len(self._cp_bar) - 1)
        t = self._open.get(symbol)
        if t is None or before == 0.0:
            t = OpenTrade(symbol, side, fill.bar, fill.time_ms)
            self._open[symbol] = t
        t.fees += fee
        t.cached = None
        if side is t.side:  # opening or adding
            t.qty += fqty
            t.entry_fills += 1
            if t.entry_fills == 1:
                t.first_price = price
            t.entered_qty += fill.qty
            t.entered_value += fill.qty * price
            return None
        closed = min(fqty, t.qty)
        t.realised += (price - t.entry_price) * closed * (1 if t.side is _BUY else -1)
        t.exited_qty += closed
        t.exited_value += closed * price
        t.qty -= closed
        if after != 0.0 and t.qty > _EPS:
            return None
        t.qty = 0.0  # any rest is dust
        del self._open[symbol]
        record = self._record(t, fill, reason)
        self.trades.append(record)
        self.realised_equity += record.pnl
        if self.realised_equity > self.peak_equity:
            self.peak_equity = self.realised_equity
        if record.pnl < 0:
            self.consecutive_losses += 1
            self.last_loss_ms = record.exit_time
        else:
            self.consecutive_losses = 0
        return record

    def state_after(self, bar: int) -> tuple[float, float]:
        """(cash, qty of the tracked symbol) after the fills of bar `bar`."""
        k = bisect.bisect_right(self._cp_bar, bar) - 1
        if k < 0:
            return self.initial_cash, 0.0
        return self._cp_cash[k], self._cp_qty[k]

    def holdings_after(self, bar: int) -> tuple[float, dict[str, float]]:
        """(cash, base held per symbol) after the fills of global bar `bar` (a portfolio run: the
        bar is the step of the kernel's merged time grid)."""
        k = bisect.bisect_right(self._cp_bar, bar) - 1
        if k < 0:
            return self.initial_cash, {}
        held: dict[str, float] = {}
        for s, points in self._cp_of.items():  # the latest change point of each symbol at or before k
            at = bisect.bisect_right(points, k) - 1
            if at >= 0:
                held[s] = self._cp_qty[points[at]]
        return self._cp_cash[k], held

    def symbol_steps(self, symbol: str) -> tuple[list[int], list[float], list[bool]]:
        """The change points of one symbol: (bar, base held after it, position open after it)."""
        points = self._cp_of.get(symbol, [])
        return (
            [self._cp_bar[j] for j in points],
            [self._cp_qty[j] for j in points],
            [self._cp_held[j] for j in points],
        )

    def cash_steps(self) -> tuple[list[int], list[float]]:
        """The change points of cash: (bar, cash after it)."""
        return self._cp_bar, self._cp_cash

    def symbol_cash_flows(self, symbol: str) -> tuple[list[int], list[float]]:
        """(bar, cumulative cash moved by `symbol`'s fills) at each of its change points."""
        cash = self._cp_cash
        bars, flows, total = [], [], 0.0
        for j in self._cp_of.get(symbol, []):
            total += cash[j] - (cash[j - 1] if j > 0 else self.initial_cash)
            bars.append(self._cp_bar[j])
            flows.append(total)
        return bars, flows

    # ---- equity curve ----------------------------------------------------------------------------
    def equity_curve(self, close: FloatArray, symbol: str) -> tuple[FloatArray, np.ndarray]:
        """Equity at every bar's close and whether a position was held, for a one-symbol run."""
        n = len(close)
        bars = np.asarray(self._cp_bar, dtype=np.int64)
        inside = bars < n
        bars = bars[inside]
        if bars.size == 0:
            return np.full(n, self.initial_cash), np.zeros(n, dtype=bool)
        # the state after the last fill of a bar holds from that bar's close until the next bar with
        # fills: one run of equal values per such bar, spread with np.repeat (no per-bar index array)
        last = np.flatnonzero(np.append(bars[1:] != bars[:-1], True))
        starts = np.concatenate(([0], bars[last], [n]))
        runs = np.diff(starts)
        cash = np.concatenate(([self.initial_cash], np.asarray(self._cp_cash)[inside][last]))
        equity = np.repeat(np.concatenate(([0.0], np.asarray(self._cp_qty)[inside][last])), runs)
        in_market = np.repeat(np.concatenate(([False], np.asarray(self._cp_held)[inside][last])), runs)
        equity *= close  # in place: a curve is 8 MB per million bars, and fresh memory is slow
        equity += np.repeat(cash, runs)
        return equity, in_market

    # ---- helpers ---------------------------------------------------------------------------------
    def _record(self, t: OpenTrade, fill: ExecutionReport, reason: str) -> TradeRecord:
        target = float(t.targets[0].price) if t.targets else None
        return TradeRecord(
            symbol=t.symbol,
            side=t.side,
            quantity=t.entered_qty,
            entry_bar=t.entry_bar,
            entry_time=t.entry_time,
            entry_price=t.entry_price,
            exit_bar=fill.bar,
            exit_time=fill.time_ms,
            exit_price=fill.price if t.exited_qty == fill.qty else t.exited_value / t.exited_qty,
            fees=t.fees,
            pnl=t.realised - t.fees,
            exit_reason=reason or "exit",
            stop=float(t.stop) if t.stop is not None else None,
            target=target,
            strategy=t.strategy,
            rationale=t.rationale,
        )

    @staticmethod
    def _position(t: OpenTrade) -> Position:
        return Position(
            symbol=t.symbol,
            side=t.side,
            qty=qty_decimal(t.qty),
            entry_price=to_decimal(t.entry_price),
            stop=t.stop if t.stop is not None else _NO_STOP,
            targets=t.targets,
            plan_id=t.plan_id,
            plan_version=t.plan_version,
            opened_ms=t.entry_time,
        )
