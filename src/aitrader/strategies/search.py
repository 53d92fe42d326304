"""Search hints: the part of a parameter's allowed range worth searching by default.

A strategy's pydantic field keeps its validation bounds (`ge`/`le`: what is *allowed*); a hint
says what `aitrader optimize` searches when the user narrows nothing (what is *sensible*), e.g.

    ema_fast: int = Field(default=20, ge=2, le=200, json_schema_extra=search(5, 60, step=5))

Fields without a hint stay at their value unless `--space` names them.
"""

from __future__ import annotations

from typing import Any

HINT_KEY = "search"


def search(low: float, high: float, step: float | None = None, log: bool = False) -> dict[str, Any]:
    """A default search range [low, high] (on the step grid when given; log-uniform when `log`)."""
    if not low < high:
        raise ValueError(f"search range {low} .. {high}: low must be below high")
    if step is not None and step <= 0:
        raise ValueError(f"search step {step} must be positive")
    return {HINT_KEY: {"low": low, "high": high, "step": step, "log": log}}
