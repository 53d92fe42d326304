"""Every feature column the analysts read, computed once over a whole history (vectorised, causal).

`analyst_features(candles)` returns one float64 array per column name, aligned with `candles`. The
value at bar i depends on bars 0..i only: base indicators are TA-Lib / numpy over the past, and the
higher timeframes are built from the base candles by `features.MultiTimeframe`, which hands a base
bar only the higher candles that have closed by that bar's close. So a prefix of the history gives
the same values bit for bit (a test recomputes on prefixes).

Live, the generic `WindowStream` recomputes these columns over a trailing window. `analyst_warmup`
says how many base bars that window needs for its last row to equal the whole-history value (to the
1e-12 decay of the EMA/Wilder indicators, exactly for the window-local ones): the longest of the
indicators' own windows (`features.indicators.window_for`), the regime labels' window and the base
bars that hold enough closed higher-timeframe candles (`features.base_window`). Columns are NaN
until their own inputs are warm; the analysts say so instead of guessing.

Higher timeframes: `mid` is the smallest fixed-length timeframe at least 4x the base, `top` the
smallest at least 24x (1h -> 4h and 1d; 1m -> 5m and 30m; 15m -> 1h and 6h; 4h -> 1d and 1w).
Choosing them by ratio keeps the warm-up a bounded number of base bars on every base timeframe.
A base with no such timeframe (1d has no fixed-length one 24x longer) leaves those columns NaN.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import talib

from aitrader.domain import Candles, Timeframe
from aitrader.features import MultiTimeframe, base_window
from aitrader.features._arrays import FloatArray, f64, nan_like, rolling_sum, safe_div, shift
from aitrader.features.indicators import (
    adx,
    atr,
    bollinger,
    ema,
    macd,
    mfi,
    obv,
    realized_volatility,
    relative_volume,
    rsi,
    sma,
    window_for,
)
from aitrader.features.regime import regime_features
from aitrader.strategies.regime import STRATEGY_REGIME

# Periods (base bars unless said otherwise). Changing one changes the warm-up below with it.
EMA_FAST, EMA_SLOW, SMA_LONG = 20, 50, 200
RSI_N, ADX_N, ATR_N, BB_N, RET_N = 14, 14, 14, 20, 24
VOL_Z_N, RVOL_N, UPDOWN_N, OBV_N, MFI_N, MFI_DELTA = 50, 20, 24, 20, 14, 5
ER_N, DRAWDOWN_N, RV_N, RV_AVG_N = 20, 100, 24, 240
FG_MOMENTUM_N = 50
TREND_FAST, TREND_SLOW, TREND_SLOPE = 10, 30, 3  # the per-timeframe trend recipe (candles of that tf)
MID_RATIO, TOP_RATIO = 4, 24

LEVELS: Final = ("base", "mid", "top")

COLUMNS: Final[tuple[str, ...]] = (
    # technical
    "ema_20", "ema_50", "sma_200", "rsi_14", "macd_line", "macd_signal", "macd_hist",
    "adx_14", "plus_di_14", "minus_di_14", "bb_pct_b", "bb_width", "atr_14", "atr_pct", "ret_24",
    # volume / flow
    "vol_z_50", "rvol_20", "updown_vol_24", "obv_slope_20", "mfi_14", "mfi_delta_5",
    # multi-timeframe
    "mtf_base_trend", "mtf_mid_trend", "mtf_top_trend",
    "mtf_base_gap_pct", "mtf_mid_gap_pct", "mtf_top_gap_pct",
    # regime
    "regime", "vol_pct", "liquidity_pct", "er_20",
    # sentiment (price-only fear and greed)
    "fear_greed", "fg_momentum", "fg_volatility", "fg_volume",
    # risk
    "rv_24", "rv_ratio", "drawdown_100",
)  # fmt: skip


def higher_timeframes(base: Timeframe) -> tuple[Timeframe | None, Timeframe | None]:
    """(mid, top): the smallest fixed-length timeframes >= 4x and >= 24x the base, built from whole
    base candles; None where there is none."""

    def first_at_least(ratio: int) -> Timeframe | None:
        for tf in Timeframe:
            if tf.is_calendar or tf.duration_ms < ratio * base.duration_ms:
                continue
            if base.divides(tf):
                return tf
        return None

    return first_at_least(MID_RATIO), first_at_least(TOP_RATIO)


def _window(name: str, **params: int) -> int:
    w = window_for(name, **params)
    assert w is not None  # only finite-window indicators are listed below
    return w


def analyst_warmup(timeframe: Timeframe) -> int:
    """Base bars, the decision bar included, for every column's last value on a trailing window to
    equal its whole-history value (see the module docstring)."""
    base = max(
        _window("ema", n=EMA_SLOW),
        SMA_LONG,
        _window("rsi", n=RSI_N),
        _window("macd"),
        _window("adx", n=ADX_N),
        _window("atr", n=ATR_N),
        BB_N,
        RET_N + 1,
        VOL_Z_N + 1,
        RVOL_N + 1,
        UPDOWN_N + 1,
        OBV_N + 2,
        MFI_N + 1 + MFI_DELTA,
        ER_N + 1,
        DRAWDOWN_N,
        RV_N + 1 + RV_AVG_N,
        FG_MOMENTUM_N,
        STRATEGY_REGIME.window(),
    )
    trend_candles = TREND_SLOW + TREND_SLOPE
    for tf in higher_timeframes(timeframe):
        if tf is not None:
            base = max(base, base_window(timeframe, tf, trend_candles))
    return int(base)


# The longest warm-up over the base timeframes aitrader trades (1m .. 1d): a safe single figure.
ANALYST_WARMUP: Final[int] = max(
    analyst_warmup(tf)
    for tf in (Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1)
)


def analyst_features(candles: Candles) -> dict[str, FloatArray]:
    """Every analyst column over `candles` (names in `COLUMNS`), one float64 value per bar."""
    cols: dict[str, FloatArray] = {}
    cols.update(_technical(candles))
    cols.update(_volume_flow(candles))
    cols.update(_multi_timeframe(candles))
    cols.update(_regime(candles))
    cols.update(_fear_greed(candles, cols["updown_vol_24"]))
    cols.update(_risk(candles))
    return {name: cols[name] for name in COLUMNS}


def _technical(c: Candles) -> dict[str, FloatArray]:
    close = c.close
    m = macd(close)
    dx = adx(c.high, c.low, close, ADX_N)
    bb = bollinger(close, BB_N)
    a = atr(c.high, c.low, close, ATR_N)
    return {
        "ema_20": ema(close, EMA_FAST),
        "ema_50": ema(close, EMA_SLOW),
        "sma_200": sma(close, SMA_LONG),
        "rsi_14": rsi(close, RSI_N),
        "macd_line": m.line,
        "macd_signal": m.signal,
        "macd_hist": m.hist,
        "adx_14": dx.adx,
        "plus_di_14": dx.plus_di,
        "minus_di_14": dx.minus_di,
        "bb_pct_b": bb.pct_b,
        "bb_width": bb.bandwidth,
        "atr_14": a,
        "atr_pct": 100.0 * safe_div(a, close),
        "ret_24": 100.0 * (safe_div(close, shift(close, RET_N)) - 1.0),
    }


def _volume_flow(c: Candles) -> dict[str, FloatArray]:
    close, volume = c.close, f64(c.volume)
    logv = np.log1p(volume)
    # z-score of this bar's log volume against the VOL_Z_N bars before it (a spike is not its own base)
    mean_before = shift(sma(logv, VOL_Z_N))
    sd_before = shift(f64(talib.STDDEV(logv, timeperiod=VOL_Z_N, nbdev=1.0)))
    vol_z = safe_div(logv - mean_before, sd_before)
    # share of the last UPDOWN_N bars' volume traded on up closes (0.5: balanced)
    step = nan_like(close)
    step[1:] = np.sign(close[1:] - close[:-1])
    up_vol = rolling_sum(np.where(np.isnan(step), np.nan, np.where(step > 0, volume, 0.0)), UPDOWN_N)
    moved = rolling_sum(np.where(np.isnan(step), np.nan, np.where(step != 0, volume, 0.0)), UPDOWN_N)
    updown = safe_div(up_vol, moved)
    # OBV's least-squares slope over OBV_N bars (independent of OBV's starting level) in mean-volume
    # units per bar: +1 means every bar added one average bar's volume on up closes
    obv_slope = f64(talib.LINEARREG_SLOPE(obv(close, volume), timeperiod=OBV_N + 1))
    obv_norm = safe_div(obv_slope, shift(sma(volume, OBV_N)))
    money = mfi(c.high, c.low, close, volume, MFI_N)
    return {
        "vol_z_50": vol_z,
        "rvol_20": relative_volume(volume, RVOL_N),
        "updown_vol_24": updown,
        "obv_slope_20": obv_norm,
        "mfi_14": money,
        "mfi_delta_5": money - shift(money, MFI_DELTA),
    }


def trend_recipe(close: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(trend, gap %) on one timeframe's closes: trend is the mean of three signs — close vs
    SMA(10), SMA(10) vs SMA(30), SMA(10) vs its value 3 candles earlier — so -1, -1/3, 1/3 or 1
    (0 only on exact ties); gap is SMA(10)/SMA(30) - 1 in percent."""
    fast, slow = sma(close, TREND_FAST), sma(close, TREND_SLOW)
    trend = (np.sign(close - fast) + np.sign(fast - slow) + np.sign(fast - shift(fast, TREND_SLOPE))) / 3.0
    return f64(trend), 100.0 * (safe_div(fast, slow) - 1.0)


