"""The LLM adviser (strategy "llm"): snapshot -> analysts -> planner with read-only tools -> executor
-> schema-checked decision -> deterministic overlays -> a `Proposal` for the one RiskGate."""

from aitrader.agents.adviser.params import LlmParams
from aitrader.agents.adviser.strategy import LlmNotConfiguredError, LlmStrategy

__all__ = ["LlmNotConfiguredError", "LlmParams", "LlmStrategy"]
