"""The agent strategies' names, in a module light enough for a trade start to import before
protection (building one loads the analysts, the debate or the adviser: `agents.factory`)."""

from __future__ import annotations

AGENT_STRATEGIES = ("debate", "llm")
