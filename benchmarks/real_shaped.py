"""Real-shaped bars for the benchmarks: real BTCUSDT 1m bars tiled to any length.

Each bar keeps its real close-to-close log return, its real open/high/low relative to its close
and its real volume; the mean return is removed so the tiled price stays in the sample's range.
Not a random walk: the volatility clustering, wick shapes and volume of the sample repeat.
"""

from __future__ import annotations

import numpy as np

from aitrader.data import load_sample
from aitrader.domain import Candles, Timeframe


def real_shaped_btc_1m(n_bars: int) -> Candles:
    src = load_sample("BTCUSDT", Timeframe.M1)
    c = src.close
    r = np.diff(np.log(c))
    r -= r.mean()
    ro, rh, rl = (np.log(x[1:] / c[1:]) for x in (src.open, src.high, src.low))
    reps = -(-n_bars // len(r))
    idx = np.tile(np.arange(len(r)), reps)[:n_bars]
    close = np.round(c[0] * np.exp(np.cumsum(r[idx])), 2)
    open_ = np.round(close * np.exp(ro[idx]), 2)
    high = np.maximum(np.round(close * np.exp(rh[idx]), 2), np.maximum(open_, close))
    low = np.minimum(np.round(close * np.exp(rl[idx]), 2), np.minimum(open_, close))
    volume = src.volume[1:][idx]
    times = int(src.open_time[0]) + np.arange(n_bars, dtype=np.int64) * 60_000
    return Candles.from_arrays(times, open_, high, low, close, volume, "BTCUSDT", Timeframe.M1, "tiled")
