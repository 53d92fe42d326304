"""The debate's roles speaking through a language model (`LlmCaller`), and the checks on what they say.

A role gets the analysts' evidence (names, figures, notes, weights, confidences), the move the
deterministic debate has fixed for it (which point it answers, with what) with the offline wording
as a draft, and the other side's last argument. It must reply with one JSON object, validated by
pydantic with no extra keys allowed:

- bull / bear: ``{"argument": "...", "evidence": ["technical.rsi_14", ...]}`` — every cited name must
  be one of the snapshot's evidence names;
- arbiter: ``{"decision": "agree" | "lower" | "abstain", "conviction": number | null, "explanation": "..."}``.

Anything else — no answer (`LlmUnavailable`: budget, deadline, dead endpoint, no recording), text
that is not a JSON object, a missing or extra key, an unknown evidence name — makes that turn fall
back to the offline argument, and the turn records why in a few safe words (never the model's text).

The rule that keeps the numbers the reports' own: a researcher's words change nothing the arbiter
computes (the moves and what stands are fixed before any model is asked), and the LLM arbiter can only
move the conviction toward zero (`lowered`): "agree" keeps it, "lower" takes the proposed figure
only when it has the same sign and a smaller size, "abstain" makes it 0. So a model can talk the
debate out of an action — no entry, no exit, the stop still protects a position — but never into
one, and nothing it writes can carry a quantity: sizing is the RiskGate's alone.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aitrader.agents.debate.researchers import Point
from aitrader.agents.llm_calls import LlmCaller, LlmRequest, LlmUnavailable

ARGUMENT_CHARS = 1500
MAX_CITED = 8
REPLY_TOKENS = 400
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.DOTALL)


class ArgumentReply(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    argument: str = Field(min_length=1, max_length=ARGUMENT_CHARS)
    evidence: list[str] = Field(default_factory=list, max_length=MAX_CITED)


class ArbiterReply(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: Literal["agree", "lower", "abstain"]
    conviction: float | None = Field(default=None, ge=-1.0, le=1.0, allow_inf_nan=False)
    explanation: str = Field(min_length=1, max_length=ARGUMENT_CHARS)


@dataclass(frozen=True)
class Spoken:
    """What a role said through the model, or why it did not (`text` None: use the offline turn)."""

    text: str | None
    evidence: tuple[str, ...] = ()
    fallback: str = ""


@dataclass(frozen=True)
class Ruling:
    """The LLM arbiter's word: the conviction it leaves (never larger than the computed one), its
    explanation, or why it was not heard (`explanation` None)."""

    conviction: float
    explanation: str | None
    fallback: str = ""


def lowered(computed: float, proposed: float) -> float:
    """`proposed` where it lies between 0 and `computed` (same sign, no larger), else the nearer of
    the two to zero: a model can shrink the conviction, never grow it or flip its sign."""
    if not math.isfinite(proposed) or proposed * computed <= 0.0:
        return 0.0
    return math.copysign(min(abs(computed), abs(proposed)), computed)


def evidence_table(pts: Sequence[Point]) -> list[dict[str, Any]]:
    """The evidence as the model sees it: name, figure, meaning, push and the analyst's confidence."""
    return [
        {
            "name": p.key,
            "value": p.item.value,
            "unit": p.item.unit,
            "note": p.item.note,
            "weight": p.item.weight,
            "confidence": p.confidence,
        }
        for p in pts
    ]


def ask_researcher(
    caller: LlmCaller,
    *,
    role: str,
    snapshot_id: str,
    system: str,
    facts: Mapping[str, Any],
    known: frozenset[str],
) -> Spoken:
    """One researcher turn through `caller`; the reply is checked against `known` evidence names."""
    content, why = _ask(caller, role, snapshot_id, system, facts)
    if content is None:
        return Spoken(None, fallback=why)
    try:
        reply = ArgumentReply.model_validate(_json_object(content))
    except (ValueError, ValidationError) as exc:
        return Spoken(None, fallback=_why_invalid(exc))
    text = clean_text(reply.argument)
    if not text:
        return Spoken(None, fallback="the reply's argument is empty")
    if any(name not in known for name in reply.evidence):
        return Spoken(None, fallback="the reply cites evidence that is not in the reports")
    return Spoken(text, tuple(dict.fromkeys(reply.evidence)))


def ask_arbiter(
    caller: LlmCaller, *, snapshot_id: str, system: str, facts: Mapping[str, Any], computed: float
) -> Ruling:
    """The arbiter's turn through `caller`: the conviction it leaves under the `lowered` rule."""
    content, why = _ask(caller, "debate.arbiter", snapshot_id, system, facts)
    if content is None:
        return Ruling(computed, None, why)
    try:
        reply = ArbiterReply.model_validate(_json_object(content))
    except (ValueError, ValidationError) as exc:
        return Ruling(computed, None, _why_invalid(exc))
    text = clean_text(reply.explanation)
    if not text:
        return Ruling(computed, None, "the reply's explanation is empty")
    if reply.decision == "abstain":
        return Ruling(0.0, text)
    if reply.decision == "lower" and reply.conviction is None:
        return Ruling(computed, None, "the reply lowers the conviction without a figure")
    proposed = computed if reply.conviction is None else reply.conviction
    return Ruling(lowered(computed, proposed), text)


def clean_text(text: str) -> str:
    """The model's words without control characters or surrounding blanks."""
    return _CONTROL.sub(" ", text).strip()


def _ask(
    caller: LlmCaller, role: str, snapshot_id: str, system: str, facts: Mapping[str, Any]
) -> tuple[str | None, str]:
    messages = (
        {"role": "system", "content": system},
        {"role": "user", "content": json.dumps(facts, sort_keys=True, ensure_ascii=False)},
    )
    request = LlmRequest(role, snapshot_id, messages, json_reply=True, max_tokens=REPLY_TOKENS)
    try:
        response = caller.complete(request)
    except LlmUnavailable as exc:
        return None, f"LLM unavailable: {exc.reason}"
    if response.content is None or not response.content.strip():
        return None, "the reply has no text"
    return response.content, ""


def _json_object(content: str) -> dict[str, Any]:
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise ValueError("the reply is not JSON") from None
    if not isinstance(value, dict):
        raise ValueError("the reply is not a JSON object")
    return value


def _why_invalid(exc: ValueError | ValidationError) -> str:
    """Why a reply was refused, in our words only (a key the model invented is not repeated)."""
    if isinstance(exc, ValidationError):
        known = {*ArgumentReply.model_fields, *ArbiterReply.model_fields}
        fields = sorted(
            "an unexpected key" if e["type"] == "extra_forbidden" else str(e["loc"][0])
            for e in exc.errors()
            if e["type"] == "extra_forbidden" or (e["loc"] and str(e["loc"][0]) in known)
        )
        return f"the reply does not match the schema ({', '.join(dict.fromkeys(fields)) or 'reply'})"
    return str(exc)
