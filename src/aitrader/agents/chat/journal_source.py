"""JournalSource over the bot's journal as `aitrader.live.journal.LiveJournal` writes it (a SQLite
file, or PostgreSQL by URL): plans (positions with stop and targets), orders (client id -> exchange
id, per plan) and telemetry (one record per decision loop: proposals with rationale and evidence,
and the risk gate's verdicts).

The journal is opened read-only (SQLite `mode=ro`, PostgreSQL read-only transactions) through
LiveJournal's own table definitions; chat never writes to it."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, inspect, select

from aitrader.agents.chat.journal_engine import open_readonly
from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView
from aitrader.agents.chat.sources import SourceError
from aitrader.storage.database import describe, sqlite_file

RUNNING_GRACE_MS = 180_000  # a journal written to within this (or 3 candle intervals) means running
_INTERVAL_MS = {
    "1m": 60_000,
    "3m": 180_000,
    "5m": 300_000,
    "15m": 900_000,
    "30m": 1_800_000,
    "1h": 3_600_000,
    "4h": 14_400_000,
    "1d": 86_400_000,
}


def _kind(p: dict[str, Any]) -> str:
    if "confidence" in p:
        return "enter"
    if "kind" in p:
        return "adjust"
    return "exit"


def _dec(x: Any) -> Decimal | None:
    return None if x in (None, "") else Decimal(str(x))


class SqliteJournalSource:
    def __init__(self, target: str | Path) -> None:
        from aitrader.live import journal_tables as lj

        self.file = sqlite_file(target)
        self._t = lj
        self.engine: Engine = open_readonly(target)
        try:
            self._tables = set(inspect(self.engine).get_table_names())
        except Exception as exc:  # a file that is not SQLite
            raise SourceError(
                f"{describe(target)} is not a readable journal ({type(exc).__name__})"
            ) from None

    def _rows(
        self, table: Any, *where: Any, order: Any = None, desc: bool = False, limit: int | None = None
    ) -> list[dict[str, Any]]:
        if table.name not in self._tables:
            return []
        q = select(table).where(*where)
        if order is not None:
            q = q.order_by(order.desc() if desc else order)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    def positions(self) -> list[PositionView]:
        plans = self._t.plans
        out = []
        for r in self._rows(plans, plans.c.status.in_(("open", "closing")), order=plans.c.created_ms):
            row = self._t.PlanRow.from_row(r)
            if row.qty <= 0:
                continue
            out.append(
                PositionView(
                    symbol=row.symbol,
                    side=row.side,
                    quantity=row.qty,
                    entry_price=row.entry_price,
                    stop_price=row.stop or None,
                    targets=[p for p, _ in row.targets],
                    opened_ms=row.created_ms,
                    plan_id=row.plan_id,
                )
            )
        return out

    def _order_ids(self, plan_id: str) -> list[str]:
        orders = self._t.orders
        rows = self._rows(orders, orders.c.plan_id == plan_id, order=orders.c.created_ms)
        return [r["exchange_order_id"] or r["cid"] for r in rows]

    def _records(self, limit: int, with_proposals: bool = False) -> list[dict[str, Any]]:
        """Newest telemetry records first (only those with a proposal when asked)."""
        tel = self._t.telemetry
        where = [tel.c.record.like('%"proposals":[{%')] if with_proposals else []
        rows = self._rows(tel, *where, order=tel.c.id, desc=True, limit=limit)
        return [json.loads(r["record"]) for r in rows]

    def decisions(self, limit: int) -> list[DecisionView]:
        out: list[DecisionView] = []
        for rec in self._records(max(limit, 1), with_proposals=True):
            pairs = list(zip(rec.get("proposals", []), rec.get("verdicts", []), strict=False))
            for i, (p, v) in reversed(list(enumerate(pairs))):
                approved = "plan_id" in v
                side = p.get("side") or v.get("side") or ""
                out.append(
                    DecisionView(
                        proposal_id=f"{rec.get('time_ms', 0)}:{i}",
                        time_ms=int(p.get("time_ms") or rec.get("time_ms") or 0),
                        symbol=p.get("symbol") or rec.get("symbol", ""),
                        side=str(side).upper(),
                        kind=_kind(p),
                        strategy=p.get("strategy", ""),
                        rationale=p.get("rationale") or p.get("reason") or "",
                        evidence=dict(p.get("evidence") or {}),
                        confidence=p.get("confidence"),
                        stop_price=_dec(p.get("stop") or p.get("new_stop")),
                        targets=[d for t in p.get("targets", []) if (d := _dec(t.get("price"))) is not None],
                        verdict="approved" if approved else f"rejected ({v.get('rejected', '?')})",
                        verdict_reason="" if approved else str(v.get("message", "")),
                        order_ids=self._order_ids(v["plan_id"]) if approved else [],
                    )
                )
                if len(out) >= limit:
                    return out
        return out

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        orders = self._t.orders
        hit = self._rows(
            orders, (orders.c.exchange_order_id == order_id) | (orders.c.cid == order_id), limit=1
        )
        if not hit:
            return None
        ids = set(self._order_ids(hit[0]["plan_id"]))
        return next((d for d in self.decisions(500) if ids & set(d.order_ids)), None)

    def _written_ms(self) -> int | None:
        """When the bot last wrote: the file's (or its WAL's) mtime; on a database server, the newest
        wall-clock stamp in the live tables (events, plan and order updates, loop records)."""
        if self.file is not None:
            mtimes = [p.stat().st_mtime for p in (self.file, Path(f"{self.file}-wal")) if p.exists()]
            return int(max(mtimes) * 1000) if mtimes else None
        t = self._t
        columns = (t.events.c.time_ms, t.plans.c.updated_ms, t.orders.c.updated_ms, t.telemetry.c.time_ms)
        with self.engine.connect() as c:
            stamps = [c.scalar(select(func.max(col))) for col in columns if col.table.name in self._tables]
        found = [int(s) for s in stamps if s is not None]
        return max(found) if found else None

    def status(self) -> BotStatusView:
        records = self._records(1)
        written_ms = self._written_ms()
        if not records:
            return BotStatusView(
                running=False, last_heartbeat_ms=written_ms, note="the journal has no decisions yet"
            )
        rec = records[0]
        grace = max(RUNNING_GRACE_MS, 3 * _INTERVAL_MS.get(str(rec.get("interval")), 60_000))
        running = written_ms is not None and int(time.time() * 1000) - written_ms <= grace
        decisions = self.decisions(1)
        return BotStatusView(
            running=running,
            last_heartbeat_ms=written_ms,
            last_candle_ms=rec.get("time_ms"),
            symbol=rec.get("symbol"),
            mode=rec.get("mode"),
            last_decision=decisions[0] if decisions else None,
            note="" if running else "no journal write in the last few candles",
        )
