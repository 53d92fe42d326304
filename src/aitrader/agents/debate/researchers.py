"""The bull and bear researchers: their cases and rebuttals, built from the analysts' evidence alone.

Each side argues from the evidence items that push its way (the bull from positive weights, the bear
from negative ones), ranked by strength = |weight| x the analyst's confidence (ties by name, so the
order never depends on chance). The debate is a fixed procedure, not a conversation:

- round 0, the opening: each side states its case, its `CASE_SIZE` strongest points, quoting the
  figures ("RSI 14 at 71.20: momentum strong (technical)");
- rounds 1..N, the rebuttals, bull first: each side takes the opponent's strongest point raised and
  not yet answered and answers it with its own strongest piece of evidence not yet used as a
  counter (with nothing to answer, it adds its strongest point not yet raised). What the counter
  does not cover (target strength - counter strength, at least 0) is left *standing*; a side with
  nothing left to answer with leaves the whole point standing. A counter is raised by being said,
  so the opponent may take it on next.

`plan_debate` returns those numbers (`DebatePlan`); the arbiter scores them. The words are made by
`opening_text` / `rebuttal_text` here, or by a language model (`llm_turns`), which can change the
words only: which point is answered with what, and what stands, is fixed before any model is asked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from aitrader.agents.reports import AnalystReport, EvidenceItem

CASE_SIZE = 3
MIN_STRENGTH = 0.01  # |weight| x confidence below this argues nothing (a 1% nudge is not a case)
Side = Literal["bull", "bear"]
_ACRONYMS = frozenset(
    ("rsi", "macd", "ema", "sma", "atr", "adx", "obv", "vwap", "btc", "eth", "vix", "dxy", "spy",
     "rvol", "bb", "mfi", "cci", "roc", "dmi", "di", "sol", "usd", "qqq", "ndx", "spx", "mtf", "fg")
)  # fmt: skip


def other(side: Side) -> Side:
    return "bear" if side == "bull" else "bull"


@dataclass(frozen=True)
class Point:
    """One evidence item as an argument: whose it is, what it says and how strong it is."""

    analyst: str
    item: EvidenceItem
    confidence: float

    @property
    def key(self) -> str:
        """Its name in the debate: `analyst.item`, unique within a snapshot's reports."""
        return f"{self.analyst}.{self.item.name}"

    @property
    def strength(self) -> float:
        return abs(self.item.weight) * self.confidence

    @property
    def sentence(self) -> str:
        """The point in words with its figure, e.g. "RSI 14 at 71.20: momentum strong (technical)"."""
        note = self.item.note.strip().rstrip(".")
        figure = f"{label(self.item.name)} at {figure_text(self.item.value, self.item.unit)}"
        return f"{figure}: {note} ({self.analyst})" if note else f"{figure} ({self.analyst})"


def label(name: str) -> str:
    """A readable evidence name: "rsi_14" -> "RSI 14", "ema_trend_50" -> "EMA trend 50"."""
    words = [w for w in name.replace("-", "_").split("_") if w]
    return " ".join(w.upper() if w.lower() in _ACRONYMS else w for w in words) or name


def price_text(price: float) -> str:
    """A price with its cents: 65,241.08 (small prices with 6 significant digits)."""
    return f"{price:,.2f}" if abs(price) >= 1 else f"{price:.6g}"


def figure_text(value: float, unit: str = "") -> str:
    """A figure as a person reads it: 71.20, 63,512, 0.0123, 4.10%."""
    if not math.isfinite(value):
        text = "n/a"
    elif abs(value) >= 1000:
        text = f"{value:,.0f}"
    elif abs(value) >= 1 or value == 0:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def points(reports: Sequence[AnalystReport], side: Side) -> tuple[Point, ...]:
    """`side`'s evidence, strongest first (ties by key); items below `MIN_STRENGTH` argue nothing."""
    out = [
        Point(r.analyst, e, r.confidence)
        for r in reports
        for e in (r.bullish_items if side == "bull" else r.bearish_items)
    ]
    return tuple(sorted((p for p in out if p.strength >= MIN_STRENGTH), key=lambda p: (-p.strength, p.key)))


@dataclass(frozen=True)
class Opening:
    side: Side
    case: tuple[Point, ...]  # the points the side opens with, strongest first


