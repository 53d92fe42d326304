"""Market regime per bar: trend up/down, range, high volatility, illiquid (vectorised, no look-ahead).

Rules, in priority order (the first that applies wins):
1. UNKNOWN while any input is still warming up.
2. ILLIQUID: the mean volume of the last `liquidity_n` bars ranks below `illiquid_pct` (2%)
   among its own past values, or more than half of those bars traded nothing, or the mean
   quote volume (close x volume) is below `min_quote_volume`.
3. HIGH_VOLATILITY: realized volatility's rolling percentile rank >= `high_vol_pct`.
4. TREND_UP / TREND_DOWN: ADX >= `adx_trend`, direction from +DI vs -DI.
5. RANGE otherwise.
A strategy sits out with e.g. `regimes(candles) != Regime.TREND_UP`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import NamedTuple

import numpy as np

from aitrader.domain import Candles
from aitrader.features._arrays import FloatArray, Int8Array, rolling_mean
from aitrader.features.indicators import adx, realized_volatility, window_for
from aitrader.features.memo import memoized
from aitrader.features.percentile import rolling_percentile_rank


class Regime(IntEnum):
    UNKNOWN = 0
    RANGE = 1
    TREND_UP = 2
    TREND_DOWN = 3
    HIGH_VOLATILITY = 4
    ILLIQUID = 5

    @property
    def is_trend(self) -> bool:
        return self in (Regime.TREND_UP, Regime.TREND_DOWN)


@dataclass(frozen=True, slots=True)
class RegimeConfig:
    adx_n: int = 14
    adx_trend: float = 25.0
    vol_n: int = 60
    vol_lookback: int = 2880  # bars of history the volatility percentile compares against
    vol_step: int = 24
    high_vol_pct: float = 0.90
    liquidity_n: int = 60
    illiquid_pct: float = 0.02  # mean volume in the bottom 2% of its own recent history
    min_quote_volume: float = 0.0  # absolute floor on mean close*volume per bar (0: off)

    def window(self) -> int:
        """Trailing bars live code needs so the last label equals the full-history label."""
        adx_w = window_for("adx", n=self.adx_n) or 0
        vol_w = self.vol_n + 1 + self.vol_lookback
        liq_w = self.liquidity_n + self.vol_lookback
        return max(adx_w, vol_w, liq_w)


class RegimeFeatures(NamedTuple):
    labels: Int8Array  # Regime values
    adx: FloatArray
    plus_di: FloatArray
    minus_di: FloatArray
    vol_pct: FloatArray  # realized-volatility percentile rank, 0..1
    liquidity_pct: FloatArray  # mean-volume percentile rank, 0..1
    zero_volume_share: FloatArray


@memoized
def regime_features(candles: Candles, config: RegimeConfig | None = None) -> RegimeFeatures:
    """Regime labels and the inputs that decided them, one value per bar."""
    cfg = config or RegimeConfig()
    h, lo, c, v = candles.high, candles.low, candles.close, candles.volume
    dx = adx(h, lo, c, cfg.adx_n)
    vol_pct = rolling_percentile_rank(realized_volatility(c, cfg.vol_n), cfg.vol_lookback, cfg.vol_step)
    mean_vol = rolling_mean(v, cfg.liquidity_n)
    liq_pct = rolling_percentile_rank(mean_vol, cfg.vol_lookback, cfg.vol_step)
    zero_share = rolling_mean((v <= 0).astype(np.float64), cfg.liquidity_n)
    quote = rolling_mean(c * v, cfg.liquidity_n)

    labels = np.full(len(c), Regime.RANGE, dtype=np.int8)
    with np.errstate(invalid="ignore"):
        trend = dx.adx >= cfg.adx_trend
        labels[trend & (dx.plus_di >= dx.minus_di)] = Regime.TREND_UP
        labels[trend & (dx.plus_di < dx.minus_di)] = Regime.TREND_DOWN
        labels[vol_pct >= cfg.high_vol_pct] = Regime.HIGH_VOLATILITY
        illiquid = (liq_pct < cfg.illiquid_pct) | (zero_share > 0.5) | (quote < cfg.min_quote_volume)
    labels[illiquid] = Regime.ILLIQUID
    warming = np.isnan(dx.adx) | np.isnan(vol_pct) | np.isnan(liq_pct) | np.isnan(zero_share)
    labels[warming] = Regime.UNKNOWN
    return RegimeFeatures(labels, dx.adx, dx.plus_di, dx.minus_di, vol_pct, liq_pct, zero_share)


def regimes(candles: Candles, config: RegimeConfig | None = None) -> Int8Array:
    """One `Regime` value (int8) per bar."""
    return regime_features(candles, config).labels


__all__ = ["Regime", "RegimeConfig", "RegimeFeatures", "regime_features", "regimes"]
