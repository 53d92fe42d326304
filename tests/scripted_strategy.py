"""A strategy that proposes what a test scripts, on every bar, over candles a test writes: for
kernel rules that real data reaches only by chance (a resting limit entry, an entry the venue ends)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel

from aitrader.domain import Candles, Timeframe
from aitrader.domain.enums import Side
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, EntryType, Proposal, Target
from aitrader.strategies.base import Features, MarketView, Signals, Strategy
from aitrader.strategies.regime import Regime

MIN = 60_000
T0 = 1_700_006_400_000  # 2023-11-15 00:00 UTC, a day start

Plan = Callable[[MarketView, PositionBook], Sequence[Proposal]]


def candles(symbol: str, closes: Sequence[float] | np.ndarray[Any, Any], spread: float = 0.002) -> Candles:
    c = np.asarray(closes, dtype=np.float64)
    t = T0 + MIN * np.arange(len(c), dtype=np.int64)
    o = np.concatenate(([c[0]], c[:-1]))
    return Candles(
        t, o, np.maximum(o, c) * (1 + spread), np.minimum(o, c) * (1 - spread), c, np.full(len(c), 100.0),
        symbol, Timeframe.M1,
    )  # fmt: skip


class _NoParams(BaseModel):
    pass


class Scripted(Strategy):
    """Proposes what `plan(view, book)` returns on every bar (its masks are True everywhere)."""

    name = "scripted"
    description = "a test's script"
    regimes = frozenset(Regime)
    timeframe = Timeframe.M1
    timeframes = (Timeframe.M1,)
    warmup = 1

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._params = _NoParams()

    @property
    def params(self) -> BaseModel:
        return self._params

    def features(self, candles: Candles) -> Features:
        return Features(candles, {})

    def signals(self, features: Features) -> Signals:
        every = np.ones(len(features), dtype=bool)
        return Signals(every, np.zeros(len(features), dtype=bool), every, every.copy())

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        return self.plan(view, book)


def enter(
    view: MarketView, limit: float | None = None, stop_frac: float = 0.02, target_frac: float = 0.06
) -> Enter:
    """A long entry at the close (or a limit order at `limit`), stop and target around it."""
    ref = limit if limit is not None else view.close
    return Enter(
        view.symbol, Side.BUY, view.close, ref * (1 - stop_frac), (Target(ref * (1 + target_frac)),), 0.5,
        "test", view.close_ms, "scripted",
        entry_type=EntryType.LIMIT if limit is not None else EntryType.MARKET, limit_price=limit,
    )  # fmt: skip
