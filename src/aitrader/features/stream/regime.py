"""`RegimeStream`: the regime label of each new bar, equal to `features.regime.regimes` over the whole
history at that bar (ADX/DI from TA-Lib's streaming handles, the volatility and liquidity
percentiles from mirrored block sums and rank histories)."""

from __future__ import annotations

import numpy as np
from talib import stream as ta

from aitrader.domain import Candles
from aitrader.features._arrays import nan_like, rolling_mean
from aitrader.features.indicators import realized_volatility
from aitrader.features.regime import Regime, RegimeConfig
from aitrader.features.stream.bar import Bar
from aitrader.features.stream.rolling import BlockRollingSum, RollingRank
from aitrader.features.stream.talib_handle import TalibHandle

_UNKNOWN, _RANGE, _UP, _DOWN = (
    int(Regime.UNKNOWN),
    int(Regime.RANGE),
    int(Regime.TREND_UP),
    int(Regime.TREND_DOWN),
)
_HIGH_VOL, _ILLIQUID = int(Regime.HIGH_VOLATILITY), int(Regime.ILLIQUID)


class RegimeStream:
    """One `Regime` value (as int) per pushed bar."""

    def __init__(self, config: RegimeConfig | None = None) -> None:
        cfg = config or RegimeConfig()
        self.config = cfg
        self._adx = TalibHandle(ta.ADX, timeperiod=cfg.adx_n)
        self._plus = TalibHandle(ta.PLUS_DI, timeperiod=cfg.adx_n)
        self._minus = TalibHandle(ta.MINUS_DI, timeperiod=cfg.adx_n)
        self._returns = BlockRollingSum(cfg.vol_n)  # squared log returns
        self._vol_rank = RollingRank(cfg.vol_lookback, cfg.vol_step)
        self._volume = BlockRollingSum(cfg.liquidity_n)
        self._liq_rank = RollingRank(cfg.vol_lookback, cfg.vol_step)
        self._zero = BlockRollingSum(cfg.liquidity_n)
        self._quote = BlockRollingSum(cfg.liquidity_n)
        self._close = float("nan")

    def warm(self, candles: Candles) -> None:
        """Start over on `candles` (the whole history so far)."""
        cfg = self.config
        h, lo, c, v = candles.high, candles.low, candles.close, candles.volume
        for handle in (self._adx, self._plus, self._minus):
            handle.warm(h, lo, c)
        self._returns.warm(_squared_log_returns(c))
        self._vol_rank.warm(realized_volatility(c, cfg.vol_n))
        self._volume.warm(v)
        self._liq_rank.warm(rolling_mean(v, cfg.liquidity_n))
        self._zero.warm((v <= 0).astype(np.float64))
        self._quote.warm(c * v)
        self._close = float(c[-1]) if len(c) else float("nan")

    def push(self, bar: Bar) -> int:
        cfg = self.config
        h, lo, c, v = bar.high, bar.low, bar.close, bar.volume
        (adx,) = self._adx.update(h, lo, c)
        (plus,) = self._plus.update(h, lo, c)
        (minus,) = self._minus.update(h, lo, c)
        r2 = float("nan")
        if self._close == self._close:
            r = np.log(np.float64(c) / np.float64(self._close))  # numpy's log, as the batch (not libm's)
            r2 = float(r * r)
        self._close = c
        sum_r2 = self._returns.push(r2)
        vol = float(np.sqrt(np.maximum(sum_r2, 0.0) / cfg.vol_n))
        vol_pct = self._vol_rank.push(vol)
        liq_pct = self._liq_rank.push(self._volume.push(v) / cfg.liquidity_n)
        zero_share = self._zero.push(1.0 if v <= 0 else 0.0) / cfg.liquidity_n
        quote = self._quote.push(c * v) / cfg.liquidity_n
        if adx != adx or vol_pct != vol_pct or liq_pct != liq_pct or zero_share != zero_share:
            return _UNKNOWN
        if liq_pct < cfg.illiquid_pct or zero_share > 0.5 or quote < cfg.min_quote_volume:
            return _ILLIQUID
        if vol_pct >= cfg.high_vol_pct:
            return _HIGH_VOL
        if adx >= cfg.adx_trend:
            if plus >= minus:
                return _UP
            if plus < minus:
                return _DOWN
        return _RANGE


def _squared_log_returns(close: np.ndarray) -> np.ndarray:
    """The batch `realized_volatility`'s input: log(c[i]/c[i-1])**2, NaN on the first bar."""
    r2 = nan_like(close)
    if len(close) > 1:
        r2[1:] = np.log(close[1:] / close[:-1]) ** 2
    return r2


__all__ = ["RegimeStream"]
