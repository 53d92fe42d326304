"""JournalSource over the kernel's journal (aitrader.execution.journal: runs, proposals, verdicts,
plans, orders, fills, trades, events), read through its own JournalReader on a read-only connection
(a SQLite file or a database URL)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from aitrader.agents.chat.journal_engine import open_readonly
from aitrader.agents.chat.models import BotStatusView, DecisionView, PositionView

Row = dict[str, Any]
_DECISION_SCAN = 500


def _dec(x: Any) -> Decimal | None:
    return None if x is None else Decimal(str(x))


class KernelJournalSource:
    def __init__(self, target: str | Path) -> None:
        from aitrader.execution.journal_reader import JournalReader

        self.reader = JournalReader(engine=open_readonly(target))

    # ---- decisions ---------------------------------------------------------------------------
    def _orders_after(self, p: Row, until_ms: int | None) -> list[str]:
        """Exchange ids of the orders the approved proposal `p` led to (same run and symbol, sent
        from its decision time until the next approved entry on that symbol)."""
        out = []
        for o in sorted(
            self.reader.orders(p["run_id"], limit=2_000), key=lambda r: (r["time_ms"], r["order_id"])
        ):
            if (
                o["symbol"] == p["symbol"]
                and o["time_ms"] >= p["time_ms"]
                and (until_ms is None or o["time_ms"] < until_ms)
            ):
                out.append(str(o["order_id"]))
        return out

    def _plan(self, p: Row) -> Row | None:
        """The plan version the risk gate approved for proposal `p` (size and risk), if journaled."""
        if not p.get("approved") or not p.get("plan_id"):
            return None
        versions = self.reader.plan_versions(p["plan_id"], p["run_id"])
        wanted = p.get("plan_version")
        return next((v for v in versions if v["version"] == wanted), versions[0] if versions else None)

    def _view(self, p: Row, order_ids: list[str]) -> DecisionView:
        approved = bool(p.get("approved"))
        plan = self._plan(p)
        verdict = (
            "approved"
            if approved
            else ("pending" if p.get("approved") is None else f"rejected ({p.get('code')})")
        )
        return DecisionView(
            proposal_id=f"{p['run_id']}:{p['id']}",
            time_ms=int(p["time_ms"]),
            symbol=p["symbol"],
            side=p.get("side") or "",
            kind=p["kind"],
            strategy=p.get("strategy") or "",
            rationale=p.get("rationale") or "",
            evidence=dict(p.get("evidence") or {}),
            confidence=p.get("confidence"),
            stop_price=_dec(p.get("stop")),
            targets=[d for t in (p.get("targets") or []) if (d := _dec(t[0])) is not None],
            target_fractions=[
                d for t in (p.get("targets") or []) if len(t) > 1 and (d := _dec(t[1])) is not None
            ],
            quantity=_dec(plan["quantity"]) if plan else None,
            risk_quote=_dec(plan["risk_quote"]) if plan else None,
            risk_pct=_dec(plan["risk_fraction"] * 100) if plan and plan["risk_fraction"] else None,
            verdict=verdict,
            verdict_reason="" if approved else str(p.get("message") or ""),
            order_ids=order_ids,
        )

    def _decisions(self, rows: list[Row]) -> list[DecisionView]:
        out = []
        next_entry: dict[tuple[str, str], int] = {}  # (run, symbol) -> time of the next approved entry
        for p in rows:  # newest first
            ids: list[str] = []
            if p.get("approved") and p["kind"] == "enter":
                key = (p["run_id"], p["symbol"])
                ids = self._orders_after(p, next_entry.get(key))
                next_entry[key] = p["time_ms"]
            out.append(self._view(p, ids))
        return out

    def decisions(self, limit: int) -> list[DecisionView]:
        return self._decisions(self.reader.proposals(limit=limit))

    def decision_for_order(self, order_id: str) -> DecisionView | None:
        for run in self.reader.runs(limit=5):
            for o in self.reader.orders(run["run_id"], limit=2_000):
                if order_id in (str(o["order_id"]), str(o["client_order_id"])):
                    rows = [
                        p
                        for p in self.reader.proposals(run["run_id"], o["symbol"], limit=_DECISION_SCAN)
                        if p["time_ms"] <= o["time_ms"]
                    ]
                    decisions = self._decisions(rows)
                    return next(
                        (d for d in decisions if order_id in d.order_ids), decisions[0] if decisions else None
                    )
        return None

    # ---- positions and status ----------------------------------------------------------------
    def positions(self) -> list[PositionView]:
        run = self.reader.latest_run()
        if run is None or run["status"] != "running":
            return []
        out = []
        plan_ids = {
            p["plan_id"]
            for p in self.reader.proposals(run["run_id"], limit=_DECISION_SCAN)
            if p.get("plan_id")
        }
        for plan_id in sorted(plan_ids):
            versions = self.reader.plan_versions(plan_id, run["run_id"])
            if not versions:
                continue
            last, first = versions[-1], versions[0]
            if last["kind"] == "close" or last["quantity"] <= 0:
                continue
            closed = [
                t
                for t in self.reader.trades(run["run_id"], last["symbol"], limit=_DECISION_SCAN)
                if t["entry_time"] >= first["created_ms"]
            ]
            filled = [
                f
                for f in self.reader.fills(run["run_id"], limit=2_000)
                if f["symbol"] == last["symbol"]
                and f["role"] == "entry"
                and f["time_ms"] >= first["created_ms"]
            ]
            if closed or not filled:
                continue
            out.append(
                PositionView(
                    symbol=last["symbol"],
                    side=last["side"],
                    quantity=Decimal(str(last["quantity"])),
                    entry_price=Decimal(str(last["entry_price"])),
                    stop_price=_dec(last["stop_price"]),
                    targets=[d for t in last["targets"] if (d := _dec(t[0])) is not None],
                    opened_ms=int(first["created_ms"]),
                    plan_id=plan_id,
                )
            )
        return out

    def status(self) -> BotStatusView:
        run = self.reader.latest_run()
        if run is None:
            return BotStatusView(running=False, note="the journal has no runs yet")
        latest = self.decisions(1)
        events = self.reader.events(run["run_id"], limit=1)
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
