"""The same indicators in the peers the benchmark compares with: pandas-ta-classic (vectorised
pandas, run with talib=False so its own implementation is timed) and talipp (incremental).
talipp has no MFI, relative volume, rolling VWAP or realized volatility; those rows show "–"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aitrader.domain import Candles

Runner = Callable[[], Any]


def pandas_ta_runners(c: Candles) -> dict[str, Runner] | str:
    """name -> zero-argument callable, or a message saying why the peer is unavailable."""
    try:
        import pandas as pd
        import pandas_ta_classic as ta
    except ImportError as exc:
        return f"pandas-ta-classic not installed ({exc.name}): run `uv sync --group bench`"
    idx = pd.to_datetime(c.open_time, unit="ms", utc=True)
    o, h, lo, cl, v = (pd.Series(x, index=idx) for x in (c.open, c.high, c.low, c.close, c.volume))
    del o
    no = {"talib": False}
    return {
        "sma_20": lambda: ta.sma(cl, 20, **no),
        "ema_200": lambda: ta.ema(cl, 200, **no),
        "wma_20": lambda: ta.wma(cl, 20, **no),
        "rsi_14": lambda: ta.rsi(cl, 14, **no),
        "macd": lambda: ta.macd(cl, 12, 26, 9, **no),
        "bollinger": lambda: ta.bbands(cl, 20, 2.0, **no),
        "atr_14": lambda: ta.atr(h, lo, cl, 14, **no),
        "stochastic": lambda: ta.stoch(h, lo, cl, 14, 3, 3, **no),
        "williams_r": lambda: ta.willr(h, lo, cl, 14, **no),
        "cci_20": lambda: ta.cci(h, lo, cl, 20, **no),
        "adx_14": lambda: ta.adx(h, lo, cl, 14, **no),
        "mfi_14": lambda: ta.mfi(h, lo, cl, v, 14, **no),
        "obv": lambda: ta.obv(cl, v, **no),
        "vwap_day": lambda: ta.vwap(h, lo, cl, v, anchor="D"),
        "donchian_20": lambda: ta.donchian(h, lo, 20, 20),
        "keltner_20": lambda: ta.kc(h, lo, cl, 20, 2.0),
    }


def talipp_feeders(c: Candles, n_updates: int) -> dict[str, Runner] | str:
    """name -> callable that feeds `n_updates` bars one by one (add()) into a fresh talipp indicator."""
    try:
        from talipp import indicators as ti
        from talipp.ohlcv import OHLCV
    except ImportError as exc:
        return f"talipp not installed ({exc.name}): run `uv sync --group bench`"
    closes = c.close[:n_updates].tolist()
    bars = [
        OHLCV(o, h, lo, cl, v)
        for o, h, lo, cl, v in zip(
            c.open[:n_updates].tolist(), c.high[:n_updates].tolist(), c.low[:n_updates].tolist(),
            closes, c.volume[:n_updates].tolist(), strict=True,
        )
    ]  # fmt: skip

    def feed(make: Callable[[], Any], values: list[Any]) -> Runner:
        def run() -> None:
            ind = make()
            for x in values:
                ind.add(x)

        return run

    return {
        "sma_20": feed(lambda: ti.SMA(20), closes),
        "ema_200": feed(lambda: ti.EMA(200), closes),
        "wma_20": feed(lambda: ti.WMA(20), closes),
        "rsi_14": feed(lambda: ti.RSI(14), closes),
        "macd": feed(lambda: ti.MACD(12, 26, 9), closes),
        "bollinger": feed(lambda: ti.BB(20, 2.0), closes),
        "atr_14": feed(lambda: ti.ATR(14), bars),
        "stochastic": feed(lambda: ti.Stoch(14, 3), bars),
        "williams_r": feed(lambda: ti.Williams(14), bars),
        "cci_20": feed(lambda: ti.CCI(20), bars),
        "adx_14": feed(lambda: ti.ADX(14, 14), bars),
        "obv": feed(lambda: ti.OBV(), bars),
        "vwap_day": feed(lambda: ti.VWAP(), bars),
        "donchian_20": feed(lambda: ti.DonchianChannels(20), bars),
        "keltner_20": feed(lambda: ti.KeltnerChannels(20, 10, 2.0, 2.0), bars),
    }
