"""The recorded answers' file (`llm-answers.sqlite`, 0600) and what identifies a recorded answer.

An answer is keyed by the question, not by the request's bytes: (model, role, snapshot id, the
call's ordinal) — the Nth call of a role about a snapshot within one decision (`CallOrdinals`). The
prompt's figures can differ in their last digit between a live run (features over a trailing
window) and a backtest (the whole history) at the same bar, with the same snapshot id; keyed by
the bytes, a backtest would miss most of what was answered live. Next to each answer the store keeps
the digest of the request it answered (`request_digest`: the messages, the tools, the reply options,
each hashed apart), so a replay whose request differs is still answered and says what differed.

Schema version 2 (`PRAGMA user_version`). A store of version 0/1 (keyed by a SHA-256 of the exact
request) is upgraded in place: its table is kept as `answers_v1` and still answers a request that is
byte for byte the one it recorded (`legacy_key`), so old recordings replay as they did; they are
counted in `count()` and named in `legacy_answers`. A store written by a newer aitrader is refused
with a clear message rather than misread.

Per (snapshot, role) the store also keeps the decision the calls led to, to compare a replay's.
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
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aitrader.agents.chat.llm_files import open_private
from aitrader.agents.llm.trace import plain
from aitrader.agents.llm_calls import LlmRequest, LlmResponse, LlmToolCall, LlmUnavailable

SCHEMA_VERSION = 2
KEPT_SNAPSHOTS = 1024  # snapshots whose call counts are kept while undecided (the oldest dropped)

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS answers (
        model TEXT NOT NULL, role TEXT NOT NULL, snapshot_id TEXT NOT NULL, ordinal INTEGER NOT NULL,
        request TEXT NOT NULL, outcome TEXT NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL,
        PRIMARY KEY (model, snapshot_id, role, ordinal))""",
    """CREATE TABLE IF NOT EXISTS decisions (
        model TEXT NOT NULL, snapshot_id TEXT NOT NULL, role TEXT NOT NULL, decision TEXT NOT NULL,
        created_ms INTEGER NOT NULL, PRIMARY KEY (model, snapshot_id, role))""",
)