def _multi_timeframe(c: Candles) -> dict[str, FloatArray]:
    out: dict[str, FloatArray] = {}
    base_trend, base_gap = trend_recipe(f64(c.close))
    out["mtf_base_trend"], out["mtf_base_gap_pct"] = base_trend, base_gap
    mtf = MultiTimeframe(c)
    for level, tf in zip(("mid", "top"), higher_timeframes(c.timeframe), strict=True):
        if tf is None or len(c) == 0:
            out[f"mtf_{level}_trend"], out[f"mtf_{level}_gap_pct"] = nan_like(c.close), nan_like(c.close)
            continue
        trend, gap = trend_recipe(f64(mtf.candles(tf).close))
        out[f"mtf_{level}_trend"], out[f"mtf_{level}_gap_pct"] = mtf.align(tf, trend), mtf.align(tf, gap)
    return out


def _regime(c: Candles) -> dict[str, FloatArray]:
    r = regime_features(c, STRATEGY_REGIME)
    close = f64(c.close)
    path = nan_like(close)
    path[1:] = np.abs(close[1:] - close[:-1])
    er = safe_div(np.abs(close - shift(close, ER_N)), rolling_sum(path, ER_N))
    return {
        "regime": r.labels.astype(np.float64),
        "vol_pct": f64(r.vol_pct),
        "liquidity_pct": f64(r.liquidity_pct),
        "er_20": er,
    }


