"""Recorded LLM answers, so a backtest of a debate or LLM strategy reruns bit for bit without a model.

`AnswerStore` is one small SQLite file (`llm-answers.sqlite`, 0600) holding, per request key, what
the model answered (content, tool calls, token counts, cost, latency, the trace call id) or that
no answer came (the `LlmUnavailable` reason), and per (snapshot, role) the decision the calls led
to. The key (`request_key`) is a SHA-256 over the canonical JSON of the model, role, snapshot id,
messages, tools, `json_reply` and `max_tokens`: the same question about the same snapshot, the
same key, in a backtest and live alike.

`RecordingCaller(inner, store, mode)`:
- "record": an answer already in the store is given back (`replayed=True`); otherwise `inner` is
  called and its answer (or its "no answer") stored — a stored "no answer" is asked again;
- "replay": only the store answers; a missing key is `LlmUnavailable("no recorded answer for this
  snapshot")` and no model is ever called. A replayed response equals the recorded one field for
  field but `replayed`; decisions noted during a replay are compared with the recorded ones and
  any difference is kept in `divergences`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from aitrader.agents.chat.llm_files import open_private
from aitrader.agents.llm.trace import AgentTrace, call_record, finish_call, new_id, plain
from aitrader.agents.llm_calls import LlmCaller, LlmRequest, LlmResponse, LlmToolCall, LlmUnavailable

Mode = Literal["record", "replay"]
NOT_RECORDED = "no recorded answer for this snapshot"

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS answers (
        key TEXT PRIMARY KEY, model TEXT NOT NULL, role TEXT NOT NULL, snapshot_id TEXT NOT NULL,
        outcome TEXT NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS answers_snapshot ON answers (snapshot_id)",
    """CREATE TABLE IF NOT EXISTS decisions (
        model TEXT NOT NULL, snapshot_id TEXT NOT NULL, role TEXT NOT NULL, decision TEXT NOT NULL,
        created_ms INTEGER NOT NULL, PRIMARY KEY (model, snapshot_id, role))""",
)


def canonical_json(value: Any) -> str:
    """One text per value: keys sorted, no spaces, tuples as lists, anything else by `str`."""
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def request_key(model: str, request: LlmRequest) -> str:
    facts = {
        "model": model,
        "role": request.role,
        "snapshot_id": request.snapshot_id,
        "messages": request.messages,
        "tools": request.tools,
        "json_reply": request.json_reply,
        "max_tokens": request.max_tokens,
    }
    return hashlib.sha256(canonical_json(facts).encode("utf-8")).hexdigest()


def _response_json(response: LlmResponse) -> str:
    return canonical_json(
        {
            "content": response.content,
            "tool_calls": [[c.id, c.name, c.arguments] for c in response.tool_calls],
            "prompt_tokens": response.prompt_tokens,
            "completion_tokens": response.completion_tokens,
            "cost_usd": response.cost_usd,
            "latency_s": response.latency_s,
            "call_id": response.call_id,
        }
    )


def _response_from(text: str) -> LlmResponse:
    d = json.loads(text)
    return LlmResponse(
        content=d["content"],
        tool_calls=tuple(LlmToolCall(i, n, a) for i, n, a in d["tool_calls"]),
        prompt_tokens=int(d["prompt_tokens"]),
        completion_tokens=int(d["completion_tokens"]),
        cost_usd=float(d["cost_usd"]),
        latency_s=float(d["latency_s"]),
        replayed=True,
        call_id=str(d["call_id"]),
    )


class AnswerStore:
    """The recorded answers of `model` in the SQLite file at `path` (made 0600 with its folders 0700).
    A connection per operation, so one store serves any thread (the decider may run in a worker)."""

    def __init__(self, path: Path, model: str) -> None:
        self.path = path
        self.model = model
        self._lock = threading.Lock()
        os.close(open_private(path, os.O_RDWR))
        with self._db() as db:
            for statement in _SCHEMA:
                db.execute(statement)

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30)
            try:
                with db:  # one transaction: committed on success, rolled back on error
                    yield db
            finally:
                db.close()

    def get(self, request: LlmRequest) -> LlmResponse | LlmUnavailable | None:
        """The recorded answer (`replayed=True`), the recorded "no answer", or None when not recorded."""
        with self._db() as db:
            row = db.execute(
                "SELECT outcome, response FROM answers WHERE key = ?", (request_key(self.model, request),)
            ).fetchone()
        if row is None:
            return None
        outcome, text = row
        if outcome == "unavailable":
            return LlmUnavailable(str(json.loads(text)["reason"]))
        return _response_from(text)

    def put(self, request: LlmRequest, response: LlmResponse) -> None:
        self._put(request, "answer", _response_json(dataclasses.replace(response, replayed=False)))

    def put_unavailable(self, request: LlmRequest, reason: str) -> None:
        self._put(request, "unavailable", canonical_json({"reason": reason}))

    def _put(self, request: LlmRequest, outcome: str, text: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    request_key(self.model, request),
                    self.model,
                    request.role,
                    request.snapshot_id,
                    outcome,
                    text,
                    int(time.time() * 1000),
                ),
            )

    def put_decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?)",
                (self.model, snapshot_id, role, canonical_json(decision), int(time.time() * 1000)),
            )

    def decision(self, snapshot_id: str, role: str) -> str | None:
        """The recorded decision's canonical JSON, or None."""
        with self._db() as db:
            row = db.execute(
                "SELECT decision FROM decisions WHERE model = ? AND snapshot_id = ? AND role = ?",
                (self.model, snapshot_id, role),
            ).fetchone()
        return str(row[0]) if row is not None else None

    def count(self) -> int:
        with self._db() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM answers WHERE model = ?", (self.model,)).fetchone()
        return int(n)


