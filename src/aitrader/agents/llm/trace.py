"""The agents' LLM trace: one JSONL file (`agents-trace.jsonl`), one record per call and one per decision.

Written through the chat's `TraceWriter` (one O_APPEND write per record, the file 0600 and never
followed through a symlink, every record redacted), so there is one trace writer in the project.

A call record (`"kind": "call"`): its `id` (`LlmResponse.call_id`), role, snapshot id, model, the
messages sent (after redaction), the names of the tools offered, the response (content, tool
calls, finish reason), prompt and completion tokens and where they came from ("reported" by the
server or our "estimate"), the cost in USD ("price not configured" when no price is set), the
latency, the outcome ("ok", "unavailable" with the reason, or "replayed" from a recording) and the
tokens and dollars used today; a call answered from a recording has `"replayed": true` (no model
was called: its tokens and cost are the recorded call's, not this run's). A decision record (`"kind": "decision"`): snapshot id, role and
what the calls led to (a proposal, or "none" and why) as the agent described it. Every record names
the `trace_run` that wrote it (one id per `AgentTrace`, i.e. per caller and process), so a replay's
records are never mistaken for the original run's about the same snapshot."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aitrader.agents.chat.llm_args import clip
from aitrader.agents.chat.llm_redact import Redactor
from aitrader.agents.chat.trace import MESSAGE_CHARS, MODEL_TEXT_CHARS, TraceWriter
from aitrader.agents.llm_calls import LlmRequest, LlmResponse

Record = dict[str, Any]


def new_id(prefix: str) -> str:
    """A short unique record id: "c-…" for a call, "d-…" for a decision."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def plain(value: Any) -> Any:
    """`value` with every Mapping a dict and every tuple a list (JSON-ready, recursively)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _clip_message(message: Mapping[str, Any]) -> Record:
    out = plain(message)
    if isinstance(out.get("content"), str):
        out["content"] = clip(out["content"], MESSAGE_CHARS)
    return dict(out)


def _tool_names(tools: Sequence[Mapping[str, Any]]) -> list[str]:
    names = []
    for spec in tools:
        fn = spec.get("function")
        names.append(str(fn.get("name")) if isinstance(fn, Mapping) else str(spec.get("name", "?")))
    return names


def response_part(response: LlmResponse) -> Record:
    return {
        "content": clip(response.content, MODEL_TEXT_CHARS) if response.content is not None else None,
        "tool_calls": [
            {"id": c.id, "name": c.name, "arguments": clip(c.arguments, MODEL_TEXT_CHARS)}
            for c in response.tool_calls
        ],
    }


def call_record(
    call_id: str,
    request: LlmRequest,
    model: str,
    messages_sent: Sequence[Mapping[str, Any]] | None = None,
) -> Record:
    """A call record without its outcome yet (see `finish_call`)."""
    return {
        "kind": "call",
        "id": call_id,
        "role": request.role,
        "snapshot_id": request.snapshot_id,
        "model": model,
        "json_reply": request.json_reply,
        "max_tokens": request.max_tokens,
        "messages": [_clip_message(m) for m in (messages_sent or request.messages)],
        "tools": _tool_names(request.tools),
        "response": None,
        "finish_reason": None,
        "tokens": None,
        "cost_usd": None,
        "price": None,
        "latency_ms": None,
        "outcome": None,
        "error": None,
    }


def finish_call(
    record: Record,
    response: LlmResponse | None,
    *,
    outcome: str,
    error: str | None = None,
    token_source: str | None = None,
    price: str | None = None,
    latency_s: float | None = None,
) -> Record:
    if response is not None:
        record["response"] = response_part(response)
        record["tokens"] = {
            "prompt": response.prompt_tokens,
            "completion": response.completion_tokens,
            "source": token_source,
        }
        record["cost_usd"] = response.cost_usd
        latency_s = response.latency_s if latency_s is None else latency_s
    record["price"] = price
    record["latency_ms"] = round(latency_s * 1000, 1) if latency_s is not None else None
    record["outcome"] = outcome
    record["error"] = error
    return record


class AgentTrace:
    """Writes the agents' call and decision records; `path` None writes nothing (tests, no trace)."""

    def __init__(self, path: Path | None, redactor: Redactor) -> None:
        self.writer = TraceWriter(path, redactor)
        self.run = new_id("t")  # written in every record as `trace_run`

    @property
    def path(self) -> Path | None:
        return self.writer.path

    @property
    def redactor(self) -> Redactor:
        return self.writer.redactor

    @property
    def last_error(self) -> str | None:
        """Why the last write failed (a trace that cannot be written never stops a decision)."""
        return self.writer.last_error

    def call(self, record: Record) -> None:
        self.writer.write({**record, "trace_run": self.run})

    def decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> str:
        record_id = new_id("d")
        self.writer.write(
            {
                "kind": "decision",
                "id": record_id,
                "snapshot_id": snapshot_id,
                "role": role,
                "decision": plain(decision),
                "trace_run": self.run,
            }
        )
        return record_id


def read_trace(path: Path) -> tuple[list[Record], int]:
    """Every record of the trace file, oldest first, and how many lines could not be read."""
    records: list[Record] = []
    bad = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                bad += 1
                continue
            if isinstance(value, dict) and value.get("kind") in ("call", "decision"):
                records.append(value)
            else:
                bad += 1
    return records, bad