def _fear_greed(c: Candles, updown: FloatArray) -> dict[str, FloatArray]:
    """A fear-and-greed style index, 0 (extreme fear) .. 100 (extreme greed), from price alone.

    Recipe: the mean of three parts, each in [0, 1]:
    - momentum: where the close sits in its 50-bar Bollinger band (%B, clipped to 0..1);
    - volatility: calm is greed, turbulence fear: 1.5 - (24-bar realized volatility / its own
      240-bar mean), clipped to 0..1 (0.5 at the usual volatility, 0 at 1.5x it or more);
    - volume: the share of the last 24 bars' volume traded on up closes (`updown_vol_24`).
    NaN while any part is warming up.
    """
    momentum = np.clip(bollinger(f64(c.close), FG_MOMENTUM_N).pct_b, 0.0, 1.0)
    rv = realized_volatility(f64(c.close), RV_N)
    ratio = safe_div(rv, sma(rv, RV_AVG_N))
    volatility = np.clip(1.5 - ratio, 0.0, 1.0)
    volume = np.clip(updown, 0.0, 1.0)
    index = 100.0 * (momentum + volatility + volume) / 3.0
    return {"fear_greed": index, "fg_momentum": momentum, "fg_volatility": volatility, "fg_volume": volume}


def _risk(c: Candles) -> dict[str, FloatArray]:
    close = f64(c.close)
    rv = realized_volatility(close, RV_N)
    peak = f64(talib.MAX(f64(c.high), timeperiod=DRAWDOWN_N))
    return {
        "rv_24": 100.0 * rv,
        "rv_ratio": safe_div(rv, sma(rv, RV_AVG_N)),
        "drawdown_100": 100.0 * (safe_div(close, peak) - 1.0),
    }


__all__ = [
    "ANALYST_WARMUP",
    "COLUMNS",
    "LEVELS",
    "analyst_features",
    "analyst_warmup",
    "higher_timeframes",
    "trend_recipe",
]