@dataclass(frozen=True)
class Divergence:
    """A decision noted during a replay that differs from the recorded one (`recorded` None: none was)."""

    snapshot_id: str
    role: str
    recorded: str | None
    replayed: str


class RecordingCaller:
    """An `LlmCaller` in front of `inner` (None in replay) and `store`; see the module docstring.
    `trace`, when given, gets a call record for each answer given from the store (outcome
    "replayed") and the decisions noted without an `inner` to trace them."""

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

    def complete(self, request: LlmRequest) -> LlmResponse:
        hit = self.store.get(request)
        if isinstance(hit, LlmResponse):
            self._trace_replayed(request, hit, None)
            return hit
        if self.inner is None:
            reason = hit.reason if hit is not None else NOT_RECORDED
            self._trace_replayed(request, None, reason)
            raise LlmUnavailable(reason)
        try:
            response = self.inner.complete(request)
        except LlmUnavailable as why:
            self.store.put_unavailable(request, why.reason)
            raise
        self.store.put(request, response)
        return response

    def note_decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> None:
        text = canonical_json(decision)
        if self.mode == "replay":
            recorded = self.store.decision(snapshot_id, role)
            if recorded != text:
                self.divergences.append(Divergence(snapshot_id, role, recorded, text))
        else:
            self.store.put_decision(snapshot_id, role, decision)
        if self.inner is not None:
            self.inner.note_decision(snapshot_id, role, decision)
        elif self.trace is not None:
            self.trace.decision(snapshot_id, role, decision)

    def _trace_replayed(self, request: LlmRequest, response: LlmResponse | None, reason: str | None) -> None:
        if self.trace is None:
            return
        record = call_record(new_id("r"), request, self.store.model)
        record["replay_of"] = response.call_id if response is not None else None
        self.trace.call(
            finish_call(
                record,
                response,
                outcome="replayed" if response is not None else "unavailable",
                error=reason,
                token_source="recorded" if response is not None else None,
            )
        )
