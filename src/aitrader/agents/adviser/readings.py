"""Reading a snapshot for the model: closed candles on any higher timeframe, compact numbers.

Everything here reads the snapshot's own prefix of history (`view.candles`, the cut context), so
nothing it returns closed after the decision bar; numbers are rounded to 8 significant digits so
the same snapshot always reads as the same text.
"""

from __future__ import annotations

import math
from typing import Any

from aitrader.data.resample import resample_detailed
from aitrader.domain.candles import Candles
from aitrader.domain.timeframe import Timeframe

CANDLE_COLUMNS = ("open_time_ms", "open", "high", "low", "close", "volume")


def num(x: float) -> float | None:
    """`x` rounded to 8 significant digits (None for NaN or infinity: JSON has no such numbers)."""
    v = float(x)
    if not math.isfinite(v):
        return None
    return float(f"{v:.8g}")


def closed_candles(candles: Candles, timeframe: Timeframe, n: int) -> Candles:
    """The last `n` candles of `timeframe` built from `candles` (a base-timeframe prefix), complete
    buckets only: a higher-timeframe candle still forming at the last base close is left out."""
    base = candles.timeframe
    if timeframe is base:
        return candles.tail(n)
    ratio = max(1, timeframe.duration_ms // base.duration_ms)
    tail = candles.tail((n + 2) * ratio)  # enough base bars for n whole buckets (months vary)
    if len(tail) == 0:
        return tail.with_meta(timeframe=timeframe)
    rolled = resample_detailed(tail, timeframe)
    complete = rolled.complete
    kept = rolled.candles
    idx = [i for i in range(len(kept)) if bool(complete[i])]
    if not idx:
        return kept.slice(0, 0)
    # a partial first bucket (cut by the tail) and a forming last one are both dropped
    first, last = idx[0], idx[-1]
    whole = kept.slice(first, last + 1)
    return whole.tail(n)


def candle_rows(candles: Candles) -> list[list[Any]]:
    return [
        [
            int(candles.open_time[i]),
            num(candles.open[i]),
            num(candles.high[i]),
            num(candles.low[i]),
            num(candles.close[i]),
            num(candles.volume[i]),
        ]
        for i in range(len(candles))
    ]


def change(candles: Candles, bars: int) -> float | None:
    """Relative change of the close over the last `bars` candles (None when too short)."""
    if len(candles) <= bars:
        return None
    before = float(candles.close[-1 - bars])
    if before <= 0:
        return None
    return num(float(candles.close[-1]) / before - 1.0)


def higher_timeframes(base: Timeframe) -> tuple[Timeframe, ...]:
    """Up to two higher timeframes worth summarising next to `base` (x4..x6 and about x24)."""
    picks: list[Timeframe] = []
    for lo, hi in ((4, 8), (16, 32)):
        for tf in Timeframe:
            if tf is Timeframe.MN1 or tf is base or not base.divides(tf):
                continue
            if lo <= tf.duration_ms // base.duration_ms <= hi and tf not in picks:
                picks.append(tf)
                break
    return tuple(picks)
