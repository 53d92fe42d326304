"""What a chat engine hands back: the reply text, an optional table, the tool data behind it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Table(BaseModel):
    title: str
    columns: list[str]
    rows: list[list[str]]


class ChatAnswer(BaseModel):
    text: str
    intent: str
    entities: dict[str, str] = Field(default_factory=dict)
    tool: str | None = None
    table: Table | None = None
    data: dict[str, Any] | None = None
    clarification: bool = False
    engine: str = "offline"
    score: float | None = None
    fallback_reason: str | None = None  # why the LLM's answer was not shown (the offline engine answered)
    parts: list[ChatAnswer] = Field(default_factory=list)  # one per question, when one line asked several
