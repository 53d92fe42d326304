"""Volume profile of a span of bars: volume per price bin, point of control and the 70% value area."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from aitrader.features._arrays import FloatArray, f64

_CHUNK = 65_536


class VolumeProfile(NamedTuple):
    edges: FloatArray  # bins + 1 price edges
    volume: FloatArray  # volume per bin
    poc: float  # centre of the bin with the most volume (point of control)
    value_area_low: float  # lower edge of the value area
    value_area_high: float  # upper edge of the value area
    value_area_share: float  # share of total volume inside the value area (>= the target)


def volume_profile(
    high: FloatArray, low: FloatArray, volume: FloatArray, bins: int = 50, value_area: float = 0.70
) -> VolumeProfile:
    """Spread each bar's volume uniformly over its [low, high] range and sum it per price bin.

    The value area grows from the POC bin, each step adding the neighbouring bin (above or below)
    with more volume, until it holds `value_area` of the total (the usual market-profile rule).
    """
    if not 0 < value_area <= 1:
        raise ValueError(f"value_area must be in (0, 1], got {value_area}")
    h, lo, v = f64(high), f64(low), f64(volume)
    if len(h) == 0 or bins < 1:
        raise ValueError("volume_profile needs at least one bar and one bin")
    top, bottom = float(h.max()), float(lo.min())
    if top == bottom:
        top = bottom + max(abs(bottom) * 1e-9, 1e-12)
    edges = np.linspace(bottom, top, bins + 1)
    per_bin = np.zeros(bins)
    for s in range(0, len(h), _CHUNK):
        hh, ll, vv = h[s : s + _CHUNK, None], lo[s : s + _CHUNK, None], v[s : s + _CHUNK, None]
        width = hh - ll
        with np.errstate(divide="ignore", invalid="ignore"):
            frac = np.where(
                width > 0, np.clip((edges[None, :] - ll) / width, 0.0, 1.0), (edges[None, :] >= ll) * 1.0
            )
        frac[:, -1] = 1.0  # everything lies at or below the top edge
        per_bin += (vv * np.diff(frac, axis=1)).sum(axis=0)
    poc_bin = int(np.argmax(per_bin))
    total = float(per_bin.sum())
    lo_b = hi_b = poc_bin
    inside = float(per_bin[poc_bin])
    while total > 0 and inside < value_area * total - 1e-12 * total:
        below = per_bin[lo_b - 1] if lo_b > 0 else -1.0
        above = per_bin[hi_b + 1] if hi_b < bins - 1 else -1.0
        if above >= below:
            hi_b += 1
            inside += float(above)
        else:
            lo_b -= 1
            inside += float(below)
    return VolumeProfile(
        edges,
        per_bin,
        float((edges[poc_bin] + edges[poc_bin + 1]) / 2),
        float(edges[lo_b]),
        float(edges[hi_b + 1]),
        inside / total if total > 0 else 0.0,
    )


__all__ = ["VolumeProfile", "volume_profile"]
