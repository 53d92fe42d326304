"""`SmaCross`: the textbook SMA(fast)/SMA(slow) long-only crossover, for parity tests and benchmarks.

It is a research strategy, not a trading recommendation: it exists so the kernel can be compared
trade for trade with backtesting.py, backtrader and vectorbt. Entries happen on the bar where the
fast SMA closes above the slow one after having been below it (backtesting.py's `crossover`:
`fast[i-1] < slow[i-1] and fast[i] > slow[i]`), exits on the opposite cross. Every entry still
carries a protective stop and a target (`stop_pct`, `target_pct` away; far by default so the
comparison with peers that have no stop stays exact).

Defaults: a 3% stop and a 6% target (2R). They used to be 50% and +1000% so that the comparison with
peers that have no stop was exact, but a +1000% take-profit breaks Binance's PERCENT_PRICE_BY_SIDE
filter (a sell limit must stay within a few times the price), so the defaults made no trade at all;
the parity tests now pass those far values explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from aitrader.domain.candles import Candles
from aitrader.domain.enums import Side
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, Exit, Proposal, Target
from aitrader.domain.timeframe import Timeframe
from aitrader.features.indicators.trend import sma
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.regime import Regime
from aitrader.strategies.search import search
from aitrader.strategies.stream import FeatureStream, WindowStream


class SmaCrossParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fast: int = Field(default=10, ge=1, json_schema_extra=search(5, 50, step=5))
    slow: int = Field(default=30, ge=2, json_schema_extra=search(20, 200, step=10))
    stop_pct: float = Field(
        default=0.03, gt=0, lt=1, description="protective stop this far below entry (0.03 = 3%)"
    )
    target_pct: float = Field(
        default=0.06, gt=0, le=4, description="take-profit this far above entry (0.06 = 6%)"
    )

    @model_validator(mode="after")
    def _fast_below_slow(self) -> SmaCrossParams:
        if self.fast >= self.slow:
            raise ValueError(f"fast period {self.fast} must be shorter than slow period {self.slow}")
        return self


class SmaCross:
    name: ClassVar[str] = "sma_cross"
    description: ClassVar[str] = "SMA fast/slow long-only crossover (research and parity baseline)"
    regimes: ClassVar[frozenset[Regime]] = frozenset(Regime)
    params_model: ClassVar[type[BaseModel]] = SmaCrossParams

    def __init__(self, params: SmaCrossParams | None = None, timeframe: Timeframe = Timeframe.M1) -> None:
        self.config: SmaCrossParams = params if params is not None else SmaCrossParams()
        self.params: BaseModel = self.config
        self.timeframe = timeframe
        self.timeframes: tuple[Timeframe, ...] = (timeframe,)
        self.warmup = self.config.slow + 1
        self._exit_reason = f"SMA{self.config.fast} crossed below SMA{self.config.slow}"

    def features(self, candles: Candles) -> Features:
        p = self.config
        f, s = sma(candles.close, p.fast), sma(candles.close, p.slow)
        up = np.zeros(len(f), dtype=bool)
        down = np.zeros(len(f), dtype=bool)
        with np.errstate(invalid="ignore"):
            up[1:] = (f[:-1] < s[:-1]) & (f[1:] > s[1:])
            down[1:] = (f[:-1] > s[:-1]) & (f[1:] < s[1:])
        return Features(candles, {"sma_fast": f, "sma_slow": s, "cross_up": up, "cross_down": down})

    def feature_stream(self, window: int) -> FeatureStream:
        """Live features: the generic stream (recompute over the trailing window)."""
        return WindowStream(self, window)

    def signals(self, features: Features) -> Signals:
        none = np.zeros(len(features), dtype=bool)
        return Signals(
            entry_long=features["cross_up"],
            entry_short=none,
            exit_long=features["cross_down"],
            exit_short=none,
        )

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        i = view.index
        features = view.features
        cols = features.columns
        candles = features.candles
        symbol = candles.symbol
        pos = book.get(symbol)
        p = self.config
        if pos is None:
            if not cols["cross_up"][i]:
                return ()
            close = float(candles.close[i])
            fast, slow = float(cols["sma_fast"][i]), float(cols["sma_slow"][i])
            return (
                Enter(
                    symbol,
                    Side.BUY,
                    close,
                    close * (1.0 - p.stop_pct),
                    (Target(close * (1.0 + p.target_pct)),),
                    0.5,
                    f"SMA{p.fast} {fast:.2f} crossed above SMA{p.slow} {slow:.2f}",
                    int(candles.open_time[i]),
                    self.name,
                    {"sma_fast": fast, "sma_slow": slow},
                ),
            )
        if pos.is_long and cols["cross_down"][i]:
            return (
                Exit(
                    symbol,
                    self._exit_reason,
                    float(candles.close[i]),
                    int(candles.open_time[i]),
                    1.0,
                    self.name,
                ),
            )
        return ()
