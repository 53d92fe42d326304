"""What `aitrader traces` shows, computed from the agents' trace (and the journal, for outcomes).

Calls are grouped by decision: every call and decision record about one snapshot written by one trace
run (one caller in one process, `trace_run`) is one group; a replay's group stays apart from the
original run's. Calls answered from a recording (`"replayed": true`) asked no model: they are counted
as "replayed", never in the tokens, cost or latency. A decision record's `decision` mapping is what
the agent noted (`LlmCaller.note_decision`); the keys read here, all optional: `symbol`, `time_ms`
(the decision bar's close), `strategy` (else from the role: adviser → llm, debate → debate),
`run_id`, `proposal` (a mapping with kind/side/price/stop/confidence, a text, or None/"none") and
`why`. The outcome join asks the journal for the decider's first proposal on that symbol at or after
the bar's close and before its next decision (its verdict; live, the proposal is stamped a little
after the close), and the first trade entered in that window, of that proposal's run.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from aitrader.agents.llm.trace import Record

NO_OUTCOME = "no outcome in the journal"


def utc_day_of(ts_ms: int) -> str:
    return datetime.fromtimestamp(ts_ms / 1000, UTC).strftime("%Y-%m-%d")


STRATEGY_OF_ROLE = {"adviser": "llm", "debate": "debate"}  # a decider's role -> the journal's strategy


def is_replayed(record: Record) -> bool:
    """Answered from a recording (or a replay's miss): no model was called for it."""
    return record.get("replayed") is True or record.get("outcome") == "replayed"


@dataclass
class DecisionGroup:
    """The calls and decisions about one snapshot written by one trace run (one caller, one process):
    a replay's records about a snapshot are a group of their own, never merged with the original's."""

    snapshot_id: str
    trace_run: str | None = None
    calls: list[Record] = field(default_factory=list)
    decisions: list[Record] = field(default_factory=list)
    outcome: str | None = None

    @property
    def ts_ms(self) -> int:
        """When the first record was written (wall clock)."""
        return min(int(r.get("ts_ms", 0)) for r in (*self.calls, *self.decisions))

    @property
    def last_ms(self) -> int:
        """When the latest record was written (wall clock): `--limit` keeps the latest groups by it."""
        return max(int(r.get("ts_ms", 0)) for r in (*self.calls, *self.decisions))

    def _noted(self, key: str) -> Any:
        for d in reversed(self.decisions):
            value = d.get("decision", {}).get(key) if isinstance(d.get("decision"), dict) else None
            if value is not None:
                return value
        return None

    @property
    def symbol(self) -> str | None:
        value = self._noted("symbol")
        return str(value) if value is not None else None

    @property
    def time_ms(self) -> int | None:
        """The decision bar's time as the agent noted it (else None)."""
        value = self._noted("time_ms")
        return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    @property
    def strategy(self) -> str | None:
        """The journal's strategy name of the decider (noted, else from its role), None if unknown."""
        noted = self._noted("strategy")
        proposal = self._noted("proposal")
        if noted is None and isinstance(proposal, Mapping) and proposal.get("strategy"):
            noted = proposal["strategy"]
        if noted is not None:
            return str(noted)
        roles = [str(d.get("role", "")) for d in self.decisions]
        return next(
            (STRATEGY_OF_ROLE[r.split(".")[0]] for r in roles if r.split(".")[0] in STRATEGY_OF_ROLE), None
        )

    @property
    def roles(self) -> list[str]:
        return sorted({str(r.get("role")) for r in self.calls})

    @property
    def model_calls(self) -> list[Record]:
        """The calls that asked a model (a replayed one is counted in `replayed`, not here)."""
        return [r for r in self.calls if not is_replayed(r)]

    @property
    def replayed(self) -> int:
        return sum(1 for r in self.calls if is_replayed(r))

    @property
    def prompt_tokens(self) -> int:
        return sum(_tokens(r, "prompt") for r in self.model_calls)

    @property
    def completion_tokens(self) -> int:
        return sum(_tokens(r, "completion") for r in self.model_calls)

    @property
    def cost_usd(self) -> float:
        return sum(float(r.get("cost_usd") or 0.0) for r in self.model_calls)

    @property
    def latency_ms(self) -> float:
        return sum(float(r.get("latency_ms") or 0.0) for r in self.model_calls)

    @property
    def unavailable(self) -> int:
        return sum(1 for r in self.calls if r.get("outcome") == "unavailable")

    def decision_text(self) -> str:
        if not self.decisions:
            return "no decision noted"
        return "; ".join(f"{d.get('role')}: {describe_decision(d.get('decision'))}" for d in self.decisions)


def _tokens(record: Record, part: str) -> int:
    tokens = record.get("tokens")
    value = tokens.get(part) if isinstance(tokens, dict) else None
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else 0


def describe_proposal(proposal: Any) -> str | None:
    """ "enter BUY @ 101.5 stop 99 conf 0.7" for a mapping, the text for a text, None for none."""
    if proposal is None or (isinstance(proposal, str) and proposal.strip().lower() in ("", "none")):
        return None
    if not isinstance(proposal, Mapping):
        return str(proposal)
    words = [str(proposal[k]) for k in ("kind", "side") if proposal.get(k) is not None]
    for key, label in (("price", "@"), ("stop", "stop"), ("confidence", "conf")):
        if proposal.get(key) is not None:
            words.append(f"{label} {proposal[key]}")
    return " ".join(words) or "proposal"


def describe_decision(decision: Any) -> str:
    if not isinstance(decision, Mapping):
        return str(decision)
    proposal = describe_proposal(decision.get("proposal"))
    why = decision.get("why") or decision.get("reason")
    if proposal is not None:
        return proposal + (f" ({why})" if why else "")
    return "none" + (f": {why}" if why else "")


def group_by_decision(records: Iterable[Record], day: str | None = None) -> list[DecisionGroup]:
    """The records (of UTC `day` when given) grouped by (snapshot, trace run), ordered by their latest
    record (the most recent decision last)."""
    groups: dict[tuple[str, str | None], DecisionGroup] = {}
    latest: dict[tuple[str, str | None], tuple[int, int]] = {}  # (wall ms, place in the file)
    for place, r in enumerate(records):
        if day is not None and utc_day_of(int(r.get("ts_ms", 0))) != day:
            continue
        run = r.get("trace_run")
        key = (str(r.get("snapshot_id")), str(run) if run is not None else None)
        g = groups.setdefault(key, DecisionGroup(*key))
        (g.calls if r.get("kind") == "call" else g.decisions).append(r)
        latest[key] = max(latest.get(key, (0, 0)), (int(r.get("ts_ms", 0)), place))
    return [groups[k] for k in sorted(groups, key=lambda k: latest[k])]


def percentile(values: list[float], q: float) -> float | None:
    """The nearest-rank `q` percentile (0 < q <= 100), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


@dataclass(frozen=True)
class Totals:
    decisions: int
    decisions_with_calls: int  # decisions with at least one call to a model (a replay's have none)
    calls: int
    unavailable: int
    replayed: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    price_known: bool
    latency_p50_ms: float | None  # per decision: the sum of its calls' latencies
    latency_p95_ms: float | None


def totals(groups: list[DecisionGroup]) -> Totals:
    """`calls`, tokens, cost and latency count the calls that asked a model; `replayed` the others."""
    calls = [c for g in groups for c in g.model_calls]
    latencies = [g.latency_ms for g in groups if g.model_calls]
    return Totals(
        decisions=len(groups),
        decisions_with_calls=sum(1 for g in groups if g.model_calls),
        calls=len(calls),
        unavailable=sum(g.unavailable for g in groups),
        replayed=sum(g.replayed for g in groups),
        prompt_tokens=sum(g.prompt_tokens for g in groups),
        completion_tokens=sum(g.completion_tokens for g in groups),
        cost_usd=sum(g.cost_usd for g in groups),
        price_known=any(c.get("price") == "configured" for c in calls),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
    )


class OutcomeSource(Protocol):
    """What the join needs of `execution.journal_reader.JournalReader`."""

    def proposals(
        self, run_id: str | None = None, symbol: str | None = None, limit: int = 50, kind: str | None = None
    ) -> list[dict[str, Any]]: ...

    def trades(
        self, run_id: str | None = None, symbol: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]: ...


def join_outcomes(groups: list[DecisionGroup], reader: OutcomeSource, scan: int = 5000) -> None:
    """Set each group's `outcome` from the journal (see the module docstring)."""
    by_decider: dict[tuple[str, str | None], list[DecisionGroup]] = {}
    for g in groups:
        if g.symbol is not None and g.time_ms is not None:
            by_decider.setdefault((g.symbol, g.strategy), []).append(g)
        else:
            g.outcome = NO_OUTCOME + " (the decision names no symbol and time)"
    for (symbol, strategy), mine in by_decider.items():
        run_id = next((str(v) for g in mine if (v := g._noted("run_id")) is not None), None)
        proposals = [
            p
            for p in reader.proposals(run_id=run_id, symbol=symbol, limit=scan)
            if strategy is None or p.get("strategy") in (None, strategy)
        ]
        proposals.sort(key=lambda p: (int(p.get("time_ms") or 0), int(p.get("id") or 0)))
        trades = sorted(
            (
                t
                for t in reader.trades(run_id=run_id, symbol=symbol, limit=scan)
                if strategy is None or t.get("strategy") in (None, strategy)
            ),
            key=lambda t: t["entry_time"],
        )
        times = sorted({g.time_ms or 0 for g in mine})
        for g in mine:
            start = g.time_ms or 0
            end = next((t for t in times if t > start), None)  # the decider's next decision on the symbol
            g.outcome = _outcome(g, start, end, proposals, trades)


def _within(t: int, start: int, end: int | None) -> bool:
    return t >= start and (end is None or t < end)


def _outcome(
    g: DecisionGroup,
    start: int,
    end: int | None,
    proposals: list[dict[str, Any]],
    trades: list[dict[str, Any]],
) -> str:
    """The gate's verdict on the first proposal at or after the decision's bar (before the next
    decision), and the first trade entered in that window (of the proposal's run when there is one)."""
    seen = [p for p in proposals if _within(int(p.get("time_ms") or 0), start, end)]
    verdict = ""
    if seen:
        p = seen[0]
        if p.get("approved") is False:
            return f"refused by the gate: {p.get('code') or ''} {p.get('message') or ''}".strip()
        verdict = "approved; " if p.get("approved") else ""
        if p.get("run_id") is not None:
            trades = [t for t in trades if t.get("run_id") in (None, p["run_id"])]
    for t in trades:
        if _within(int(t["entry_time"]), start, end):
            return (
                f"{verdict}trade #{t['id']} {t['side']} {t['entry_price']:g} → {t['exit_price']:g} "
                f"P&L {t['pnl']:+.2f} ({t['exit_reason']})"
            )
    if describe_proposal(g._noted("proposal")) is None and not seen:
        return "no trade (no proposal)"
    return verdict + "no closed trade in the journal"
