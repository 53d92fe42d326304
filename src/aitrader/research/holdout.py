"""The held-back part of a series: its most recent quarter, never looked at while designing.

`cut_time(source)` is where a source series (as collected, at its own interval) is cut: the last
``floor(n * HOLD_BACK)`` of its n bars are held back. Every series derived from that source (the
same candles resampled to 1h or 4h) is cut at the same instant by `split_at`: its design part is
the bars that *close* by the cut, its held-back part the bars that *open* at or after it (a bar
that straddles the cut belongs to neither). Designs and parameters are chosen on design parts only
(walk-forward); the held-back part is evaluated once, with the bars before it serving only as
indicator warm-up (`Split.held_from` is the first bar a held-back run may decide on). The cut is a
pure function of the source, so anyone can recompute it and check that a result used no later bar.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aitrader.domain import Candles
from aitrader.domain.timeframe import format_ms

HOLD_BACK = 0.25


def cut_time(source: Candles, fraction: float = HOLD_BACK) -> int:
    """Open time (UTC ms) of the first held-back bar of `source`: its last `fraction` of bars."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"the held-back fraction must be between 0 and 1, got {fraction}")
    n = len(source)
    held = int(n * fraction)
    if held < 1 or held >= n:
        raise ValueError(f"{source.symbol}: {n} bars are too few to hold back {fraction:.0%} of them")
    return int(source.open_time[n - held])


@dataclass(frozen=True)
class Split:
    """`candles` cut at `cut_ms`: bars [0, design_end) close by the cut, bars from `held_from` open
    at or after it."""

    candles: Candles
    cut_ms: int
    design_end: int
    held_from: int

    @property
    def design(self) -> Candles:
        """The bars before the cut: everything a design may be chosen on."""
        return self.candles.slice(0, self.design_end)

    def describe(self) -> str:
        c = self.candles
        return (
            f"{c.symbol} {c.timeframe.value}: design {format_ms(int(c.open_time[0]))} .. "
            f"{format_ms(int(c.open_time[self.design_end - 1]))} ({self.design_end:,} bars), held back "
            f"{format_ms(int(c.open_time[self.held_from]))} .. {format_ms(int(c.open_time[-1]))} "
            f"({len(c) - self.held_from:,} bars)"
        )


def split_at(candles: Candles, cut_ms: int) -> Split:
    """`candles` cut at `cut_ms` (see the module docstring); both parts must hold bars."""
    opens = np.asarray(candles.open_time, dtype=np.int64)
    closes = opens + candles.timeframe.duration_ms
    design_end = int(np.searchsorted(closes, cut_ms, side="right"))
    held_from = int(np.searchsorted(opens, cut_ms, side="left"))
    if design_end < 1 or held_from >= len(candles):
        raise ValueError(
            f"{candles.symbol} {candles.timeframe.value}: the cut {format_ms(cut_ms)} leaves no "
            "design or no held-back bars"
        )
    return Split(candles, cut_ms, design_end, held_from)


def split(candles: Candles, fraction: float = HOLD_BACK) -> Split:
    """`candles` cut at its own `cut_time`."""
    return split_at(candles, cut_time(candles, fraction))
