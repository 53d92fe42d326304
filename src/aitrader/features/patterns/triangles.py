"""Ascending, descending and symmetric triangles: trend lines through alternating swing highs and lows."""

from __future__ import annotations

import numpy as np

from aitrader.features.patterns.base import ChartPattern, PatternInput, PatternKind, clip01, first_cross


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Least-squares line y = a + b x through a handful of points; returns (a, b, largest |residual|)."""
    xs, ys = x.tolist(), y.tolist()
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((xi - mx) ** 2 for xi in xs)
    b = sum((xi - mx) * (yi - my) for xi, yi in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    return a, b, max(abs(yi - (a + b * xi)) for xi, yi in zip(xs, ys, strict=True))


def detect_triangles(
    data: PatternInput,
    swings_per_pattern: int = 5,
    flat_slope: float = 0.15,
    max_residual: float = 0.15,
    min_convergence: float = 0.25,
) -> list[ChartPattern]:
    """Fit a line through the highs and one through the lows of `swings_per_pattern` consecutive
    swings. Slopes are measured as the line's rise over the pattern relative to its height:
    |rise| <= `flat_slope` is flat. Ascending: flat highs, rising lows; descending: falling highs,
    flat lows; symmetric: falling highs, rising lows. The lines must converge (the width shrinks by
    >= `min_convergence`) and every swing must sit within `max_residual` x height of its line."""
    out: list[ChartPattern] = []
    s, c = data.swings, data.candles
    m = swings_per_pattern
    j = 0
    while j + m <= len(s.index):
        idx = s.index[j : j + m].astype(np.float64)
        price, kind = s.price[j : j + m], s.kind[j : j + m]
        hi, lo = kind > 0, kind < 0
        x0, x1 = float(idx[0]), float(idx[-1])
        height = float(price[hi].max() - price[lo].min())
        found = None
        if hi.sum() >= 2 and lo.sum() >= 2 and height > 0:
            ah, bh, rh = _fit(idx[hi], price[hi])
            al, bl, rl = _fit(idx[lo], price[lo])
            rise_h, rise_l = bh * (x1 - x0) / height, bl * (x1 - x0) / height
            w0, w1 = (ah + bh * x0) - (al + bl * x0), (ah + bh * x1) - (al + bl * x1)
            conv = 1 - w1 / w0 if w0 > 0 else 0.0
            fits = max(rh, rl) <= max_residual * height and w1 > 0 and conv >= min_convergence
            flat_h, flat_l = abs(rise_h) <= flat_slope, abs(rise_l) <= flat_slope
            kind_found: tuple[PatternKind, int] | None = None
            if fits and flat_h and rise_l > flat_slope:
                kind_found = (PatternKind.ASCENDING_TRIANGLE, 1)
            elif fits and rise_h < -flat_slope and flat_l:
                kind_found = (PatternKind.DESCENDING_TRIANGLE, -1)
            elif fits and rise_h < -flat_slope and rise_l > flat_slope:
                kind_found = (PatternKind.SYMMETRIC_TRIANGLE, 0)
            if kind_found is not None:
                upper, lower = ah + bh * x1, al + bl * x1
                confidence = (
                    0.5 * clip01(1 - max(rh, rl) / (max_residual * height))
                    + 0.25 * clip01((m - 3) / 3)
                    + 0.25 * clip01(conv)
                )
                found = (kind_found, upper, lower, confidence)
        if found is None:
            j += 1
            continue
        (pk, direction), upper, lower, confidence = found
        start, end = int(idx[0]), int(idx[-1])
        confirmed = int(s.confirm_index[j + m - 1])
        wait = confirmed + 1 + data.config.max_breakout_wait
        if direction > 0:
            breakout, brk = upper, first_cross(c.close, confirmed + 1, wait, upper, 1, lower)
        elif direction < 0:
            breakout, brk = lower, first_cross(c.close, confirmed + 1, wait, lower, -1, upper)
        else:
            up = first_cross(c.close, confirmed + 1, wait, upper, 1, None)
            down = first_cross(c.close, confirmed + 1, wait, lower, -1, None)
            brk = min((b for b in (up, down) if b is not None), default=None)
            breakout = upper
        out.append(
            data.pattern(
                kind=pk,
                direction=direction,
                start=start,
                end=end,
                confirmed=confirmed,
                confidence=confidence,
                levels={"upper": upper, "lower": lower, "breakout": breakout, "height": height},
                breakout_index=brk,
            )
        )
        j += m - 1  # the next pattern may share this one's last swing, no more
    return out
