"""The chat's one reader of the bot's journal: one database (a SQLite file or a database URL), opened
read-only (SQLite `mode=ro`, PostgreSQL read-only transactions); chat never writes to it.

Every mode (backtest, paper, live) writes the kernel's tables (runs, proposals, verdicts, plans,
orders, fills, trades, events; `aitrader.execution.journal_schema`), read here through the kernel's
own JournalReader: decisions, the orders each led to, and the run's status. Live also keeps its
crash-safety state in the `live_*` tables (`aitrader.execution.journal_schema`); `live_plans` is the truth
for live positions (status and protection, surviving restarts), so positions come from there when
the table exists and from the kernel's plan versions otherwise (backtest, paper).

Fallback for an older live journal, written before live runs wrote the kernel tables (only `live_*`
tables): decisions come from the loop records in `live_telemetry` (linked to orders through
`live_orders`), and the status from the newest loop record and the last write. The same loop records
tell a still-running bot apart from a kernel run whose last journaled candle is older."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, select, text

from aitrader.agents.chat.journal_engine import open_readonly
from aitrader.agents.chat.journal_views import (
    Row,
    kernel_decision,
    kernel_position,
    live_position,
    loop_decision,
)
from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView, RejectionTally
from aitrader.agents.chat.rejections import is_rejected, rejection_figures, tally
from aitrader.agents.chat.sources import SourceError
from aitrader.execution import journal_schema as live
from aitrader.execution.journal_reader import JournalReader
from aitrader.live.plan_row import PlanRow
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
_DECISION_SCAN = 500
_ORDER_SCAN = 2_000


class BotJournal:
    def __init__(self, target: str | Path) -> None:
        self.file = sqlite_file(target)
        self.engine = open_readonly(target)
        try:
            self.tables = frozenset(inspect(self.engine).get_table_names())
        except Exception as exc:  # not a journal database (a file that is not SQLite)
            self.engine.dispose()
            raise SourceError(
                f"{describe(target)} is not a readable journal ({type(exc).__name__})"
            ) from None
        if "runs" not in self.tables and not {live.live_plans.name, live.live_telemetry.name} & self.tables:
            self.engine.dispose()
            raise SourceError(f"{describe(target)} holds no aitrader journal tables")
        # every writer creates the whole schema: which parts were written tells the reader where to look
        self.written = frozenset(
            name for name in ("runs", live.live_plans.name, live.live_telemetry.name) if self._has_rows(name)
        )
        self.kernel = JournalReader(engine=self.engine) if "runs" in self.written else None

    # ---- the questions ---------------------------------------------------------------------------
    def _has_rows(self, name: str) -> bool:
        if name not in self.tables:
            return False
        with self.engine.connect() as c:
            return c.execute(text(f"SELECT 1 FROM {name} LIMIT 1")).first() is not None  # a table of ours

    def positions(self) -> list[PositionView]:
        if live.live_plans.name in self.written:
            plans = live.live_plans
            rows = self._live_rows(plans, plans.c.status.in_(("open", "closing")), order=plans.c.created_ms)
            return [live_position(p) for p in map(PlanRow.from_row, rows) if p.qty > 0]
        return self._kernel_positions(self.kernel) if self.kernel is not None else []

    def decisions(self, limit: int) -> list[DecisionView]:
        k = self.kernel
        found = self._kernel_decisions(k, k.proposals(limit=limit)) if k is not None else []
        return found or self._loop_decisions(limit)

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        hit = self._kernel_decision_for_order(self.kernel, order_id) if self.kernel is not None else None
        return hit if hit is not None else self._loop_decision_for_order(order_id)

    def status(self) -> BotStatusView:
        if self.kernel is None:
            return self._loop_status()
        status = self._kernel_status(self.kernel)
        if live.live_telemetry.name not in self.written:
            return status
        loop = self._loop_status()
        if loop.last_candle_ms and (status.last_candle_ms or 0) < loop.last_candle_ms:
            status = status.model_copy(
                update={
                    "last_candle_ms": loop.last_candle_ms,
                    "last_heartbeat_ms": loop.last_heartbeat_ms,
                    # a run the kernel journal marks finished/failed is over, however recent the file
                    "running": status.running or (loop.running and status.run_status in (None, "running")),
                }
            )
        return status

    # ---- the gate's refusals ("why didn't you buy ETH?") -----------------------------------------
    def rejections(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None, limit: int
    ) -> list[DecisionView]:
        """Refused proposals, newest first: the kernel's tables searched by symbol and time (an older
        journal: its loop records' decisions, filtered)."""
        k = self.kernel
        if k is None:
            found = [
                d
                for d in self._loop_decisions(_DECISION_SCAN)
                if is_rejected(d)
                and (symbol is None or d.symbol == symbol)
                and (since_ms is None or d.time_ms >= since_ms)
                and (until_ms is None or d.time_ms < until_ms)
            ]
            return found[:limit]
        rows = k.rejections(limit=limit, symbol=symbol, since_ms=since_ms, until_ms=until_ms)
        return [kernel_decision(p, None, []) for p in rows]

    def rejection_tally(
        self, symbol: str | None, since_ms: int | None, until_ms: int | None
    ) -> list[RejectionTally]:
        """Refusals counted by symbol and code: those in the period, or without one those of the
        run of the newest refusal."""
        k = self.kernel
        if k is None:
            return tally(self.rejections(symbol, since_ms, until_ms, _DECISION_SCAN))
        run_id = None
        if since_ms is None and until_ms is None:
            newest = k.rejections(limit=1, symbol=symbol)
            if not newest:
                return []
            run_id = newest[0]["run_id"]
        return [
            RejectionTally(
                symbol=r["symbol"],
                code=str(r["code"] or ""),
                count=int(r["count"]),
                first_ms=r["first_ms"],
                last_ms=r["last_ms"],
                message=str(r["message"] or ""),
                figures=rejection_figures(str(r["message"] or "")),
            )
            for r in k.rejection_summary(run_id, since_ms, until_ms)
            if symbol is None or r["symbol"] == symbol
        ]

    # ---- the kernel's tables ---------------------------------------------------------------------
    def _orders_after(self, k: JournalReader, p: Row, until_ms: int | None) -> list[str]:
        """Exchange ids of the orders the approved proposal `p` led to (same run and symbol, sent
        from its decision time until the next approved entry on that symbol)."""
        orders = sorted(k.orders(p["run_id"], limit=_ORDER_SCAN), key=lambda r: (r["time_ms"], r["order_id"]))
        return [
            str(o["order_id"])
            for o in orders
            if o["symbol"] == p["symbol"]
            and o["time_ms"] >= p["time_ms"]
            and (until_ms is None or o["time_ms"] < until_ms)
        ]

    def _approved_plan(self, k: JournalReader, p: Row) -> Row | None:
        """The plan version the risk gate approved for proposal `p` (size and risk), if journaled."""
        if not p.get("approved") or not p.get("plan_id"):
            return None
        versions = k.plan_versions(p["plan_id"], p["run_id"])
        wanted = p.get("plan_version")
        return next((v for v in versions if v["version"] == wanted), versions[0] if versions else None)

    def _kernel_decisions(self, k: JournalReader, rows: list[Row]) -> list[DecisionView]:
        out = []
        next_entry: dict[tuple[str, str], int] = {}  # (run, symbol) -> time of the next approved entry
        for p in rows:  # newest first
            ids: list[str] = []
            if p.get("approved") and p["kind"] == "enter":
                key = (p["run_id"], p["symbol"])
                ids = self._orders_after(k, p, next_entry.get(key))
                next_entry[key] = p["time_ms"]
            out.append(kernel_decision(p, self._approved_plan(k, p), ids))
        return out

    def _kernel_decision_for_order(self, k: JournalReader, order_id: str) -> DecisionView | None:
        for run in k.runs(limit=5):
            for o in k.orders(run["run_id"], limit=_ORDER_SCAN):
                if order_id in (str(o["order_id"]), str(o["client_order_id"])):
                    rows = [
                        p
                        for p in k.proposals(run["run_id"], o["symbol"], limit=_DECISION_SCAN)
                        if p["time_ms"] <= o["time_ms"]
                    ]
                    decisions = self._kernel_decisions(k, rows)
                    return next(
                        (d for d in decisions if order_id in d.order_ids), decisions[0] if decisions else None
                    )
        return None

    def _kernel_positions(self, k: JournalReader) -> list[PositionView]:
        """The running run's plans whose entry filled and that no closed trade has ended."""
        run = k.latest_run()
        if run is None or run["status"] != "running":
            return []
        run_id = run["run_id"]
        out = []
        plan_ids = {p["plan_id"] for p in k.proposals(run_id, limit=_DECISION_SCAN) if p.get("plan_id")}
        for plan_id in sorted(plan_ids):
            versions = k.plan_versions(plan_id, run_id)
            if not versions:
                continue
            first, last = versions[0], versions[-1]
            if last["kind"] == "close" or last["quantity"] <= 0:
                continue
            since, symbol = first["created_ms"], last["symbol"]
            closed = [t for t in k.trades(run_id, symbol, limit=_DECISION_SCAN) if t["entry_time"] >= since]
            filled = [
                f
                for f in k.fills(run_id, limit=_ORDER_SCAN)
                if f["symbol"] == symbol and f["role"] == "entry" and f["time_ms"] >= since
            ]
            if filled and not closed:
                out.append(kernel_position(plan_id, first, last))
        return out

    def _kernel_status(self, k: JournalReader) -> BotStatusView:
        run = k.latest_run()
        if run is None:
            return BotStatusView(running=False, note="the journal has no runs yet")
        latest = self._kernel_decisions(k, k.proposals(limit=1))
        events = k.events(run["run_id"], limit=1)
        times = [d.time_ms for d in latest] + [int(e["time_ms"]) for e in events]
        return BotStatusView(
            running=run["status"] == "running",
            last_candle_ms=max(times) if times else None,
            symbol=run["symbol"],
            mode=run["mode"],
            last_decision=latest[0] if latest else None,
            run_id=run["run_id"],
            strategy=run["strategy"],
            run_status=run["status"],
            finished_ms=run.get("finished_ms"),
        )

    # ---- the live tables: loop records of an older journal, the last write -----------------------
    def _live_rows(
        self, table: Any, *where: Any, order: Any = None, desc: bool = False, limit: int | None = None
    ) -> list[Row]:
        if table.name not in self.tables:
            return []
        q = select(table).where(*where)
        if order is not None:
            q = q.order_by(order.desc() if desc else order)
        if limit is not None:
            q = q.limit(limit)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    def _live_order_ids(self, plan_id: str) -> list[str]:
        orders = live.live_orders
        rows = self._live_rows(orders, orders.c.plan_id == plan_id, order=orders.c.created_ms)
        return [r["exchange_order_id"] or r["cid"] for r in rows]

    def _loop_records(self, limit: int, with_proposals: bool = False) -> list[Row]:
        """Newest loop records first (only those with a proposal when asked)."""
        tel = live.live_telemetry
        where = [tel.c.record.like('%"proposals":[{%')] if with_proposals else []
        rows = self._live_rows(tel, *where, order=tel.c.id, desc=True, limit=limit)
        return [json.loads(r["record"]) for r in rows]

    def _loop_decisions(self, limit: int) -> list[DecisionView]:
        out: list[DecisionView] = []
        for rec in self._loop_records(max(limit, 1), with_proposals=True):
            pairs = list(zip(rec.get("proposals", []), rec.get("verdicts", []), strict=False))
            for i, (p, v) in reversed(list(enumerate(pairs))):
                ids = self._live_order_ids(v["plan_id"]) if "plan_id" in v else []
                out.append(loop_decision(rec, i, p, v, ids))
                if len(out) >= limit:
                    return out
        return out

    def _loop_decision_for_order(self, order_id: str) -> DecisionView | None:
        orders = live.live_orders
        hit = self._live_rows(
            orders, (orders.c.exchange_order_id == order_id) | (orders.c.cid == order_id), limit=1
        )
        if not hit:
            return None
        ids = set(self._live_order_ids(hit[0]["plan_id"]))
        return next((d for d in self._loop_decisions(_DECISION_SCAN) if ids & set(d.order_ids)), None)

    def _written_ms(self) -> int | None:
        """When the bot last wrote: the file's (or its WAL's) mtime; on a database server, the newest
        wall-clock stamp in the live tables (events, plan and order updates, loop records)."""
        if self.file is not None:
            mtimes = [p.stat().st_mtime for p in (self.file, Path(f"{self.file}-wal")) if p.exists()]
            return int(max(mtimes) * 1000) if mtimes else None
        columns = (
            live.live_events.c.time_ms,
            live.live_plans.c.updated_ms,
            live.live_orders.c.updated_ms,
            live.live_telemetry.c.time_ms,
        )
        with self.engine.connect() as c:
            stamps = [c.scalar(select(func.max(col))) for col in columns if col.table.name in self.tables]
        found = [int(s) for s in stamps if s is not None]
        return max(found) if found else None

    def _loop_status(self) -> BotStatusView:
        records = self._loop_records(1)
        written_ms = self._written_ms()
        if not records:
            return BotStatusView(
                running=False, last_heartbeat_ms=written_ms, note="the journal has no decisions yet"
            )
        rec = records[0]
        grace = max(RUNNING_GRACE_MS, 3 * _INTERVAL_MS.get(str(rec.get("interval")), 60_000))
        running = written_ms is not None and int(time.time() * 1000) - written_ms <= grace
        decisions = self._loop_decisions(1)
        return BotStatusView(
            running=running,
            last_heartbeat_ms=written_ms,
            last_candle_ms=rec.get("time_ms"),
            symbol=rec.get("symbol"),
            mode=rec.get("mode"),
            last_decision=decisions[0] if decisions else None,
            note="" if running else "no journal write in the last few candles",
        )
