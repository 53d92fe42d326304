"""One decision per closed candle: trailing window → strategy → proposals → RiskGate verdicts.

The same strategy code as in a backtest runs on a bounded trailing window of closed candles (the
features are causal, so the last bar's values match the full-history ones once the window is long
enough for the indicators to converge). Nothing here knows whether orders go to an exchange or to
the paper venue.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from aitrader.domain import Candle, Candles, Instrument, Timeframe
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.risk import AccountState, RiskGate
from aitrader.strategies.base import MarketView
from aitrader.strategies.rule import RuleStrategy


@dataclass
class Decision:
    time_ms: int
    proposals: list[Proposal] = field(default_factory=list)
    verdicts: list[OrderPlan | Rejection] = field(default_factory=list)
    indicators: dict[str, float | int | str | bool] = field(default_factory=dict)


class CandleWindow:
    """The last `size` closed candles as float columns (appends are O(1) amortised)."""

    def __init__(self, symbol: str, timeframe: Timeframe, size: int) -> None:
        self.symbol = symbol
        self.timeframe = timeframe
        self.size = size
        self._rows: list[tuple[int, float, float, float, float, float]] = []
        self.last: Candle | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def push(self, candle: Candle) -> bool:
        """Add a closed candle; False (ignored) when it does not come after the last one."""
        if self._rows and candle.open_time <= self._rows[-1][0]:
            return False
        self._rows.append(
            (
                candle.open_time,
                float(candle.open),
                float(candle.high),
                float(candle.low),
                float(candle.close),
                float(candle.volume),
            )
        )
        if len(self._rows) > 2 * self.size:
            del self._rows[: len(self._rows) - self.size]
        self.last = candle
        return True

    def candles(self) -> Candles:
        rows = self._rows[-self.size :]
        arr = np.array(rows, dtype=np.float64).reshape(-1, 6)
        return Candles.from_arrays(
            arr[:, 0].astype(np.int64),
            arr[:, 1],
            arr[:, 2],
            arr[:, 3],
            arr[:, 4],
            arr[:, 5],
            self.symbol,
            self.timeframe,
            "live",
        )

    def open_times(self) -> list[int]:
        return [r[0] for r in self._rows]


class Decider:
    def __init__(
        self, strategy: RuleStrategy[Any], gate: RiskGate, instrument: Instrument, window: int | None = None
    ) -> None:
        self.strategy = strategy
        self.gate = gate
        self.instrument = instrument
        size = window or strategy.warmup + 1000
        self.window = CandleWindow(instrument.symbol, strategy.timeframe, size)

    def warm(self, candles: Sequence[Candle]) -> int:
        return sum(1 for c in candles if c.closed and self.window.push(c))

    def decide(self, book: PositionBook, account: AccountState) -> Decision:
        last = self.window.last
        if last is None:
            raise RuntimeError("no candles yet: warm the decider up before deciding")
        decision = Decision(last.open_time)
        if len(self.window) <= self.strategy.warmup:
            return decision
        features = self.strategy.features(self.window.candles())
        view = MarketView(features, len(features) - 1)
        decision.indicators = snapshot(self.strategy, view)
        proposals = list(self.strategy.on_bar(view, book))
        decision.proposals = proposals
        price = last.close
        for p in proposals:
            decision.verdicts.append(self.gate.review(p, account, self.instrument, price))
        return decision


def snapshot(strategy: RuleStrategy[Any], view: MarketView) -> dict[str, float | int | str | bool]:
    """The evidence the strategy reports for this bar, else the last value of each numeric feature."""
    evidence = getattr(strategy, "evidence", None)
    out: dict[str, float | int | str | bool] = {}
    if callable(evidence):
        out.update(dict(evidence(view)))
    else:
        for name, col in view.features.columns.items():
            if col.dtype.kind == "f":
                out[name] = float(col[view.index])
    return {k: (v if not (isinstance(v, float) and not math.isfinite(v)) else "nan") for k, v in out.items()}
