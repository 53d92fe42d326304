"""`DebateStrategy` ("debate"): the analyst panel, a bull/bear debate and the arbiter as a `Strategy`.

- `features`: the analysts' columns (`analysts.features.analyst_features`) plus the screen's masks;
- `signals`: the cheap screen (`debate.screen`): entry candidates where momentum, trend or volume
  just turned up, exit candidates where they just turned down;
- `on_bar`: on a screened bar only — `Snapshot.take(view, book, context)`, the analyst panel, the
  debate and the arbiter (`deliberate`), then the verdict as a `Proposal` (spot: long entries and
  exits only; never a quantity, the RiskGate sizes). Entries only when flat in the symbol, exits
  only of a long. So the skip contract holds by construction.

Every debate is kept as a `DebateRecord` until `drain_deliberations()` hands them over (the kernel
publishes them on the bus and the journal). Offline it is deterministic; with an `LlmCaller` (a
recording one in a backtest) the roles speak through the model under the rules of `llm_turns`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from aitrader.agents.analysts.features import analyst_features, analyst_warmup
from aitrader.agents.analysts.panel import DEFAULT_PANEL, run_panel
from aitrader.agents.debate.arbiter import (
    DEFAULT_ATR_STOP,
    DEFAULT_EXIT_THRESHOLD,
    DEFAULT_REWARD_RISK,
    DEFAULT_THRESHOLD,
    Rules,
)
from aitrader.agents.debate.deliberate import deliberate
from aitrader.agents.debate.record import DebateRecord
from aitrader.agents.debate.screen import ENTRY, EXIT, screen
from aitrader.agents.late import LateBars
from aitrader.agents.llm_calls import LlmCaller
from aitrader.agents.rejections import RejectionMemory
from aitrader.agents.snapshot import EMPTY_CONTEXT, ContextData, Snapshot
from aitrader.domain.candles import Candles
from aitrader.domain.deliberation import Deliberation
from aitrader.domain.enums import Side
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, Evidence, Exit, Proposal, Target
from aitrader.domain.timeframe import Timeframe
from aitrader.engine.bus import EventBus
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.regime import Regime
from aitrader.strategies.stream import FeatureStream, WindowStream

ATR_COLUMN = "atr_14"


STRATEGY_NAME = "debate"
REJECTION_MEMORY_BARS = 24  # a gate refusal weighs on the risk analyst for a day of 1h bars


class DebateParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rounds: int = Field(default=2, ge=0, le=6, description="rebuttal rounds after the opening cases")
    threshold: float = Field(
        default=DEFAULT_THRESHOLD, gt=0, le=1, description="conviction needed to enter a long"
    )
    exit_threshold: float = Field(
        default=DEFAULT_EXIT_THRESHOLD, ge=-1, lt=1, description="exit a long when conviction falls below"
    )
    atr_stop: float = Field(
        default=DEFAULT_ATR_STOP, gt=0, le=10, description="protective stop this many ATR(14) below entry"
    )
    reward_risk: float = Field(
        default=DEFAULT_REWARD_RISK, gt=0, le=10, description="target at this multiple of the stop distance"
    )
    analysts: tuple[str, ...] = Field(default=DEFAULT_PANEL, description="the analysts on the panel")

    @field_validator("analysts", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return value

    @model_validator(mode="after")
    def _check(self) -> DebateParams:
        if self.exit_threshold >= self.threshold:
            raise ValueError(
                f"exit_threshold {self.exit_threshold} must lie below the entry threshold {self.threshold}"
            )
        unknown = [a for a in self.analysts if a not in DEFAULT_PANEL]
        if unknown or not self.analysts or len(set(self.analysts)) != len(self.analysts):
            raise ValueError(
                f"analysts must be distinct names from {', '.join(DEFAULT_PANEL)}"
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
            )
        return self


class DebateStrategy:
    name: ClassVar[str] = STRATEGY_NAME
    description: ClassVar[str] = (
        "Analyst panel, bull/bear debate and arbiter; offline from the evidence, or through an LLM"
    )
    regimes: ClassVar[frozenset[Regime]] = frozenset(Regime)
    params_model: ClassVar[type[BaseModel]] = DebateParams

    def __init__(
        self,
        params: DebateParams | None = None,
        timeframe: Timeframe = Timeframe.H1,
        context: ContextData | None = None,
        caller: LlmCaller | None = None,
    ) -> None:
        self.config: DebateParams = params if params is not None else DebateParams()
        self.params: BaseModel = self.config
        self.timeframe = timeframe
        self.timeframes: tuple[Timeframe, ...] = (timeframe,)
        self.warmup = analyst_warmup(timeframe) + 1  # the screen compares a bar with the one before
        self.context = context if context is not None else EMPTY_CONTEXT
        self.caller = caller
        self.rules = Rules(
            self.config.threshold, self.config.exit_threshold, self.config.atr_stop, self.config.reward_risk
        )
        self._records: list[DebateRecord] = []
        self._lock = threading.Lock()  # live, a late debate may still be appended by its worker
        self.late = LateBars()
        self.rejections = RejectionMemory(STRATEGY_NAME)

    def features(self, candles: Candles) -> Features:
        cols: dict[str, Any] = dict(analyst_features(candles))
        cols.update(screen(cols, candles.open, candles.close, self.warmup))
        return Features(candles, cols)

    def feature_stream(self, window: int) -> FeatureStream:
        return WindowStream(self, window)

    def signals(self, features: Features) -> Signals:
        entry, exit_ = features[ENTRY], features[EXIT]
        none = np.zeros(len(entry), dtype=bool)
        return Signals(entry_long=entry, entry_short=none, exit_long=exit_, exit_short=none)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        i = view.index
        pos = book.get(view.symbol)
        if pos is None:
            if not view.features[ENTRY][i]:
                return ()
        elif not (pos.is_long and view.features[EXIT][i]):
            return ()
        record = self.deliberate(view, book)
        return proposals_of(record, view.time_ms)

    def deliberate(self, view: MarketView, book: PositionBook) -> DebateRecord:
        """The debate at `view`'s bar, screened or not (the `debate` command asks on any bar); kept
        for `drain_deliberations`."""
        pos = book.get(view.symbol)
        snap = Snapshot.take(view, book, self.context, self.rejections.recent(view, REJECTION_MEMORY_BARS))
        reports = run_panel(snap, self.config.analysts)
        atr = view.value(ATR_COLUMN) if ATR_COLUMN in view.features else math.nan
        record = deliberate(
            snap,
            reports,
            rounds=self.config.rounds,
            rules=self.rules,
            holding=pos is not None and pos.is_long,
            atr=atr,
            caller=self.caller,
        )
        with self._lock:
            self._records.append(record)
        return record

    def watch_rejections(self, bus: EventBus) -> Callable[[], None]:
        """Keep the kernel's rejections of the debate's proposals: the risk analyst reads the recent
        ones (the kernel calls it)."""
        return self.rejections.watch(bus)

    def drain_deliberations(self) -> list[Deliberation]:
        """The debates held since the last call, oldest first, as the kernel journals them (and
        forget them)."""
        with self._lock:
            out, self._records = self._records, []
        return self.late.mark([as_deliberation(r) for r in out])

    def answered_late(self, close_ms: int) -> None:
        """The debate on the bar closing at `close_ms` finished after the deadline (`WithDeadline`):
        it is journaled as not acted on."""
        self.late.add(close_ms)


def as_deliberation(record: DebateRecord) -> Deliberation:
    """`record` as the kernel's `Deliberation` (its full JSON as the payload)."""
    v = record.verdict
    line = v.rationale  # it says what was decided: "Enter long: ...", "No trade: ...", "Exit ..."
    return Deliberation(
        STRATEGY_NAME, record.symbol, record.time_ms, record.snapshot_id, line, record.to_json().decode()
    )


