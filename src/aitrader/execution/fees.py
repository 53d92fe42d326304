"""Fee models: percentage maker/taker rates, a fixed amount per entry and exit in account currency,
or both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class FeeModel(Protocol):
    def fee(self, notional: float, is_maker: bool, is_entry: bool) -> float:
        """Fee in quote (account) currency for a fill of `notional` quote value."""
        ...


@dataclass(frozen=True, slots=True)
class PercentFee:
    """Binance-style commission: a rate of the notional, e.g. 0.001 = 0.1%."""

    taker: float = 0.001
    maker: float = 0.001

    def fee(self, notional: float, is_maker: bool, is_entry: bool) -> float:
        return abs(notional) * (self.maker if is_maker else self.taker)


@dataclass(frozen=True, slots=True)
class FixedFee:
    """A fixed charge per trade leg, e.g. 25 on entry and 35 on exit (account currency)."""

    entry: float = 25.0
    exit: float = 35.0

    def fee(self, notional: float, is_maker: bool, is_entry: bool) -> float:
        return self.entry if is_entry else self.exit


@dataclass(frozen=True, slots=True)
class PercentPlusFixedFee:
    """A rate of the notional plus a fixed charge per leg: e.g. 0.03% and 25 on entry, 35 on exit
    (the RL environments' fee rules; either part may be zero)."""

    rate: float = 0.0
    entry: float = 0.0
    exit: float = 0.0

    def fee(self, notional: float, is_maker: bool, is_entry: bool) -> float:
        return abs(notional) * self.rate + (self.entry if is_entry else self.exit)
