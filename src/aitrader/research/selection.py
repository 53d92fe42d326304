"""Choosing a design on the design parts: every design on every series, a walk-forward check of the
choice itself, and the probability that choosing by backtest overfits (PBO by CSCV).

The rule, fixed before any result was seen: the design with the highest median (across series)
annualised Sharpe of daily returns on the design parts wins. The walk-forward check applies the
same rule to the first k quarters of each design part and scores the winner on quarter k+1, so it
says whether a design that led so far went on leading. PBO runs CSCV on the daily returns of all
designs, series laid end to end.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from aitrader.optimize.overfitting import PBOResult, pbo_cscv
from aitrader.research.designs import Design
from aitrader.research.holdout import split_at
from aitrader.research.runs import FloatArray, IntArray, Measured, run_design, warm_start_ms
from aitrader.research.series import Source

FOLDS = 4
DAYS_PER_YEAR = 365.0
Tick = Callable[[str], None]


def daily_sharpe(r: FloatArray) -> float:
    """Annualised Sharpe of daily returns (0 for a flat series: a design that never traded)."""
    if len(r) < 2:
        return 0.0
    sd = float(np.std(r, ddof=1))
    return 0.0 if not sd > 0 else float(np.mean(r)) / sd * math.sqrt(DAYS_PER_YEAR)


@dataclass
class SeriesRuns:
    """All designs on one source's design part, over the days every run measured."""

    label: str
    days: IntArray
    runs: dict[str, Measured]  # design id -> run

    def returns(self, design_id: str) -> FloatArray:
        return self.runs[design_id].daily.on(self.days)


@dataclass(frozen=True)
class FoldChoice:
    fold: int  # the quarter the choice was scored on (1..FOLDS-1)
    chosen: str
    chosen_sharpe: float  # median across series of the chosen design's Sharpe on this quarter
    rank: int  # 1 = the best design on this quarter
    median_design_sharpe: float  # what choosing blindly would expect


@dataclass
class DesignPhase:
    designs: tuple[Design, ...]
    series: list[SeriesRuns]
    scores: dict[str, float] = field(default_factory=dict)  # median daily Sharpe across series

    @property
    def chosen(self) -> Design:
        return max(self.designs, key=lambda d: (self.scores[d.id], d.id))

    def matrix(self) -> FloatArray:
        """Daily returns, series laid end to end (rows) x designs (columns)."""
        blocks = [np.column_stack([s.returns(d.id) for d in self.designs]) for s in self.series]
        return np.vstack(blocks)

    def trial_sharpes(self) -> FloatArray:
        """Per-day (not annualised) Sharpe of each design on the matrix: the deflated Sharpe's trials."""
        m = self.matrix()
        sd = m.std(axis=0, ddof=1)
        return np.where(sd > 0, m.mean(axis=0) / np.where(sd > 0, sd, 1.0), 0.0)

    def pbo(self) -> PBOResult:
        return pbo_cscv(self.matrix(), n_splits=16)

    def walk_forward(self) -> list[FoldChoice]:
        out: list[FoldChoice] = []
        for k in range(1, FOLDS):
            before = {
                d.id: _median([daily_sharpe(_fold(s, d.id, 0, k)) for s in self.series]) for d in self.designs
            }
            after = {
                d.id: _median([daily_sharpe(_fold(s, d.id, k, k + 1)) for s in self.series])
                for d in self.designs
            }
            pick = max(self.designs, key=lambda d: (before[d.id], d.id)).id
            ranked = sorted(after, key=lambda i: -after[i])
            out.append(
                FoldChoice(k, pick, after[pick], ranked.index(pick) + 1, _median(list(after.values())))
            )
        return out


def _fold(s: SeriesRuns, design_id: str, lo: int, hi: int) -> FloatArray:
    r = s.returns(design_id)
    edges = np.linspace(0, len(r), FOLDS + 1).astype(int)
    return r[edges[lo] : edges[hi]]


def _median(xs: Sequence[float]) -> float:
    return float(np.median(np.asarray(xs, dtype=np.float64))) if xs else float("nan")


def run_design_phase(
    sources: Sequence[Source], designs: Sequence[Design], tick: Tick | None = None
) -> DesignPhase:
    """Every design on the design part of every source (nothing at or after a source's cut is read)."""
    phase = DesignPhase(tuple(designs), [])
    for src in sources:
        cut = src.cut_ms
        parts = {tf: split_at(src.derived(tf), cut).design for tf in {d.timeframe for d in designs}}
        start = max(warm_start_ms(d, parts[d.timeframe]) for d in designs)
        runs: dict[str, Measured] = {}
        for d in designs:
            runs[d.id] = run_design(d, parts[d.timeframe], start)
            if tick is not None:
                tick(f"{d.id} on {src.label}")
        common = _common_days([m.daily.days for m in runs.values()])
        phase.series.append(SeriesRuns(src.label, common[1:-1], runs))  # first/last days are partial
    phase.scores = {
        d.id: _median([daily_sharpe(s.returns(d.id)) for s in phase.series]) for d in phase.designs
    }
    return phase


def _common_days(days: Sequence[IntArray]) -> IntArray:
    out = days[0]
    for d in days[1:]:
        out = np.intersect1d(out, d)
    return out.astype(np.int64)