def canonical_json(value: Any) -> str:
    """One text per value: keys sorted, no spaces, tuples as lists, anything else by `str`."""
    return json.dumps(plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _sha(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def request_digest(request: LlmRequest) -> str:
    """The digest kept next to an answer: each part of the request hashed apart (canonical JSON)."""
    return canonical_json(
        {
            "messages": _sha(request.messages)[:32],
            "tools": _sha(request.tools)[:32],
            "options": _sha({"json_reply": request.json_reply, "max_tokens": request.max_tokens})[:32],
        }
    )


_DIFFERS = {"messages": "prompt differs", "tools": "tools differ", "options": "reply options differ"}


def differences(recorded: str, request: LlmRequest) -> str | None:
    """What differs between the request an answer was recorded for and `request` (None: nothing)."""
    try:
        before = json.loads(recorded)
    except ValueError:
        return "prompt differs"
    now = json.loads(request_digest(request))
    what = [text for part, text in _DIFFERS.items() if before.get(part) != now[part]]
    return ", ".join(what) or None


def legacy_key(model: str, request: LlmRequest) -> str:
    """The key of schema 1: a SHA-256 of the model and the exact request."""
    return _sha(
        {
            "model": model,
            "role": request.role,
            "snapshot_id": request.snapshot_id,
            "messages": request.messages,
            "tools": request.tools,
            "json_reply": request.json_reply,
            "max_tokens": request.max_tokens,
        }
    )


def role_family(role: str) -> str:
    """ "adviser" for "adviser.planner", "debate" for "debate.bull" or "debate": one decider's roles."""
    return role.split(".", 1)[0]


class CallOrdinals:
    """The ordinal of each call: 0 for the first call of a role about a snapshot, 1 for its second, …
    `decided(snapshot, role)` (a decision noted) starts every role of that decider (`role_family`)
    about that snapshot at 0 again, so deciding a snapshot again asks the same questions again.
    Within a decision the count is reproducible: the planner's tool rounds and the executor's
    revisions follow from the answers, and a replay gives the same answers."""

    def __init__(self, kept: int = KEPT_SNAPSHOTS) -> None:
        self._kept = kept
        self._counts: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._lock = threading.Lock()

    def next(self, request: LlmRequest) -> int:
        with self._lock:
            counts = self._counts.get(request.snapshot_id)
            if counts is None:
                counts = self._counts[request.snapshot_id] = {}
                while len(self._counts) > self._kept:
                    self._counts.popitem(last=False)
            ordinal = counts.get(request.role, 0)
            counts[request.role] = ordinal + 1
            return ordinal

    def decided(self, snapshot_id: str, role: str) -> None:
        family = role_family(role)
        with self._lock:
            counts = self._counts.get(snapshot_id)
            if counts is None:
                return
            for r in [r for r in counts if role_family(r) == family]:
                del counts[r]
            if not counts:
                del self._counts[snapshot_id]


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


def _answer_from(outcome: str, text: str) -> LlmResponse | LlmUnavailable:
    d = json.loads(text)
    if outcome == "unavailable":
        return LlmUnavailable(str(d["reason"]))
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


@dataclass(frozen=True)
class Recorded:
    """A recorded answer (`replayed=True`) or "no answer", and what differs from the request now
    (None: the same request, or not known)."""

    answer: LlmResponse | LlmUnavailable
    differs: str | None
    legacy: bool = False  # found in the old scheme's table, by the exact request


class StoreVersionError(ValueError):
    """The recordings file was written by a newer aitrader."""


class AnswerStore:
    """The recorded answers of `model` in the SQLite file at `path` (made 0600 with its folders 0700).
    A connection per operation, so one store serves any thread (the decider may run in a worker)."""

    def __init__(self, path: Path, model: str) -> None:
        self.path = path
        self.model = model
        self._lock = threading.Lock()
        os.close(open_private(path, os.O_RDWR))
        self.has_legacy = self._open_schema()
        self.legacy_answers = self._legacy_count()

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30)
            try:
                with db:  # one transaction: committed on success, rolled back on error
                    yield db
            finally:
                db.close()

    def _open_schema(self) -> bool:
        """Create or upgrade the schema in one transaction; whether an old-scheme table is kept."""
        with self._lock:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                try:
                    (version,) = db.execute("PRAGMA user_version").fetchone()
                    if version > SCHEMA_VERSION:
                        raise StoreVersionError(
                            f"the recorded answers {self.path} were written by a newer aitrader "
                            f"(schema {version}; this one reads {SCHEMA_VERSION}): upgrade aitrader "
                            "or point it at another file"
                        )
                    if version < SCHEMA_VERSION:
                        tables = {
                            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")
                        }
                        if "answers" in tables and "answers_v1" not in tables:
                            db.execute("ALTER TABLE answers RENAME TO answers_v1")
                        db.execute("DROP INDEX IF EXISTS answers_snapshot")
                    for statement in _SCHEMA:
                        db.execute(statement)
                    if version < SCHEMA_VERSION:
                        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                names = db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='answers_v1'")
                return names.fetchone() is not None
            finally:
                db.close()

    def _legacy_count(self) -> int:
        if not self.has_legacy:
            return 0
        with self._db() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM answers_v1 WHERE model = ?", (self.model,)).fetchone()
        return int(n)

    @property
    def legacy_note(self) -> str | None:
        """A line about the old-scheme answers kept (None when there are none)."""
        if not self.legacy_answers:
            return None
        return (
            f"{self.legacy_answers} answer(s) in {self.path} were recorded by an older aitrader, keyed by "
            "the exact request: they answer only a byte-identical request (record again to key them "
            "by the question)"
        )

    def get(self, request: LlmRequest, ordinal: int) -> Recorded | None:
        """The answer recorded for the `ordinal`th call of `request.role` about its snapshot (else, in
        an old-scheme table, for this exact request), or None when nothing was recorded."""
        with self._db() as db:
            row = db.execute(
                "SELECT request, outcome, response FROM answers "
                "WHERE model = ? AND snapshot_id = ? AND role = ? AND ordinal = ?",
                (self.model, request.snapshot_id, request.role, ordinal),
            ).fetchone()
            if row is None and self.has_legacy:
                old = db.execute(
                    "SELECT outcome, response FROM answers_v1 WHERE key = ?",
                    (legacy_key(self.model, request),),
                ).fetchone()
                if old is not None:
                    return Recorded(_answer_from(*old), None, legacy=True)
        if row is None:
            return None
        digest, outcome, text = row
        return Recorded(_answer_from(outcome, text), differences(digest, request))

    def put(self, request: LlmRequest, ordinal: int, response: LlmResponse) -> None:
        self._put(request, ordinal, "answer", _response_json(dataclasses.replace(response, replayed=False)))

    def put_unavailable(self, request: LlmRequest, ordinal: int, reason: str) -> None:
        self._put(request, ordinal, "unavailable", canonical_json({"reason": reason}))

    def _put(self, request: LlmRequest, ordinal: int, outcome: str, text: str) -> None:
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.model,
                    request.role,
                    request.snapshot_id,
                    ordinal,
                    request_digest(request),
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
        """The answers of this model recorded (old-scheme ones included)."""
        with self._db() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM answers WHERE model = ?", (self.model,)).fetchone()
        return int(n) + self.legacy_answers
