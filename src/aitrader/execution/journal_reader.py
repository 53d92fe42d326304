"""Reading the journal: what the chat ("why did you buy?"), the dashboard and live restart ask.

Every method returns plain dicts (JSON-ready: column name -> value; JSON columns decoded), newest
first unless said otherwise.

    r = JournalReader("runs.sqlite")     # or a database URL (aitrader.storage.database)
    r.latest_run()                      # the last run (optionally of one mode)
    r.latest_proposal("BTCUSDT")        # the last proposal with its verdict
    r.latest_rejection("ETHUSDT")       # the last refused proposal: code and sentence
    r.rejection_summary(run_id)         # refusals counted by symbol and code
    r.trades(run_id, limit=20)          # closed trades with their rationale
    r.explain_trade(trade_id)           # trade + entry proposal + verdict + plan versions + fills
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, func, select

from aitrader.execution import journal_schema as s
from aitrader.execution.journal import open_engine

_JSON_COLUMNS = {"targets", "evidence", "notes", "params", "payload"}

Row = dict[str, Any]


class JournalReader:
    def __init__(self, path: str | Path | None = None, engine: Engine | None = None) -> None:
        self.engine = engine if engine is not None else open_engine(path)

    # ---- runs ------------------------------------------------------------------------------------
    def runs(self, limit: int = 20, mode: str | None = None) -> list[Row]:
        q = select(s.runs).order_by(s.runs.c.started_ms.desc()).limit(limit)
        if mode is not None:
            q = q.where(s.runs.c.mode == mode)
        return self._all(q)

    def latest_run(self, mode: str | None = None) -> Row | None:
        rows = self.runs(1, mode)
        return rows[0] if rows else None

    # ---- decisions -------------------------------------------------------------------------------
    def proposals(
        self, run_id: str | None = None, symbol: str | None = None, limit: int = 50, kind: str | None = None
    ) -> list[Row]:
        """Proposals with their verdict columns (approved, code, message, plan_id, plan_version)."""
        p = s.proposals
        q = _with_verdicts(limit, run_id, symbol, rejected_only=False)
        if kind is not None:
            q = q.where(p.c.kind == kind)
        return self._all(q)

    def latest_proposal(self, symbol: str | None = None, run_id: str | None = None) -> Row | None:
        rows = self.proposals(run_id, symbol, limit=1)
        return rows[0] if rows else None

    def rejections(
        self,
        run_id: str | None = None,
        limit: int = 50,
        symbol: str | None = None,
        code: str | None = None,
        since_ms: int | None = None,
        until_ms: int | None = None,
    ) -> list[Row]:
        """Refused proposals (proposal columns + code and message), newest first; optionally of one
        symbol, one rejection code, decided in [`since_ms`, `until_ms`)."""
        p, v = s.proposals, s.verdicts
        q = _with_verdicts(limit, run_id, symbol, rejected_only=True)
        if code is not None:
            q = q.where(v.c.code == code)
        if since_ms is not None:
            q = q.where(p.c.time_ms >= since_ms)
        if until_ms is not None:
            q = q.where(p.c.time_ms < until_ms)
        return self._all(q)

    def latest_rejection(self, symbol: str, run_id: str | None = None) -> Row | None:
        """The newest refused proposal on `symbol` ("why didn't you buy ETH?")."""
        rows = self.rejections(run_id, limit=1, symbol=symbol)
        return rows[0] if rows else None

    def rejection_summary(
        self, run_id: str | None = None, since_ms: int | None = None, until_ms: int | None = None
    ) -> list[Row]:
        """Refusals (decided in [`since_ms`, `until_ms`)) counted by symbol and code: `{symbol, code,
        count, first_ms, last_ms, message}` (`message`: the newest sentence of that symbol and
        code), most frequent first."""
        p, v = s.proposals, s.verdicts
        joined = and_(v.c.proposal_id == p.c.id, v.c.run_id == p.c.run_id)
        where: list[ColumnElement[bool]] = [v.c.approved.is_(False)]
        if run_id is not None:
            where.append(p.c.run_id == run_id)
        if since_ms is not None:
            where.append(p.c.time_ms >= since_ms)
        if until_ms is not None:
            where.append(p.c.time_ms < until_ms)
        groups = self._all(
            select(
                p.c.symbol,
                v.c.code,
                func.count().label("count"),
                func.min(p.c.time_ms).label("first_ms"),
                func.max(p.c.time_ms).label("last_ms"),
            )
            .select_from(p.join(v, joined))
            .where(*where)
            .group_by(p.c.symbol, v.c.code)
        )
        out = []
        for g in groups:
            newest = self._all(
                select(v.c.message)
                .select_from(p.join(v, joined))
                .where(*where, p.c.symbol == g["symbol"], v.c.code == g["code"])
                .order_by(p.c.time_ms.desc(), p.c.id.desc())
                .limit(1)
            )
            out.append({**g, "count": int(g["count"]), "message": newest[0]["message"] if newest else ""})
        return sorted(out, key=lambda r: (-r["count"], str(r["symbol"]), str(r["code"])))

    def plan_versions(self, plan_id: str, run_id: str | None = None) -> list[Row]:
        """Every version of a plan, oldest first."""
        q = select(s.plans).where(s.plans.c.plan_id == plan_id).order_by(s.plans.c.version)
        if run_id is not None:
            q = q.where(s.plans.c.run_id == run_id)
        return self._all(q)

    # ---- trades, orders, fills -------------------------------------------------------------------
    def trades(self, run_id: str | None = None, symbol: str | None = None, limit: int = 50) -> list[Row]:
        q = select(s.trades).order_by(s.trades.c.entry_time.desc(), s.trades.c.id.desc()).limit(limit)
        if run_id is not None:
            q = q.where(s.trades.c.run_id == run_id)
        if symbol is not None:
            q = q.where(s.trades.c.symbol == symbol)
        return self._all(q)

    def explain_trade(self, trade_id: int) -> Row | None:
        """A trade with the proposal that opened it, its verdict, the plan's versions and the fills."""
        rows = self._all(select(s.trades).where(s.trades.c.id == trade_id))
        if not rows:
            return None
        trade = rows[0]
        run_id = trade["run_id"]
        p, v = s.proposals, s.verdicts
        entry = self._all(
            select(p, v.c.approved, v.c.code, v.c.message, v.c.plan_id, v.c.plan_version)
            .join(v, and_(v.c.proposal_id == p.c.id, v.c.run_id == p.c.run_id))
            .where(
                p.c.run_id == run_id,
                p.c.symbol == trade["symbol"],
                p.c.kind == "enter",
                v.c.approved.is_(True),
                p.c.time_ms <= trade["entry_time"],
            )
            .order_by(p.c.time_ms.desc())
            .limit(1)
        )
        proposal = entry[0] if entry else None
        plan = self.plan_versions(proposal["plan_id"], run_id) if proposal else []
        fills = self._all(
            select(s.fills)
            .where(
                s.fills.c.run_id == run_id,
                s.fills.c.symbol == trade["symbol"],
                s.fills.c.bar >= trade["entry_bar"],
                s.fills.c.bar <= trade["exit_bar"],
            )
            .order_by(s.fills.c.id)
        )
        return {"trade": trade, "entry_proposal": proposal, "plan_versions": plan, "fills": fills}

    def orders(self, run_id: str, limit: int = 100) -> list[Row]:
        """Orders with their last status (FILLED, CANCELED, EXPIRED, REJECTED or NEW)."""
        rows = self._all(
            select(s.orders).where(s.orders.c.run_id == run_id).order_by(s.orders.c.bar.desc()).limit(limit)
        )
        if not rows:
            return rows
        ids = [r["order_id"] for r in rows]
        filled = {
            r["order_id"]
            for r in self._all(
                select(s.fills.c.order_id).where(s.fills.c.run_id == run_id, s.fills.c.order_id.in_(ids))
            )
        }
        last: dict[str, str] = {}
        for u in self._all(
            select(s.order_updates)
            .where(s.order_updates.c.run_id == run_id, s.order_updates.c.order_id.in_(ids))
            .order_by(s.order_updates.c.id)
        ):
            last[u["order_id"]] = u["status"]
        for r in rows:
            r["status"] = "FILLED" if r["order_id"] in filled else last.get(r["order_id"], "NEW")
        return rows

    def fills(self, run_id: str, limit: int = 100) -> list[Row]:
        return self._all(
            select(s.fills).where(s.fills.c.run_id == run_id).order_by(s.fills.c.id.desc()).limit(limit)
        )

    def events(self, run_id: str | None = None, kind: str | None = None, limit: int = 100) -> list[Row]:
        q = select(s.events).order_by(s.events.c.id.desc()).limit(limit)
        if run_id is not None:
            q = q.where(s.events.c.run_id == run_id)
        if kind is not None:
            q = q.where(s.events.c.kind == kind)
        return self._all(q)

    # ---- helpers ---------------------------------------------------------------------------------
    def _all(self, q: Select[Any]) -> list[Row]:
        with self.engine.connect() as conn:
            out = []
            for r in conn.execute(q).mappings():
                row = dict(r)
                for k in _JSON_COLUMNS & row.keys():
                    if isinstance(row[k], str):
                        row[k] = json.loads(row[k])
                out.append(row)
            return out


def _with_verdicts(limit: int, run_id: str | None, symbol: str | None, rejected_only: bool) -> Select[Any]:
    """Proposals, newest first, with their verdict's columns (all proposals, or only the refused)."""
    p, v = s.proposals, s.verdicts
    q = (
        select(p, v.c.approved, v.c.code, v.c.message, v.c.plan_id, v.c.plan_version)
        .join(v, and_(v.c.proposal_id == p.c.id, v.c.run_id == p.c.run_id), isouter=not rejected_only)
        .order_by(p.c.time_ms.desc(), p.c.id.desc())
        .limit(limit)
    )
    if rejected_only:
        q = q.where(v.c.approved.is_(False))
    if run_id is not None:
        q = q.where(p.c.run_id == run_id)
    if symbol is not None:
        q = q.where(p.c.symbol == symbol)
    return q
