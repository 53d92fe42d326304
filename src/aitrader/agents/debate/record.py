"""`DebateRecord`: one debate as it happened — the reports, every turn, the numbers and the verdict.

A record is a `Value` (a frozen msgspec struct): `to_json()` gives the same bytes for the same debate
every time (fields in declaration order, floats in their shortest exact form), which is what lets it
be journaled, shown, compared in a test and replayed. It holds no key, no endpoint and no raw model
output beyond the argument text a role was allowed to say.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from aitrader.agents.reports import AnalystReport
from aitrader.domain.value import Value

Speaker = Literal["bull", "bear", "arbiter"]
Engine = Literal["offline", "llm"]
Action = Literal["enter", "exit", "none"]


class Turn(Value, frozen=True):
    """One thing said in the debate.

    `round` 0 is the opening case, 1..N the rebuttal rounds, N+1 the arbiter. `evidence` names the
    evidence items the turn rests on (`analyst.item`, e.g. "technical.rsi_14"). `engine` says who
    wrote `text`: the offline researcher or a language model; `fallback` says why an LLM turn was
    not used (then `engine` is "offline"). For a rebuttal, `answers` names the opponent's point it
    takes on and `standing` is how much of that point's strength (|weight| x confidence) the
    rebuttal left unanswered: the arbiter adds it to the other side's score.
    """

    round: int
    speaker: Speaker
    text: str
    evidence: tuple[str, ...] = ()
    engine: Engine = "offline"
    fallback: str = ""
    answers: str = ""
    standing: float = 0.0


class Verdict(Value, frozen=True):
    """What the arbiter decided: `action` ("enter" a long, "exit" the long, or "none"), why, and for
    an entry the decision price, the protective stop and the target asked of the RiskGate."""

    action: Action
    rationale: str
    price: float
    stop: float | None = None
    target: float | None = None
    atr: float | None = None


class DebateRecord(Value, frozen=True):
    """A debate about `symbol` on `timeframe`, decided at `time_ms` (the bar's close, as the reports).

    The numbers: `base_score` (the confidence-weighted mean of the analysts' scores), `debate_edge`
    (what the rounds' unanswered points add), `computed_conviction` (their sum, clipped to [-1, 1])
    and `conviction`, the one decided on — equal to the computed one unless an LLM arbiter lowered
    it toward zero (it can never raise it). `threshold` is the entry bar, `exit_threshold` the exit
    bar when `holding`.
    """

    symbol: str
    timeframe: str
    time_ms: int
    snapshot_id: str
    holding: bool
    reports: tuple[AnalystReport, ...]
    rounds: tuple[Turn, ...]
    base_score: float
    debate_edge: float
    computed_conviction: float
    conviction: float
    threshold: float
    exit_threshold: float
    verdict: Verdict

    def to_json(self) -> bytes:
        """The record as JSON, byte for byte the same for the same debate."""
        return msgspec.json.encode(self)

    @staticmethod
    def from_json(data: bytes | str) -> DebateRecord:
        return msgspec.json.decode(data, type=DebateRecord)

    def turns_of(self, speaker: Speaker) -> tuple[Turn, ...]:
        """What `speaker` said, in order (the chat answers "what did the bear say?" from this)."""
        return tuple(t for t in self.rounds if t.speaker == speaker)

    @property
    def used_llm(self) -> bool:
        return any(t.engine == "llm" for t in self.rounds)
