"""Open positions as the journal tells them, for the attached API (no runner to ask), with whether
each is protected as far as the journal knows:

- live: the `live_plans` rows holding a quantity (the crash-only order path's truth); protected
  while the plan is open and every leg of its OCO lists was last seen live on the venue (NEW);
- paper: the chat's reading of the running run (`agents.chat.bot_journal.BotJournal.positions`:
  plan versions, fills and trades); protected while one of its stop orders is still working.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.models import PositionView
from aitrader.api.bus_events import num
from aitrader.execution import journal_schema as s
from aitrader.execution.journal_reader import JournalReader, Row
from aitrader.live.plan_row import PlanRow

_LIVE_LEG = ("NEW", "PARTIALLY_FILLED")


def _live_protected(reader: JournalReader, plan: PlanRow) -> bool:
    if plan.status != "open" or not plan.list_cids:
        return False
    legs = s.live_orders
    status = reader._all(select(legs.c.status).where(legs.c.list_cid.in_(plan.list_cids)))
    return bool(status) and all(r["status"] in _LIVE_LEG for r in status)


def live_positions(reader: JournalReader) -> list[dict[str, Any]]:
    """The `live_plans` rows still holding a quantity (read as stored: `PlanRow` decodes them)."""
    plans = s.live_plans
    q = select(plans).where(plans.c.status.in_(("open", "closing"))).order_by(plans.c.created_ms)
    with reader.engine.connect() as c:
        rows = [PlanRow.from_row(r) for r in c.execute(q).mappings()]
    out = []
    for row in rows:
        if row.qty <= 0:
            continue
        total = sum((f for _, f in row.targets), Decimal(0)) or Decimal(1)
        position = {
            "symbol": row.symbol, "side": "long" if row.side == "BUY" else "short", "qty": num(row.qty),
            "entry_price": num(row.entry_price), "stop": num(row.stop) or None,
            "targets": [[num(p), num(row.qty * f / total)] for p, f in row.targets],
            "protected": _live_protected(reader, row), "opened_ms": row.created_ms, "plan_id": row.plan_id,
        }  # fmt: skip
        out.append(position)
    return out


def position_row(p: PositionView, protected: bool) -> dict[str, Any]:
    """A paper position (target quantities are not in the chat's view: null)."""
    return {
        "symbol": p.symbol, "side": "long" if p.side.upper() in ("BUY", "LONG") else "short",
        "qty": float(p.quantity), "entry_price": num(p.entry_price), "stop": num(p.stop_price),
        "protected": protected, "targets": [[num(t), None] for t in p.targets], "opened_ms": p.opened_ms or None,
        "plan_id": p.plan_id,
    }  # fmt: skip


def journal_positions(
    book: BotJournal, reader: JournalReader, live: bool, orders: list[Row]
) -> list[dict[str, Any]]:
    """`live`: the run trades on a venue (else paper); `orders`: the run's orders with their status."""
    if live:
        return live_positions(reader)
    return [
        position_row(
            p, any(o["symbol"] == p.symbol and o["role"] == "stop" and o["status"] == "NEW" for o in orders)
        )
        for p in book.positions()
    ]
