"""What an analyst hands the debate and the LLM adviser: a structured report, never free text alone.

Every report says where it stands (`stance`, a signed `score` in [-1, 1] and a `confidence` in
[0, 1]) and why, as `evidence` items that each carry the figure they rest on. Reports are `Value`s
(msgspec structs): they serialise to JSON byte for byte the same every time, which is what lets a
debate be journaled, shown and replayed.
"""

from __future__ import annotations

import math
from enum import Enum

from aitrader.domain.value import Value


class Stance(Enum):
    BULLISH = "bullish"
    BEARISH = "bearish"
    NEUTRAL = "neutral"

    @staticmethod
    def of(score: float, dead_band: float = 0.1) -> Stance:
        """The stance a signed score stands for (|score| below `dead_band` is neutral)."""
        if score >= dead_band:
            return Stance.BULLISH
        if score <= -dead_band:
            return Stance.BEARISH
        return Stance.NEUTRAL


class EvidenceItem(Value, frozen=True):
    """One fact an analyst rests on: `name` (e.g. "rsi_14"), its `value` (and `unit`), what it means
    in words (`note`), and which way and how hard it pushes (`weight` in [-1, 1]: + bullish)."""

    name: str
    value: float
    note: str
    weight: float = 0.0
    unit: str = ""

    def __post_init__(self) -> None:
        if not -1.0 <= self.weight <= 1.0:
            raise ValueError(f"evidence {self.name}: weight must lie in [-1, 1], got {self.weight}")


class AnalystReport(Value, frozen=True):
    """One analyst's view of one snapshot (`snapshot_id`) of `symbol` at `time_ms` (the decision
    bar's close time)."""

    analyst: str
    symbol: str
    time_ms: int
    snapshot_id: str
    stance: Stance
    score: float
    confidence: float
    summary: str
    evidence: tuple[EvidenceItem, ...] = ()

    def __post_init__(self) -> None:
        if not (math.isfinite(self.score) and -1.0 <= self.score <= 1.0):
            raise ValueError(f"{self.analyst}: score must lie in [-1, 1], got {self.score}")
        if not (math.isfinite(self.confidence) and 0.0 <= self.confidence <= 1.0):
            raise ValueError(f"{self.analyst}: confidence must lie in [0, 1], got {self.confidence}")

    @property
    def bullish_items(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if e.weight > 0)

    @property
    def bearish_items(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if e.weight < 0)
