"""`LlmStrategy` (strategy "llm"): an LLM adviser that proposes through the one RiskGate.

Per bar the kernel asks (only on bars the cheap screen lets through: the debate's own screen,
`agents.debate.screen`, so both slow deciders deliberate on the same bars):

    snapshot (cut at the bar's close) -> analyst panel -> prompt -> planner (read-only tools)
    -> executor (schema-validated decision, revised up to `max_revisions`) -> overlays -> Proposal

It returns proposals and nothing else: the kernel's RiskGate sizes them or rejects them, so the
adviser never reaches a broker. A model that is unavailable (deadline, budget, dead endpoint, no
recording to replay) leaves the bar without a decision, the reason kept. Every deliberation —
prompt digest and summary, calls, tools, decision, overlay verdict — is kept for the kernel
(`drain_deliberations`) and noted with the caller (`note_decision`), also on bars with no trade.

The gate's rejections of this adviser reach it through `note_rejection` (or `watch_rejections` on
the kernel's bus); the recent ones go into the snapshot, the prompt and the cooldown overlay.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import msgspec
import numpy as np
from pydantic import BaseModel

from aitrader.agents.adviser import overlays
from aitrader.agents.adviser.executor import run_executor
from aitrader.agents.adviser.params import LlmParams
from aitrader.agents.adviser.planner import CallNote, plan_json, run_planner
from aitrader.agents.adviser.prompt import build_prompt
from aitrader.agents.adviser.schema import STRATEGY, decision_json, to_proposal
from aitrader.agents.adviser.tools import ToolBox, ToolCaps
from aitrader.agents.analysts.features import analyst_features, analyst_warmup
from aitrader.agents.analysts.panel import run_panel
from aitrader.agents.debate.screen import ENTRY as ENTRY_COLUMN
from aitrader.agents.debate.screen import EXIT as EXIT_COLUMN
from aitrader.agents.debate.screen import screen
from aitrader.agents.late import LateBars
from aitrader.agents.llm_calls import LlmCaller, LlmUnavailable
from aitrader.agents.rejections import RejectionMemory
from aitrader.agents.snapshot import DAY_MS, EMPTY_CONTEXT, ContextData, Snapshot
from aitrader.domain import Candles, Timeframe
from aitrader.domain.deliberation import Deliberation
from aitrader.domain.plan import Rejection
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, Exit, Proposal
from aitrader.engine.bus import EventBus
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.regime import Regime
from aitrader.strategies.stream import FeatureStream, WindowStream

NOT_CONFIGURED = (
    "the llm strategy needs a language model: set AITRADER_LLM_BASE_URL to an OpenAI-compatible "
    "endpoint (and AITRADER_LLM_MODEL, plus AITRADER_LLM_API_KEY if it needs a key), or replay the "
    "answers a run recorded (llm-answers.sqlite) instead of calling a model"
)
ADVISER_ROLE = "adviser"


class LlmNotConfiguredError(ValueError):
    """The strategy was built without an `LlmCaller` (the message says how to configure one)."""


def verdict_line(proposal: Proposal | None, why: str) -> str:
    if isinstance(proposal, Enter):
        targets = ", ".join(f"{t.price:g}x{t.fraction:g}" for t in proposal.targets)
        return f"enter long at {proposal.price:g}: stop {proposal.stop:g}, targets {targets}"
    if isinstance(proposal, Exit):
        return f"exit the long at {proposal.price:g}"
    return why


class LlmStrategy:
    name: ClassVar[str] = STRATEGY
    description: ClassVar[str] = (
        "LLM adviser: analysts' reports and the snapshot -> planner with read-only tools -> "
        "schema-checked decision -> deterministic overlays; proposes, the risk gate sizes"
    )
    params_model: ClassVar[type[LlmParams]] = LlmParams
    regimes: frozenset[Regime] = frozenset(Regime)

    def __init__(
        self,
        params: LlmParams | None = None,
        timeframe: Timeframe = Timeframe.H1,
        context: ContextData | None = None,
        caller: LlmCaller | None = None,
        *,
        tool_clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if caller is None:
            raise LlmNotConfiguredError(NOT_CONFIGURED)
        self._params = params or LlmParams()
        self.timeframe = timeframe
        self.timeframes: tuple[Timeframe, ...] = (timeframe,)
        self.context = context or EMPTY_CONTEXT
        self.caller = caller
        self.warmup = analyst_warmup(timeframe) + 1  # the screen compares a bar with the one before
        self._tool_clock = tool_clock
        self._lock = threading.Lock()
        self._deliberations: list[Deliberation] = []
        self._entries: dict[tuple[str, int], int] = {}  # (symbol, UTC day) -> entries proposed
        self._entered: dict[int, tuple[str, int]] = {}  # bar close -> its entry's (symbol, UTC day)
        self.late = LateBars()
        self.rejections = RejectionMemory(STRATEGY)

    @property
    def params(self) -> BaseModel:
        return self._params

    # --- the Strategy protocol ---------------------------------------------------------------------

    def features(self, candles: Candles) -> Features:
        columns: dict[str, Any] = dict(analyst_features(candles))
        # the debate's screen: the same bars
        columns.update(screen(columns, candles.open, candles.close, self.warmup))
        return Features(candles, columns)

    def signals(self, features: Features) -> Signals:
        n = len(features)
        warm = np.arange(n) >= self.warmup - 1  # the analysts' columns are warm too
        none = np.zeros(n, dtype=np.bool_)
        return Signals(
            entry_long=np.asarray(features[ENTRY_COLUMN], dtype=np.bool_) & warm,
            entry_short=none,
            exit_long=np.asarray(features[EXIT_COLUMN], dtype=np.bool_) & warm,
            exit_short=none.copy(),
        )

    def feature_stream(self, window: int) -> FeatureStream:
        return WindowStream(self, window)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        pos = book.get(view.symbol)
        if pos is not None and not pos.is_long:
            return ()  # a short is not this adviser's to manage
        column = EXIT_COLUMN if pos is not None else ENTRY_COLUMN
        if view.index < self.warmup - 1 or not view.flag(column):
            return ()  # the screen did not pass this bar: no model call
        snap = Snapshot.take(
            view, book, self.context, self.rejections.recent(view, self._params.rejection_memory_bars)
        )
        proposal, record = self._deliberate(snap)
        self._finish(snap, proposal, record)
        return () if proposal is None else (proposal,)

    # --- deliberation ------------------------------------------------------------------------------

    def _deliberate(self, snap: Snapshot) -> tuple[Proposal | None, dict[str, Any]]:
        p = self._params
        reports = run_panel(snap)
        prompt = build_prompt(snap, reports, p)
        caps = ToolCaps(
            p.max_tool_calls,
            p.max_tool_calls_per_round,
            p.max_argument_bytes,
            p.tool_latency_s,
            p.max_tool_rows,
        )
        tools = ToolBox(snap, reports, caps, self._tool_clock)
        record: dict[str, Any] = {
            "snapshot_id": snap.snapshot_id,
            "symbol": snap.symbol,
            "bar_open_ms": snap.view.time_ms,
            "prompt": {"digest": prompt.digest, "chars": len(prompt.data), "summary": prompt.summary},
            "analysts": [
                {"analyst": r.analyst, "stance": r.stance.value, "score": r.score, "confidence": r.confidence}
                for r in reports
            ],
            "plan": None,
            "calls": [],
            "tools": [],
            "decision": None,
            "overlay": None,
        }
        calls: list[CallNote] = []
        try:
            planned = run_planner(self.caller, snap.snapshot_id, prompt, tools, p, calls)
            record["plan"], record["plan_problem"] = plan_json(planned.plan), planned.problem or None
            executed = run_executor(
                self.caller, snap, prompt, planned.plan, planned.problem, tools.outcomes, p, calls
            )
        except LlmUnavailable as why:
            return None, self._close(record, calls, tools, None, f"no decision: {why.reason}")
        record["revisions"] = executed.revisions
        record["validation_errors"] = executed.errors
        decision = executed.decision
        if decision is None:
            return None, self._close(record, calls, tools, None, f"no trade: {executed.problem}")
        record["decision"] = decision_json(decision)
        if decision.action == "hold":
            return None, self._close(record, calls, tools, None, "hold: the adviser sees no trade")
        refused = overlays.refusal(decision, snap, p, self._entries_today(snap))
        if refused is not None:
            record["overlay"] = refused
            return None, self._close(record, calls, tools, None, f"no trade: {refused}")
        if decision.action == "exit" and not snap.view.flag(EXIT_COLUMN):
            return None, self._close(record, calls, tools, None, "no trade: the screen allows no exit here")
        proposal = to_proposal(decision, snap, reports)
        return proposal, self._close(record, calls, tools, proposal, "")

    def _close(
        self,
        record: dict[str, Any],
        calls: list[CallNote],
        tools: ToolBox,
        proposal: Proposal | None,
        why: str,
    ) -> dict[str, Any]:
        record["calls"] = [c.record() for c in calls]
        record["tools"] = [o.record() for o in tools.outcomes]
        record["verdict"] = verdict_line(proposal, why)
        record["proposal"] = None if proposal is None else _proposal_json(proposal)
        record["tokens"] = sum(c.prompt_tokens + c.completion_tokens for c in calls)
        record["cost_usd"] = sum(c.cost_usd for c in calls)
        return record

    def _finish(self, snap: Snapshot, proposal: Proposal | None, record: dict[str, Any]) -> None:
        if isinstance(proposal, Enter):
            key = (snap.symbol, snap.close_ms // DAY_MS)
            with self._lock:
                if snap.close_ms not in self.late:  # a late answer was never acted on: it does not count
                    self._entries[key] = self._entries.get(key, 0) + 1
                    self._entered[snap.close_ms] = key
        decision = {  # what `aitrader traces` shows and joins with the journal's outcome
            "symbol": snap.symbol,
            "time_ms": snap.close_ms,
            "verdict": record["verdict"],
            "why": record["verdict"],
            "proposal": record["proposal"],
            "decision": record["decision"],
        }
        with contextlib.suppress(LlmUnavailable):  # a trace that cannot be written must not cost the decision
            self.caller.note_decision(snap.snapshot_id, ADVISER_ROLE, decision)
        payload = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
        d = Deliberation(STRATEGY, snap.symbol, snap.close_ms, snap.snapshot_id, record["verdict"], payload)
        with self._lock:
            self._deliberations.append(d)

    def drain_deliberations(self) -> tuple[Deliberation, ...]:
        """What the adviser deliberated since the last call (oldest first), then forgets it."""
        with self._lock:
            out, self._deliberations = self._deliberations, []
        return tuple(self.late.mark(out))

    def answered_late(self, close_ms: int) -> None:
        """The answer for the bar closing at `close_ms` came after the deadline (`WithDeadline`): its
        entry, if any, does not count, and its deliberation is journaled as not acted on."""
        self.late.add(close_ms)
        with self._lock:
            key = self._entered.pop(close_ms, None)
            if key is not None:
                self._entries[key] -= 1

    # --- what the adviser remembers between bars ---------------------------------------------------

    def _entries_today(self, snap: Snapshot) -> int:
        with self._lock:
            return self._entries.get((snap.symbol, snap.close_ms // DAY_MS), 0)

    def note_rejection(self, rejection: Rejection) -> None:
        """The gate refused one of this adviser's proposals (for the snapshot and the cooldown)."""
        self.rejections.note(rejection)

    def watch_rejections(self, bus: EventBus) -> Callable[[], None]:
        """Keep the kernel's rejections of this adviser's proposals (the kernel calls it)."""
        return self.rejections.watch(bus)


def _proposal_json(p: Proposal) -> dict[str, Any]:
    out: dict[str, Any] = msgspec.to_builtins(p)
    out["kind"] = type(p).__name__.lower()
    return out
