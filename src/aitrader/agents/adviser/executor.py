"""The executor: the conversation (role "adviser.executor") that returns the decision as JSON.

It reads the same data as the planner, the plan and what the tools answered (all fenced as data),
and answers with one JSON object in the decision schema (`schema.AdviserDecision`). A reply that
does not parse, does not fit the schema or does not fit the snapshot is sent back with the reason,
and the model may revise up to `max_revisions` times; after that there is no decision, and the
reason is the last validation error. An `LlmUnavailable` goes up to the strategy: no decision.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aitrader.agents.adviser.params import LlmParams
from aitrader.agents.adviser.planner import MAX_ECHO, CallNote, Plan
from aitrader.agents.adviser.prompt import DATA_CLOSE, DATA_OPEN, Prompt
from aitrader.agents.adviser.schema import AdviserDecision, DecisionInvalidError, parse_decision
from aitrader.agents.adviser.tools import ToolOutcome
from aitrader.agents.llm_calls import LlmCaller, LlmRequest
from aitrader.agents.snapshot import Snapshot

EXECUTOR_ROLE = "adviser.executor"
MAX_TOOL_ANSWERS_CHARS = 6000


@dataclass
class ExecutorResult:
    decision: AdviserDecision | None = None
    problem: str = ""  # why there is no decision ("" when there is one)
    revisions: int = 0
    errors: list[str] = field(default_factory=list)  # each refused reply's reason, in order


def _findings(plan: Plan | None, plan_problem: str, outcomes: Sequence[ToolOutcome]) -> str:
    """The plan and the tool answers, as data for the executor."""
    answers: list[dict[str, Any]] = []
    used = 0
    for o in outcomes:
        if not o.ok or used + len(o.content) > MAX_TOOL_ANSWERS_CHARS:
            continue
        used += len(o.content)
        answers.append({"tool": o.name, "arguments": o.arguments, "answer": json.loads(o.content)})
    doc = {
        "plan": None if plan is None else {"thesis": plan.thesis, "checks": list(plan.checks)},
        "plan_problem": plan_problem or None,
        "tool_answers": answers,
    }
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    body = body.replace(DATA_OPEN, "").replace(DATA_CLOSE, "")
    return f"The planning step's findings:\n{DATA_OPEN}\n{body}\n{DATA_CLOSE}\nNow answer with the decision JSON."


def run_executor(
    caller: LlmCaller,
    snap: Snapshot,
    prompt: Prompt,
    plan: Plan | None,
    plan_problem: str,
    outcomes: Sequence[ToolOutcome],
    params: LlmParams,
    calls: list[CallNote],
) -> ExecutorResult:
    """The decision on `snap` (see the module docstring); each call answered is appended to `calls`
    as it comes. Raises `LlmUnavailable`."""
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": prompt.executor_system},
        {"role": "user", "content": prompt.data + "\n\n" + _findings(plan, plan_problem, outcomes)},
    ]
    result = ExecutorResult()
    for attempt in range(params.max_revisions + 1):
        request = LlmRequest(
            EXECUTOR_ROLE,
            snap.snapshot_id,
            tuple(messages),
            (),
            json_reply=False,  # a reply that is not JSON is revised here, not dropped by the caller
            max_tokens=params.max_tokens,
        )
        response = caller.complete(request)
        calls.append(CallNote.of(EXECUTOR_ROLE, response))
        result.revisions = attempt
        try:
            if response.tool_calls:
                raise DecisionInvalidError("the deciding step has no tools: answer with the decision JSON")
            result.decision = parse_decision(response.content, snap, params.price_band)
            return result
        except DecisionInvalidError as exc:
            error = str(exc)
        result.errors.append(error)
        messages.append({"role": "assistant", "content": (response.content or "")[:MAX_ECHO]})
        messages.append(
            {
                "role": "user",
                "content": f"Your reply was refused: {error}. Reply again with only the corrected JSON object.",
            }
        )
    n = params.max_revisions
    result.problem = (
        f"the decision failed validation after {n} revision{'s' if n != 1 else ''}: {result.errors[-1]}"
    )
    return result
