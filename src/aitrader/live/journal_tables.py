"""The live journal's tables and the plan row the order manager works from.

Decimals are stored as text (exact). Columns added after the first release (`entry_qty`,
`outside_qty`, `retired_lists` on plans, `executed` on orders) are added to an older journal
on open (`upgrade`), so a journal written by an earlier version keeps working.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, Text, inspect, text

from aitrader.storage.columns import EPOCH_MS, ROW_ID

metadata = MetaData()

plans = Table(
    "live_plans",
    metadata,
    Column("plan_id", String, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("status", String, nullable=False),  # pending_entry | open | closing | closed | abandoned
    Column("entry_cid", String, nullable=False),
    Column("qty", String, nullable=False),  # held quantity: entry_qty - closing executions - outside_qty
    Column("entry_price", String, nullable=False),
    Column("stop", String, nullable=False),
    Column("targets", Text, nullable=False),  # JSON [[price, fraction], ...]
    Column("list_cids", Text, nullable=False),  # JSON [listClientOrderId, ...] meant to protect `qty` now
    Column("strategy", String, nullable=False, default=""),
    Column("created_ms", EPOCH_MS, nullable=False),
    Column("updated_ms", EPOCH_MS, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("entry_qty", String, nullable=False, default="0"),  # received by the entry, net of base fees
    Column("outside_qty", String, nullable=False, default="0"),  # sold by someone else (balance fell short)
    Column("retired_lists", Text, nullable=False, default="[]"),  # older lists still to cancel and settle
)

orders = Table(
    "live_orders",
    metadata,
    Column("cid", String, primary_key=True),
    Column("plan_id", String, nullable=False),
    Column("version", Integer, nullable=False),
    Column("leg", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("type", String, nullable=False),
    Column("qty", String, nullable=False),
    Column("price", String, nullable=False, default=""),
    Column("stop_price", String, nullable=False, default=""),
    Column("status", String, nullable=False),  # INTENT | NEW | FILLED | CANCELED | REJECTED | UNKNOWN ...
    Column("exchange_order_id", String, nullable=False, default=""),
    Column("list_cid", String, nullable=False, default=""),
    Column("created_ms", EPOCH_MS, nullable=False),
    Column("updated_ms", EPOCH_MS, nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("executed", String, nullable=False, default="0"),  # executed base quantity, as the venue said
)

fills = Table(
    "live_fills",
    metadata,
    Column("key", String, primary_key=True),  # symbol:trade_id (or order id:cum qty when no trade id)
    Column("cid", String, nullable=False),
    Column("exchange_order_id", String, nullable=False),
    Column("symbol", String, nullable=False),
    Column("side", String, nullable=False),
    Column("price", String, nullable=False),
    Column("qty", String, nullable=False),
    Column("commission", String, nullable=False),
    Column("commission_asset", String, nullable=False),
    Column("time_ms", EPOCH_MS, nullable=False),
)

events = Table(
    "live_events",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("kind", String, nullable=False),
    Column("detail", Text, nullable=False),
)

telemetry = Table(
    "live_telemetry",
    metadata,
    Column("id", ROW_ID, primary_key=True, autoincrement=True),
    Column("time_ms", EPOCH_MS, nullable=False),
    Column("record", Text, nullable=False),
)

_ADDED: dict[str, tuple[tuple[str, str], ...]] = {
    "live_plans": (("entry_qty", "'0'"), ("outside_qty", "'0'"), ("retired_lists", "'[]'")),
    "live_orders": (("executed", "'0'"),),
}


def upgrade(engine: Engine) -> None:
    """Create missing tables and add the columns an older journal lacks (values: the defaults)."""
    metadata.create_all(engine)
    insp = inspect(engine)
    have = {table: {col["name"] for col in insp.get_columns(table)} for table in _ADDED}
    with engine.begin() as c:
        for table, added in _ADDED.items():
            for name, default in added:
                if name not in have[table]:
                    c.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} TEXT NOT NULL DEFAULT {default}"))
        if "entry_qty" not in have["live_plans"]:  # an older journal: a plan holds what its entry gave it
            c.execute(text("UPDATE live_plans SET entry_qty = qty"))


@dataclass(frozen=True, slots=True)
class PlanRow:
    plan_id: str
    version: int
    symbol: str
    side: str
    status: str
    entry_cid: str
    qty: Decimal
    entry_price: Decimal
    stop: Decimal
    targets: tuple[tuple[Decimal, Decimal], ...]
    list_cids: tuple[str, ...]
    strategy: str
    created_ms: int
    entry_qty: Decimal = Decimal(0)
    outside_qty: Decimal = Decimal(0)
    retired_lists: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, r: Mapping[Any, Any]) -> PlanRow:
        return cls(
            plan_id=r["plan_id"],
            version=int(r["version"]),
            symbol=r["symbol"],
            side=r["side"],
            status=r["status"],
            entry_cid=r["entry_cid"],
            qty=Decimal(r["qty"] or "0"),
            entry_price=Decimal(r["entry_price"] or "0"),
            stop=Decimal(r["stop"] or "0"),
            targets=tuple((Decimal(p), Decimal(f)) for p, f in json.loads(r["targets"])),
            list_cids=tuple(json.loads(r["list_cids"])),
            strategy=r["strategy"],
            created_ms=int(r["created_ms"]),
            entry_qty=Decimal(r.get("entry_qty") or "0"),
            outside_qty=Decimal(r.get("outside_qty") or "0"),
            retired_lists=tuple(json.loads(r.get("retired_lists") or "[]")),
        )
