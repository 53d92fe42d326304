"""The `Analyst` protocol and the small helpers every analyst builds its report with.

An analyst reads one `Snapshot` (the feature columns of `analysts.features` at the view's bar, the
book, the cut context and texts) and returns an `AnalystReport`. It never computes an indicator
over history itself: the columns were computed once, causally. Reports must be byte-identical for
equal snapshots, so every figure is rounded to 6 significant digits and every sum runs in a fixed
order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from aitrader.agents.reports import AnalystReport, EvidenceItem, Stance
from aitrader.agents.snapshot import Snapshot


@runtime_checkable
class Analyst(Protocol):
    """One point of view on a snapshot. `name` is its registry key (see `analysts.panel`)."""

    @property
    def name(self) -> str: ...

    def analyze(self, snap: Snapshot) -> AnalystReport:
        """The report for `snap` (deterministic: equal snapshots, byte-identical reports)."""
        ...


def sig(x: float, digits: int = 6) -> float:
    """`x` rounded to `digits` significant digits (NaN and infinities unchanged)."""
    if x == 0.0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def clamp(x: float, lo: float = -1.0, hi: float = 1.0) -> float:
    return lo if x < lo else hi if x > hi else x


def fact(name: str, value: float, note: str, weight: float = 0.0, unit: str = "") -> EvidenceItem:
    """An evidence item with its figure rounded and its weight clamped to [-1, 1]."""
    # + 0.0 turns a -0.0 into 0.0, so a zero weight always serialises the same way
    return EvidenceItem(
        name=name, value=sig(value) + 0.0, note=note, weight=round(clamp(weight), 4) + 0.0, unit=unit
    )


def missing(snap: Snapshot, names: Sequence[str]) -> tuple[str, ...]:
    """The columns among `names` that are NaN at the view's bar (still warming up)."""
    v = snap.view
    return tuple(n for n in names if math.isnan(v.value(n)))


def report(
    analyst: str,
    snap: Snapshot,
    score: float,
    confidence: float,
    summary: str,
    evidence: Sequence[EvidenceItem] = (),
) -> AnalystReport:
    """An `AnalystReport` with score and confidence clamped and rounded (4 decimals)."""
    s = round(clamp(score), 4) + 0.0
    return AnalystReport(
        analyst=analyst,
        symbol=snap.symbol,
        time_ms=snap.close_ms,
        snapshot_id=snap.snapshot_id,
        stance=Stance.of(s),
        score=s,
        confidence=round(clamp(confidence, 0.0, 1.0), 4),
        summary=summary,
        evidence=tuple(evidence),
    )


def warming_up(analyst: str, snap: Snapshot, absent: Sequence[str]) -> AnalystReport:
    """Neutral, confidence 0: the columns it needs are still NaN at this bar (too little history)."""
    bars = snap.view.index + 1
    shown = ", ".join(absent[:4]) + (" …" if len(absent) > 4 else "")
    return report(
        analyst,
        snap,
        0.0,
        0.0,
        f"No view yet: {shown} still warming up after {bars} bars of history.",
        (fact("bars_of_history", float(bars), f"warming up: {shown} not yet computable", 0.0, "bars"),),
    )


def weighted_score(evidence: Sequence[EvidenceItem], scale: float = 1.0) -> float:
    """Sum of the evidence weights divided by `scale`, clamped to [-1, 1]."""
    total = 0.0
    for e in evidence:
        total += e.weight
    return clamp(total / scale)


def agreement(evidence: Sequence[EvidenceItem]) -> float:
    """How one-sided the weighted evidence is: |sum w| / sum |w| (1: all agree; 0: they cancel)."""
    num = 0.0
    den = 0.0
    for e in evidence:
        num += e.weight
        den += abs(e.weight)
    return abs(num) / den if den > 0 else 0.0


def leaning(score: float) -> str:
    """'bullish', 'bearish' or 'neutral' for a score (the report's stance in words)."""
    return Stance.of(score).value


__all__ = [
    "Analyst",
    "agreement",
    "clamp",
    "fact",
    "leaning",
    "missing",
    "report",
    "sig",
    "warming_up",
    "weighted_score",
]
