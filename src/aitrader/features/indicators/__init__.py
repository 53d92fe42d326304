"""Technical indicators as functions over float64 numpy arrays (whole history or trailing window)."""

from aitrader.features.indicators.momentum import Stochastic, cci, rsi, stochastic, williams_r
from aitrader.features.indicators.trend import ADX, MACD, adx, ema, macd, slope, sma, wma
from aitrader.features.indicators.volatility import (
    Bollinger,
    Channel,
    atr,
    bollinger,
    donchian,
    keltner,
    realized_volatility,
    true_range,
)
from aitrader.features.indicators.volume import (
    mfi,
    obv,
    obv_rolling,
    relative_volume,
    typical_price,
    volume_sma,
    vwap_rolling,
    vwap_session,
)
from aitrader.features.indicators.windows import window_for

__all__ = [
    "ADX",
    "MACD",
    "Bollinger",
    "Channel",
    "Stochastic",
    "adx",
    "atr",
    "bollinger",
    "cci",
    "donchian",
    "ema",
    "keltner",
    "macd",
    "mfi",
    "obv",
    "obv_rolling",
    "realized_volatility",
    "relative_volume",
    "rsi",
    "slope",
    "sma",
    "stochastic",
    "true_range",
    "typical_price",
    "volume_sma",
    "vwap_rolling",
    "vwap_session",
    "williams_r",
    "window_for",
    "wma",
]
