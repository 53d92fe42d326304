"""Recorded LLM answers, so a backtest of a debate or LLM strategy reruns bit for bit without a model.

The answers live in an `AnswerStore` (`answer_store`), keyed by the question: (model, role, snapshot
id, the call's ordinal within that decision). The request each answer was recorded for is kept as a
digest beside it: a replay asked with other bytes (the last digit of a float, live vs backtest) is
still answered, and the difference is kept as a `Divergence` ("prompt differs").

`RecordingCaller(inner, store, mode)`:
- "record": an answer already in the store is given back (`replayed=True`); otherwise `inner` is
  called and its answer (or its "no answer") stored — a stored "no answer" is asked again;
- "replay": only the store answers; a call with nothing recorded is `LlmUnavailable("no recorded
  answer for <role> (call N) about snapshot <id>")` and no model is ever called. A replayed response
  equals the recorded one field for field but `replayed`; decisions noted during a replay are
  compared with the recorded ones.
`replay_report()` sums up what the recording answered, what it could not and what differed, for a
command to print in one line (`ReplayReport.line()`) at the end of a run.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from aitrader.agents.llm.answer_store import (
    AnswerStore,
    CallOrdinals,
    Recorded,
    canonical_json,
    request_digest,
)
from aitrader.agents.llm.trace import AgentTrace, call_record, finish_call, new_id
from aitrader.agents.llm_calls import LlmCaller, LlmRequest, LlmResponse, LlmUnavailable

__all__ = ["NOT_RECORDED", "AnswerStore", "Divergence", "RecordingCaller", "ReplayReport", "replay_line"]

Mode = Literal["record", "replay"]
NOT_RECORDED = "no recorded answer"
DECISION_DIFFERS = "decision differs"
NO_DECISION_RECORDED = "no decision recorded"


def not_recorded(request: LlmRequest, ordinal: int) -> str:
    """The reason a replay gives for a call with nothing recorded: which role, call and snapshot."""
    return f"{NOT_RECORDED} for {request.role} (call {ordinal + 1}) about snapshot {request.snapshot_id}"


@dataclass(frozen=True)
class Divergence:
    """Something a replay met that differs from the recording: a request answered although its bytes
    differ (`what` "prompt differs", "tools differ" or "reply options differ"; `ordinal` the call's),
    or a decision noted that differs from the recorded one (`what` "decision differs", or "no
    decision recorded" with `recorded` None)."""

    snapshot_id: str
    role: str
    what: str
    recorded: str | None = None  # the recorded request digest or decision JSON
    replayed: str | None = None  # the replay's
    ordinal: int | None = None

    @property
    def about_request(self) -> bool:
        return self.ordinal is not None


@dataclass(frozen=True)
class ReplayReport:
    """What a `RecordingCaller` did so far (see `line()` for the sentence a command prints)."""

    mode: str
    answered: int  # requests answered from the recording: no model called
    failures: int  # requests whose recorded "no answer" was given again (replay)
    missing: int  # requests with no recorded answer (replay): their decisions went without
    asked: int  # requests the model was asked (record)
    requests_differ: int  # of `answered` and `failures`: recorded for other bytes (a Divergence each)
    decisions_differ: int  # decisions noted that differ from the recorded ones (a Divergence each)
    legacy: int  # of `answered`: found in an old-scheme recording by the exact request
    first_missing: str | None  # the first miss's reason ("no recorded answer for … about snapshot …")
    legacy_note: str | None  # the store's note on old-scheme answers (None when it has none)

    @property
    def clean(self) -> bool:
        """Nothing missing and nothing differed: the run replayed what was recorded."""
        return not (self.missing or self.requests_differ or self.decisions_differ)

    def line(self) -> str:
        parts = [f"{self.answered} answered from the recording"]
        if self.legacy:
            parts[0] += f" ({self.legacy} from old-scheme recordings)"
        if self.mode == "record":
            parts.append(f"{self.asked} asked the model")
        if self.failures:
            parts.append(f"{self.failures} recorded failure(s) replayed")
        if self.mode == "replay" or self.missing:
            missing = f"{self.missing} with no recorded answer"
            parts.append(missing + (f" (first: {self.first_missing})" if self.first_missing else ""))
        parts.append(f"{self.requests_differ} answered for a different prompt")
        parts.append(f"{self.decisions_differ} decision(s) differ from the recording")
        return f"LLM answers ({self.mode}): " + ", ".join(parts)


class RecordingCaller:
    """An `LlmCaller` in front of `inner` (None in replay) and `store`; see the module docstring.
    `trace`, when given, gets a call record for each answer given from the store (outcome
    "replayed", `"replayed": true`) and the decisions noted without an `inner` to trace them."""

    def __init__(
        self, inner: LlmCaller | None, store: AnswerStore, mode: Mode, trace: AgentTrace | None = None
    ) -> None:
        if mode not in ("record", "replay"):
            raise ValueError(f"unknown recording mode {mode!r}: 'record' or 'replay'")
        if mode == "record" and inner is None:
            raise ValueError("recording needs a caller to record (no LLM is configured)")
        self.inner = inner if mode == "record" else None
        self.store = store
        self.mode = mode
        self.trace = trace
        self.divergences: list[Divergence] = []
        self._ordinals = CallOrdinals()
        self._lock = threading.Lock()
        self._counts = {"answered": 0, "failures": 0, "missing": 0, "asked": 0, "legacy": 0}
        self._first_missing: str | None = None

    def complete(self, request: LlmRequest) -> LlmResponse:
        ordinal = self._ordinals.next(request)
        recorded = self.store.get(request, ordinal)
        if recorded is not None and isinstance(recorded.answer, LlmResponse):
            self._met(request, ordinal, recorded, "legacy" if recorded.legacy else "answered")
            self._trace_replayed(request, ordinal, recorded.answer, None, recorded.differs)
            return recorded.answer
        if self.inner is None:
            if recorded is not None and isinstance(recorded.answer, LlmUnavailable):
                reason = recorded.answer.reason  # the recorded "no answer", given again
                self._met(request, ordinal, recorded, "failures")
            else:
                reason = not_recorded(request, ordinal)
                self._note_missing(reason)
            self._trace_replayed(request, ordinal, None, reason, recorded.differs if recorded else None)
            raise LlmUnavailable(reason)
        with self._lock:
            self._counts["asked"] += 1
        try:
            response = self.inner.complete(request)
        except LlmUnavailable as why:
            self.store.put_unavailable(request, ordinal, why.reason)
            raise
        self.store.put(request, ordinal, response)
        return response

    def note_decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> None:
        self._ordinals.decided(snapshot_id, role)  # deciding this snapshot again asks from call 1
        text = canonical_json(decision)
        if self.mode == "replay":
            recorded = self.store.decision(snapshot_id, role)
            if recorded != text:
                what = NO_DECISION_RECORDED if recorded is None else DECISION_DIFFERS
                with self._lock:
                    self.divergences.append(Divergence(snapshot_id, role, what, recorded, text))
        else:
            self.store.put_decision(snapshot_id, role, decision)
        if self.inner is not None:
            self.inner.note_decision(snapshot_id, role, decision)
        elif self.trace is not None:
            self.trace.decision(snapshot_id, role, decision)

    def replay_report(self) -> ReplayReport:
        """What this caller answered from the recording, asked the model, missed and saw differ."""
        with self._lock:
            counts = dict(self._counts)
            requests_differ = sum(1 for d in self.divergences if d.about_request)
            decisions_differ = len(self.divergences) - requests_differ
            first_missing = self._first_missing
        return ReplayReport(
            mode=self.mode,
            answered=counts["answered"] + counts["legacy"],
            failures=counts["failures"],
            missing=counts["missing"],
            asked=counts["asked"],
            requests_differ=requests_differ,
            decisions_differ=decisions_differ,
            legacy=counts["legacy"],
            first_missing=first_missing,
            legacy_note=self.store.legacy_note,
        )

    def _met(self, request: LlmRequest, ordinal: int, recorded: Recorded, counter: str) -> None:
        with self._lock:
            self._counts[counter] += 1
            if recorded.differs is not None:
                self.divergences.append(
                    Divergence(
                        request.snapshot_id,
                        request.role,
                        recorded.differs,
                        None,
                        request_digest(request),
                        ordinal,
                    )
                )

    def _note_missing(self, reason: str) -> None:
        with self._lock:
            self._counts["missing"] += 1
            if self._first_missing is None:
                self._first_missing = reason

    def _trace_replayed(
        self,
        request: LlmRequest,
        ordinal: int,
        response: LlmResponse | None,
        reason: str | None,
        differs: str | None,
    ) -> None:
        if self.trace is None:
            return
        record = call_record(new_id("r"), request, self.store.model)
        record["replayed"] = True  # no model was called: not a cost of this run
        record["replay_of"] = response.call_id if response is not None else None
        record["ordinal"] = ordinal
        record["differs"] = differs
        self.trace.call(
            finish_call(
                record,
                response,
                outcome="replayed" if response is not None else "unavailable",
                error=reason,
                token_source="recorded" if response is not None else None,
            )
        )


def replay_line(caller: object) -> str | None:
    """The one-line summary of `caller`'s recorded answers (`ReplayReport.line()`), with the store's
    note on old-scheme answers after it when there are any; None for a caller that is not a
    `RecordingCaller` (a live one: every answer came from the model)."""
    if not isinstance(caller, RecordingCaller):
        return None
    report = caller.replay_report()
    return report.line() + (f". {report.legacy_note}" if report.legacy_note and report.missing else "")
