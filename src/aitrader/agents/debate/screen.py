"""The cheap screen: which bars reach the expensive debate (vectorised, causal masks).

A debate (seven analysts, N rounds, maybe a model per turn) is far too dear for every bar, and on
most bars nothing has changed since the last one. The screen passes a bar when one of the things
the analysts weigh most has just *turned*, judged on the bar's close against the bar before:

- entry (flat): momentum turned up — the MACD histogram crosses above 0, or RSI 14 crosses above 50;
  trend turned up — the close crosses above EMA 20, or the base-timeframe trend recipe
  (`mtf_base_trend`) turns from <= 0 to > 0; or a bullish volume spike — log volume 2 standard
  deviations or more above its 50-bar norm (`vol_z_50` >= 2) on an up close;
- exit (holding a long): the mirror image — histogram below 0, RSI below 50, close below EMA 20, the
  trend recipe turning <= 0 from > 0, or a volume spike on a down close.

"Crosses above" is value[i-1] <= level < value[i]; a NaN (warming up) never passes. On the 1h BTCUSDT
sample (2017–2024) the entry screen passes about 16% of bars. The strategy debates only screened
bars and proposes only there (the kernel's skip contract: an entry only where `entry_long`, an
exit only where `exit_long`), so calling it on every bar or only on `Signals.candidates` bars gives
the same proposals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
SPIKE_Z = 2.0
ENTRY = "debate_screen_entry"
EXIT = "debate_screen_exit"


def _crosses_above(x: npt.NDArray[np.float64], level: npt.NDArray[np.float64] | float) -> BoolArray:
    out = np.zeros(len(x), dtype=bool)
    lv = np.broadcast_to(np.asarray(level, dtype=np.float64), x.shape)
    with np.errstate(invalid="ignore"):
        out[1:] = (x[:-1] <= lv[:-1]) & (x[1:] > lv[1:])
    return out


def _crosses_below(x: npt.NDArray[np.float64], level: npt.NDArray[np.float64] | float) -> BoolArray:
    out = np.zeros(len(x), dtype=bool)
    lv = np.broadcast_to(np.asarray(level, dtype=np.float64), x.shape)
    with np.errstate(invalid="ignore"):
        out[1:] = (x[:-1] > lv[:-1]) & (x[1:] <= lv[1:])
    return out


def screen(
    columns: Mapping[str, npt.NDArray[Any]],
    open_: npt.NDArray[np.float64],
    close: npt.NDArray[np.float64],
    warmup: int = 0,
) -> dict[str, BoolArray]:
    """The entry and exit masks (`ENTRY`, `EXIT`) from the analyst columns and the candles; nothing
    passes before bar `warmup - 1`, the first a strategy of that warm-up may decide on (its slowest
    columns are not settled before, and a backtest's warm-up bars must stay untraded)."""
    hist, rsi, ema20 = columns["macd_hist"], columns["rsi_14"], columns["ema_20"]
    trend, vol_z = columns["mtf_base_trend"], columns["vol_z_50"]
    with np.errstate(invalid="ignore"):
        spike = vol_z >= SPIKE_Z
        up_spike = spike & (close > open_)
        down_spike = spike & (close < open_)
    entry = (
        _crosses_above(hist, 0.0)
        | _crosses_above(rsi, 50.0)
        | _crosses_above(close, ema20)
        | _crosses_above(trend, 0.0)
        | up_spike
    )
    exit_ = (
        _crosses_below(hist, 0.0)
        | _crosses_below(rsi, 50.0)
        | _crosses_below(close, ema20)
        | _crosses_below(trend, 0.0)
        | down_spike
    )
    settled = max(0, warmup - 1)
    entry[:settled] = False
    exit_[:settled] = False
    return {ENTRY: entry, EXIT: exit_}
