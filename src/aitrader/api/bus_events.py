"""The kernel's bus events (`engine.events`) as the contract's event data (`api.hub.Event.data`).

Pure conversions: prices and quantities become JSON numbers (the API is an analysis face; the venue
side keeps its Decimals), except the approved quantity of a verdict, a string as the contract says.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from aitrader.domain.enums import Side
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal
from aitrader.engine.events import FillEvent, OrderEvent, OrderSubmitted, VerdictGiven
from aitrader.execution.order_manager import role_from_id

Data = dict[str, Any]


def num(x: float | Decimal | int | str | None) -> float | None:
    """A JSON number (None for nothing, NaN or infinity)."""
    if x is None or x == "":
        return None
    value = float(x)
    return value if math.isfinite(value) else None


def proposal_data(p: Proposal) -> Data:
    if isinstance(p, Enter):
        targets = [[t.price, t.fraction] for t in p.targets]
        return {
            "kind": "enter", "side": p.side.value, "price": num(p.price), "stop": num(p.stop),
            "targets": targets, "rationale": p.rationale, "strategy": p.strategy,
        }  # fmt: skip
    if isinstance(p, Exit):
        return {
            "kind": "exit", "side": None, "price": num(p.price), "stop": None, "targets": [],
            "rationale": p.reason, "strategy": p.strategy,
        }  # fmt: skip
    assert isinstance(p, Adjust)
    return {
        "kind": "adjust", "side": None, "price": num(p.price), "stop": num(p.new_stop), "targets": [],
        "rationale": p.reason, "strategy": p.strategy,
    }  # fmt: skip


def verdict_data(v: OrderPlan | Rejection) -> Data:
    if isinstance(v, Rejection):
        return {"approved": False, "code": v.code.value, "message": v.message, "qty": None, "plan_id": None}
    message = "; ".join(v.notes) or f"approved: {v.kind.value} plan v{v.version}"
    return {"approved": True, "code": None, "message": message, "qty": str(v.quantity), "plan_id": v.plan_id}


def decision_data(e: VerdictGiven, interval_ms: int, latency_ms: float | None = None) -> Data:
    """`e.time_ms` is the decision time (the bar's close); the bar is named by its open time."""
    return {
        "symbol": e.proposal.symbol,
        "bar_time_ms": e.time_ms - interval_ms,
        "proposal": proposal_data(e.proposal),
        "verdict": verdict_data(e.verdict),
        "latency_ms": latency_ms,
    }


def order_request_data(r: OrderRequest, order_id: str, role: str, status: str) -> Data:
    cid = r.client_order_id or order_id
    return {
        "symbol": r.symbol, "order_id": order_id, "client_order_id": cid, "side": r.side.value,
        "type": r.type.value, "status": status, "price": num(r.price), "stop_price": num(r.stop_price),
        "qty": num(r.quantity), "role": role or role_from_id(cid),
    }  # fmt: skip


def order_submitted_data(e: OrderSubmitted) -> Data:
    return order_request_data(e.request, e.order_id, e.role, "NEW")


def order_update_data(e: OrderEvent) -> Data:
    u = e.update
    return {
        "symbol": u.symbol, "order_id": u.order_id, "client_order_id": u.client_order_id,
        "side": u.side.value, "type": u.order_type.value, "status": u.status.value, "price": num(u.price),
        "stop_price": num(u.stop_price), "qty": num(u.qty), "role": role_from_id(u.client_order_id),
        "reason": u.reason,
    }  # fmt: skip


def fill_data(e: FillEvent, base_asset: str, quote_asset: str) -> Data:
    """The fee in the asset it was paid in: the base asset received (a buy under Binance's default
    commission) or the quote."""
    r = e.report
    in_base = r.fee_qty > 0
    return {
        "symbol": r.symbol, "order_id": r.order_id, "client_order_id": r.client_order_id,
        "side": r.side.value, "type": r.order_type.value, "price": num(r.price), "qty": num(r.qty),
        "fee": num(r.fee_qty if in_base else r.fee), "fee_asset": base_asset if in_base else quote_asset,
        "role": e.role,
    }  # fmt: skip


def position_data(symbol: str, pos: Position, protected: bool) -> Data:
    """An open position as the contract's `position` event (and the REST list's rows)."""
    return {
        "symbol": symbol,
        "side": "long" if pos.side is Side.BUY else "short",
        "qty": num(pos.qty),
        "entry_price": num(pos.entry_price),
        "stop": num(pos.stop) if pos.stop else None,
        "targets": [[num(t.price), num(t.qty)] for t in pos.targets],
        "protected": protected,
        "opened_ms": pos.opened_ms or None,
        "plan_id": pos.plan_id or None,
    }
