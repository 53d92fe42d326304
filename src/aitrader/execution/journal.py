"""The journal writer: proposals, verdicts, plans (with versions), orders, fills, trades, runs, events.

    journal = Journal("runs.sqlite")            # or Journal() in memory, or Journal("postgresql://…")
    journal.start_run(...); journal.record_*(...); journal.finish_run(...); journal.close()

Writes are buffered and inserted in batches (`batch` rows per table, one transaction per flush),
so journaling a backtest costs little; live mode uses `batch=1` (every row committed at once).
Read with `aitrader.execution.journal_reader.JournalReader`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, update

from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal
from aitrader.domain.trade import TradeRecord
from aitrader.execution import journal_schema as s
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.storage.database import open_database


def _f(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def _json(x: Any) -> str:
    return json.dumps(x, default=str, separators=(",", ":"))


def open_engine(target: str | Path | None) -> Engine:
    """An engine on the journal database `target` (a SQLite file path, None for in memory, or a
    database URL; see `aitrader.storage.database`), tables created."""
    engine = open_database(target)
    s.create_or_upgrade(engine)
    return engine


class Journal:
    """Buffered, insert-only writer over the journal schema."""

    def __init__(
        self, path: str | Path | None = None, batch: int = 5_000, engine: Engine | None = None
    ) -> None:
        self.engine = engine if engine is not None else open_engine(path)
        self.batch = max(1, batch)
        self._rows: dict[Table, list[dict[str, Any]]] = {}
        self._pending = 0
        self._proposal_seq: dict[str, int] = {}

    # ---- runs ------------------------------------------------------------------------------------
    def start_run(
        self,
        run_id: str,
        mode: str,
        strategy: str,
        symbol: str,
        timeframe: str,
        initial_equity: float,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                insert(s.runs).values(
                    run_id=run_id,
                    mode=mode,
                    strategy=strategy,
                    symbol=symbol,
                    timeframe=timeframe,
                    started_ms=time.time_ns() // 1_000_000,
                    status="running",
                    initial_equity=initial_equity,
                    params=_json(dict(params or {})),
                    schema_version=s.SCHEMA_VERSION,
                )
            )

    def finish_run(self, run_id: str, final_equity: float, status: str = "finished") -> None:
        self.flush()
        with self.engine.begin() as conn:
            conn.execute(
                update(s.runs)
                .where(s.runs.c.run_id == run_id)
                .values(finished_ms=time.time_ns() // 1_000_000, final_equity=final_equity, status=status)
            )

    # ---- decisions -------------------------------------------------------------------------------
    def record_verdict(
        self, run_id: str, bar: int, time_ms: int, proposal: Proposal, verdict: OrderPlan | Rejection
    ) -> int:
        """Record a proposal, the gate's verdict and (when approved) the plan. Returns the proposal id."""
        pid = self._proposal_seq.get(run_id, 0) + 1
        self._proposal_seq[run_id] = pid
        self._add(s.proposals, _proposal_row(run_id, pid, bar, time_ms, proposal))
        if isinstance(verdict, OrderPlan):
            self._add(
                s.verdicts,
                {
                    "proposal_id": pid,
                    "run_id": run_id,
                    "time_ms": time_ms,
                    "approved": True,
                    "plan_id": verdict.plan_id,
                    "plan_version": verdict.version,
                    "code": None,
                    "message": "; ".join(verdict.notes) or "approved",
                },
            )
            self._add(s.plans, _plan_row(run_id, pid, verdict))
        else:
            self._add(
                s.verdicts,
                {
                    "proposal_id": pid,
                    "run_id": run_id,
                    "time_ms": time_ms,
                    "approved": False,
                    "plan_id": None,
                    "plan_version": None,
                    "code": verdict.code.value,
                    "message": verdict.message,
                },
            )
        return pid

    # ---- orders and fills ------------------------------------------------------------------------
    def record_order(
        self, run_id: str, bar: int, time_ms: int, order_id: str, role: str, intent: Intent, req: OrderRequest
    ) -> None:
        self._add(
            s.orders,
            {
                "run_id": run_id,
                "order_id": order_id,
                "client_order_id": req.client_order_id or order_id,
                "role": role,
                "intent": intent.value,
                "symbol": req.symbol,
                "side": req.side.value,
                "type": req.type.value,
                "quantity": _f(req.quantity),
                "quote_qty": _f(req.quote_order_qty),
                "price": _f(req.price),
                "stop_price": _f(req.stop_price),
                "bar": bar,
                "time_ms": time_ms,
            },
        )

    def record_update(self, run_id: str, u: OrderUpdate) -> None:
        self._add(
            s.order_updates,
            {
                "run_id": run_id,
                "order_id": u.order_id,
                "status": u.status.value,
                "reason": u.reason,
                "bar": u.bar,
                "time_ms": u.time_ms,
            },
        )

    def record_fill(self, run_id: str, f: ExecutionReport, role: str) -> None:
        self._add(
            s.fills,
            {
                "run_id": run_id,
                "order_id": f.order_id,
                "client_order_id": f.client_order_id,
                "role": role,
                "symbol": f.symbol,
                "side": f.side.value,
                "price": f.price,
                "quantity": f.qty,
                "fee": f.fee,
                "is_maker": f.is_maker,
                "bar": f.bar,
                "time_ms": f.time_ms,
            },
        )

    def record_trade(self, run_id: str, t: TradeRecord) -> None:
        self._add(
            s.trades,
            {
                "run_id": run_id,
                "symbol": t.symbol,
                "side": t.side.value,
                "quantity": t.quantity,
                "entry_bar": t.entry_bar,
                "entry_time": t.entry_time,
                "entry_price": t.entry_price,
                "exit_bar": t.exit_bar,
                "exit_time": t.exit_time,
                "exit_price": t.exit_price,
                "fees": t.fees,
                "pnl": t.pnl,
                "exit_reason": t.exit_reason,
                "stop": t.stop,
                "target": t.target,
                "strategy": t.strategy,
                "rationale": t.rationale,
            },
        )

    def record_candles(self, run_id: str, rows: list[dict[str, Any]]) -> None:
        """Candles a live or paper session saw (`journal_schema.candles`; `aitrader replay` reads
        them); buffered like every row."""
        for r in rows:
            self._add(s.candles, {"run_id": run_id, **r})

    def record_event(self, run_id: str, time_ms: int, kind: str, payload: Mapping[str, Any]) -> None:
        self._add(
            s.events, {"run_id": run_id, "time_ms": time_ms, "kind": kind, "payload": _json(dict(payload))}
        )

    # ---- buffering -------------------------------------------------------------------------------
    def _add(self, table: Table, row: dict[str, Any]) -> None:
        self._rows.setdefault(table, []).append(row)
        self._pending += 1
        if self._pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        """Insert every buffered row (one transaction, tables in dependency order)."""
        if not self._pending:
            return
        rows, self._rows, self._pending = self._rows, {}, 0
        with self.engine.begin() as conn:
            for table in s.metadata.sorted_tables:
                batch = rows.get(table)
                if batch:
                    _insert_many(conn, table, batch)

    def close(self) -> None:
        self.flush()
        self.engine.dispose()


