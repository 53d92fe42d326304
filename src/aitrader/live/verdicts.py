"""Small conversions the runner needs: journal rows to positions, verdicts to keys and JSON."""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection
from aitrader.domain.position import Position, PositionTarget
from aitrader.live.journal import PlanRow

__all__ = ["to_plan", "to_position", "verdict_json", "verdict_key"]


def to_position(row: PlanRow) -> Position:
    targets = tuple(PositionTarget(p, (row.qty * f)) for p, f in row.targets)
    return Position(
        row.symbol,
        Side(row.side),
        row.qty,
        row.entry_price,
        row.stop,
        targets,
        row.plan_id,
        row.version,
        row.created_ms,
    )


def to_plan(row: PlanRow) -> OrderPlan:
    """The plan in force for a journaled position, as the order manager protects it: its stop and
    its targets (their shares of the position as quantities)."""
    close = Side(row.side).opposite
    stop = OrderRequest(row.symbol, close, OrderType.STOP_LOSS, row.qty, None, row.stop)
    shares = row.targets or (
        (row.entry_price + (row.entry_price - row.stop) * 2, Decimal(1)),
    )  # 2R by default
    targets = tuple(OrderRequest(row.symbol, close, OrderType.LIMIT, f, p) for p, f in shares)
    return OrderPlan(
        row.plan_id, row.version, PlanKind.ADJUST, row.symbol, Side(row.side), row.qty, row.entry_price,
        row.stop, stop=stop, targets=targets, strategy=row.strategy,
    )  # fmt: skip


def verdict_key(v: OrderPlan | Rejection) -> str:
    return (
        f"reject:{v.code.value}"
        if isinstance(v, Rejection)
        else f"plan:{v.kind.value}:{v.side.value}:{v.stop_price}"
    )


def verdict_json(v: OrderPlan | Rejection) -> dict[str, object]:
    if isinstance(v, Rejection):
        return {"rejected": v.code.value, "message": v.message}
    return {
        "plan_id": v.plan_id,
        "version": v.version,
        "kind": v.kind.value,
        "side": v.side.value,
        "qty": str(v.quantity),
        "entry": str(v.entry_price),
        "stop": str(v.stop_price),
        "targets": [str(t.price) for t in v.targets],
        "risk_quote": str(v.risk_quote),
    }
