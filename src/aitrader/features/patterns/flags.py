"""Bull and bear flags: a sharp pole followed by a tight, non-retracing consolidation."""

from __future__ import annotations

import numpy as np

from aitrader.features.patterns.base import ChartPattern, PatternInput, PatternKind, clip01, first_cross


def detect_flags(
    data: PatternInput,
    pole_bars: int = 20,
    flag_bars: int = 15,
    min_pole_atr: float = 6.0,
    max_flag_range: float = 0.5,
    max_retrace: float = 0.5,
) -> list[ChartPattern]:
    """A pole: the close moved >= `min_pole_atr` x ATR over `pole_bars` bars. The flag: the next
    `flag_bars` bars span at most `max_flag_range` of the pole's move, give back at most
    `max_retrace` of it, and do not extend it (the consolidation drifts against or sideways).
    Breakout = the flag's extreme in the pole's direction; target = breakout + pole move."""
    c = data.candles
    close, high, low, vol = c.close, c.high, c.low, c.volume
    n = len(close)
    if n < pole_bars + flag_bars + 2:
        return []
    move = np.full(n, np.nan)
    move[pole_bars:] = close[pole_bars:] - close[:-pole_bars]
    with np.errstate(invalid="ignore"):
        strength = np.abs(move) / data.atr
        cand = strength >= min_pole_atr
    cand[n - flag_bars :] = False
    out: list[ChartPattern] = []
    # One pole per run of qualifying bars: its strongest bar.
    runs = np.split(np.flatnonzero(cand), np.flatnonzero(np.diff(np.flatnonzero(cand)) > 1) + 1)
    last_end = -1
    for run in runs:
        if len(run) == 0:
            continue
        i = int(run[np.argmax(strength[run])])
        if i - pole_bars <= last_end:
            continue
        m = float(move[i])
        sign = 1 if m > 0 else -1
        f = slice(i + 1, i + 1 + flag_bars)
        f_hi, f_lo = float(high[f].max()), float(low[f].min())
        rng = f_hi - f_lo
        retrace = (close[i] - f_lo) if sign > 0 else (f_hi - close[i])
        extends = (f_hi > high[i] + 0.1 * abs(m)) if sign > 0 else (f_lo < low[i] - 0.1 * abs(m))
        drift = float(np.polyfit(np.arange(flag_bars), close[f], 1)[0]) * flag_bars * sign
        if rng > max_flag_range * abs(m) or retrace > max_retrace * abs(m) or extends or drift > 0.1 * abs(m):
            continue
        if rng <= 0 or float(vol[f].sum()) <= 0:  # a frozen market (exchange halt) is not a flag
            continue
        end = i + flag_bars
        breakout = f_hi if sign > 0 else f_lo
        quiet = float(vol[f].mean()) < float(vol[i - pole_bars + 1 : i + 1].mean())
        confidence = (
            0.4 * clip01(float(strength[i]) / (2 * min_pole_atr))
            + 0.3 * clip01(1 - rng / (max_flag_range * abs(m)))
            + 0.3 * (1.0 if quiet else 0.0)
        )
        brk = first_cross(
            close,
            end + 1,
            end + 1 + data.config.max_breakout_wait,
            breakout,
            sign,
            float(close[i - pole_bars]),
        )
        start = i - pole_bars
        out.append(
            data.pattern(
                kind=PatternKind.BULL_FLAG if sign > 0 else PatternKind.BEAR_FLAG,
                direction=sign,
                start=start,
                end=end,
                confirmed=end,
                confidence=confidence,
                levels={
                    "pole_start": float(close[start]),
                    "pole_end": float(close[i]),
                    "flag_high": f_hi,
                    "flag_low": f_lo,
                    "breakout": breakout,
                    "target": breakout + m,
                },
                breakout_index=brk,
            )
        )
        last_end = end
    return out
