"""One debate from start to verdict: the plan, every turn in words (offline or through an LLM), the
arbiter's numbers and decision, as a `DebateRecord`.

`deliberate` is deterministic offline: equal snapshots and reports give byte-identical records.
With an `LlmCaller`, each role speaks through it (roles "debate.bull", "debate.bear",
"debate.arbiter"; see `llm_turns` for what a reply must look like and the rule that keeps the
numbers the reports' own); a turn the model cannot give falls back to the offline words, recorded
with the reason. A recording caller replays the same answers, so such a debate reruns bit for bit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from msgspec.structs import replace

from aitrader.agents.debate.arbiter import Rules, decide, weigh
from aitrader.agents.debate.llm_turns import ask_arbiter, ask_researcher, evidence_table
from aitrader.agents.debate.record import DebateRecord, Turn, Verdict
from aitrader.agents.debate.researchers import (
    DebatePlan,
    Side,
    move_evidence,
    opening_text,
    other,
    plan_debate,
    rebuttal_text,
)
from aitrader.agents.llm_calls import LlmCaller
from aitrader.agents.reports import AnalystReport
from aitrader.agents.snapshot import Snapshot

_RESEARCHER_SYSTEM = (
    "You are the {side} researcher in a trading debate about {symbol} on {tf} candles. Argue {lean} "
    "buying, using only the evidence items given and quoting their figures; the move you make (which "
    "point you answer, with which evidence) is fixed in 'your_move' and 'draft' words it. You cannot "
    "change any number, trade, size or order: the decision is computed from the analysts' reports. "
    'Reply with one JSON object and nothing else: {{"argument": "<at most 120 words>", '
    '"evidence": ["<evidence name from the list>", ...]}}.'
)
_ARBITER_SYSTEM = (
    "You are the arbiter of a trading debate about {symbol} on {tf} candles. The conviction "
    "(-1 bearish .. +1 bullish) was computed from the analysts' reports and the debate: "
    "'computed_conviction'. You may agree with it, lower it toward zero, or abstain (conviction 0); "
    "you can never raise it or change its sign, and you decide no trade, size or order. "
    'Reply with one JSON object and nothing else: {{"decision": "agree" | "lower" | "abstain", '
    '"conviction": <number or null>, "explanation": "<at most 80 words>"}}.'
)


def deliberate(
    snap: Snapshot,
    reports: Sequence[AnalystReport],
    *,
    rounds: int,
    rules: Rules,
    holding: bool,
    atr: float,
    caller: LlmCaller | None = None,
) -> DebateRecord:
    """The debate about `snap` from `reports` (see the module docstring)."""
    plan = plan_debate(reports, rounds)
    turns = _speak(snap, plan, caller)
    w = weigh(reports, plan)
    computed = w.conviction
    conviction = computed
    arbiter_text: str | None = None
    fallback = ""
    if caller is not None:
        ruling = ask_arbiter(
            caller,
            snapshot_id=snap.snapshot_id,
            system=_ARBITER_SYSTEM.format(symbol=snap.symbol, tf=snap.view.timeframe.value),
            facts=_arbiter_facts(snap, reports, turns, computed, rules, holding),
            computed=computed,
        )
        conviction, arbiter_text, fallback = ruling.conviction, ruling.explanation, ruling.fallback
    verdict = decide(conviction, w, rules, reports, plan, price=snap.close, atr=atr, holding=holding)
    turns.append(
        Turn(
            rounds + 1,
            "arbiter",
            arbiter_text if arbiter_text is not None else verdict.rationale,
            (),
            "llm" if arbiter_text is not None else "offline",
            fallback,
        )
    )
    record = DebateRecord(
        symbol=snap.symbol,
        timeframe=snap.view.timeframe.value,
        time_ms=snap.close_ms,
        snapshot_id=snap.snapshot_id,
        holding=holding,
        reports=tuple(reports),
        rounds=tuple(turns),
        base_score=w.base_score,
        debate_edge=w.debate_edge,
        computed_conviction=computed,
        conviction=conviction,
        threshold=rules.threshold,
        exit_threshold=rules.exit_threshold,
        verdict=verdict,
    )
    if caller is not None:
        caller.note_decision(
            snap.snapshot_id,
            "debate",
            {  # what `aitrader traces` shows and joins with the journal's outcome
                "symbol": snap.symbol,
                "time_ms": snap.close_ms,
                "proposal": _proposal_note(verdict, snap.symbol),
                "why": verdict.rationale,
                "conviction": conviction,
            },
        )
    return record


@dataclass(frozen=True)
class _Step:
    """A researcher turn as the plan fixes it, before anyone words it."""

    round: int
    side: Side
    draft: str
    evidence: tuple[str, ...]
    move: Mapping[str, Any]
    answers: str = ""
    standing: float = 0.0


def _steps(plan: DebatePlan) -> list[_Step]:
    steps = [
        _Step(0, op.side, opening_text(op), keys, {"turn": "opening", "your_case": keys})
        for op in plan.openings
        for keys in [tuple(p.key for p in op.case)]
    ]
    for m in plan.rebuttals:
        move = {
            "turn": f"rebuttal round {m.round}",
            "answer": m.target.key if m.target else None,
            "answer_with": m.counter.key if m.counter else None,
            "left_standing": m.standing,
        }
        answers = m.target.key if m.target else ""
        steps.append(_Step(m.round, m.side, rebuttal_text(m), move_evidence(m), move, answers, m.standing))
    return steps


def _speak(snap: Snapshot, plan: DebatePlan, caller: LlmCaller | None) -> list[Turn]:
    """Every researcher turn: the offline words, or the model's where it gave valid ones."""
    turns: list[Turn] = []
    last: dict[Side, str] = {"bull": "", "bear": ""}
    table = evidence_table((*plan.bull, *plan.bear)) if caller is not None else []
    known = plan.evidence_names()
    tf = snap.view.timeframe.value
    for step in _steps(plan):
        turn = Turn(
            step.round, step.side, step.draft, step.evidence, "offline", "", step.answers, step.standing
        )
        if caller is not None:
            lean = "for" if step.side == "bull" else "against"
            spoken = ask_researcher(
                caller,
                role=f"debate.{step.side}",
                snapshot_id=snap.snapshot_id,
                system=_RESEARCHER_SYSTEM.format(side=step.side, symbol=snap.symbol, tf=tf, lean=lean),
                facts={
                    "symbol": snap.symbol,
                    "evidence": table,
                    "your_move": step.move,
                    "draft": step.draft,
                    "opponent_last_argument": last[other(step.side)],
                },
                known=known,
            )
            if spoken.text is not None:
                turn = replace(
                    turn, text=spoken.text, evidence=spoken.evidence or step.evidence, engine="llm"
                )
            else:
                turn = replace(turn, fallback=spoken.fallback)
        last[step.side] = turn.text
        turns.append(turn)
    return turns


def _arbiter_facts(
    snap: Snapshot,
    reports: Sequence[AnalystReport],
    turns: Sequence[Turn],
    computed: float,
    rules: Rules,
    holding: bool,
) -> Mapping[str, Any]:
    return {
        "symbol": snap.symbol,
        "reports": [
            {
                "analyst": r.analyst,
                "stance": r.stance.value,
                "score": r.score,
                "confidence": r.confidence,
                "summary": r.summary,
            }
            for r in reports
        ],
        "debate": [{"round": t.round, "speaker": t.speaker, "text": t.text} for t in turns],
        "computed_conviction": computed,
        "entry_threshold": rules.threshold,
        "exit_threshold": rules.exit_threshold,
        "holding_a_long": holding,
    }


def _proposal_note(verdict: Verdict, symbol: str) -> dict[str, object] | None:
    """The verdict as the trace's proposal mapping (kind, side, price, stop), None for no trade."""
    if verdict.action == "enter":
        return {
            "kind": "enter",
            "side": "BUY",
            "symbol": symbol,
            "price": verdict.price,
            "stop": verdict.stop,
        }
    if verdict.action == "exit":
        return {"kind": "exit", "symbol": symbol, "price": verdict.price}
    return None
