"""The numeric inputs of the `ensemble` strategy: its parameters, and its indicators over a whole
series (`ensemble_indicators`) and one closed bar at a time (`EnsembleInputs`), equal bit for bit.

Defaults are for 1h bars and come from common practice, not from backtests: a 100-bar trend EMA
(about 4 days) and a 200-bar context EMA (the classic 200 EMA, about 8 days), a 48-bar Donchian
breakout (2 days), a 3-ATR initial stop and chandelier trail; for a stretched dip a close below
Bollinger(20, 2) with RSI(2) below 10 (Connors' oversold gauge for buying dips above a 200-bar
average; RSI(14) below 30 together with a band break above the 200 EMA came 15 times in five years
of BTCUSDT 1h, too rare to be a rule); a squeeze when the band's width is in the lowest 20% of the
last 480 bars (20 days), and a breakout within 12 bars (half a day) of it on 1.5x average volume.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, model_validator
from talib import stream as ta

from aitrader.domain import Candles
from aitrader.features.indicators import atr, bollinger, ema, relative_volume, rsi
from aitrader.features.percentile import rolling_percentile_rank
from aitrader.features.stream import Bar, Lag, RelativeVolume, RollingRank, TalibHandle
from aitrader.strategies.kit import highest_before, lowest_before, prev
from aitrader.strategies.kit_stream import ExtremeBefore
from aitrader.strategies.search import search

_NEVER = 10**9  # "no squeeze yet": far enough back that the count is capped


class EnsembleParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # ---- trend leg (TREND_UP) ----
    trend_ema: int = Field(
        default=100,
        ge=5,
        le=1000,
        description="trend EMA: the trend leg needs the close above it and it rising (bars)",
        json_schema_extra=search(50, 300, step=25),
    )
    slope_bars: int = Field(default=10, ge=1, le=200, description="trend EMA higher than this many bars ago")
    donchian_bars: int = Field(
        default=48,
        ge=2,
        le=1000,
        description="trend leg: close above the highest high of these bars before it",
        json_schema_extra=search(24, 120, step=12),
    )
    stop_atr: float = Field(
        default=3.0,
        gt=0,
        le=20,
        description="trend stop / breakout's widest stop, in ATR; also 1R for the breakeven move",
        json_schema_extra=search(1.5, 5.0, step=0.5),
    )
    trail_atr: float = Field(
        default=3.0,
        gt=0,
        le=20,
        description="chandelier trail distance behind the close, in ATR",
        json_schema_extra=search(2.0, 6.0, step=0.5),
    )
    trend_rr: float = Field(default=5.0, gt=0, le=50, description="trend leg's far target, reward:risk")
    # ---- mean-reversion leg (RANGE) ----
    context_ema: int = Field(
        default=200,
        ge=5,
        le=2000,
        description="context EMA: reversion and breakout entries need the close above it (bars)",
        json_schema_extra=search(100, 400, step=50),
    )
    bb_period: int = Field(default=20, ge=5, le=500, description="Bollinger period (bars)")
    bb_k: float = Field(default=2.0, gt=0, le=5, description="Bollinger width in standard deviations")
    rsi_period: int = Field(
        default=2, ge=2, le=100, description="RSI period (2: Connors' short-term oversold gauge)"
    )
    rsi_oversold: float = Field(
        default=10.0,
        ge=1,
        le=50,
        description="reversion leg: RSI below this",
        json_schema_extra=search(5, 30, step=5),
    )
    revert_stop_atr: float = Field(
        default=1.5,
        gt=0,
        le=20,
        description="reversion leg's stop below the entry, in ATR (its target is the middle band)",
        json_schema_extra=search(1.0, 3.0, step=0.25),
    )
    # ---- squeeze breakout leg (RANGE) ----
    squeeze_lookback: int = Field(
        default=480, ge=24, le=10_000, description="bandwidth percentile over these bars"
    )
    squeeze_pct: float = Field(
        default=0.2,
        gt=0,
        lt=1,
        description="squeeze: bandwidth percentile at most this",
        json_schema_extra=search(0.05, 0.35, step=0.05),
    )
    squeeze_bars: int = Field(
        default=12, ge=1, le=500, description="the squeeze within this many bars; stop below their low"
    )
    volume_ratio: float = Field(
        default=1.5, ge=0, le=20, description="breakout volume at least this x its 20-bar mean"
    )
    breakout_rr1: float = Field(default=2.0, gt=0, le=20, description="breakout first target (half), R")
    breakout_rr2: float = Field(default=4.0, gt=0, le=50, description="breakout second target, R")
    # ---- shared ----
    atr_period: int = Field(default=14, ge=2, le=200, description="ATR period")
    min_step_atr: float = Field(
        default=0.5, ge=0, le=10, description="trail only when the stop gains this many ATR"
    )
    breakeven_fee: float = Field(
        default=0.001, ge=0, le=0.01, description="fee rate the breakeven stop covers (entry and exit)"
    )

    @model_validator(mode="after")
    def _ordered(self) -> EnsembleParams:
        if self.breakout_rr1 > self.breakout_rr2:
            raise ValueError("breakout_rr1 must not exceed breakout_rr2")
        return self


def squeeze_step(lookback: int) -> int:
    """Sample the bandwidth's past every `step` bars (the largest divisor of `lookback` up to 8):
    60 samples over the default 480 bars, so the percentile costs 60 vector passes, not 480."""
    return max(d for d in range(1, 9) if lookback % d == 0)


def bars_since(hit: npt.NDArray[np.bool_], cap: int) -> npt.NDArray[np.float64]:
    """Bars since `hit` last held (0 on a bar where it holds), at most `cap`."""
    idx = np.arange(len(hit), dtype=np.int64)
    last = np.maximum.accumulate(np.where(hit, idx, -_NEVER))
    return np.minimum(idx - last, cap).astype(np.float64)


def squeezed(rank: npt.NDArray[np.float64], pct: float) -> npt.NDArray[np.bool_]:
    with np.errstate(invalid="ignore"):
        return np.asarray(rank <= pct, dtype=bool)  # NaN (warming) is no squeeze


def ensemble_indicators(c: Candles, p: EnsembleParams) -> dict[str, npt.NDArray[Any]]:
    """Every input of the ensemble's rules, one value per bar, over the whole series."""
    trend = ema(c.close, p.trend_ema)
    bb = bollinger(c.close, p.bb_period, p.bb_k)
    rank = rolling_percentile_rank(bb.bandwidth, p.squeeze_lookback, squeeze_step(p.squeeze_lookback))
    return {
        "ema_trend": trend,
        "ema_trend_before": prev(trend, p.slope_bars),
        "ema_trend_prev": prev(trend),
        "close_prev": prev(c.close),
        "ema_context": ema(c.close, p.context_ema),
        "donchian_high": highest_before(c.high, p.donchian_bars),
        "bb_lower": bb.lower,
        "bb_mid": bb.middle,
        "bb_upper": bb.upper,
        "squeeze_rank": rank,
        "bars_since_squeeze": bars_since(squeezed(rank, p.squeeze_pct), p.squeeze_bars + 1),
        "squeeze_low": lowest_before(c.low, p.squeeze_bars),
        "rsi": rsi(c.close, p.rsi_period),
        "rvol": relative_volume(c.volume, 20),
        "atr": atr(c.high, c.low, c.close, p.atr_period),
    }