@dataclass(frozen=True)
class Rebuttal:
    """`side` answers the opponent's `target` with `counter` in round `round`; `standing` is the part
    of the target's strength left unanswered (None target: nothing to answer, the side adds a point)."""

    round: int
    side: Side
    target: Point | None
    counter: Point | None

    @property
    def standing(self) -> float:
        if self.target is None:
            return 0.0
        answered = self.counter.strength if self.counter is not None else 0.0
        return max(0.0, self.target.strength - answered)


@dataclass(frozen=True)
class DebatePlan:
    """The debate's moves and numbers, before anyone puts them into words."""

    bull: tuple[Point, ...]  # every bull point, strongest first
    bear: tuple[Point, ...]
    openings: tuple[Opening, Opening]
    rebuttals: tuple[Rebuttal, ...]

    def evidence_names(self) -> frozenset[str]:
        return frozenset(p.key for p in (*self.bull, *self.bear))


def plan_debate(reports: Sequence[AnalystReport], rounds: int) -> DebatePlan:
    """The opening cases and `rounds` rounds of rebuttals (see the module docstring)."""
    own = {"bull": points(reports, "bull"), "bear": points(reports, "bear")}
    openings = (Opening("bull", own["bull"][:CASE_SIZE]), Opening("bear", own["bear"][:CASE_SIZE]))
    raised: dict[Side, list[Point]] = {"bull": list(openings[0].case), "bear": list(openings[1].case)}
    answered: set[str] = set()
    used: set[str] = set()
    moves: list[Rebuttal] = []
    for r in range(1, rounds + 1):
        for side in ("bull", "bear"):
            opp = other(side)
            target = next((p for p in _strongest(raised[opp]) if p.key not in answered), None)
            # the best counter not yet used; with nothing to answer, a point not yet raised at all
            fresh = {p.key for p in raised[side]} if target is None else set()
            counter = next((p for p in own[side] if p.key not in used and p.key not in fresh), None)
            if target is not None:
                answered.add(target.key)
            if counter is not None:
                used.add(counter.key)
                if all(p.key != counter.key for p in raised[side]):
                    raised[side].append(counter)
            moves.append(Rebuttal(r, side, target, counter))
    return DebatePlan(own["bull"], own["bear"], openings, tuple(moves))


def _strongest(ps: Sequence[Point]) -> list[Point]:
    return sorted(ps, key=lambda p: (-p.strength, p.key))


def opening_text(opening: Opening) -> str:
    """The opening case in words, every figure quoted."""
    who = "Bull" if opening.side == "bull" else "Bear"
    if not opening.case:
        return f"{who}: no analyst evidence argues this way."
    lean = "for buying" if opening.side == "bull" else "against buying"
    listed = "; ".join(f"{p.sentence} [strength {p.strength:.2f}]" for p in opening.case)
    return f"{who} case {lean}: {listed}."


def rebuttal_text(move: Rebuttal) -> str:
    """A rebuttal in words: what it answers, with what, and what of the target still stands."""
    who, opp = ("Bull", "the bear") if move.side == "bull" else ("Bear", "the bull")
    t, c = move.target, move.counter
    if t is None and c is None:
        return f"{who}: nothing left to answer and no evidence left to add."
    if t is None:
        assert c is not None
        return f'{who}: {opp} has raised nothing left unanswered; adds "{c.sentence}" [strength {c.strength:.2f}].'
    if c is None:
        return f'{who}: no evidence left to answer {opp}\'s "{t.sentence}"; it stands in full [{t.strength:.2f}].'
    if move.standing == 0.0:
        outcome = f"answered in full [{c.strength:.2f} against {t.strength:.2f}]"
    elif move.standing >= 0.9 * t.strength:
        outcome = f"hardly answered: {move.standing:.2f} of its {t.strength:.2f} still stands"
    else:
        outcome = f"partly answered: {move.standing:.2f} of its {t.strength:.2f} still stands"
    return f'{who} answers {opp}\'s "{t.sentence}" with "{c.sentence}": {outcome}.'


def move_evidence(move: Rebuttal) -> tuple[str, ...]:
    """The evidence a rebuttal rests on: its counter, then the point it answers."""
    return tuple(p.key for p in (move.counter, move.target) if p is not None)
