"""Head and shoulders (and inverse) from five alternating swings: shoulder, trough, head, trough, shoulder."""

from __future__ import annotations

import numpy as np

from aitrader.features.patterns.base import (
    ChartPattern,
    PatternInput,
    PatternKind,
    clip01,
    first_cross,
    line_at,
)


def detect_head_shoulders(
    data: PatternInput,
    min_head_atr: float = 1.0,
    shoulder_tolerance_atr: float = 2.0,
    min_depth_atr: float = 2.0,
) -> list[ChartPattern]:
    """The head rises >= `min_head_atr` x ATR above both shoulders, the shoulders lie within
    `shoulder_tolerance_atr` x ATR of each other and >= `min_depth_atr` x ATR above the neckline
    (the line through the two troughs). Breakout = the neckline's value at the right shoulder."""
    out: list[ChartPattern] = []
    s, c = data.swings, data.candles
    kinds = (
        (1, PatternKind.HEAD_AND_SHOULDERS),
        (-1, PatternKind.INVERSE_HEAD_AND_SHOULDERS),
    )
    for sign, kind in kinds:
        for j in range(len(s.index) - 4):
            if s.kind[j] != sign:
                continue
            il, it1, ih, it2, ir = (int(x) for x in s.index[j : j + 5])
            pl, pt1, ph, pt2, pr = (float(x) * sign for x in s.price[j : j + 5])
            a = float(data.atr[ir])
            if not np.isfinite(a) or a <= 0:
                continue
            neck_r = line_at(it1, pt1, it2, pt2, ir)
            neck_l = line_at(it1, pt1, it2, pt2, il)
            head_above = ph - max(pl, pr)
            shoulder_diff = abs(pl - pr)
            depth = min(pl - neck_l, pr - neck_r)
            if (
                head_above < min_head_atr * a
                or shoulder_diff > shoulder_tolerance_atr * a
                or depth < min_depth_atr * a
            ):
                continue
            span = ir - il
            time_skew = abs((ih - il) - (ir - ih)) / span
            height = ph - (pt1 + pt2) / 2
            tilt = abs(pt2 - pt1) / height
            confidence = (
                0.4 * clip01(1 - shoulder_diff / (shoulder_tolerance_atr * a))
                + 0.3 * clip01(1 - time_skew)
                + 0.3 * clip01(1 - tilt)
            )
            confirmed = int(s.confirm_index[j + 4])
            neckline = neck_r * sign
            brk = first_cross(
                c.close,
                confirmed + 1,
                confirmed + 1 + data.config.max_breakout_wait,
                neckline,
                -sign,
                ph * sign,
            )
            out.append(
                data.pattern(
                    kind=kind,
                    direction=-sign,
                    start=il,
                    end=ir,
                    confirmed=confirmed,
                    confidence=confidence,
                    levels={
                        "left_shoulder": pl * sign,
                        "head": ph * sign,
                        "right_shoulder": pr * sign,
                        "neckline": neckline,
                        "neckline_slope": (pt2 - pt1) * sign / (it2 - it1),
                        "breakout": neckline,
                        "target": neckline - sign * height,
                    },
                    breakout_index=brk,
                )
            )
    return out