def _insert_many(conn: Connection, table: Table, batch: list[dict[str, Any]]) -> None:
    """Insert `batch` (rows with the same keys) through the driver's executemany.

    SQLAlchemy's own executemany processes every row's parameters in Python (about 6 µs a row,
    most of a journaled backtest's cost); the journal's columns are plain integers, floats, text
    and booleans that sqlite3 binds as they are. Other databases, and rows whose keys differ, go
    through SQLAlchemy.
    """
    names = tuple(batch[0])
    sqlite3 = conn.dialect.name == "sqlite" and conn.dialect.paramstyle == "qmark"
    if not sqlite3 or any(len(row) != len(names) for row in batch):
        conn.execute(insert(table), batch)
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    values = itemgetter(*names)
    try:
        params = [values(row) for row in batch] if len(names) > 1 else [(row[names[0]],) for row in batch]
    except KeyError:  # same size, other keys
        conn.execute(insert(table), batch)
        return
    conn.exec_driver_sql(sql, params)


def _proposal_row(run_id: str, pid: int, bar: int, time_ms: int, p: Proposal) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": pid,
        "run_id": run_id,
        "bar": bar,
        "time_ms": time_ms,
        "symbol": p.symbol,
        "strategy": p.strategy,
        "price": p.price,
        "evidence": _json(dict(p.evidence)),
        "side": None,
        "stop": None,
        "targets": None,
        "confidence": None,
    }
    if isinstance(p, Enter):
        row.update(
            kind="enter",
            side=p.side.value,
            stop=p.stop,
            targets=_json([[t.price, t.fraction] for t in p.targets]),
            confidence=p.confidence,
            rationale=p.rationale,
        )
    elif isinstance(p, Exit):
        row.update(kind="exit", rationale=p.reason)
    else:
        assert isinstance(p, Adjust)
        row.update(kind="adjust", stop=p.new_stop, rationale=p.reason)
    return row


def _plan_row(run_id: str, pid: int, plan: OrderPlan) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "plan_id": plan.plan_id,
        "version": plan.version,
        "proposal_id": pid,
        "kind": plan.kind.value,
        "symbol": plan.symbol,
        "side": plan.side.value,
        "quantity": float(plan.quantity),
        "entry_price": float(plan.entry_price),
        "stop_price": _f(plan.stop_price),
        "targets": _json([[_f(t.price), _f(t.quantity)] for t in plan.targets]),
        "risk_quote": float(plan.risk_quote),
        "risk_fraction": float(plan.risk_fraction),
        "reward_risk": float(plan.reward_risk),
        "created_ms": plan.created_ms,
        "strategy": plan.strategy,
        "rationale": plan.rationale,
        "notes": _json(list(plan.notes)),
    }
