"""The read-only data tools the planner may call, answered from the snapshot alone.

Five tools, allow-listed: `get_candles`, `get_indicator`, `get_analyst_report`, `get_positions`,
`get_context`. Each has a strict pydantic input schema (no extra keys) offered to the model as an
OpenAI function spec. They read the snapshot only — the symbol's prefix of history, its cut context,
the analysts' reports of this bar, the book — so nothing after the decision bar is reachable and a
replay answers exactly as the live run did. None of them changes anything.

Caps (`ToolCaps`): tool calls per decision and per round, the size of one call's arguments (refused
before it is parsed), rows per answer, and a latency cap per tool (an answer that took longer is
replaced by an error). An unknown tool, bad JSON or arguments that do not fit the schema are never
run: the model gets an error message saying why, as the tool's answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aitrader.agents.adviser.readings import CANDLE_COLUMNS, candle_rows, closed_candles, num
from aitrader.agents.llm_calls import LlmToolCall
from aitrader.agents.reports import AnalystReport
from aitrader.agents.snapshot import Snapshot, closed_by
from aitrader.domain.candles import Candles
from aitrader.domain.timeframe import Timeframe


class _Args(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class CandlesArgs(_Args):
    """Closed candles of the symbol on `timeframe` (the base one or a higher one), the last `n`,
    optionally only those closed by `until_ms`."""

    timeframe: str = Field(max_length=4)
    n: int = Field(ge=1, le=1000)
    until_ms: int | None = Field(default=None, ge=0)


class IndicatorArgs(_Args):
    """The last `n` values of feature column `name` up to the decision bar."""

    name: str = Field(max_length=64)
    n: int = Field(ge=1, le=1000)


class AnalystArgs(_Args):
    """One analyst's full report on this bar."""

    name: str = Field(max_length=64)


class PositionsArgs(_Args):
    """Every open position."""


class ContextArgs(_Args):
    """The last `n` closed candles of context series `series` (e.g. BTCUSDT, ETHBTC, VIX)."""

    series: str = Field(max_length=32)
    n: int = Field(ge=1, le=1000)
    until_ms: int | None = Field(default=None, ge=0)


@dataclass(frozen=True)
class ToolCaps:
    max_calls: int = 8  # per decision
    max_per_round: int = 4
    max_argument_bytes: int = 512
    latency_s: float = 1.0
    max_rows: int = 120


@dataclass(frozen=True)
class ToolOutcome:
    """One call as answered: `ok` False when it was refused or failed (the content says why)."""

    call_id: str
    name: str
    arguments: str  # as the model wrote them, cut to the argument cap
    ok: bool
    content: str

    def record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "arguments": self.arguments,
            "ok": self.ok,
            "answer_chars": len(self.content),
        }


class ToolRefused(Exception):  # noqa: N818 - an answer to the model, not a crash
    """A call the tools will not run (unknown tool, bad arguments, a cap reached): the message goes
    back to the model as the tool's answer."""


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _error(message: str) -> str:
    return _dump({"error": message})


