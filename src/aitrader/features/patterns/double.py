"""Double tops and double bottoms from alternating swings (high, low, high / low, high, low)."""

from __future__ import annotations

import numpy as np

from aitrader.features.patterns.base import ChartPattern, PatternInput, PatternKind, clip01, first_cross


def detect_double(
    data: PatternInput, top_tolerance_atr: float = 1.0, min_depth_atr: float = 3.0, min_separation: int = 5
) -> list[ChartPattern]:
    """Two peaks within `top_tolerance_atr` x ATR of each other, separated by a trough at least
    `min_depth_atr` x ATR below the lower peak (mirrored for bottoms). Neckline = the trough;
    breakout = a close through the neckline; target = neckline - (peak - neckline)."""
    out: list[ChartPattern] = []
    s, c = data.swings, data.candles
    for sign, kind in ((1, PatternKind.DOUBLE_TOP), (-1, PatternKind.DOUBLE_BOTTOM)):
        for j in range(len(s.index) - 2):
            if s.kind[j] != sign:
                continue
            i1, _trough, i2 = (int(x) for x in s.index[j : j + 3])
            p1, pm, p2 = (float(x) * sign for x in s.price[j : j + 3])  # flipped: bottoms look like tops
            a = float(data.atr[i2])
            if not np.isfinite(a) or a <= 0 or i2 - i1 < min_separation:
                continue
            diff, depth = abs(p1 - p2), min(p1, p2) - pm
            if diff > top_tolerance_atr * a or depth < min_depth_atr * a:
                continue
            v = c.volume
            vol1 = float(v[max(0, i1 - 2) : i1 + 3].mean())
            vol2 = float(v[max(0, i2 - 2) : i2 + 3].mean())
            confidence = (
                0.4 * clip01(1 - diff / (top_tolerance_atr * a))
                + 0.3 * clip01(depth / (2 * min_depth_atr * a))
                + 0.3 * (1.0 if vol2 < vol1 else 0.5 if vol2 < 1.5 * vol1 else 0.0)
            )
            confirmed = int(s.confirm_index[j + 2])
            neckline = pm * sign
            peak = max(p1, p2) * sign
            brk = first_cross(
                c.close, confirmed + 1, confirmed + 1 + data.config.max_breakout_wait, neckline, -sign, peak
            )
            out.append(
                data.pattern(
                    kind=kind,
                    direction=-sign,
                    start=i1,
                    end=i2,
                    confirmed=confirmed,
                    confidence=confidence,
                    levels={
                        "first_peak": p1 * sign,
                        "second_peak": p2 * sign,
                        "neckline": neckline,
                        "breakout": neckline,
                        "target": neckline - sign * depth,
                    },
                    breakout_index=brk,
                )
            )
    return out
