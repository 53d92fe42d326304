"""What a slow decider thought, read back from the journal: "what did the bear say?", "why did the
debate pass on BTC?", "what did the analysts think?", "what did the LLM adviser say?".

Every deliberation of a debate or an LLM adviser is journaled as an event of kind "deliberation"
(`aitrader.engine.journaling`): a one-line verdict and the decider's whole record as JSON. The tool
reads the newest ones (all runs, newest first), keeps the asked decider's (and symbol's) and turns
the chosen one into typed lines; the reply quotes what each role said and every figure from those
lines. The record is read by its field names, not decoded into the decider's own types, so a
journal written by an older or newer decider still answers with what it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

from aitrader.agents.chat.context import ToolContext
from aitrader.agents.chat.render_debate import answer, nothing_yet
from aitrader.agents.chat.sources import SourceError
from aitrader.agents.chat.tool_io import (
    AnalystLine,
    DebateIn,
    DebateOut,
    DeliberationView,
    EvidenceLine,
    TurnLine,
)

SCAN = 2_000  # newest deliberation events searched (a backtest writes one per screened bar)
_REASONING_KEYS = ("rationale", "reasoning", "reason", "summary", "thesis", "plan", "notes", "explanation")


@runtime_checkable
class EventReader(Protocol):
    """The journal reader's events query (`aitrader.execution.journal_reader.JournalReader`)."""

    def events(self, run_id: str | None = None, kind: str | None = None, limit: int = 100) -> list[Any]: ...


def _reader(ctx: ToolContext) -> EventReader | None:
    journal = getattr(ctx.journal, "source", ctx.journal)  # the CLI's `LazyJournal` opens it on first use
    kernel = getattr(journal, "kernel", None)  # the kernel tables of `BotJournal`, when written
    return kernel if isinstance(kernel, EventReader) else None


def _symbol(ctx: ToolContext, text: str | None) -> str | None:
    if not text:
        return None
    try:
        return ctx.universe.symbol(text) or text.upper()
    except SourceError:  # the venue's list is out of reach: the journal's own name is asked as written
        return text.upper()


def _decider(role: str | None) -> str | None:
    """Whose deliberations answer `role`: the adviser's, the debate's, or (the analysts) either."""
    if role == "adviser":
        return "llm"
    return None if role == "analysts" else "debate"


def _map(x: Any) -> Mapping[str, Any]:
    return x if isinstance(x, Mapping) else {}


def _num(x: Any) -> float | None:
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def _text(x: Any) -> str:
    return x.strip() if isinstance(x, str) else ""


# ---- the record, read by field name ----------------------------------------------------------------
def _evidence(item: Mapping[str, Any], name: str | None = None) -> EvidenceLine:
    return EvidenceLine(
        name=name or _text(item.get("name")),
        figure=_num(item.get("value")),
        unit=_text(item.get("unit")),
        note=_text(item.get("note")),
        weight=_num(item.get("weight")) or 0.0,
    )


def _analysts(record: Mapping[str, Any]) -> list[AnalystLine]:
    out = []
    for r in record.get("reports") or record.get("analysts") or []:  # the adviser: "analysts"
        if not isinstance(r, Mapping):
            continue
        out.append(
            AnalystLine(
                analyst=_text(r.get("analyst")) or "analyst",
                stance=_text(r.get("stance")) or "neutral",
                score=_num(r.get("score")) or 0.0,
                confidence=_num(r.get("confidence")) or 0.0,
                summary=_text(r.get("summary")),
                evidence=[_evidence(e) for e in r.get("evidence") or [] if isinstance(e, Mapping)],
            )
        )
    return out


def _rounds(record: Mapping[str, Any], analysts: list[AnalystLine]) -> list[TurnLine]:
    items = {f"{a.analyst}.{e.name}": e for a in analysts for e in a.evidence}
    out = []
    for i, t in enumerate(record.get("rounds") or []):
        if not isinstance(t, Mapping):
            continue
        names = [n for n in t.get("evidence") or [] if isinstance(n, str)]
        out.append(
            TurnLine(
                round=int(n) if (n := _num(t.get("round"))) is not None else i,
                speaker=_text(t.get("speaker")),
                text=_text(t.get("text")),
                evidence=[
                    items[n].model_copy(update={"name": n})
                    if n in items
                    else EvidenceLine(name=n, figure=None)
                    for n in names
                ],
                engine=_text(t.get("engine")) or "offline",
                fallback=_text(t.get("fallback")),
            )
        )
    return out


def _strings(x: Any) -> list[str]:
    items = [x] if isinstance(x, str) else x if isinstance(x, list) else []
    return [t.strip() for t in items if isinstance(t, str) and t.strip()]


