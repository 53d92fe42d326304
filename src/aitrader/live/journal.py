"""The live journal: every intent, order, fill and plan version, written before and after it happens.

SQLite through SQLAlchemy Core, in the same database file as the kernel's journal (separate
`live_*` tables, so the backtest schema stays untouched). Each write commits at once, so a process
killed with SIGKILL leaves at most the one in-flight step unrecorded, and that step was announced
by an `intent` row first: restart reconciliation looks it up on the exchange by client order id.
Decimals are stored as text (exact).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    select,
    update,
)

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
    Column("qty", String, nullable=False),  # held quantity (filled)
    Column("entry_price", String, nullable=False),
    Column("stop", String, nullable=False),
    Column("targets", Text, nullable=False),  # JSON [[price, fraction], ...]
    Column("list_cids", Text, nullable=False),  # JSON [listClientOrderId, ...] of the current version
    Column("strategy", String, nullable=False, default=""),
    Column("created_ms", Integer, nullable=False),
    Column("updated_ms", Integer, nullable=False),
    Column("detail", Text, nullable=False, default=""),
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
    Column("status", String, nullable=False),  # INTENT | SENT | NEW | FILLED | CANCELED | REJECTED ...
    Column("exchange_order_id", String, nullable=False, default=""),
    Column("list_cid", String, nullable=False, default=""),
    Column("created_ms", Integer, nullable=False),
    Column("updated_ms", Integer, nullable=False),
    Column("detail", Text, nullable=False, default=""),
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
    Column("time_ms", Integer, nullable=False),
)

events = Table(
    "live_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("time_ms", Integer, nullable=False),
    Column("kind", String, nullable=False),
    Column("detail", Text, nullable=False),
)

telemetry = Table(
    "live_telemetry",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("time_ms", Integer, nullable=False),
    Column("record", Text, nullable=False),
)


def now_ms() -> int:
    return int(time.time() * 1000)


def _text(v: Decimal | None) -> str:
    return "" if v is None else str(v)


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
        )


class LiveJournal:
    """Append-mostly journal of the live order flow."""

    def __init__(self, path: Path | str) -> None:
        url = "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, future=True)
        event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # ---- plans -------------------------------------------------------------------------------
    def add_plan(
        self,
        plan_id: str,
        version: int,
        symbol: str,
        side: str,
        entry_cid: str,
        entry_price: Decimal,
        stop: Decimal,
        targets: list[tuple[Decimal, Decimal]],
        strategy: str = "",
        detail: str = "",
    ) -> None:
        t = now_ms()
        with self.engine.begin() as c:
            c.execute(
                insert(plans).values(
                    plan_id=plan_id,
                    version=version,
                    symbol=symbol,
                    side=side,
                    status="pending_entry",
                    entry_cid=entry_cid,
                    qty="0",
                    entry_price=str(entry_price),
                    stop=str(stop),
                    targets=json.dumps([[str(p), str(f)] for p, f in targets]),
                    list_cids="[]",
                    strategy=strategy,
                    created_ms=t,
                    updated_ms=t,
                    detail=detail,
                )
            )

    def update_plan(self, plan_id: str, **values: Any) -> None:
        if "targets" in values:
            values["targets"] = json.dumps([[str(p), str(f)] for p, f in values["targets"]])
        if "list_cids" in values:
            values["list_cids"] = json.dumps(list(values["list_cids"]))
        for key in ("qty", "entry_price", "stop"):
            if key in values:
                values[key] = str(values[key])
        values["updated_ms"] = now_ms()
        with self.engine.begin() as c:
            c.execute(update(plans).where(plans.c.plan_id == plan_id).values(**values))

    def plan(self, plan_id: str) -> PlanRow | None:
        with self.engine.connect() as c:
            r = c.execute(select(plans).where(plans.c.plan_id == plan_id)).mappings().first()
        return None if r is None else PlanRow.from_row(r)

    def plans(self, *statuses: str) -> list[PlanRow]:
        q = select(plans).order_by(plans.c.created_ms)
        if statuses:
            q = q.where(plans.c.status.in_(statuses))
        with self.engine.connect() as c:
            return [PlanRow.from_row(r) for r in c.execute(q).mappings()]

    # ---- orders ------------------------------------------------------------------------------
    def order_intent(
        self,
        cid: str,
        plan_id: str,
        version: int,
        leg: str,
        symbol: str,
        side: str,
        type_: str,
        qty: Decimal,
        price: Decimal | None = None,
        stop_price: Decimal | None = None,
        list_cid: str = "",
    ) -> None:
        """Written BEFORE the request leaves: on restart an INTENT row means 'look it up by cid'."""
        t = now_ms()
        with self.engine.begin() as c:
            existing = c.execute(select(orders.c.cid).where(orders.c.cid == cid)).first()
            if existing is not None:
                return
            c.execute(
                insert(orders).values(
                    cid=cid,
                    plan_id=plan_id,
                    version=version,
                    leg=leg,
                    symbol=symbol,
                    side=side,
                    type=type_,
                    qty=str(qty),
                    price=_text(price),
                    stop_price=_text(stop_price),
                    status="INTENT",
                    list_cid=list_cid,
                    created_ms=t,
                    updated_ms=t,
                    detail="",
                )
            )

    def order_status(self, cid: str, status: str, exchange_order_id: str = "", detail: str = "") -> None:
        values: dict[str, Any] = {"status": status, "updated_ms": now_ms()}
        if exchange_order_id:
            values["exchange_order_id"] = exchange_order_id
        if detail:
            values["detail"] = detail
        with self.engine.begin() as c:
            c.execute(update(orders).where(orders.c.cid == cid).values(**values))

    def orders_of(self, plan_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            rows = c.execute(select(orders).where(orders.c.plan_id == plan_id).order_by(orders.c.created_ms))
            return [dict(r) for r in rows.mappings()]

    def order(self, cid: str) -> dict[str, Any] | None:
        with self.engine.connect() as c:
            r = c.execute(select(orders).where(orders.c.cid == cid)).mappings().first()
        return None if r is None else dict(r)

    def all_orders(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(select(orders).order_by(orders.c.created_ms)).mappings()]

    # ---- fills, events, telemetry ------------------------------------------------------------
    def add_fill(
        self,
        key: str,
        cid: str,
        exchange_order_id: str,
        symbol: str,
        side: str,
        price: Decimal,
        qty: Decimal,
        commission: Decimal,
        commission_asset: str,
        time_ms: int,
    ) -> bool:
        """Record a fill once (idempotent by key); True when it was new."""
        with self.engine.begin() as c:
            if c.execute(select(fills.c.key).where(fills.c.key == key)).first() is not None:
                return False
            c.execute(
                insert(fills).values(
                    key=key,
                    cid=cid,
                    exchange_order_id=exchange_order_id,
                    symbol=symbol,
                    side=side,
                    price=str(price),
                    qty=str(qty),
                    commission=str(commission),
                    commission_asset=commission_asset,
                    time_ms=time_ms,
                )
            )
        return True

    def fills(self) -> list[dict[str, Any]]:
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(select(fills).order_by(fills.c.time_ms)).mappings()]

    def closed_results(self) -> list[tuple[str, Decimal, int]]:
        """(plan id, realised P&L in quote incl. quote fees, last fill ms) of closed plans, oldest first.

        Base-asset fees are valued at the fill price. Feeds the gate's loss-streak lockout.
        """
        with self.engine.connect() as c:
            closed = {r.plan_id: r for r in c.execute(select(plans).where(plans.c.status == "closed"))}
            rows = c.execute(
                select(fills, orders.c.plan_id).join(orders, orders.c.cid == fills.c.cid)
            ).mappings()
            pnl: dict[str, Decimal] = {}
            last: dict[str, int] = {}
            for r in rows:
                if r["plan_id"] not in closed:
                    continue
                price, qty = Decimal(r["price"]), Decimal(r["qty"])
                sign = -1 if r["side"] == "BUY" else 1
                fee = Decimal(r["commission"])
                if r["commission_asset"] and r["symbol"].startswith(r["commission_asset"]):
                    fee *= price
                pnl[r["plan_id"]] = pnl.get(r["plan_id"], Decimal(0)) + sign * price * qty - fee
                last[r["plan_id"]] = max(last.get(r["plan_id"], 0), int(r["time_ms"]))
        return sorted(((p, v, last[p]) for p, v in pnl.items()), key=lambda x: x[2])

    def event(self, kind: str, **detail: Any) -> None:
        with self.engine.begin() as c:
            c.execute(
                insert(events).values(time_ms=now_ms(), kind=kind, detail=json.dumps(detail, default=str))
            )

    def events(self, kind: str | None = None) -> Iterator[tuple[int, str, dict[str, Any]]]:
        q = select(events).order_by(events.c.id)
        if kind is not None:
            q = q.where(events.c.kind == kind)
        with self.engine.connect() as c:
            rows = list(c.execute(q).mappings())
        for r in rows:
            yield int(r["time_ms"]), str(r["kind"]), json.loads(r["detail"])

    def telemetry(self, record: str, time_ms: int) -> None:
        with self.engine.begin() as c:
            c.execute(insert(telemetry).values(time_ms=time_ms, record=record))

    def telemetry_count(self) -> int:
        with self.engine.connect() as c:
            return len(c.execute(select(telemetry.c.id)).all())


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()
