"""The adviser's decision: a strict schema, checked against the snapshot, turned into a `Proposal`.

The executor must answer with one JSON object that fits `AdviserDecision` exactly (strict types,
no extra keys: a "quantity" or an "order_type" is refused, not ignored). A decision that fits the
schema is then checked against the snapshot it was made on (`decision_problems`): a long's stop
below the close and its targets above it, every price within a sane band of the close, fractions
that add up to one, an exit only of a long that is open. What fails either check is garbage: the
executor is told why and may revise; after its revisions, no trade, with the reason kept.

`to_proposal` is the only way a decision becomes a `Proposal` (strategy "llm"). It takes the
decision price from the snapshot (the bar's close), never from the model, and carries no quantity:
the RiskGate sizes.
"""

from __future__ import annotations

import json
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aitrader.agents.reports import AnalystReport
from aitrader.agents.snapshot import Snapshot
from aitrader.domain.enums import Side
from aitrader.domain.proposal import Enter, Evidence, Exit, Proposal, Target

STRATEGY = "llm"
Action = Literal["enter_long", "exit", "hold"]
MAX_RATIONALE = 600
MAX_EVIDENCE = 12


class DecisionInvalidError(ValueError):
    """The model's reply is not a valid decision for this snapshot; `str()` says why, briefly."""


