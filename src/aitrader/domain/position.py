"""An open position as the portfolio holds it, and the read-only `PositionBook` a strategy sees.

Prices and quantities are `Decimal` (they come from fills and go back to the venue as orders).
A position remembers the plan (id and version) whose orders protect it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Protocol, runtime_checkable

from aitrader.domain.enums import Side
from aitrader.domain.value import Value

ZERO = Decimal(0)


class PositionTarget(Value, frozen=True):
    """One take-profit level of a position: its price and the quantity that exits there."""

    price: Decimal
    qty: Decimal


class Position(Value, frozen=True):
    """An open position. `side` BUY is long, SELL is short; `qty` is always positive."""

    symbol: str
    side: Side
    qty: Decimal
    entry_price: Decimal
    stop: Decimal
    targets: tuple[PositionTarget, ...] = ()
    plan_id: str = ""
    plan_version: int = 1
    opened_ms: int = 0

    def __post_init__(self) -> None:
        if self.qty <= 0:
            raise ValueError(f"position {self.symbol}: qty must be positive, got {self.qty}")
        if self.entry_price <= 0:
            raise ValueError(f"position {self.symbol}: entry price must be positive, got {self.entry_price}")

    @property
    def is_long(self) -> bool:
        return self.side is Side.BUY

    @property
    def notional(self) -> Decimal:
        """Value at the entry price, in quote currency."""
        return self.qty * self.entry_price

    @property
    def risk(self) -> Decimal:
        """Loss at the stop before fees, in quote currency (0 when the stop locks in a profit)."""
        per_unit = (self.entry_price - self.stop) * self.side.sign
        return max(per_unit * self.qty, ZERO)

    def unrealized_pnl(self, price: Decimal) -> Decimal:
        return (price - self.entry_price) * self.qty * self.side.sign

    def stop_is_protective_move(self, new_stop: Decimal) -> bool:
        """True when `new_stop` only tightens (raises a long stop, lowers a short one) or keeps it."""
        return (new_stop - self.stop) * self.side.sign >= 0


@runtime_checkable
class PositionBook(Protocol):
    """Read-only view of open positions; the kernel's portfolio implements it."""

    def get(self, symbol: str) -> Position | None:
        """The open position in `symbol`, or None when flat."""
        ...

    def open_positions(self) -> tuple[Position, ...]:
        """Every open position."""
        ...


class StaticBook:
    """A `PositionBook` over a fixed set of positions (tests, CLI, one-off decisions)."""

    __slots__ = ("_by_symbol",)

    def __init__(self, positions: Iterable[Position] = ()) -> None:
        self._by_symbol: Mapping[str, Position] = {p.symbol: p for p in positions}

    def get(self, symbol: str) -> Position | None:
        return self._by_symbol.get(symbol)

    def open_positions(self) -> tuple[Position, ...]:
        return tuple(self._by_symbol.values())


EMPTY_BOOK = StaticBook()