@dataclass
class ToolBox:
    """The tools over one snapshot, with their caps and what was called (`outcomes`)."""

    snap: Snapshot
    reports: tuple[AnalystReport, ...] = ()
    caps: ToolCaps = field(default_factory=ToolCaps)
    clock: Callable[[], float] = time.perf_counter
    outcomes: list[ToolOutcome] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._counted = 0
        self._tools: Mapping[str, tuple[type[_Args], Callable[[Any], Any], str]] = {
            "get_candles": (CandlesArgs, self._candles, "closed candles of the traded symbol"),
            "get_indicator": (IndicatorArgs, self._indicator, "recent values of a feature column"),
            "get_analyst_report": (AnalystArgs, self._analyst, "one analyst's full report"),
            "get_positions": (PositionsArgs, self._positions, "the open positions"),
            "get_context": (ContextArgs, self._context, "a context series (other markets, indices)"),
        }

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._tools)

    @property
    def used(self) -> int:
        """Calls counted against the per-decision cap: every call not refused by a cap itself."""
        return self._counted

    @property
    def spent(self) -> bool:
        return self.used >= self.caps.max_calls

    def specs(self) -> tuple[dict[str, Any], ...]:
        """The OpenAI function specs of the tools (the same bytes every time)."""
        out = []
        for name, (model, _, what) in self._tools.items():
            schema = model.model_json_schema()
            schema.pop("title", None)
            schema.pop("description", None)
            doc = " ".join((model.__doc__ or what).split())
            out.append(
                {"type": "function", "function": {"name": name, "description": doc, "parameters": schema}}
            )
        return tuple(out)

    def answer_round(self, calls: Sequence[LlmToolCall]) -> list[ToolOutcome]:
        """An answer for every call of one round (refusals included, in the order asked)."""
        answered = []
        for k, call in enumerate(calls):
            if k >= self.caps.max_per_round:
                outcome = self._refuse(
                    call, f"over the cap of {self.caps.max_per_round} tool calls per round"
                )
            elif self.spent:
                outcome = self._refuse(
                    call, f"the {self.caps.max_calls} tool calls of this decision are spent: answer now"
                )
            else:
                outcome = self._run(call)
                self._counted += 1
            self.outcomes.append(outcome)
            answered.append(outcome)
        return answered

    def _refuse(self, call: LlmToolCall, why: str) -> ToolOutcome:
        return ToolOutcome(
            call.id, call.name[:64], call.arguments[: self.caps.max_argument_bytes], False, _error(why)
        )

    def _run(self, call: LlmToolCall) -> ToolOutcome:
        entry = self._tools.get(call.name)
        if entry is None:
            return self._refuse(
                call, f"unknown tool {call.name[:64]!r}: the tools are {', '.join(self._tools)}"
            )
        size = len(call.arguments.encode())
        if size > self.caps.max_argument_bytes:
            return self._refuse(
                call, f"arguments are {size} bytes, over the cap of {self.caps.max_argument_bytes}: not run"
            )
        model, run, _ = entry
        try:
            args = model.model_validate_json(call.arguments or "{}")
        except ValidationError as exc:
            errs = exc.errors(include_url=False, include_input=False)[:4]
            why = "; ".join(f"{'.'.join(str(x) for x in e['loc']) or 'arguments'}: {e['msg']}" for e in errs)
            return self._refuse(call, f"bad arguments for {call.name}: {why}")
        started = self.clock()
        try:
            answer = run(args)
        except ToolRefused as exc:
            return self._refuse(call, str(exc))
        took = self.clock() - started
        if took > self.caps.latency_s:
            return self._refuse(call, f"{call.name} took longer than its {self.caps.latency_s:g}s cap")
        return ToolOutcome(call.id, call.name, call.arguments, True, _dump(answer))

    # --- the tools ---------------------------------------------------------------------------------

    def _rows(self, n: int) -> int:
        return min(n, self.caps.max_rows)

    def _until(self, until_ms: int | None) -> int:
        close_ms = self.snap.close_ms
        if until_ms is not None and until_ms > close_ms:
            raise ToolRefused(
                f"until_ms {until_ms} is after the decision time {close_ms}: "
                "no data from after the decision bar exists here"
            )
        return close_ms if until_ms is None else until_ms

    def _candles(self, a: CandlesArgs) -> dict[str, Any]:
        base = self.snap.view.timeframe
        try:
            tf = Timeframe.parse(a.timeframe)
        except ValueError:
            raise ToolRefused(f"unknown timeframe {a.timeframe!r}") from None
        if not base.divides(tf):
            raise ToolRefused(f"timeframe {tf.value} cannot be built from the base timeframe {base.value}")
        until = self._until(a.until_ms)
        prefix = closed_by(self.snap.view.candles, until)
        rows = closed_candles(prefix, tf, self._rows(a.n))
        return self._table(self.snap.symbol, tf, rows, a.n)

    def _table(self, name: str, tf: Timeframe, rows: Candles, asked: int) -> dict[str, Any]:
        out: dict[str, Any] = {
            "series": name,
            "timeframe": tf.value,
            "columns": list(CANDLE_COLUMNS),
            "rows": candle_rows(rows),
        }
        if asked > self.caps.max_rows:
            out["note"] = f"capped at {self.caps.max_rows} rows"
        return out

    def _indicator(self, a: IndicatorArgs) -> dict[str, Any]:
        view = self.snap.view
        if a.name not in view.features:
            have = sorted(view.features.columns)[:60]
            raise ToolRefused(f"no feature {a.name!r}; have {', '.join(have)}")
        values = view.series(a.name, self._rows(a.n))
        return {"name": a.name, "last_bar_open_ms": view.time_ms, "values": [num(float(v)) for v in values]}

    def _analyst(self, a: AnalystArgs) -> dict[str, Any]:
        for r in self.reports:
            if r.analyst == a.name:
                built: dict[str, Any] = msgspec.to_builtins(r)
                return built
        names = ", ".join(r.analyst for r in self.reports) or "none"
        raise ToolRefused(f"no analyst {a.name!r}; the reports are from {names}")

    def _positions(self, _: PositionsArgs) -> dict[str, Any]:
        return {
            "positions": [
                {
                    "symbol": p.symbol,
                    "side": "long" if p.is_long else "short",
                    "entry_price": str(p.entry_price),
                    "stop": str(p.stop),
                    "targets": [str(t.price) for t in p.targets],
                    "opened_ms": p.opened_ms,
                }
                for p in sorted(self.snap.book.open_positions(), key=lambda p: p.symbol)
            ]
        }

    def _context(self, a: ContextArgs) -> dict[str, Any]:
        series = self.snap.context.get(a.series)
        if series is None:
            have = ", ".join(sorted(self.snap.context)) or "none"
            raise ToolRefused(f"no context series {a.series!r}; have {have}")
        cut = closed_by(series, self._until(a.until_ms))
        return self._table(a.series, cut.timeframe, cut.tail(self._rows(a.n)), a.n)
