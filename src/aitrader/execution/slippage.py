"""Slippage models: how much worse than the reference price a taker fill lands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from aitrader.domain.enums import Side


class SlippageModel(Protocol):
    def slipped(self, price: float, side: Side, volatility: float = 0.0) -> float:
        """The fill price after slippage for a taker order on `side` at reference `price`."""
        ...


@dataclass(frozen=True, slots=True)
class FixedBps:
    """Slippage of a fixed number of basis points against the order (buys pay more, sells get less)."""

    bps: float = 0.0

    def slipped(self, price: float, side: Side, volatility: float = 0.0) -> float:
        frac = self.bps / 10_000.0
        return price * (1.0 + frac if side is Side.BUY else 1.0 - frac)


@dataclass(frozen=True, slots=True)
class VolatilityScaled:
    """Slippage proportional to recent volatility (e.g. ATR / price), plus a floor in bps.

    `volatility` is a fraction of price (0.002 = 0.2%); slippage = max(floor, k * volatility).
    """

    k: float = 0.1
    floor_bps: float = 1.0

    def slipped(self, price: float, side: Side, volatility: float = 0.0) -> float:
        frac = max(self.floor_bps / 10_000.0, self.k * max(volatility, 0.0))
        return price * (1.0 + side.sign * frac)
