"""Journal rows as the chat's views: a kernel proposal (with its verdict and approved plan) or a live
loop record's proposal and verdict as a DecisionView; a live plan or a kernel plan version as a
PositionView. Pure conversions; `bot_journal.BotJournal` reads the rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aitrader.agents.chat.models import DecisionView, PositionView
from aitrader.agents.chat.rejections import rejection_figures
from aitrader.live.plan_row import PlanRow

Row = dict[str, Any]


def dec(x: Any) -> Decimal | None:
    return None if x in (None, "") else Decimal(str(x))


def kernel_decision(p: Row, plan: Row | None, order_ids: list[str]) -> DecisionView:
    """Proposal row `p` (with its verdict columns), the plan version approved for it, its orders."""
    approved = bool(p.get("approved"))
    verdict = (
        "approved"
        if approved
        else ("pending" if p.get("approved") is None else f"rejected ({p.get('code')})")
    )
    targets = p.get("targets") or []
    return DecisionView(
        proposal_id=f"{p['run_id']}:{p['id']}",
        time_ms=int(p["time_ms"]),
        symbol=p["symbol"],
        side=p.get("side") or "",
        kind=p["kind"],
        strategy=p.get("strategy") or "",
        rationale=p.get("rationale") or "",
        evidence=dict(p.get("evidence") or {}),
        confidence=p.get("confidence"),
        stop_price=dec(p.get("stop")),
        targets=[d for t in targets if (d := dec(t[0])) is not None],
        target_fractions=[d for t in targets if len(t) > 1 and (d := dec(t[1])) is not None],
        quantity=dec(plan["quantity"]) if plan else None,
        risk_quote=dec(plan["risk_quote"]) if plan else None,
        risk_pct=dec(plan["risk_fraction"] * 100) if plan and plan["risk_fraction"] else None,
        verdict=verdict,
        verdict_reason="" if approved else str(p.get("message") or ""),
        order_ids=order_ids,
        code="" if approved else str(p.get("code") or ""),
        figures={} if approved else rejection_figures(str(p.get("message") or "")),
    )


def _loop_kind(p: Row) -> str:
    if "confidence" in p:
        return "enter"
    if "kind" in p:
        return "adjust"
    return "exit"


def loop_decision(rec: Row, index: int, p: Row, v: Row, order_ids: list[str]) -> DecisionView:
    """The `index`-th proposal `p` of loop record `rec` with its verdict `v` (approved: a plan id)."""
    approved = "plan_id" in v
    side = p.get("side") or v.get("side") or ""
    return DecisionView(
        proposal_id=f"{rec.get('time_ms', 0)}:{index}",
        time_ms=int(p.get("time_ms") or rec.get("time_ms") or 0),
        symbol=p.get("symbol") or rec.get("symbol", ""),
        side=str(side).upper(),
        kind=_loop_kind(p),
        strategy=p.get("strategy", ""),
        rationale=p.get("rationale") or p.get("reason") or "",
        evidence=dict(p.get("evidence") or {}),
        confidence=p.get("confidence"),
        stop_price=dec(p.get("stop") or p.get("new_stop")),
        targets=[d for t in p.get("targets", []) if (d := dec(t.get("price"))) is not None],
        verdict="approved" if approved else f"rejected ({v.get('rejected', '?')})",
        verdict_reason="" if approved else str(v.get("message", "")),
        order_ids=order_ids,
        code="" if approved else str(v.get("rejected") or ""),
        figures={} if approved else rejection_figures(str(v.get("message", ""))),
    )


def live_position(row: PlanRow) -> PositionView:
    return PositionView(
        symbol=row.symbol,
        side=row.side,
        quantity=row.qty,
        entry_price=row.entry_price,
        stop_price=row.stop or None,
        targets=[p for p, _ in row.targets],
        opened_ms=row.created_ms,
        plan_id=row.plan_id,
    )


def kernel_position(plan_id: str, first: Row, last: Row) -> PositionView:
    """A plan from its first and last journaled versions (opened at the first, as it stands now)."""
    return PositionView(
        symbol=last["symbol"],
        side=last["side"],
        quantity=Decimal(str(last["quantity"])),
        entry_price=Decimal(str(last["entry_price"])),
        stop_price=dec(last["stop_price"]),
        targets=[d for t in last["targets"] if (d := dec(t[0])) is not None],
        opened_ms=int(first["created_ms"]),
        plan_id=plan_id,
    )
