"""The rows a journal gained since the last look, as the contract's events (the attached API).

The run followed is the journal's newest. When the tail starts it takes the journal as it stands
(no history is replayed as events: the REST endpoints have it) and from then on turns each new
row into an event: a live candle, a decision (with the loop's decision latency from its telemetry
record), an order sent, an order's update, a fill, an alarm of the live order path, and the run's
end. A newer run in the same journal is followed from its first live candle.

Blocking (database reads): the attached source calls `step` from a worker thread.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, func, select

from aitrader.api.bus_events import num
from aitrader.api.sources.base import run_symbols
from aitrader.api.sources.journal_view import JournalView, interval_ms, order_row
from aitrader.execution import journal_schema as s
from aitrader.execution.journal_reader import Row

Item = tuple[str, dict[str, Any]]
BATCH = 1_000
_ALARM_KINDS = {"alarm": "critical", "protection_rejected": "warning", "order_rejected": "warning",
                "exit_refused_reprotect": "critical", "work_failed": "warning"}  # fmt: skip


class JournalTail:
    def __init__(self, view: JournalView) -> None:
        self.view = view
        self.run: Row | None = None
        self._candle_ms = 0
        self._proposal_id = 0
        self._orders: set[str] = set()
        self._order_ms = 0
        self._update_id = 0
        self._fill_id = 0
        self._event_id = 0
        self._telemetry_id = 0
        self._latency: dict[int, float] = {}  # candle open time -> decide ms (the loop's record)
        self._announced = False

    def step(self) -> list[Item]:
        """The events since the last step (the first: the run's state, nothing older)."""
        items: list[Item] = []
        run = self.view.run()
        if run is None:
            return items
        first = self.run is None
        if self.run is None or run["run_id"] != self.run["run_id"]:
            if self.run is not None and self.run["status"] == "running":
                items.append(("run", self._run_data(self.run, "finished")))
            self._follow(run, at_end=first)
            items.append(
                ("run", self._run_data(run, "started" if run["status"] == "running" else "finished"))
            )
        elif run["status"] != self.run["status"]:
            self.run = run
            items.append(("run", self._run_data(run, "finished")))
        self.run = run
        run_id = str(run["run_id"])
        items += self._candles(run_id, (run_symbols(run) or [str(run["symbol"])])[0], str(run["timeframe"]))
        self._read_latencies()
        items += self._decisions(run_id)
        items += self._new_orders(run_id)
        items += self._updates(run_id)
        items += self._fills(run_id)
        items += self._alarms()
        return items

    def _run_data(self, run: Row, status: str) -> dict[str, Any]:
        return {"status": status, "run_id": run["run_id"], "mode": run["mode"], "strategy": run["strategy"],
                "symbols": run_symbols(run)}  # fmt: skip

    def _max(self, column: Any, *where: Any) -> int:
        with self.view.engine.connect() as c:
            value = c.execute(select(func.max(column)).where(*where)).scalar()
        return int(value) if value is not None else 0

    def _follow(self, run: Row, at_end: bool) -> None:
        """Cursors for `run`: at the journal's end (attaching), or at its start (a newer run)."""
        run_id = run["run_id"]
        c = s.candles
        warm = self._max(c.c.open_time, c.c.run_id == run_id, c.c.phase == "warm")
        self._candle_ms = self._max(c.c.open_time, c.c.run_id == run_id) if at_end else warm
        self._orders, self._order_ms = set(), 0
        if at_end:
            self._proposal_id = self._max(s.proposals.c.id, s.proposals.c.run_id == run_id)
            self._order_ms = self._max(s.orders.c.time_ms, s.orders.c.run_id == run_id)
            newest = select(s.orders.c.order_id).where(
                s.orders.c.run_id == run_id, s.orders.c.time_ms >= self._order_ms
            )
            self._orders = {str(o["order_id"]) for o in self.view._all(newest)}
            self._update_id = self._max(s.order_updates.c.id)
            self._fill_id = self._max(s.fills.c.id)
            self._event_id = self._max(s.live_events.c.id)
            self._telemetry_id = self._max(s.live_telemetry.c.id)
        else:
            self._proposal_id = 0

    def _candles(self, run_id: str, symbol: str, timeframe: str) -> list[Item]:
        rows = self.view.candle_list(run_id, BATCH, after_ms=self._candle_ms)
        if rows:
            self._candle_ms = rows[-1]["open_time"]
        return [("candle", {"symbol": symbol, "interval": timeframe, **r}) for r in rows]

    def _read_latencies(self) -> None:
        t = s.live_telemetry
        rows = self.view._all(select(t).where(t.c.id > self._telemetry_id).order_by(t.c.id).limit(BATCH))
        for r in rows:
            self._telemetry_id = int(r["id"])
            try:
                decide = json.loads(r["record"]).get("latency_us", {}).get("decide_us")
            except (ValueError, AttributeError):
                continue
            if decide is not None:
                self._latency[int(r["time_ms"])] = float(decide) / 1000
        if len(self._latency) > 4 * BATCH:
            for key in sorted(self._latency)[: -2 * BATCH]:
                del self._latency[key]

    def _decisions(self, run_id: str) -> list[Item]:
        rows = self.view.decision_list(run_id, BATCH, after_id=self._proposal_id)
        out = []
        for d in rows:
            self._proposal_id = max(self._proposal_id, int(d.pop("id")))
            d.pop("time_ms", None)
            d["latency_ms"] = self._latency.get(int(d["bar_time_ms"]))
            out.append(("decision", d))
        return out

    def _new_orders(self, run_id: str) -> list[Item]:
        """Orders are keyed by id, not numbered: the ones at or after the newest time seen, less those seen."""
        o = s.orders
        rows = self.view._all(select(o).where(o.c.run_id == run_id, o.c.time_ms >= self._order_ms))
        out = []
        for r in sorted(rows, key=lambda r: (int(r["time_ms"]), str(r["order_id"]))):
            if str(r["order_id"]) in self._orders:
                continue
            self._orders.add(str(r["order_id"]))
            self._order_ms = max(self._order_ms, int(r["time_ms"]))
            out.append(
                ("order", {k: v for k, v in order_row({**r, "status": "NEW"}).items() if k != "time_ms"})
            )
        return out

    def _updates(self, run_id: str) -> list[Item]:
        """An update names the order by the venue's id live (ours on paper): both are looked up."""
        u, o = s.order_updates, s.orders
        rows = self.view._all(
            select(u).where(u.c.id > self._update_id, u.c.run_id == run_id).order_by(u.c.id).limit(BATCH)
        )
        if not rows:
            return []
        aliases = self.view.venue_ids()
        wanted = {aliases.get(str(r["order_id"]), str(r["order_id"])) for r in rows}
        known = self.view._all(select(o).where(o.c.run_id == run_id, o.c.order_id.in_(wanted)))
        by_id = {str(k["order_id"]): k for k in known}
        out = []
        for r in rows:
            self._update_id = int(r["id"])
            order = by_id.get(aliases.get(str(r["order_id"]), str(r["order_id"])))
            if order is None:
                continue
            data = {k: v for k, v in order_row(order).items() if k != "time_ms"}
            out.append(("order", {**data, "status": r["status"], "reason": r["reason"]}))
        return out

    def _fills(self, run_id: str) -> list[Item]:
        f, o = s.fills, s.orders
        q = (
            select(f, o.c.type)
            .join(o, and_(o.c.run_id == f.c.run_id, o.c.order_id == f.c.order_id), isouter=True)
            .where(f.c.id > self._fill_id, f.c.run_id == run_id)
            .order_by(f.c.id)
            .limit(BATCH)
        )
        out = []
        quote = _quote((run_symbols(self.run) or [""])[0]) if self.run else ""
        for r in self.view._all(q):
            self._fill_id = int(r["id"])
            out.append((
                "fill",
                {
                    "symbol": r["symbol"], "order_id": r["order_id"], "client_order_id": r["client_order_id"],
                    "side": r["side"], "type": r.get("type") or "", "price": num(r["price"]),
                    "qty": num(r["quantity"]), "fee": num(r["fee"]), "fee_asset": quote, "role": r["role"],
                },
            ))  # fmt: skip
        return out

    def _alarms(self) -> list[Item]:
        e = s.live_events
        rows = self.view._all(select(e).where(e.c.id > self._event_id).order_by(e.c.id).limit(BATCH))
        out = []
        for r in rows:
            self._event_id = int(r["id"])
            severity = _ALARM_KINDS.get(str(r["kind"]))
            if severity is None:
                continue
            try:
                detail = json.loads(r["detail"])
            except ValueError:
                detail = {}
            text = detail.get("text") or detail.get("error") or detail.get("detail") or r["kind"]
            out.append(("alarm", {"message": f"{r['kind']}: {text}", "severity": severity}))
        return out

    @property
    def interval_ms(self) -> int:
        return interval_ms(str(self.run["timeframe"])) if self.run else 0


def _quote(symbol: str) -> str:
    """The run record keeps a fill's fee as its quote value."""
    from aitrader.live.config import quote_asset

    return quote_asset(symbol) or ""