def _adviser_record(record: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The LLM adviser's reason (its decision's rationale) and what else it journaled: the plan, the
    decision's confidence and evidence, an overlay's refusal, the tools it read and what it cost."""
    decision, plan = _map(record.get("decision")), _map(record.get("plan"))
    lines = [f"Plan: {t}" for t in _strings(plan.get("thesis"))]
    if checks := _strings(plan.get("checks")):
        lines.append("Checks: " + "; ".join(checks))
    lines += [f"No plan: {t}" for t in _strings(record.get("plan_problem"))]
    if decision:
        conf = _num(decision.get("confidence"))
        said = f"Decision: {_text(decision.get('action')) or 'none'}" + (
            f", confidence {conf:.2f}" if conf is not None else ""
        )
        names = _strings(decision.get("evidence"))
        lines.append(said + (f", resting on {', '.join(names)}" if names else ""))
    lines += [f"Overlay refused it: {t}" for t in _strings(record.get("overlay"))]
    errors = _strings(record.get("validation_errors"))
    if errors:
        lines.append(f"Replies refused before a valid one: {len(errors)} (first: {errors[0]})")
    used = [_text(t.get("name")) for t in record.get("tools") or [] if isinstance(t, Mapping)]
    if used := [u for u in used if u]:
        lines.append("Tools it read: " + ", ".join(used))
    calls = record.get("calls") if isinstance(record.get("calls"), list) else []
    tokens, cost = _num(record.get("tokens")), _num(record.get("cost_usd"))
    if calls:
        lines.append(f"{len(calls)} model call(s), {int(tokens or 0)} tokens, {cost or 0.0:.4f} USD")
    rationale = _text(decision.get("rationale"))
    if rationale or lines:
        return rationale, lines
    return _reasoning(record)


def _reasoning(record: Mapping[str, Any]) -> tuple[str, list[str]]:
    """Any other decider's reason and explanations, from the fields that usually carry them, one
    level of nesting included ({"decision": {"rationale": ...}})."""
    seen: list[str] = []
    for scope in (record, *(v for v in record.values() if isinstance(v, Mapping))):
        for key in _REASONING_KEYS:
            seen += [t for t in _strings(scope.get(key)) if t not in seen]
    return (seen[0], seen[1:]) if seen else ("", [])


def _view(row: Mapping[str, Any]) -> DeliberationView:
    payload = _map(row.get("payload"))
    record = _map(payload.get("record"))
    verdict = record.get("verdict")
    decided = _map(verdict)
    analysts = _analysts(record)
    decider = _text(payload.get("decider")) or "debate"
    rationale, reasoning = _adviser_record(record) if decider == "llm" else _reasoning(record)
    return DeliberationView(
        decider=decider,
        symbol=_text(payload.get("symbol")) or _text(record.get("symbol")),
        time_ms=int(row.get("time_ms") or record.get("time_ms") or 0),
        snapshot_id=_text(payload.get("snapshot_id")) or _text(record.get("snapshot_id")),
        verdict=_text(payload.get("verdict")) or (verdict if isinstance(verdict, str) else ""),
        run_id=str(row.get("run_id") or ""),
        analysts=analysts,
        rounds=_rounds(record, analysts),
        conviction=_num(record.get("conviction")),
        threshold=_num(record.get("threshold")),
        exit_threshold=_num(record.get("exit_threshold")),
        holding=bool(record.get("holding")),
        action=_text(decided.get("action")) or _text(record.get("action")),
        rationale=_text(decided.get("rationale")) or rationale,
        reasoning=[r for r in reasoning if r != _text(decided.get("rationale"))],
    )


# ---- the tool -------------------------------------------------------------------------------------
def get_debate(ctx: ToolContext, args: DebateIn) -> DebateOut:
    """The asked deliberation (the newest by default) of the decider the role belongs to."""
    from aitrader.engine.journaling import DELIBERATION  # the engine loads on this question only

    symbol = _symbol(ctx, args.symbol)
    decider = _decider(args.role)
    reader = _reader(ctx)
    rows = reader.events(kind=DELIBERATION, limit=SCAN) if reader is not None else []
    heads = [(r, _map(r.get("payload"))) for r in rows if isinstance(r, Mapping)]
    if args.role == "analysts":
        # the debate's panel (full reports) first; an adviser's record keeps only their stances
        full = [(r, p) for r, p in heads if _map(p.get("record")).get("reports")]
        heads = full or [(r, p) for r, p in heads if _map(p.get("record")).get("analysts")]
    found = [
        r
        for r, p in heads
        if (decider is None or (_text(p.get("decider")) or "debate") == decider)
        and (symbol is None or _text(p.get("symbol")) == symbol)
    ]
    if not found and args.role is None:  # no debate: the whole of whatever else deliberated
        found = [r for r, p in heads if symbol is None or _text(p.get("symbol")) == symbol]
        decider = None
    chosen = _view(found[args.which - 1]) if len(found) >= args.which else None
    deciders = {_text(p.get("decider")) or "debate" for _, p in heads}
    out = DebateOut(
        symbol=symbol, role=args.role, which=args.which, deliberation=chosen, journaled=len(found), text=""
    )
    text = answer(out) if chosen is not None else nothing_yet(out, decider, deciders)
    return out.model_copy(update={"text": text})
