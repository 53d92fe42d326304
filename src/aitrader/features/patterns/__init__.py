"""Chart patterns: double top/bottom, head and shoulders (and inverse), triangles, flags.

`detect_patterns(candles)` runs every detector over the whole series; pass `at` to see only
what was known at the close of that bar (detection reads candles[: at + 1] only).
"""

from __future__ import annotations

from aitrader.domain import Candles
from aitrader.features.patterns.base import ChartPattern, PatternConfig, PatternInput, PatternKind
from aitrader.features.patterns.double import detect_double
from aitrader.features.patterns.flags import detect_flags
from aitrader.features.patterns.head_shoulders import detect_head_shoulders
from aitrader.features.patterns.triangles import detect_triangles


def detect_patterns(
    candles: Candles, config: PatternConfig | None = None, at: int | None = None
) -> list[ChartPattern]:
    """Every pattern found, ordered by the bar at which it was confirmed."""
    cfg = config or PatternConfig()
    part = candles if at is None else candles.slice(0, at + 1)
    data = PatternInput.build(part, cfg)
    found = detect_double(data) + detect_head_shoulders(data) + detect_triangles(data) + detect_flags(data)
    return sorted(found, key=lambda p: (p.confirmed_index, p.start_index, p.kind.value))


__all__ = [
    "ChartPattern",
    "PatternConfig",
    "PatternInput",
    "PatternKind",
    "detect_double",
    "detect_flags",
    "detect_head_shoulders",
    "detect_patterns",
    "detect_triangles",
]
