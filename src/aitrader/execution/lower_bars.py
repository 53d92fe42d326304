"""Lower-timeframe candles inside each base bar (e.g. the 60 one-minute bars of an hour).

With them the simulator replays a base bar as its sub-bars through the same matching rules, so
a stop and a target touched in the same hour fill in the order they really happened (down to
the sub-bar; inside one sub-bar the conservative rule still applies).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.domain.candles import Candles, IntArray


@dataclass(frozen=True)
class LowerBars:
    """`lower` candles and, for base bar i, the index range starts[i]:ends[i] of its sub-bars."""

    lower: Candles
    starts: IntArray
    ends: IntArray

    @classmethod
    def align(cls, base: Candles, lower: Candles) -> LowerBars:
        """Index `lower` by the base bars it falls in (by open time)."""
        if lower.timeframe.duration_ms >= base.timeframe.duration_ms:
            raise ValueError(
                f"lower timeframe {lower.timeframe.value} must be shorter than base {base.timeframe.value}"
            )
        opens = base.open_time
        closes = opens + base.timeframe.duration_ms
        starts = np.searchsorted(lower.open_time, opens, side="left").astype(np.int64)
        ends = np.searchsorted(lower.open_time, closes, side="left").astype(np.int64)
        return cls(lower, starts, ends)

    def range_of(self, bar: int) -> tuple[int, int]:
        return int(self.starts[bar]), int(self.ends[bar])
