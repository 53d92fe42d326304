"""JSONL trace of every LLM call (prompt, response, tool calls, tokens, latency), secrets redacted."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(signature|api[_-]?key|secret|authorization|bearer)([\"'=:\s]+)([^\s\"'&,}]+)"),
)
REDACTED = "***"


class Redactor:
    """Replaces known secret values and secret-looking substrings in any JSON-like value."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def text(self, s: str) -> str:
        for secret in self.secrets:
            s = s.replace(secret, REDACTED)
        s = _PATTERNS[0].sub(REDACTED, s)
        return _PATTERNS[1].sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", s)

    def value(self, v: Any) -> Any:
        if isinstance(v, str):
            return self.text(v)
        if isinstance(v, dict):
            return {
                k: REDACTED
                if re.search(r"(?i)key|secret|token$|password", str(k)) and isinstance(val, str)
                else self.value(val)
                for k, val in v.items()
            }
        if isinstance(v, list | tuple):
            return [self.value(x) for x in v]
        return v


class TraceWriter:
    def __init__(self, path: Path | None, redactor: Redactor) -> None:
        self.path = path
        self.redactor = redactor

    def write(self, record: dict[str, Any]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(self.redactor.value({"ts_ms": int(time.time() * 1000), **record}), default=str)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
