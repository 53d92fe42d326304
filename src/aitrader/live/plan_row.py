"""A plan in force as the live order path works from it: one `live_plans` row (see
`execution.journal_schema`), decimals exact."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


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
