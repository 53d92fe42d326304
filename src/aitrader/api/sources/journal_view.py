"""What the REST endpoints read from the journal, for one run, in the contract's shapes.

Both modes read the same tables (the kernel's run record: `execution.journal_schema`), through a
read-only engine (SQLite in WAL mode: a reader never holds up the bot's writes). In-process the
rows of a candle are committed at the end of its loop, so these lists are at most one candle
behind the events. Calls are blocking: the app runs them in its thread pool, never on the loop.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, func, select

from aitrader.api.bus_events import num
from aitrader.api.sources.base import run_symbols
from aitrader.domain.timeframe import Timeframe
from aitrader.execution import journal_schema as s
from aitrader.execution.journal_reader import JournalReader, Row
from aitrader.storage.database import open_database

MAX_LIMIT = 10_000


def interval_ms(timeframe: str) -> int:
    try:
        return Timeframe.parse(timeframe).duration_ms
    except ValueError:
        return 0


def rejection_row(p: Row, step_ms: int) -> dict[str, Any]:
    """A refused proposal: who, what, the code and the gate's sentence."""
    return {
        "symbol": p["symbol"], "code": p.get("code"), "message": p.get("message") or "",
        "time_ms": int(p["time_ms"]), "bar_time_ms": int(p["time_ms"]) - step_ms, "kind": p.get("kind"),
        "side": p.get("side"), "strategy": p.get("strategy") or "",
    }  # fmt: skip


def decision_row(p: Row, qty: float | None, step_ms: int) -> dict[str, Any]:
    """A proposal row with its verdict columns as the `decision` event's data (+ decision time)."""
    kind = str(p["kind"])
    approved = p.get("approved")
    targets = [[num(t[0]), num(t[1]) if len(t) > 1 else 1.0] for t in (p.get("targets") or [])]
    return {
        "symbol": p["symbol"],
        "time_ms": int(p["time_ms"]),
        "bar_time_ms": int(p["time_ms"]) - step_ms,
        "proposal": {
            "kind": kind, "side": p.get("side") if kind == "enter" else None, "price": num(p["price"]),
            "stop": num(p.get("stop")), "targets": targets, "rationale": p.get("rationale") or "",
            "strategy": p.get("strategy") or "",
        },
        "verdict": {
            "approved": bool(approved), "code": p.get("code"), "message": p.get("message") or "",
            "qty": None if qty is None or not approved else repr(qty), "plan_id": p.get("plan_id"),
        },
        "latency_ms": None,
    }  # fmt: skip


def order_row(o: Row) -> dict[str, Any]:
    return {
        "symbol": o["symbol"], "order_id": o["order_id"], "client_order_id": o["client_order_id"],
        "side": o["side"], "type": o["type"], "status": o.get("status", "NEW"), "price": num(o.get("price")),
        "stop_price": num(o.get("stop_price")), "qty": num(o.get("quantity")), "role": o["role"],
        "time_ms": int(o["time_ms"]),
    }  # fmt: skip


def trade_row(t: Row) -> dict[str, Any]:
    keys = ("symbol", "side", "entry_time", "exit_time", "exit_reason", "strategy", "rationale")
    out: dict[str, Any] = {k: t.get(k) for k in keys}
    out.update(
        qty=num(t["quantity"]), entry_price=num(t["entry_price"]), exit_price=num(t["exit_price"]),
        fees=num(t["fees"]), pnl=num(t["pnl"]),
    )  # fmt: skip
    return out


def plan_row(p: Row) -> dict[str, Any]:
    keys = ("plan_id", "version", "kind", "symbol", "side", "created_ms", "strategy", "rationale")
    out: dict[str, Any] = {k: p.get(k) for k in keys}
    out.update(
        quantity=num(p["quantity"]), entry_price=num(p["entry_price"]), stop_price=num(p.get("stop_price")),
        targets=[[num(t[0]), num(t[1]) if len(t) > 1 else None] for t in (p.get("targets") or [])],
        risk_quote=num(p["risk_quote"]), risk_fraction=num(p["risk_fraction"]), reward_risk=num(p["reward_risk"]),
    )  # fmt: skip
    return out