class DecisionTarget(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    price: float = Field(gt=0, allow_inf_nan=False)
    fraction: float = Field(gt=0, le=1, allow_inf_nan=False)


class AdviserDecision(BaseModel):
    """What the executor answers (see `SCHEMA_TEXT` for the words the model reads)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    action: Action
    price: float | None = Field(default=None, gt=0, allow_inf_nan=False)  # the close it decided at
    stop: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    targets: tuple[DecisionTarget, ...] = Field(default=(), max_length=4)
    confidence: float = Field(ge=0, le=1, allow_inf_nan=False)
    rationale: str = Field(min_length=1, max_length=MAX_RATIONALE)
    evidence: tuple[str, ...] = Field(default=(), max_length=MAX_EVIDENCE)


SCHEMA_TEXT = (
    '{"action": "enter_long" | "exit" | "hold", '
    '"price": <the last close you decided at>, '
    '"stop": <price below the close, for enter_long>, '
    '"targets": [{"price": <price above the close>, "fraction": <share of the position, all sum to 1>}], '
    '"confidence": <0..1>, "rationale": "<one or two sentences>", '
    '"evidence": ["<names of the features or analysts you relied on>"]}'
)


def _strip_fence(text: str) -> str:
    """A reply wrapped in a Markdown code fence (```json ... ```) is read without the fence."""
    s = text.strip()
    if s.startswith("```") and s.endswith("```") and len(s) >= 6:
        s = s[3:-3]
        first, _, rest = s.partition("\n")
        s = rest if first.strip().lower() in ("", "json") else s
    return s.strip()


def _pydantic_problems(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False, include_input=False)[:6]:
        where = ".".join(str(x) for x in err["loc"]) or "reply"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def parse_decision(text: str | None, snap: Snapshot, band: float) -> AdviserDecision:
    """The decision in `text`, checked against `snap` (prices within `band` of the close), or
    `DecisionInvalidError` saying what is wrong."""
    if text is None or not text.strip():
        raise DecisionInvalidError("the reply is empty: answer with one JSON object")
    try:
        raw = json.loads(_strip_fence(text))
    except json.JSONDecodeError as exc:
        raise DecisionInvalidError(f"the reply is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(raw, dict):
        raise DecisionInvalidError("the reply must be one JSON object, not a list or a scalar")
    try:
        decision = AdviserDecision.model_validate_json(json.dumps(raw))
    except ValidationError as exc:
        raise DecisionInvalidError(f"the reply does not fit the schema: {_pydantic_problems(exc)}") from None
    problems = decision_problems(decision, snap, band)
    if problems:
        raise DecisionInvalidError("; ".join(problems))
    return decision


def decision_problems(d: AdviserDecision, snap: Snapshot, band: float) -> list[str]:
    """What makes `d` impossible or unreasonable on `snap` (empty: it may stand)."""
    close = snap.close
    lo, hi = close * (1 - band), close * (1 + band)
    pos = snap.book.get(snap.symbol)
    out: list[str] = []
    if d.price is not None and not lo <= d.price <= hi:
        out.append(f"price {d.price:g} is not within {band:.0%} of the close {close:g}")
    if d.action == "exit" and (pos is None or not pos.is_long):
        out.append("there is no open long position to exit: answer enter_long or hold")
    if d.action != "enter_long":
        return out
    if pos is not None:
        out.append(f"a position in {snap.symbol} is already open: answer exit or hold")
    if d.stop is None:
        out.append("enter_long needs a stop")
    elif not d.stop < close:
        out.append(f"stop {d.stop:g} must lie below the close {close:g} for a long")
    elif d.stop < lo:
        out.append(f"stop {d.stop:g} is more than {band:.0%} below the close {close:g}")
    if not d.targets:
        out.append("enter_long needs at least one target")
    for t in d.targets:
        if not t.price > close:
            out.append(f"target {t.price:g} must lie above the close {close:g} for a long")
        elif t.price > hi:
            out.append(f"target {t.price:g} is more than {band:.0%} above the close {close:g}")
    total = math.fsum(t.fraction for t in d.targets)
    if d.targets and abs(total - 1.0) > 1e-6:
        out.append(f"target fractions must sum to 1, got {total:g}")
    return out


def _evidence(
    d: AdviserDecision, snap: Snapshot, reports: tuple[AnalystReport, ...]
) -> dict[str, float | int | str | bool]:
    """The cited names the snapshot can back with a figure: a feature's value at the bar or an
    analyst's score. Names it cannot back are left out (a model cannot invent evidence)."""
    scores = {r.analyst: r.score for r in reports}
    out: dict[str, float | int | str | bool] = {"snapshot_id": snap.snapshot_id}
    for name in d.evidence:
        if name in scores:
            out[f"analyst.{name}"] = round(scores[name], 6)
        elif name in snap.view.features:
            v = snap.view.value(name)
            if math.isfinite(v):
                out[name] = round(v, 6)
    out["model_confidence"] = round(d.confidence, 6)
    return out


def _rationale(d: AdviserDecision) -> str:
    text = " ".join(d.rationale.split())
    return f"{STRATEGY}: {text}"


def to_proposal(
    d: AdviserDecision, snap: Snapshot, reports: tuple[AnalystReport, ...] = ()
) -> Proposal | None:
    """`d` as a proposal on `snap` (None for hold). Only the stop, the targets, the confidence and
    the words come from the model; symbol, side, decision price and time come from the snapshot."""
    view = snap.view
    evidence: Evidence = _evidence(d, snap, reports)
    if d.action == "hold":
        return None
    if d.action == "exit":
        return Exit(
            view.symbol, _rationale(d), view.close, view.time_ms, strategy=STRATEGY, evidence=evidence
        )
    assert d.stop is not None  # decision_problems holds it
    total = math.fsum(t.fraction for t in d.targets)  # within 1e-6 of 1: made exact here
    return Enter(
        symbol=view.symbol,
        side=Side.BUY,
        price=view.close,
        stop=float(d.stop),
        targets=tuple(Target(float(t.price), float(t.fraction) / total) for t in d.targets),
        confidence=float(d.confidence),
        rationale=_rationale(d),
        time_ms=view.time_ms,
        strategy=STRATEGY,
        evidence=evidence,
    )


def decision_json(d: AdviserDecision) -> dict[str, object]:
    """The decision as plain JSON data (for deliberation records and traces)."""
    return d.model_dump(mode="json")
