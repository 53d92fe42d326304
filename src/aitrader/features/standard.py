"""The standard feature set: every indicator computed ONCE over whole arrays, keyed by a stable name.

Strategies and the backtest kernel call `compute_features(candles)` and then read by index.
`FEATURE_WINDOW[key]` is the trailing window (bars) live code needs so the last value of a key
equals its full-history value (None: no finite window, see `indicators.windows`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from aitrader.domain import Candles, Timeframe
from aitrader.features._arrays import FloatArray
from aitrader.features.indicators import (
    adx,
    atr,
    bollinger,
    cci,
    donchian,
    ema,
    keltner,
    macd,
    mfi,
    obv,
    obv_rolling,
    realized_volatility,
    relative_volume,
    rsi,
    sma,
    stochastic,
    volume_sma,
    vwap_rolling,
    vwap_session,
    williams_r,
    window_for,
    wma,
)
from aitrader.features.mtf import MultiTimeframe, base_window
from aitrader.features.regime import RegimeConfig, regimes

FeatureSet = dict[str, FloatArray]


def _w(name: str, **params: int) -> int | None:
    return window_for(name, **params)


FEATURE_WINDOW: dict[str, int | None] = {
    "sma_20": _w("sma", n=20),
    "sma_50": _w("sma", n=50),
    "sma_200": _w("sma", n=200),
    "ema_12": _w("ema", n=12),
    "ema_26": _w("ema", n=26),
    "ema_50": _w("ema", n=50),
    "ema_200": _w("ema", n=200),
    "wma_20": _w("wma", n=20),
    "rsi_14": _w("rsi", n=14),
    "macd": _w("macd"),
    "macd_signal": _w("macd"),
    "macd_hist": _w("macd"),
    "bb_upper": _w("bollinger", n=20),
    "bb_middle": _w("bollinger", n=20),
    "bb_lower": _w("bollinger", n=20),
    "bb_pct_b": _w("bollinger", n=20),
    "bb_bandwidth": _w("bollinger", n=20),
    "atr_14": _w("atr", n=14),
    "stoch_k": _w("stochastic"),
    "stoch_d": _w("stochastic"),
    "willr_14": _w("williams_r", n=14),
    "cci_20": _w("cci", n=20),
    "adx_14": _w("adx", n=14),
    "plus_di_14": _w("adx", n=14),
    "minus_di_14": _w("adx", n=14),
    "mfi_14": _w("mfi", n=14),
    "obv": _w("obv"),
    "obv_20": _w("obv_rolling", n=20),
    "volume_sma_20": _w("volume_sma", n=20),
    "rvol_20": _w("relative_volume", n=20),
    "vwap_day": _w("vwap_session"),
    "vwap_20": _w("vwap_rolling", n=20),
    "realized_vol_60": _w("realized_volatility", n=60),
    "donchian_upper_20": _w("donchian", n=20),
    "donchian_middle_20": _w("donchian", n=20),
    "donchian_lower_20": _w("donchian", n=20),
    "keltner_upper_20": _w("keltner"),
    "keltner_middle_20": _w("keltner"),
    "keltner_lower_20": _w("keltner"),
    "regime": RegimeConfig().window(),  # a `Regime` value stored as float
}


def compute_features(candles: Candles) -> FeatureSet:
    """Compute the standard set over the whole series (every array has len(candles) rows)."""
    t, o, h, lo, c, v = (
        candles.open_time, candles.open, candles.high, candles.low, candles.close, candles.volume,
    )  # fmt: skip
    del o
    f: FeatureSet = {}
    for n in (20, 50, 200):
        f[f"sma_{n}"] = sma(c, n)
    for n in (12, 26, 50, 200):
        f[f"ema_{n}"] = ema(c, n)
    f["wma_20"] = wma(c, 20)
    f["rsi_14"] = rsi(c, 14)
    m = macd(c)
    f["macd"], f["macd_signal"], f["macd_hist"] = m.line, m.signal, m.hist
    bb = bollinger(c, 20, 2.0)
    f["bb_upper"], f["bb_middle"], f["bb_lower"] = bb.upper, bb.middle, bb.lower
    f["bb_pct_b"], f["bb_bandwidth"] = bb.pct_b, bb.bandwidth
    f["atr_14"] = atr(h, lo, c, 14)
    st = stochastic(h, lo, c)
    f["stoch_k"], f["stoch_d"] = st.k, st.d
    f["willr_14"] = williams_r(h, lo, c, 14)
    f["cci_20"] = cci(h, lo, c, 20)
    dx = adx(h, lo, c, 14)
    f["adx_14"], f["plus_di_14"], f["minus_di_14"] = dx.adx, dx.plus_di, dx.minus_di
    f["mfi_14"] = mfi(h, lo, c, v, 14)
    f["obv"] = obv(c, v)
    f["obv_20"] = obv_rolling(c, v, 20)
    f["volume_sma_20"] = volume_sma(v, 20)
    f["rvol_20"] = relative_volume(v, 20)
    f["vwap_day"] = vwap_session(t, h, lo, c, v)
    f["vwap_20"] = vwap_rolling(h, lo, c, v, 20)
    f["realized_vol_60"] = realized_volatility(c, 60)
    dc = donchian(h, lo, 20)
    f["donchian_upper_20"], f["donchian_middle_20"], f["donchian_lower_20"] = dc.upper, dc.middle, dc.lower
    kc = keltner(h, lo, c, 20, 10, 2.0)
    f["keltner_upper_20"], f["keltner_middle_20"], f["keltner_lower_20"] = kc.upper, kc.middle, kc.lower
    f["regime"] = regimes(candles).astype(np.float64)
    return f


def compute_mtf_features(
    candles: Candles,
    timeframes: Iterable[Timeframe] = (Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1),
    keys: Iterable[str] | None = None,
    view: MultiTimeframe | None = None,
) -> FeatureSet:
    """Standard features of higher timeframes on base-bar indices, keyed "<tf>:<key>" (e.g. "1h:rsi_14").

    Built from CLOSED higher candles only (see `mtf`). `mtf_window(...)` gives the base-bar window
    live code needs for a key.
    """
    v = view or MultiTimeframe(candles)
    wanted = None if keys is None else list(keys)
    out: FeatureSet = {}
    for tf in timeframes:
        htf = compute_features(v.candles(tf))
        for key in wanted if wanted is not None else list(htf):
            out[f"{tf.value}:{key}"] = v.align(tf, htf[key])
    return out


def mtf_window(base_tf: Timeframe, tf: Timeframe, key: str) -> int | None:
    """Trailing base bars needed for "<tf>:<key>" to equal its full-history value (None: unbounded)."""
    w = FEATURE_WINDOW[key]
    return None if w is None else base_window(base_tf, tf, w)


def max_window(keys: list[str] | None = None) -> int:
    """The largest finite window among `keys` (all standard keys by default)."""
    chosen = FEATURE_WINDOW if keys is None else {k: FEATURE_WINDOW[k] for k in keys}
    return max(w for w in chosen.values() if w is not None)


__all__ = [
    "FEATURE_WINDOW",
    "FeatureSet",
    "compute_features",
    "compute_mtf_features",
    "max_window",
    "mtf_window",
]
