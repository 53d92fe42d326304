"""The one way an agent (a debate role, the LLM adviser) talks to a language model: `LlmCaller`.

An agent builds an `LlmRequest` (its role, the snapshot it is about, OpenAI-style chat messages and
tool specs) and gets an `LlmResponse` or an `LlmUnavailable` saying why not (budget spent, deadline,
dead endpoint, malformed reply, no recording to replay). It never sees HTTP, keys, budgets, traces
or recordings: the caller behind the protocol (`aitrader.agents.llm`) owns them — the live one
calls an OpenAI-compatible endpoint, records every answer keyed by the request and traces it; the
replaying one answers from those recordings, so a backtest reruns bit for bit without a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class LlmUnavailable(Exception):  # noqa: N818 - it is an answer ("unavailable"), not a crash
    """No answer: `reason` is a few safe words for a person (never the server's text or a key)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LlmRequest:
    """One call: `role` (e.g. "adviser.planner", "debate.bear"), the `snapshot_id` it is about, the
    chat `messages` ({"role": ..., "content": ...}, tool results included) and the `tools` offered
    (OpenAI function specs). `json_reply` asks for a JSON object reply."""

    role: str
    snapshot_id: str
    messages: tuple[Mapping[str, Any], ...]
    tools: tuple[Mapping[str, Any], ...] = ()
    json_reply: bool = False
    max_tokens: int = 800


@dataclass(frozen=True)
class LlmToolCall:
    id: str
    name: str
    arguments: str  # the raw JSON text the model wrote; the agent validates it


@dataclass(frozen=True)
class LlmResponse:
    content: str | None
    tool_calls: tuple[LlmToolCall, ...] = ()
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    replayed: bool = False  # answered from a recording, no model called
    call_id: str = ""  # the trace record of this call


class LlmCaller(Protocol):
    def complete(self, request: LlmRequest) -> LlmResponse:
        """The model's answer to `request`, or `LlmUnavailable`."""
        ...

    def note_decision(self, snapshot_id: str, role: str, decision: Mapping[str, Any]) -> None:
        """Record what the calls about `snapshot_id` led to (a proposal, none and why) in the trace."""
        ...
