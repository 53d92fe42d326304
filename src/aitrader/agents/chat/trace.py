"""JSONL trace of the LLM mode: one record per question, secrets redacted, file readable only by you.

A record holds every round (the messages sent, the reply, its tokens and latency, each tool call with
its arguments and result), the fallback reason if any, the answer shown and the engine that made it,
and on a crash the exception's type and message. To stay linear in size, a round lists only the
messages that were not sent before: round N's request is round 1's messages plus every earlier
round's assistant message and tool results. Model-made strings are clipped with a marker. Each
record is one O_APPEND write of a whole line, so a crash never leaves a half-written earlier record;
the file is created 0600 (and its missing folders 0700) and is never followed through a symlink."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aitrader.agents.chat.answer import ChatAnswer
from aitrader.agents.chat.llm_args import clip
from aitrader.agents.chat.llm_budget import Charge
from aitrader.agents.chat.llm_files import open_private
from aitrader.agents.chat.llm_redact import REDACTED, Redactor
from aitrader.agents.chat.llm_reply import Reply

__all__ = ["REDACTED", "QuestionTrace", "Redactor", "RoundTrace", "TraceWriter"]

MODEL_TEXT_CHARS = 8_192  # what the model wrote (content, arguments) is clipped to this in the trace
TOOL_RESULT_CHARS = 65_536
MESSAGE_CHARS = 65_536


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _clip_message(message: dict[str, Any], arguments_chars: int) -> dict[str, Any]:
    out = dict(message)
    if isinstance(out.get("content"), str):
        out["content"] = clip(out["content"], MESSAGE_CHARS)
    if isinstance(out.get("tool_calls"), list):
        out["tool_calls"] = [
            {
                **c,
                "function": {**c["function"], "arguments": clip(c["function"]["arguments"], arguments_chars)},
            }
            for c in out["tool_calls"]
        ]
    return out


@dataclass
class RoundTrace:
    round: int
    messages_sent: list[dict[str, Any]]
    arguments_chars: int
    request_chars: int = 0
    latency_ms: float | None = None
    http_status: int | None = None
    response: dict[str, Any] | None = None
    tokens: dict[str, Any] | None = None
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def replied(self, reply: Reply) -> None:
        self.response = {
            "content": clip(reply.content, MODEL_TEXT_CHARS) if reply.content is not None else None,
            "tool_calls": [
                {"id": c.id, "name": c.name, "arguments": clip(c.arguments, self.arguments_chars)}
                for c in reply.tool_calls
            ],
            "finish_reason": reply.finish_reason,
            "usage": clip(json.dumps(reply.usage_raw, default=str), 500),
        }

    def charged(self, charge: Charge, used_today: int | None) -> None:
        self.tokens = {
            "reported": charge.reported,
            "estimated": charge.estimated,
            "charged": charge.charged,
            "source": charge.source,
            "used_today": used_today,
        }

    def tool_ran(self, call_id: str, name: str, arguments: str, status: str, result: str) -> None:
        self.tool_calls.append(
            {
                "id": call_id,
                "name": name,
                "arguments": clip(arguments, self.arguments_chars),
                "status": status,
                "result": clip(result, TOOL_RESULT_CHARS),
            }
        )

    def record(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "messages_sent": [_clip_message(m, self.arguments_chars) for m in self.messages_sent],
            "request_chars": self.request_chars,
            "latency_ms": self.latency_ms,
            "http_status": self.http_status,
            "response": self.response,
            "tokens": self.tokens,
            "tool_calls": self.tool_calls,
            "error": self.error,
        }


@dataclass
class QuestionTrace:
    question: str
    model: str
    deadline_s: float
    token_budget: int
    arguments_chars: int = 2048
    rounds: list[RoundTrace] = field(default_factory=list)
    fallback: str | None = None
    crash: dict[str, str] | None = None
    answer: ChatAnswer | None = None
    started: float = field(default_factory=time.monotonic)

    def new_round(self, messages_sent: list[dict[str, Any]]) -> RoundTrace:
        rnd = RoundTrace(len(self.rounds) + 1, list(messages_sent), self.arguments_chars)
        self.rounds.append(rnd)
        return rnd

    def crashed(self, exc: BaseException) -> None:
        self.crash = {"type": type(exc).__name__, "message": clip(str(exc), 500)}

    def record(self) -> dict[str, Any]:
        return {
            "question": clip(self.question, MESSAGE_CHARS),
            "model": self.model,
            "deadline_s": self.deadline_s,
            "token_budget": self.token_budget,
            "elapsed_ms": _ms(time.monotonic() - self.started),
            "rounds": [r.record() for r in self.rounds],
            "fallback": self.fallback,
            "crash": self.crash,
            "engine": self.answer.engine if self.answer else None,
            "answer": clip(self.answer.text, MESSAGE_CHARS) if self.answer else None,
            "intent": self.answer.intent if self.answer else None,
        }


class TraceWriter:
    def __init__(self, path: Path | None, redactor: Redactor) -> None:
        self.path = path
        self.redactor = redactor
        self.last_error: str | None = None  # a trace that cannot be written never stops an answer

    def write(self, record: dict[str, Any]) -> None:
        if self.path is None:
            return
        line = json.dumps(self.redactor.value({"ts_ms": int(time.time() * 1000), **record}), default=str)
        data = (line + "\n").encode("utf-8")
        try:
            fd = open_private(self.path, os.O_WRONLY | os.O_APPEND)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
            self.last_error = None
        except OSError as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
