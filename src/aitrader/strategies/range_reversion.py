"""Range: mean reversion inside a detected range.

Trades only the range regime (weak ADX). Long when the previous bar closed below the lower
Bollinger band with RSI oversold (stretch) and this bar closes back inside the band on a rising
bar (reversal). Stop below the recent low by a buffer of ATR; targets at the middle band and the
opposite band (never nearer than `min_rr` times the risk). Exits early when the range breaks the
wrong way (a trend regime against the position).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from talib import stream as ta

from aitrader.domain import Candles, Side
from aitrader.domain.proposal import Target
from aitrader.features.indicators import atr, bollinger, rsi
from aitrader.features.stream import Bar, Lag, TalibHandle
from aitrader.risk.placement import structure_stop
from aitrader.strategies.base import MarketView
from aitrader.strategies.cost_guard import COSTS
from aitrader.strategies.kit import finite, highest_before, lowest_before, prev
from aitrader.strategies.kit_stream import ExtremeBefore
from aitrader.strategies.placement_guard import PLACEMENT
from aitrader.strategies.regime import CodeArray, Regime
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.search import search


class RangeParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    bb_period: int = Field(
        default=20,
        ge=5,
        le=500,
        description="Bollinger period (bars)",
        json_schema_extra=search(10, 60, step=5),
    )
    bb_k: float = Field(
        default=2.0,
        gt=0,
        le=5,
        description="Bollinger width in standard deviations",
        json_schema_extra=search(1.5, 3.0, step=0.25),
    )
    rsi_period: int = Field(default=14, ge=2, le=100, description="RSI period")
    rsi_extreme: float = Field(
        default=30.0,
        ge=5,
        le=45,
        description="long: previous RSI below (short: above 100-x)",
        json_schema_extra=search(15, 40, step=5),
    )
    atr_period: int = Field(default=14, ge=2, le=200, description="ATR period")
    stop_bars: int = Field(default=5, ge=1, le=100, description="stop beyond the extreme of these bars")
    stop_buffer_atr: float = Field(default=0.5, ge=0, le=10, description="extra stop distance in ATR")
    stop_min_atr: float = Field(default=1.0, gt=0, le=20, description="stop at least this many ATR away")
    stop_max_atr: float = Field(
        default=4.0,
        gt=0,
        le=50,
        description="stop at most this many ATR away",
        json_schema_extra=search(2.0, 6.0, step=0.5),
    )
    min_rr: float = Field(
        default=1.5,
        gt=0,
        le=20,
        description="each target at least this reward:risk",
        json_schema_extra=search(1.0, 3.0, step=0.25),
    )


class RangeStrategy(RuleStrategy[RangeParams]):
    name: ClassVar[str] = "range"
    description: ClassVar[str] = "mean reversion from the Bollinger extremes inside a range"
    params_model: ClassVar[type[BaseModel]] = RangeParams
    long_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.RANGE})
    short_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.RANGE})
    conditions: ClassVar[tuple[tuple[str, str], ...]] = (
        ("stretch", "stretch: previous bar closed outside the band with RSI at the {side} extreme"),
        ("reversal", "reversal: this bar closed back inside the band, moving the {side} way"),
        PLACEMENT,
        COSTS,
    )
    evidence_columns: ClassVar[tuple[str, ...]] = (
        "close",
        "bb_lower",
        "bb_mid",
        "bb_upper",
        "rsi_prev",
        "atr",
    )
    exit_text: ClassVar[str] = "the range broke against the position (trend regime)"

    def _warmup(self) -> int:
        p = self.params
        return max(p.bb_period + 2, p.rsi_period * 6, 480)

    def _indicators(self, c: Candles) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        bb = bollinger(c.close, p.bb_period, p.bb_k)
        return {
            "bb_lower": bb.lower,
            "bb_mid": bb.middle,
            "bb_upper": bb.upper,
            "bb_lower_prev": prev(bb.lower),
            "bb_upper_prev": prev(bb.upper),
            "rsi_prev": prev(rsi(c.close, p.rsi_period)),
            "atr": atr(c.high, c.low, c.close, p.atr_period),
            "close_prev": prev(c.close),
            "low_before": lowest_before(c.low, p.stop_bars),
            "high_before": highest_before(c.high, p.stop_bars),
        }

    def _input_stream(self) -> _RangeInputs:
        return _RangeInputs(self.params)

    def _rules(
        self, c: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        lower, mid, upper, r_prev, a = x["bb_lower"], x["bb_mid"], x["bb_upper"], x["rsi_prev"], x["atr"]
        prev_close, lower_prev, upper_prev = x["close_prev"], x["bb_lower_prev"], x["bb_upper_prev"]
        low_n = np.minimum(x["low_before"], c.low)
        high_n = np.maximum(x["high_before"], c.high)
        ok = finite(lower, lower_prev, r_prev, a, low_n, high_n)
        with np.errstate(invalid="ignore"):
            return {
                "close": c.close,
                "bb_lower": lower,
                "bb_mid": mid,
                "bb_upper": upper,
                "rsi_prev": r_prev,
                "atr": a,
                "recent_low": low_n,
                "recent_high": high_n,
                "long_stretch": ok & (prev_close < lower_prev) & (r_prev < p.rsi_extreme),
                "short_stretch": ok & (prev_close > upper_prev) & (r_prev > 100 - p.rsi_extreme),
                "long_reversal": ok & (c.close > lower) & (c.close > c.open) & (c.close < mid),
                "short_reversal": ok & (c.close < upper) & (c.close < c.open) & (c.close > mid),
                "exit_long": regime == int(Regime.TREND_DOWN),
                "exit_short": regime == int(Regime.TREND_UP),
            }

    def _stop(self, view: MarketView, side: Side) -> float:
        p = self.params
        level = view.value("recent_low" if side is Side.BUY else "recent_high")
        return structure_stop(
            view.close, side, level, view.value("atr"), p.stop_buffer_atr, p.stop_min_atr, p.stop_max_atr
        )

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        sign = side.sign
        risk = abs(view.close - stop)
        floor1 = view.close + sign * self.params.min_rr * risk
        mid = view.value("bb_mid")
        far = view.value("bb_upper" if side is Side.BUY else "bb_lower")
        t1 = mid if (mid - floor1) * sign > 0 else floor1
        t2 = far if (far - t1) * sign > 0 else t1 + sign * risk
        return (Target(t1, 0.5), Target(t2, 0.5))


class _RangeInputs:
    """`RangeStrategy._indicators`, one closed bar at a time."""

    def __init__(self, p: RangeParams) -> None:
        self._p = p
        self._bands = TalibHandle(
            ta.BBANDS, outputs=3, timeperiod=p.bb_period, nbdevup=p.bb_k, nbdevdn=p.bb_k
        )
        self._lower_prev, self._upper_prev = Lag(1), Lag(1)
        self._rsi = TalibHandle(ta.RSI, timeperiod=p.rsi_period)
        self._rsi_prev = Lag(1)
        self._atr = TalibHandle(ta.ATR, timeperiod=p.atr_period)
        self._close_prev = Lag(1)
        self._low_before = ExtremeBefore(p.stop_bars, highest=False)
        self._high_before = ExtremeBefore(p.stop_bars, highest=True)

    def warm(self, c: Candles) -> None:
        p = self._p
        bb = bollinger(c.close, p.bb_period, p.bb_k)  # the lags start from the batch values
        self._bands.warm(c.close)
        self._lower_prev.warm(bb.lower)
        self._upper_prev.warm(bb.upper)
        self._rsi.warm(c.close)
        self._rsi_prev.warm(rsi(c.close, p.rsi_period))
        self._atr.warm(c.high, c.low, c.close)
        self._close_prev.warm(c.close)
        self._low_before.warm(c.low)
        self._high_before.warm(c.high)

    def push(self, b: Bar) -> dict[str, float]:
        upper, mid, lower = self._bands.update(b.close)
        return {
            "bb_lower": lower,
            "bb_mid": mid,
            "bb_upper": upper,
            "bb_lower_prev": self._lower_prev.push(lower),
            "bb_upper_prev": self._upper_prev.push(upper),
            "rsi_prev": self._rsi_prev.push(self._rsi.update(b.close)[0]),
            "atr": self._atr.update(b.high, b.low, b.close)[0],
            "close_prev": self._close_prev.push(b.close),
            "low_before": self._low_before.push(b.low),
            "high_before": self._high_before.push(b.high),
        }
