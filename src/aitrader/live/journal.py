"""The live journal: every intent, order, fill and plan version, written before and after it happens.

SQLAlchemy Core, the position-state part of the journal's one schema (the `live_*` tables of
`execution.journal_schema`, in the same database as every run's record): a SQLite file, or PostgreSQL given a URL. One state change is one transaction: a
caller groups the writes of one change in `with journal.transaction():` (a plan and its entry
intent, a fill and the position it opens, a stop move with its reduce intent and the retirement of
the old OCOs), so a process killed with SIGKILL leaves either all of a change or none of it. SQLite
runs with `synchronous=FULL` (PostgreSQL commits are durable by default): a commit is on disk before
the step it announces is sent, power cut included. Writes outside a `transaction()` block commit
one by one. Every committed order-flow transaction passes `faults.after_commit` (the fault matrix
kills the process between any two commits with `AITRADER_DIE_AT=commit:N`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, update

from aitrader.execution.journal_schema import create_or_upgrade
from aitrader.execution.journal_schema import live_events as events
from aitrader.execution.journal_schema import live_fills as fills
from aitrader.execution.journal_schema import live_orders as orders
from aitrader.execution.journal_schema import live_plans as plans
from aitrader.execution.journal_schema import live_telemetry as telemetry
from aitrader.live.faults import after_commit
from aitrader.live.plan_row import PlanRow
from aitrader.storage.database import open_database

__all__ = ["LiveJournal", "PlanRow", "now_ms"]


def now_ms() -> int:
    return int(time.time() * 1000)


# Statements built once, their values bound at execution: building `insert(t).values(...)` per
# call costs about 1 ms of SQLAlchemy work on the entry's path (bench_latency, issue 14).
_INSERT_PLAN = insert(plans)
_INSERT_ORDER = insert(orders)
_ORDER_EXISTS = select(orders.c.cid).where(orders.c.cid == bindparam("cid"))


def _text(v: Decimal | None) -> str:
    return "" if v is None else str(v)


class LiveJournal:
    """Append-mostly journal of the live order flow."""

    def __init__(self, path: Path | str) -> None:
        """`path`: a SQLite file, `:memory:` or a database URL (`aitrader.storage.database`)."""
        self.engine: Engine = open_database(path, durable=True)
        create_or_upgrade(self.engine)
        self._conn: Connection | None = None  # the open transaction, if any
        self._flow = False  # the open transaction wrote plans, orders or fills
        self.commits = 0  # order-flow commits since this journal was opened
        self._plans_seen: dict[tuple[str, ...], tuple[PlanRow, ...]] = {}  # `plans` answers until a write
        self._results_seen: tuple[tuple[str, Decimal, int], ...] | None = None  # `closed_results`, same

    def close(self) -> None:
        self.engine.dispose()

    # ---- transactions ------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group the writes of one state change into one commit (nested blocks join the outer one)."""
        if self._conn is not None:
            yield
            return
        with self.engine.begin() as c:
            self._conn, self._flow = c, False
            try:
                yield
            finally:
                self._conn = None
        if self._flow:
            self._committed()

    @contextmanager
    def _write(self, flow: bool = True) -> Iterator[Connection]:
        if flow:  # plans, orders, fills: what was read may change now (events and telemetry do not)
            self._forget_reads()
        if self._conn is not None:
            self._flow = self._flow or flow
            yield self._conn
            return
        try:
            with self.engine.begin() as c:
                yield c
        finally:
            if flow:
                self._forget_reads()
        if flow:
            self._committed()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        if self._conn is not None:  # see this transaction's own writes
            yield self._conn
            return
        with self.engine.connect() as c:
            yield c

    def _forget_reads(self) -> None:
        self._plans_seen.clear()
        self._results_seen = None

    def _committed(self) -> None:
        self.commits += 1
        after_commit(self.commits)

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
        with self._write() as c:
            c.execute(
                _INSERT_PLAN,
                {
                    "plan_id": plan_id, "version": version, "symbol": symbol, "side": side,
                    "status": "pending_entry", "entry_cid": entry_cid, "qty": "0",
                    "entry_price": str(entry_price), "stop": str(stop),
                    "targets": json.dumps([[str(p), str(f)] for p, f in targets]), "list_cids": "[]",
                    "strategy": strategy, "created_ms": t, "updated_ms": t, "detail": detail,
                    "entry_qty": "0", "outside_qty": "0", "retired_lists": "[]",
                },
            )  # fmt: skip

    def update_plan(self, plan_id: str, **values: Any) -> None:
        if "targets" in values:
            values["targets"] = json.dumps([[str(p), str(f)] for p, f in values["targets"]])
        for key in ("list_cids", "retired_lists"):
            if key in values:
                values[key] = json.dumps(list(values[key]))
        for key in ("qty", "entry_price", "stop", "entry_qty", "outside_qty"):
            if key in values:
                values[key] = str(values[key])
        values["updated_ms"] = now_ms()
        with self._write() as c:
            c.execute(update(plans).where(plans.c.plan_id == plan_id).values(**values))

    def plan(self, plan_id: str) -> PlanRow | None:
        with self._read() as c:
            r = c.execute(select(plans).where(plans.c.plan_id == plan_id)).mappings().first()
        return None if r is None else PlanRow.from_row(r)

    def plans(self, *statuses: str) -> list[PlanRow]:
        """The plans in `statuses` (all when none), oldest first. Outside a transaction the answer is
        kept until the next write: the bot is the journal's one writer, and the candle loop asks
        before every decision (a read costs about a millisecond, the order path has five)."""
        seen = self._plans_seen.get(statuses) if self._conn is None else None
        if seen is not None:
            return list(seen)
        q = select(plans).order_by(plans.c.created_ms, plans.c.plan_id)
        if statuses:
            q = q.where(plans.c.status.in_(statuses))
        with self._read() as c:
            rows = [PlanRow.from_row(r) for r in c.execute(q).mappings()]
        if self._conn is None:
            self._plans_seen[statuses] = tuple(rows)
        return rows

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
        status: str = "INTENT",
    ) -> None:
        """Written BEFORE the request leaves: on restart an INTENT row means 'look it up by cid'.
        PLANNED: decided, not yet handed to the venue (it becomes INTENT right before it is sent)."""
        t = now_ms()
        with self._write() as c:
            if c.execute(_ORDER_EXISTS, {"cid": cid}).first() is not None:
                return
            c.execute(
                _INSERT_ORDER,
                {
                    "cid": cid, "plan_id": plan_id, "version": version, "leg": leg, "symbol": symbol,
                    "side": side, "type": type_, "qty": str(qty), "price": _text(price),
                    "stop_price": _text(stop_price), "status": status, "list_cid": list_cid,
                    "created_ms": t, "updated_ms": t, "detail": "", "executed": "0",
                },
            )  # fmt: skip

    def order_status(
        self,
        cid: str,
        status: str,
        exchange_order_id: str = "",
        detail: str = "",
        executed: Decimal | None = None,
    ) -> None:
        values: dict[str, Any] = {"status": status, "updated_ms": now_ms()}
        if exchange_order_id:
            values["exchange_order_id"] = exchange_order_id
        if detail:
            values["detail"] = detail
        if executed is not None:
            values["executed"] = str(executed)
        with self._write() as c:
            c.execute(update(orders).where(orders.c.cid == cid).values(**values))

    def orders_of(self, plan_id: str) -> list[dict[str, Any]]:
        with self._read() as c:
            rows = c.execute(
                select(orders).where(orders.c.plan_id == plan_id).order_by(orders.c.created_ms, orders.c.cid)
            )
            return [dict(r) for r in rows.mappings()]

    def all_orders_of_list(self, list_cid: str) -> list[dict[str, Any]]:
        with self._read() as c:
            rows = c.execute(select(orders).where(orders.c.list_cid == list_cid).order_by(orders.c.leg))
            return [dict(r) for r in rows.mappings()]

    def order(self, cid: str) -> dict[str, Any] | None:
        with self._read() as c:
            r = c.execute(select(orders).where(orders.c.cid == cid)).mappings().first()
        return None if r is None else dict(r)

    def all_orders(self) -> list[dict[str, Any]]:
        with self._read() as c:
            return [
                dict(r)
                for r in c.execute(select(orders).order_by(orders.c.created_ms, orders.c.cid)).mappings()
            ]

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
        with self._write() as c:
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
        with self._read() as c:
            return [
                dict(r) for r in c.execute(select(fills).order_by(fills.c.time_ms, fills.c.key)).mappings()
            ]

    def closed_results(self) -> list[tuple[str, Decimal, int]]:
        """(plan id, realised P&L in quote incl. quote fees, last fill ms) of closed plans, oldest first.

        Base-asset fees are valued at the fill price. Feeds the gate's loss-streak lockout; kept until
        the next write, like `plans`.
        """
        seen = self._results_seen if self._conn is None else None
        if seen is not None:
            return list(seen)
        results = self._closed_results()
        if self._conn is None:
            self._results_seen = tuple(results)
        return results

    def _closed_results(self) -> list[tuple[str, Decimal, int]]:
        with self._read() as c:
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
        with self._write(flow=False) as c:
            c.execute(
                insert(events).values(time_ms=now_ms(), kind=kind, detail=json.dumps(detail, default=str))
            )

    def events(self, kind: str | None = None) -> Iterator[tuple[int, str, dict[str, Any]]]:
        q = select(events).order_by(events.c.id)
        if kind is not None:
            q = q.where(events.c.kind == kind)
        with self._read() as c:
            rows = list(c.execute(q).mappings())
        for r in rows:
            yield int(r["time_ms"]), str(r["kind"]), json.loads(r["detail"])

    def telemetry(self, record: str, time_ms: int) -> None:
        with self._write(flow=False) as c:
            c.execute(insert(telemetry).values(time_ms=time_ms, record=record))

    def telemetry_count(self) -> int:
        with self._read() as c:
            return len(c.execute(select(telemetry.c.id)).all())
