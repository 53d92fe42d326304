"""Momentum: join a strong, accelerating trend and trail the stop behind it.

Long when price is above a rising slow EMA (trend), ADX shows a strong trend led by +DI
(strength), RSI pushes up through its threshold on this bar (impulse) and volume is above
average. The stop starts a few ATR away; once the trade is 1R in profit the stop goes to
breakeven, then trails a chandelier distance behind the close (Adjust proposals on every bar
while in a position). Exits when RSI fades back below the midline or price loses the slow EMA.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from talib import stream as ta

from aitrader.domain import Candles, Side
from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, AdjustKind, Target
from aitrader.features.indicators import adx, atr, ema, relative_volume, rsi
from aitrader.features.stream import Bar, Lag, RelativeVolume, TalibHandle
from aitrader.risk.placement import atr_stop, breakeven_stop, chandelier_stop, rr_targets
from aitrader.strategies.base import MarketView
from aitrader.strategies.cost_guard import COSTS
from aitrader.strategies.kit import finite, prev
from aitrader.strategies.placement_guard import PLACEMENT
from aitrader.strategies.regime import CodeArray, Regime
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.search import search
from aitrader.strategies.trailing import stop_move


class MomentumParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ema_slow: int = Field(
        default=100,
        ge=5,
        le=1000,
        description="slow EMA defining the trend (bars)",
        json_schema_extra=search(20, 300, step=10),
    )
    slope_bars: int = Field(
        default=10, ge=1, le=200, description="EMA must be higher than this many bars ago"
    )
    adx_period: int = Field(default=14, ge=2, le=100, description="ADX period")
    adx_min: float = Field(
        default=30.0,
        ge=5,
        le=80,
        description="ADX at least this (strong trend)",
        json_schema_extra=search(15, 45, step=5),
    )
    rsi_period: int = Field(default=14, ge=2, le=100, description="RSI period")
    rsi_trigger: float = Field(
        default=65.0,
        ge=50,
        le=95,
        description="long: RSI crosses above (short: below 100-x)",
        json_schema_extra=search(55, 80, step=5),
    )
    volume_ratio: float = Field(
        default=1.3, ge=0, le=20, description="volume at least this x its 20-bar mean"
    )
    atr_period: int = Field(default=14, ge=2, le=200, description="ATR period")
    stop_atr: float = Field(
        default=3.0,
        gt=0,
        le=20,
        description="initial stop distance in ATR",
        json_schema_extra=search(1.0, 5.0, step=0.5),
    )
    trail_atr: float = Field(
        default=4.0,
        gt=0,
        le=20,
        description="chandelier trail distance in ATR",
        json_schema_extra=search(2.0, 8.0, step=0.5),
    )
    min_step_atr: float = Field(
        default=0.5, ge=0, le=10, description="trail only when the stop gains this many ATR"
    )
    breakeven_fee: float = Field(
        default=0.001, ge=0, le=0.01, description="fee rate the breakeven stop covers (entry and exit)"
    )
    rr1: float = Field(default=2.0, gt=0, le=20, description="first target, reward:risk (half)")
    rr2: float = Field(default=5.0, gt=0, le=50, description="second target, reward:risk (the rest)")


class MomentumStrategy(RuleStrategy[MomentumParams]):
    name: ClassVar[str] = "momentum"
    description: ClassVar[str] = "strong trend + RSI impulse, breakeven then chandelier trailing stop"
    params_model: ClassVar[type[BaseModel]] = MomentumParams
    long_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_UP})
    short_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_DOWN})
    conditions: ClassVar[tuple[tuple[str, str], ...]] = (
        ("trend", "trend: price beyond a slow EMA sloping the {side} way"),
        ("strength", "strength: ADX above its minimum with the {side} directional index leading"),
        ("impulse", "impulse: RSI crossed its {side} trigger on this bar"),
        ("volume", "volume above its 20-bar average"),
        PLACEMENT,
        COSTS,
    )
    evidence_columns: ClassVar[tuple[str, ...]] = ("close", "ema_slow", "adx", "rsi", "rvol", "atr")
    exit_text: ClassVar[str] = "momentum faded (RSI back through 50 or price through the slow EMA)"
    adjusts_every_bar: ClassVar[bool] = True

    def _warmup(self) -> int:
        p = self.params
        return max(p.ema_slow * 3 + p.slope_bars, p.adx_period * 6, p.rsi_period * 6, 480)

    def _indicators(self, c: Candles) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        slow = ema(c.close, p.ema_slow)
        d = adx(c.high, c.low, c.close, p.adx_period)
        r = rsi(c.close, p.rsi_period)
        return {
            "ema_slow": slow,
            "ema_slow_before": prev(slow, p.slope_bars),
            "adx": d.adx,
            "plus_di": d.plus_di,
            "minus_di": d.minus_di,
            "rsi": r,
            "rsi_prev": prev(r),
            "rvol": relative_volume(c.volume, 20),
            "atr": atr(c.high, c.low, c.close, p.atr_period),
        }

    def _input_stream(self) -> _MomentumInputs:
        return _MomentumInputs(self.params)

    def _rules(
        self, c: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        slow, slow_before, d_adx = x["ema_slow"], x["ema_slow_before"], x["adx"]
        plus_di, minus_di, r, r_prev, rvol, a = (
            x["plus_di"], x["minus_di"], x["rsi"], x["rsi_prev"], x["rvol"], x["atr"],
        )  # fmt: skip
        ok = finite(slow, slow_before, d_adx, r_prev, rvol, a)
        lo_trig = 100 - p.rsi_trigger
        with np.errstate(invalid="ignore"):
            return {
                "close": c.close,
                "ema_slow": slow,
                "adx": d_adx,
                "rsi": r,
                "rvol": rvol,
                "atr": a,
                "long_trend": ok & (c.close > slow) & (slow > slow_before),
                "short_trend": ok & (c.close < slow) & (slow < slow_before),
                "long_strength": ok & (d_adx >= p.adx_min) & (plus_di > minus_di),
                "short_strength": ok & (d_adx >= p.adx_min) & (minus_di > plus_di),
                "long_impulse": ok & (r > p.rsi_trigger) & (r_prev <= p.rsi_trigger),
                "short_impulse": ok & (r < lo_trig) & (r_prev >= lo_trig),
                "long_volume": ok & (rvol >= p.volume_ratio),
                "short_volume": ok & (rvol >= p.volume_ratio),
                "exit_long": ok & ((r < 50) | (c.close < slow)),
                "exit_short": ok & ((r > 50) | (c.close > slow)),
            }

    def _stop(self, view: MarketView, side: Side) -> float:
        return atr_stop(view.close, view.value("atr"), side, self.params.stop_atr)

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        return rr_targets(view.close, stop, side, (self.params.rr1, self.params.rr2), (0.5, 0.5))

    def _adjust(self, view: MarketView, pos: Position) -> Adjust | None:
        p = self.params
        a = view.value("atr")
        if not a > 0:
            return None
        sign = pos.side.sign
        entry, stop, close = float(pos.entry_price), float(pos.stop), view.close
        initial_risk = p.stop_atr * a
        profit = (close - entry) * sign
        kind = AdjustKind.TRAIL
        target = chandelier_stop(close, a, pos.side, p.trail_atr)
        if (target - entry) * sign < 0 and profit >= initial_risk and (stop - entry) * sign < 0:
            target, kind = breakeven_stop(entry, pos.side, p.breakeven_fee), AdjustKind.BREAKEVEN
        return stop_move(self.name, view, pos, target, kind, p.min_step_atr * a)


class _MomentumInputs:
    """`MomentumStrategy._indicators`, one closed bar at a time."""

    def __init__(self, p: MomentumParams) -> None:
        self._p = p
        self._slow = TalibHandle(ta.EMA, timeperiod=p.ema_slow)
        self._slow_before = Lag(p.slope_bars)
        self._adx = TalibHandle(ta.ADX, timeperiod=p.adx_period)
        self._plus_di = TalibHandle(ta.PLUS_DI, timeperiod=p.adx_period)
        self._minus_di = TalibHandle(ta.MINUS_DI, timeperiod=p.adx_period)
        self._rsi = TalibHandle(ta.RSI, timeperiod=p.rsi_period)
        self._rsi_prev = Lag(1)
        self._rvol = RelativeVolume(20)
        self._atr = TalibHandle(ta.ATR, timeperiod=p.atr_period)

    def warm(self, c: Candles) -> None:
        h, lo, cl = c.high, c.low, c.close
        self._slow.warm(cl)
        self._slow_before.warm(ema(cl, self._p.ema_slow))  # the lags start from the batch values
        for handle in (self._adx, self._plus_di, self._minus_di, self._atr):
            handle.warm(h, lo, cl)
        self._rsi.warm(cl)
        self._rsi_prev.warm(rsi(cl, self._p.rsi_period))
        self._rvol.warm(c.volume)

    def push(self, b: Bar) -> dict[str, float]:
        h, lo, cl = b.high, b.low, b.close
        slow = self._slow.update(cl)[0]
        r = self._rsi.update(cl)[0]
        return {
            "ema_slow": slow,
            "ema_slow_before": self._slow_before.push(slow),
            "adx": self._adx.update(h, lo, cl)[0],
            "plus_di": self._plus_di.update(h, lo, cl)[0],
            "minus_di": self._minus_di.update(h, lo, cl)[0],
            "rsi": r,
            "rsi_prev": self._rsi_prev.push(r),
            "rvol": self._rvol.push(b.volume),
            "atr": self._atr.update(h, lo, cl)[0],
        }
