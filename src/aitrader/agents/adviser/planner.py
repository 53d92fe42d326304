"""The planner: one conversation (role "adviser.planner") that may call the data tools, then plans.

The model reads the snapshot's prompt, may call the read-only tools for up to `max_tool_rounds`
rounds (each call answered by the `ToolBox`, refusals included), and answers with a short plan:
``{"thesis": ..., "checks": [...]}``. The last round offers no tools, so the conversation always
ends. A reply that is not a valid plan leaves no plan (and says why); the executor then decides
from the data alone. An `LlmUnavailable` goes up to the strategy: no decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aitrader.agents.adviser.params import LlmParams
from aitrader.agents.adviser.prompt import Prompt
from aitrader.agents.adviser.tools import ToolBox
from aitrader.agents.llm_calls import LlmCaller, LlmRequest, LlmResponse

PLANNER_ROLE = "adviser.planner"
MAX_ECHO = 2000  # characters of a model's own reply sent back to it


class Plan(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    thesis: str = Field(min_length=1, max_length=600)
    checks: tuple[str, ...] = Field(default=(), max_length=8)


@dataclass(frozen=True)
class CallNote:
    """One model call as the deliberation record keeps it (no prompt text: the trace has that)."""

    role: str
    call_id: str
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    latency_s: float
    replayed: bool
    tool_calls: tuple[str, ...]

    @staticmethod
    def of(role: str, r: LlmResponse) -> CallNote:
        names = tuple(c.name[:64] for c in r.tool_calls)
        return CallNote(
            role, r.call_id, r.prompt_tokens, r.completion_tokens, r.cost_usd, r.latency_s, r.replayed, names
        )

    def record(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "call_id": self.call_id,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cost_usd": self.cost_usd,
            "latency_s": round(self.latency_s, 3),
            "replayed": self.replayed,
            "tool_calls": list(self.tool_calls),
        }


@dataclass
class PlannerResult:
    plan: Plan | None = None
    problem: str = ""  # why there is no plan ("" when there is one)


def _plan(text: str | None) -> tuple[Plan | None, str]:
    if not text or not text.strip():
        return None, "the planner's reply is empty"
    try:
        return Plan.model_validate_json(_unfenced(text)), ""
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        where = ".".join(str(x) for x in first["loc"]) or "reply"
        return None, f"the planner's reply is not a plan ({where}: {first['msg']})"


def _unfenced(text: str) -> str:
    s = text.strip()
    if s.startswith("```") and s.endswith("```") and len(s) >= 6:
        s = s[3:-3].strip()
        if s.lower().startswith("json"):
            s = s[4:]
    return s.strip()


def run_planner(
    caller: LlmCaller,
    snapshot_id: str,
    prompt: Prompt,
    tools: ToolBox,
    params: LlmParams,
    calls: list[CallNote],
) -> PlannerResult:
    """The plan for the snapshot (see the module docstring); each call answered is appended to
    `calls` as it comes (so a later `LlmUnavailable` keeps the earlier ones)."""
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": prompt.planner_system},
        {"role": "user", "content": prompt.data},
    ]
    result = PlannerResult()
    for round_no in range(params.max_tool_rounds + 1):
        offer = tools.specs() if round_no < params.max_tool_rounds and not tools.spent else ()
        request = LlmRequest(
            PLANNER_ROLE, snapshot_id, tuple(messages), offer, json_reply=False, max_tokens=params.max_tokens
        )
        response = caller.complete(request)
        calls.append(CallNote.of(PLANNER_ROLE, response))
        if not response.tool_calls:
            result.plan, result.problem = _plan(response.content)
            return result
        if not offer:
            result.problem = "the planner asked for tools after its tool rounds were over"
            return result
        messages.append(
            {
                "role": "assistant",
                "content": (response.content or "")[:MAX_ECHO] or None,
                "tool_calls": [
                    {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
                    for c in response.tool_calls
                ],
            }
        )
        for outcome in tools.answer_round(response.tool_calls):
            messages.append({"role": "tool", "tool_call_id": outcome.call_id, "content": outcome.content})
    result.problem = (
        "the planner used every tool round without a plan"  # not reached: last round has no tools
    )
    return result


def plan_json(plan: Plan | None) -> dict[str, Any] | None:
    return None if plan is None else json.loads(plan.model_dump_json())