def _clamp(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


class JournalView(JournalReader):
    """Read-only queries on the journal `target` (a SQLite file or a database URL), in the API's shapes."""

    def __init__(self, target: str | Path, engine: Engine | None = None) -> None:
        super().__init__(engine=engine if engine is not None else open_database(target, read_only=True))
        self.target = target

    def close(self) -> None:
        self.engine.dispose()

    # ---- runs ------------------------------------------------------------------------------------
    def run(self, run_id: str | None = None) -> Row | None:
        """The run `run_id`, or the newest run of the journal."""
        if run_id is None:
            return self.latest_run()
        rows = self._all(select(s.runs).where(s.runs.c.run_id == run_id))
        return rows[0] if rows else None

    # ---- the lists -------------------------------------------------------------------------------
    def decision_list(
        self, run_id: str, limit: int = 50, after_id: int | None = None
    ) -> list[dict[str, Any]]:
        """Newest first (oldest first with `after_id`: the rows written since, for the poller)."""
        run = self.run(run_id)
        step = interval_ms(str(run["timeframe"])) if run else 0
        p, v, pl = s.proposals, s.verdicts, s.plans
        q = (
            select(p, v.c.approved, v.c.code, v.c.message, v.c.plan_id, v.c.plan_version, pl.c.quantity)
            .join(v, and_(v.c.proposal_id == p.c.id, v.c.run_id == p.c.run_id), isouter=True)
            .join(
                pl,
                and_(
                    pl.c.run_id == p.c.run_id, pl.c.plan_id == v.c.plan_id, pl.c.version == v.c.plan_version
                ),
                isouter=True,
            )
            .where(p.c.run_id == run_id)
        )
        if after_id is None:
            q = q.order_by(p.c.id.desc()).limit(_clamp(limit))
        else:
            q = q.where(p.c.id > after_id).order_by(p.c.id).limit(_clamp(limit))
        rows = self._all(q)
        out = []
        for r in rows:
            d = decision_row(r, r.get("quantity"), step)
            d["id"] = int(r["id"])
            out.append(d)
        return out

    def rejection_counts(self, run_id: str, symbol: str | None = None) -> list[dict[str, Any]]:
        """Refusals by code (of one symbol, or all): count, the newest sentence and its time and
        symbol, and the count per symbol."""
        p, v = s.proposals, s.verdicts
        joined = p.join(v, and_(v.c.proposal_id == p.c.id, v.c.run_id == p.c.run_id))
        where = [v.c.run_id == run_id, v.c.approved.is_(False)]
        if symbol is not None:
            where.append(p.c.symbol == symbol)
        groups = self._all(
            select(v.c.code, p.c.symbol, func.count().label("count"), func.max(v.c.time_ms).label("last"))
            .select_from(joined)
            .where(*where)
            .group_by(v.c.code, p.c.symbol)
        )
        by_code: dict[Any, dict[str, int]] = {}
        for g in groups:
            by_code.setdefault(g["code"], {})[str(g["symbol"])] = int(g["count"])
        out = []
        for code, symbols in by_code.items():
            last = self._all(
                select(v.c.message, v.c.time_ms, p.c.symbol)
                .select_from(joined)
                .where(*where, v.c.code == code)
                .order_by(v.c.time_ms.desc(), p.c.id.desc())
                .limit(1)
            )
            out.append(
                {
                    "code": code,
                    "count": sum(symbols.values()),
                    "last_message": last[0]["message"] if last else "",
                    "last_time_ms": int(last[0]["time_ms"]) if last else None,
                    "last_symbol": last[0]["symbol"] if last else None,
                    "symbols": dict(sorted(symbols.items(), key=lambda kv: (-kv[1], kv[0]))),
                }
            )
        return sorted(out, key=lambda r: (-r["count"], str(r["code"])))

    def rejection_list(
        self, run_id: str, limit: int = 50, symbol: str | None = None, code: str | None = None
    ) -> list[dict[str, Any]]:
        """The newest refusals (of one symbol, one code), each with its sentence."""
        run = self.run(run_id)
        step = interval_ms(str(run["timeframe"])) if run else 0
        rows = self.rejections(run_id, limit=_clamp(limit), symbol=symbol, code=code)
        return [rejection_row(r, step) for r in rows]

    def trade_list(self, run_id: str, limit: int = 50) -> list[dict[str, Any]]:
        return [trade_row(t) for t in self.trades(run_id, limit=_clamp(limit))]

    def order_list(self, run_id: str, open_only: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """The run's orders, newest first, each with its last status (FILLED, CANCELED, EXPIRED,
        REJECTED, or NEW while working)."""
        o, f, u = s.orders, s.fills, s.order_updates
        rows = self._all(
            select(o).where(o.c.run_id == run_id).order_by(o.c.time_ms.desc()).limit(_clamp(limit))
        )
        filled = {
            r["client_order_id"] for r in self._all(select(f.c.client_order_id).where(f.c.run_id == run_id))
        }
        aliases = self.venue_ids()
        last: dict[str, str] = {}
        for r in self._all(select(u.c.order_id, u.c.status).where(u.c.run_id == run_id).order_by(u.c.id)):
            last[aliases.get(str(r["order_id"]), str(r["order_id"]))] = str(r["status"])
        out = []
        for r in rows:
            cid = str(r["client_order_id"])
            status = "FILLED" if cid in filled else last.get(cid) or last.get(str(r["order_id"]), "NEW")
            out.append(order_row({**r, "status": status}))
        out.sort(key=lambda r: (r["time_ms"], r["order_id"]), reverse=True)
        return [r for r in out if r["status"] == "NEW"] if open_only else out

    def venue_ids(self) -> dict[str, str]:
        """Live: the venue's order id -> our client order id (a live order's updates carry the
        venue's id, its row in `orders` ours)."""
        lo = s.live_orders
        rows = self._all(select(lo.c.exchange_order_id, lo.c.cid).where(lo.c.exchange_order_id != ""))
        return {str(r["exchange_order_id"]): str(r["cid"]) for r in rows}

    def plan_list(self, run_id: str) -> list[dict[str, Any]]:
        rows = self._all(
            select(s.plans)
            .where(s.plans.c.run_id == run_id)
            .order_by(s.plans.c.created_ms, s.plans.c.version)
        )
        latest: dict[str, Row] = {}
        for r in rows:
            latest[str(r["plan_id"])] = r
        return [plan_row(r) for r in sorted(latest.values(), key=lambda r: r["created_ms"], reverse=True)]

    def candle_list(
        self, run_id: str, limit: int = 500, after_ms: int | None = None, symbol: str | None = None
    ) -> list[dict[str, Any]]:
        """Oldest first: the newest `limit` (or, with `after_ms`, the first `limit` after it). A
        portfolio run journals its first symbol's candles in `candles` and the others' as `candle`
        events (`live.run_record`): `symbol` picks one."""
        if symbol is not None:
            symbols = run_symbols(self.run(run_id))
            if symbols and symbol in symbols[1:]:
                return self._event_candles(run_id, symbol, limit, after_ms)
        c = s.candles
        q = select(c.c.open_time, c.c.open, c.c.high, c.c.low, c.c.close, c.c.volume).where(
            c.c.run_id == run_id
        )
        if after_ms is None:
            rows = self._all(q.order_by(c.c.open_time.desc()).limit(_clamp(limit)))
            rows.reverse()
        else:
            rows = self._all(q.where(c.c.open_time > after_ms).order_by(c.c.open_time).limit(_clamp(limit)))
        return [{"open_time": int(r["open_time"]), **{k: num(r[k]) for k in _OHLCV}} for r in rows]

    def _event_candles(
        self, run_id: str, symbol: str, limit: int, after_ms: int | None
    ) -> list[dict[str, Any]]:
        e = s.events
        q = select(e.c.time_ms, e.c.payload).where(
            e.c.run_id == run_id, e.c.kind == "candle", e.c.payload.like(f'%"symbol":"{symbol}"%')
        )
        if after_ms is None:
            rows = self._all(q.order_by(e.c.time_ms.desc()).limit(_clamp(limit)))
            rows.reverse()
        else:
            rows = self._all(q.where(e.c.time_ms > after_ms).order_by(e.c.time_ms).limit(_clamp(limit)))
        out = []
        for r in rows:
            c = r["payload"]
            if isinstance(c, dict) and c.get("symbol") == symbol:
                out.append({"open_time": int(c["open_time"]), **{k: num(c.get(k)) for k in _OHLCV}})
        return out

    def equity_points(self, run_id: str, limit: int = 1000) -> list[dict[str, Any]]:
        """Equity at each live candle's close, rebuilt from the run's start equity, its fills and
        the closes: start + cash flows - fees + held quantity x close (oldest first)."""
        run = self.run(run_id)
        if run is None:
            return []
        step = interval_ms(str(run["timeframe"]))
        c, f = s.candles, s.fills
        closes = self._all(
            select(c.c.open_time, c.c.close)
            .where(c.c.run_id == run_id, c.c.phase == "live")
            .order_by(c.c.open_time)
        )
        fills = self._all(
            select(f.c.side, f.c.price, f.c.quantity, f.c.fee, f.c.time_ms)
            .where(f.c.run_id == run_id)
            .order_by(f.c.id)
        )
        points = list(equity_curve(float(run["initial_equity"]), closes, fills, step))
        if not points:
            points = [{"time_ms": int(run["started_ms"]), "equity": num(run["initial_equity"])}]
        return points[-_clamp(limit) :]


_OHLCV = ("open", "high", "low", "close", "volume")


def equity_curve(start: float, closes: list[Row], fills: list[Row], step_ms: int) -> Iterable[dict[str, Any]]:
    cash, held, i = 0.0, 0.0, 0
    fills = sorted(fills, key=lambda r: int(r["time_ms"]))
    for row in closes:
        close_ms = int(row["open_time"]) + step_ms
        while i < len(fills) and int(fills[i]["time_ms"]) < close_ms:
            fill = fills[i]
            sign = 1.0 if fill["side"] == "BUY" else -1.0
            qty, price = float(fill["quantity"]), float(fill["price"])
            held += sign * qty
            cash -= sign * qty * price + float(fill["fee"])
            i += 1
        yield {"time_ms": close_ms, "equity": num(start + cash + held * float(row["close"]))}