class EnsembleInputs:
    """`ensemble_indicators`, one closed bar at a time."""

    def __init__(self, p: EnsembleParams) -> None:
        self._p = p
        self._trend = TalibHandle(ta.EMA, timeperiod=p.trend_ema)
        self._trend_before, self._trend_prev, self._close_prev = Lag(p.slope_bars), Lag(1), Lag(1)
        self._context = TalibHandle(ta.EMA, timeperiod=p.context_ema)
        self._donchian = ExtremeBefore(p.donchian_bars, highest=True)
        self._bands = TalibHandle(
            ta.BBANDS, outputs=3, timeperiod=p.bb_period, nbdevup=p.bb_k, nbdevdn=p.bb_k
        )
        self._rank = RollingRank(p.squeeze_lookback, squeeze_step(p.squeeze_lookback))
        self._since = float(_NEVER)  # bars since the last squeeze (before capping)
        self._squeeze_low = ExtremeBefore(p.squeeze_bars, highest=False)
        self._rsi = TalibHandle(ta.RSI, timeperiod=p.rsi_period)
        self._rvol = RelativeVolume(20)
        self._atr = TalibHandle(ta.ATR, timeperiod=p.atr_period)

    def warm(self, c: Candles) -> None:
        p = self._p
        trend = ema(c.close, p.trend_ema)  # the lags and the rank start from the batch values
        self._trend.warm(c.close)
        self._trend_before.warm(trend)
        self._trend_prev.warm(trend)
        self._close_prev.warm(c.close)
        self._context.warm(c.close)
        self._donchian.warm(c.high)
        self._bands.warm(c.close)
        bandwidth = bollinger(c.close, p.bb_period, p.bb_k).bandwidth
        self._rank.warm(bandwidth)
        rank = rolling_percentile_rank(bandwidth, p.squeeze_lookback, squeeze_step(p.squeeze_lookback))
        self._since = float(bars_since(squeezed(rank, p.squeeze_pct), _NEVER)[-1]) if len(c) else _NEVER
        self._squeeze_low.warm(c.low)
        self._rsi.warm(c.close)
        self._rvol.warm(c.volume)
        self._atr.warm(c.high, c.low, c.close)

    def push(self, b: Bar) -> dict[str, float]:
        p = self._p
        trend = self._trend.update(b.close)[0]
        upper, mid, lower = self._bands.update(b.close)
        width = upper - lower
        bandwidth = math.nan if mid == 0 else width / mid  # `safe_div`, as `bollinger` divides
        rank = self._rank.push(bandwidth)
        self._since = 0.0 if rank <= p.squeeze_pct else self._since + 1.0
        return {
            "ema_trend": trend,
            "ema_trend_before": self._trend_before.push(trend),
            "ema_trend_prev": self._trend_prev.push(trend),
            "close_prev": self._close_prev.push(b.close),
            "ema_context": self._context.update(b.close)[0],
            "donchian_high": self._donchian.push(b.high),
            "bb_lower": lower,
            "bb_mid": mid,
            "bb_upper": upper,
            "squeeze_rank": rank,
            "bars_since_squeeze": min(self._since, float(p.squeeze_bars + 1)),
            "squeeze_low": self._squeeze_low.push(b.low),
            "rsi": self._rsi.update(b.close)[0],
            "rvol": self._rvol.push(b.volume),
            "atr": self._atr.update(b.high, b.low, b.close)[0],
        }


__all__ = ["EnsembleInputs", "EnsembleParams", "bars_since", "ensemble_indicators", "squeeze_step"]
