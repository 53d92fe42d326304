"""Confluence (default): enter only when trend, momentum, price action and volume all agree.

Long: fast EMA above slow EMA with price above the higher-timeframe EMA (trend), MACD histogram
positive (momentum), RSI in a healthy band (not overbought), a close through the recent high on a
strong-bodied bar (price action), and volume well above its average (confirmation), in an
up-trend regime. Short mirrored. Stop beyond the last swing level, targets at reward:risk
multiples. Exits when trend and momentum both turn against the position (opposite confluence),
otherwise the resting stop or targets close it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, model_validator
from talib import stream as ta

from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.proposal import Target
from aitrader.features import MultiTimeframe
from aitrader.features.indicators import atr, ema, macd, relative_volume, rsi
from aitrader.features.stream import Bar, RelativeVolume, TalibHandle
from aitrader.risk.placement import rr_targets, structure_stop
from aitrader.strategies.base import MarketView
from aitrader.strategies.cost_guard import COSTS
from aitrader.strategies.kit import body_ratio, finite, highest_before, lowest_before, swing_levels
from aitrader.strategies.kit_stream import ExtremeBefore, HigherEma, SwingLevels
from aitrader.strategies.placement_guard import PLACEMENT
from aitrader.strategies.regime import CodeArray, Regime
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.search import search


class ConfluenceParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ema_fast: int = Field(
        default=20, ge=2, le=200, description="fast EMA (bars)", json_schema_extra=search(5, 50, step=5)
    )
    ema_slow: int = Field(
        default=50, ge=3, le=500, description="slow EMA (bars)", json_schema_extra=search(20, 200, step=10)
    )
    htf: Timeframe = Field(default=Timeframe.M15, description="higher timeframe for the trend filter")
    htf_ema: int = Field(default=50, ge=2, le=400, description="EMA on the higher timeframe (closed candles)")
    rsi_period: int = Field(default=14, ge=2, le=100, description="RSI period")
    rsi_floor: float = Field(
        default=55.0, ge=50, le=90, description="long needs RSI above this (short: below 100-x)"
    )
    rsi_cap: float = Field(
        default=80.0, ge=50, le=100, description="long needs RSI below this (short: above 100-x)"
    )
    breakout_bars: int = Field(
        default=30,
        ge=3,
        le=500,
        description="close must clear the high/low of these bars",
        json_schema_extra=search(10, 100, step=5),
    )
    min_body: float = Field(default=0.5, ge=0, le=1, description="breakout bar body / range at least this")
    volume_ratio: float = Field(
        default=1.8,
        ge=1,
        le=20,
        description="volume at least this x its 20-bar mean",
        json_schema_extra=search(1.0, 3.0, step=0.1),
    )
    atr_period: int = Field(default=14, ge=2, le=200, description="ATR period for stops")
    swing: int = Field(default=3, ge=1, le=20, description="bars each side that confirm a swing level")
    stop_min_atr: float = Field(
        default=1.5,
        gt=0,
        le=20,
        description="stop at least this many ATR away",
        json_schema_extra=search(0.5, 3.0, step=0.25),
    )
    stop_max_atr: float = Field(default=5.0, gt=0, le=50, description="stop at most this many ATR away")
    rr1: float = Field(
        default=2.0,
        gt=0,
        le=20,
        description="first target, reward:risk (half the position)",
        json_schema_extra=search(1.0, 4.0, step=0.25),
    )
    rr2: float = Field(
        default=3.5,
        gt=0,
        le=50,
        description="second target, reward:risk (the rest)",
        json_schema_extra=search(2.0, 8.0, step=0.5),
    )

    @model_validator(mode="after")
    def _ordered(self) -> ConfluenceParams:
        if self.ema_fast >= self.ema_slow:
            raise ValueError(f"ema_fast ({self.ema_fast}) must be below ema_slow ({self.ema_slow})")
        if self.rsi_floor >= self.rsi_cap:
            raise ValueError(f"rsi_floor ({self.rsi_floor}) must be below rsi_cap ({self.rsi_cap})")
        if self.stop_min_atr > self.stop_max_atr:
            raise ValueError("stop_min_atr must not exceed stop_max_atr")
        if self.rr1 > self.rr2:
            raise ValueError("rr1 must not exceed rr2")
        return self


class ConfluenceStrategy(RuleStrategy[ConfluenceParams]):
    name: ClassVar[str] = "confluence"
    description: ClassVar[str] = "trend + momentum + price action + volume must all agree"
    params_model: ClassVar[type[BaseModel]] = ConfluenceParams
    long_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_UP})
    short_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_DOWN})
    conditions: ClassVar[tuple[tuple[str, str], ...]] = (
        ("trend", "trend: fast EMA vs slow EMA and price vs higher-timeframe EMA agree for a {side}"),
        ("momentum", "momentum: MACD histogram on the {side} side"),
        ("rsi", "RSI inside the {side} band (strong, not exhausted)"),
        ("breakout", "price action: close through the recent range on a strong-bodied bar"),
        ("volume", "volume well above its 20-bar average"),
        PLACEMENT,
        COSTS,
    )
    evidence_columns: ClassVar[tuple[str, ...]] = (
        "close",
        "ema_fast",
        "ema_slow",
        "htf_ema",
        "macd_hist",
        "rsi",
        "range_high",
        "range_low",
        "rvol",
        "atr",
    )
    exit_text: ClassVar[str] = "opposite confluence (EMA trend and MACD both turned)"
    higher_timeframes: ClassVar[tuple[Timeframe, ...]] = (Timeframe.M15,)

    def _higher_timeframes(self) -> tuple[Timeframe, ...]:
        return (self.htf,)

    @property
    def htf(self) -> Timeframe:
        """The trend-filter timeframe: `params.htf`, or 4x the base when that is not above the base."""
        base = self.timeframe
        if self.params.htf.duration_ms > base.duration_ms and base.divides(self.params.htf):
            return self.params.htf
        for tf in Timeframe:
            if tf.duration_ms >= 4 * base.duration_ms and base.divides(tf) and not tf.is_calendar:
                return tf
        return base

    def _warmup(self) -> int:
        p = self.params
        ratio = max(1, self.htf.duration_ms // self.timeframe.duration_ms)
        return max(p.ema_slow * 3, (p.htf_ema * 3 + 1) * ratio, 35 * 3, p.breakout_bars + 1)

    def _indicators(self, c: Candles) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        mtf = MultiTimeframe(c)
        swing_hi, swing_lo = swing_levels(c.high, c.low, p.swing)
        return {
            "ema_fast": ema(c.close, p.ema_fast),
            "ema_slow": ema(c.close, p.ema_slow),
            "htf_ema": mtf.align(self.htf, ema(mtf.candles(self.htf).close, p.htf_ema)),
            "macd_hist": macd(c.close).hist,
            "rsi": rsi(c.close, p.rsi_period),
            "range_high": highest_before(c.high, p.breakout_bars),
            "range_low": lowest_before(c.low, p.breakout_bars),
            "rvol": relative_volume(c.volume, 20),
            "atr": atr(c.high, c.low, c.close, p.atr_period),
            "swing_high": swing_hi,
            "swing_low": swing_lo,
        }

    def _input_stream(self) -> _ConfluenceInputs:
        return _ConfluenceInputs(self)

    def _rules(
        self, c: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        fast, slow, htf_ema, hist, r = x["ema_fast"], x["ema_slow"], x["htf_ema"], x["macd_hist"], x["rsi"]
        hi, lo, rvol, a = x["range_high"], x["range_low"], x["rvol"], x["atr"]
        body = body_ratio(c.open, c.high, c.low, c.close)
        ok = finite(fast, slow, htf_ema, hist, r, hi, lo, rvol, a)
        with np.errstate(invalid="ignore"):
            return {
                "close": c.close,
                "ema_fast": fast,
                "ema_slow": slow,
                "htf_ema": htf_ema,
                "macd_hist": hist,
                "rsi": r,
                "range_high": hi,
                "range_low": lo,
                "rvol": rvol,
                "atr": a,
                "swing_high": x["swing_high"],
                "swing_low": x["swing_low"],
                "long_trend": ok & (fast > slow) & (c.close > htf_ema),
                "short_trend": ok & (fast < slow) & (c.close < htf_ema),
                "long_momentum": ok & (hist > 0),
                "short_momentum": ok & (hist < 0),
                "long_rsi": ok & (r > p.rsi_floor) & (r < p.rsi_cap),
                "short_rsi": ok & (r < 100 - p.rsi_floor) & (r > 100 - p.rsi_cap),
                "long_breakout": ok & (c.close > hi) & (c.close > c.open) & (body >= p.min_body),
                "short_breakout": ok & (c.close < lo) & (c.close < c.open) & (body >= p.min_body),
                "long_volume": ok & (rvol >= p.volume_ratio),
                "short_volume": ok & (rvol >= p.volume_ratio),
                "exit_long": ok & (fast < slow) & (hist < 0),
                "exit_short": ok & (fast > slow) & (hist > 0),
            }

    def _stop(self, view: MarketView, side: Side) -> float:
        p = self.params
        level = view.value("swing_low" if side is Side.BUY else "swing_high")
        return structure_stop(
            view.close, side, level, view.value("atr"), 0.25, p.stop_min_atr, p.stop_max_atr
        )

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        return rr_targets(view.close, stop, side, (self.params.rr1, self.params.rr2), (0.5, 0.5))

    def _confidence(self, view: MarketView, side: Side) -> float:
        rvol = view.value("rvol")
        strength = min(1.0, max(0.0, (rvol - self.params.volume_ratio) / (3 * self.params.volume_ratio)))
        return round(0.6 + 0.35 * strength, 3)


class _ConfluenceInputs:
    """`ConfluenceStrategy._indicators`, one closed bar at a time."""

    def __init__(self, strategy: ConfluenceStrategy) -> None:
        p = strategy.params
        self._fast = TalibHandle(ta.EMA, timeperiod=p.ema_fast)
        self._slow = TalibHandle(ta.EMA, timeperiod=p.ema_slow)
        self._htf_ema = HigherEma(strategy.timeframe, strategy.htf, p.htf_ema)
        self._macd = TalibHandle(ta.MACD, outputs=3, fastperiod=12, slowperiod=26, signalperiod=9)
        self._rsi = TalibHandle(ta.RSI, timeperiod=p.rsi_period)
        self._range_high = ExtremeBefore(p.breakout_bars, highest=True)
        self._range_low = ExtremeBefore(p.breakout_bars, highest=False)
        self._rvol = RelativeVolume(20)
        self._atr = TalibHandle(ta.ATR, timeperiod=p.atr_period)
        self._swings = SwingLevels(p.swing)

    def warm(self, c: Candles) -> None:
        for close_only in (self._fast, self._slow, self._macd, self._rsi):
            close_only.warm(c.close)
        self._htf_ema.warm(c)
        self._range_high.warm(c.high)
        self._range_low.warm(c.low)
        self._rvol.warm(c.volume)
        self._atr.warm(c.high, c.low, c.close)
        self._swings.warm(c.high, c.low)

    def push(self, b: Bar) -> dict[str, float]:
        swing_high, swing_low = self._swings.push(b.high, b.low)
        return {
            "ema_fast": self._fast.update(b.close)[0],
            "ema_slow": self._slow.update(b.close)[0],
            "htf_ema": self._htf_ema.push(b),
            "macd_hist": self._macd.update(b.close)[2],
            "rsi": self._rsi.update(b.close)[0],
            "range_high": self._range_high.push(b.high),
            "range_low": self._range_low.push(b.low),
            "rvol": self._rvol.push(b.volume),
            "atr": self._atr.update(b.high, b.low, b.close)[0],
            "swing_high": swing_high,
            "swing_low": swing_low,
        }