def proposals_of(record: DebateRecord, bar_time_ms: int) -> tuple[Proposal, ...]:
    """The verdict as what the gate is asked: an `Enter` long, an `Exit` of the long, or nothing.
    `bar_time_ms` is the decision bar's open time (as every strategy stamps its proposals)."""
    v = record.verdict
    if v.action == "enter" and v.stop is not None and v.target is not None:
        return (
            Enter(
                record.symbol,
                Side.BUY,
                v.price,
                v.stop,
                (Target(v.target),),
                max(0.0, min(1.0, record.conviction)),
                v.rationale,
                bar_time_ms,
                DebateStrategy.name,
                evidence_of(record),
                atr=v.atr,
            ),
        )
    if v.action == "exit":
        return (
            Exit(
                record.symbol,
                v.rationale,
                v.price,
                bar_time_ms,
                1.0,
                DebateStrategy.name,
                evidence_of(record),
            ),
        )
    return ()


def evidence_of(record: DebateRecord) -> Evidence:
    """The machine-readable why: the numbers, each analyst's score and the figures the winning side
    opened with (`analyst.item` -> value)."""
    out: dict[str, float | int | str | bool] = {
        "conviction": record.conviction,
        "base_score": record.base_score,
        "debate_edge": record.debate_edge,
        "threshold": record.exit_threshold if record.holding else record.threshold,
        "snapshot_id": record.snapshot_id,
    }
    if record.verdict.atr is not None:
        out[ATR_COLUMN] = record.verdict.atr
    for r in record.reports:
        out[f"{r.analyst}.score"] = r.score
    side = "bear" if record.verdict.action == "exit" else "bull"
    opening = next((t for t in record.rounds if t.round == 0 and t.speaker == side), None)
    values = {f"{r.analyst}.{e.name}": e.value for r in record.reports for e in r.evidence}
    for key in opening.evidence if opening is not None else ():
        if key in values:
            out[key] = values[key]
    return out
