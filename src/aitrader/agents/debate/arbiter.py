"""The arbiter: weighs the analysts and the debate into one conviction and decides against thresholds.

Conviction, in [-1, 1] (+ bullish):

- `base_score`: the analysts' scores averaged with their confidences as weights (an analyst that
  says it cannot tell counts for nothing);
- `debate_edge`: per rebuttal round, the strength the bear left standing of the bull's points
  minus what the bull left standing of the bear's, averaged over the rounds and scaled by
  `DEBATE_WEIGHT` (0.25). Strengths lie in [0, 1], so the debate moves the conviction by at most
  0.25: it can tip a panel that already leans one way, never carry a neutral one past the threshold.

Decision (spot: longs only):

- flat: **enter long** when conviction >= `threshold` and the risk analyst does not veto (its score
  <= `RISK_VETO_SCORE`: the portfolio is already stretched), with the stop `atr_stop` ATRs below
  the close and the target at `reward_risk` times that distance above it; no ATR, no entry;
- holding a long: **exit** when conviction < `exit_threshold`;
- otherwise no proposal. Every outcome says why in one sentence.

Why a threshold of 0.35 (chosen from reasoning, not from backtests): the conviction is a
confidence-weighted mean of seven analysts. 0.35 needs a clear majority leaning bullish with moderate
strength (e.g. four of seven at +0.6 and the rest neutral gives 0.34), which is more than the
debate alone can add (0.25). The exit threshold, -0.10, is the reports' own stance dead band
(`Stance.of`): hold while the panel is not bearish, leave once it is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aitrader.agents.debate.record import Verdict
from aitrader.agents.debate.researchers import DebatePlan, Point, figure_text, price_text
from aitrader.agents.reports import AnalystReport

DEBATE_WEIGHT = 0.25
RISK_ANALYST = "risk"
RISK_VETO_SCORE = -0.5
DEFAULT_THRESHOLD = 0.35
DEFAULT_EXIT_THRESHOLD = -0.10
DEFAULT_ATR_STOP = 2.0
DEFAULT_REWARD_RISK = 2.0


@dataclass(frozen=True)
class Rules:
    """The arbiter's thresholds and the stop/target geometry of an entry."""

    threshold: float = DEFAULT_THRESHOLD
    exit_threshold: float = DEFAULT_EXIT_THRESHOLD
    atr_stop: float = DEFAULT_ATR_STOP
    reward_risk: float = DEFAULT_REWARD_RISK


@dataclass(frozen=True)
class Weighing:
    base_score: float
    debate_edge: float

    @property
    def conviction(self) -> float:
        return max(-1.0, min(1.0, self.base_score + self.debate_edge))


def base_score(reports: Sequence[AnalystReport]) -> float:
    """The confidence-weighted mean of the analysts' scores (0 when no analyst is confident)."""
    num = 0.0
    den = 0.0
    for r in reports:
        num += r.confidence * r.score
        den += r.confidence
    return num / den if den > 0 else 0.0


def debate_edge(plan: DebatePlan) -> float:
    """What the rounds' unanswered points add (see the module docstring)."""
    rounds = sorted({m.round for m in plan.rebuttals})
    if not rounds:
        return 0.0
    total = 0.0
    for r in rounds:
        for m in plan.rebuttals:
            if m.round == r:
                # a bear rebuttal leaves part of a bull point standing (+), a bull one part of a bear point (-)
                total += m.standing if m.side == "bear" else -m.standing
    return DEBATE_WEIGHT * total / len(rounds)


def weigh(reports: Sequence[AnalystReport], plan: DebatePlan) -> Weighing:
    return Weighing(base_score(reports), debate_edge(plan))


def risk_veto(reports: Sequence[AnalystReport]) -> AnalystReport | None:
    """The risk analyst's report when it vetoes new risk (score <= RISK_VETO_SCORE), else None."""
    for r in reports:
        if r.analyst == RISK_ANALYST and r.score <= RISK_VETO_SCORE:
            return r
    return None


def decide(
    conviction: float,
    w: Weighing,
    rules: Rules,
    reports: Sequence[AnalystReport],
    plan: DebatePlan,
    *,
    price: float,
    atr: float,
    holding: bool,
) -> Verdict:
    """Enter, exit or nothing, with the sentence that says why (see the module docstring)."""
    why = _numbers(conviction, w)
    if holding:
        if conviction < rules.exit_threshold:
            against = _best(plan.bear)
            return Verdict(
                "exit",
                f"Exit the long: {why} fell below the exit threshold {rules.exit_threshold:+.2f}"
                + (f"; the bear's strongest point: {against.sentence}." if against else "."),
                price,
            )
        return Verdict(
            "none",
            f"Keep the long: {why} is not below the exit threshold {rules.exit_threshold:+.2f}.",
            price,
        )
    if conviction < rules.threshold:
        return Verdict("none", f"No trade: {why} is below the entry threshold {rules.threshold:.2f}.", price)
    veto = risk_veto(reports)
    if veto is not None:
        return Verdict(
            "none",
            f"No trade: {why} clears the threshold {rules.threshold:.2f}, but the risk analyst vetoes "
            f"new risk (score {veto.score:+.2f}): {veto.summary}",
            price,
        )
    if not (math.isfinite(atr) and atr > 0):
        return Verdict(
            "none", f"No trade: {why} clears the threshold, but there is no ATR to place a stop.", price
        )
    stop = price - rules.atr_stop * atr
    if stop <= 0:
        return Verdict(
            "none", f"No trade: a stop {rules.atr_stop:g} ATR below {price:g} would be <= 0.", price
        )
    target = price + rules.reward_risk * (price - stop)
    best = _best(plan.bull)
    return Verdict(
        "enter",
        f"Ask the gate for a long at {price_text(price)}: {why} clears the threshold {rules.threshold:.2f}"
        + (f"; strongest point: {best.sentence}" if best else "")
        + f". Stop {price_text(stop)} ({rules.atr_stop:g} x ATR {figure_text(atr)}), target "
        f"{price_text(target)} ({rules.reward_risk:g}R).",
        price,
        stop,
        target,
        atr,
    )


def _numbers(conviction: float, w: Weighing) -> str:
    text = f"conviction {conviction:+.2f} (analysts {w.base_score:+.2f}, debate {w.debate_edge:+.2f}"
    if conviction != w.conviction:
        text += f"; lowered by the arbiter from {w.conviction:+.2f}"
    return text + ")"


def _best(pts: Sequence[Point]) -> Point | None:
    return pts[0] if pts else None
