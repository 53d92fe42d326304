"""The live journal (LiveJournal) on a real PostgreSQL server: one state change is one transaction,
a plan's whole life reads back as it does from SQLite, an older journal is upgraded in place, and
the chat reads positions and decisions from it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from sqlalchemy import Column, MetaData, Table, inspect

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.agents.chat.models import DecisionView
from aitrader.domain import OrderRequest, OrderType, Side
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.proposal import Enter, Target
from aitrader.execution import journal_schema as lt
from aitrader.live.journal import LiveJournal, now_ms
from aitrader.live.telemetry import LoopRecord, TelemetryWriter, plain
from aitrader.live.verdicts import verdict_json
from aitrader.storage.database import open_database

D = Decimal
T0 = 1_683_190_800_000  # 2023-05-04 09:00 UTC
FAR = 2**41  # a fill time far beyond a 32-bit INTEGER
CIDS = ("at-p1-1E", "at-p1-1S", "at-p1-1T")
WALL_CLOCK = {"created_ms", "updated_ms", "time_ms", "id"}


def _life(j: LiveJournal) -> None:
    """A plan's life as the order manager journals it: plan + entry intent, the fill and the position
    it opens, the OCO legs, the take-profit fill, the close."""
    with j.transaction():
        j.add_plan("p1", 1, "BTCUSDT", "BUY", CIDS[0], D("29100.5"), D("28000"), [(D("31000"), D(1))])
        j.order_intent(CIDS[0], "p1", 1, "E", "BTCUSDT", "BUY", "MARKET", D("0.01"))
    with j.transaction():
        j.order_status(CIDS[0], "FILLED", "9001", executed=D("0.01"))
        j.add_fill(
            "BTCUSDT:1", CIDS[0], "9001", "BTCUSDT", "BUY", D("29100.5"), D("0.01"), D("0.00001"), "BTC", T0
        )
        j.update_plan("p1", status="open", qty=D("0.00999"), entry_qty=D("0.00999"), list_cids=["L1"])
        j.order_intent(CIDS[1], "p1", 1, "S", "BTCUSDT", "SELL", "STOP_LOSS_LIMIT", D("0.00999"),
                       D("27990"), D("28000"), list_cid="L1")  # fmt: skip
        j.order_intent(CIDS[2], "p1", 1, "T", "BTCUSDT", "SELL", "LIMIT_MAKER", D("0.00999"), D("31000"),
                       list_cid="L1")  # fmt: skip
    with j.transaction():
        j.order_status(CIDS[2], "FILLED", "9003", executed=D("0.00999"))
        j.order_status(CIDS[1], "EXPIRED", "9002")
        j.add_fill(
            "BTCUSDT:2", CIDS[2], "9003", "BTCUSDT", "SELL", D("31000"), D("0.00999"), D("0.31"), "USDT", FAR
        )
        j.update_plan("p1", status="closed", qty=D(0), list_cids=[])
    j.event("closed", plan_id="p1", detail="target")


def _snapshot(j: LiveJournal) -> dict[str, Any]:
    def plain_row(r: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in r.items() if k not in WALL_CLOCK}

    plan = j.plan("p1")
    assert plan is not None
    return {
        "plan": replace(plan, created_ms=0),
        "orders": [plain_row(o) for o in j.all_orders()],
        "oco": [plain_row(o) for o in j.all_orders_of_list("L1")],
        "fills": [plain_row(f) for f in j.fills()],
        "closed": [(p, v) for p, v, _ in j.closed_results()],
        "events": [(k, d) for _, k, d in j.events()],
        "commits": j.commits,
    }


def test_a_plans_life_reads_back_the_same_on_postgres_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    lite, pg = LiveJournal(tmp_path / "journal.sqlite"), LiveJournal(pg_url)
    _life(lite)
    _life(pg)
    want = _snapshot(lite)
    assert _snapshot(pg) == want
    assert want["commits"] == 3
    assert want["closed"] == [("p1", D("31000") * D("0.00999") - D("0.31") - D("29100.5") * D("0.01")
                               - D("0.00001") * D("29100.5"))]  # fmt: skip
    assert [f["time_ms"] for f in pg.fills()] == [T0, FAR]
    assert (
        pg.add_fill("BTCUSDT:2", CIDS[2], "9003", "BTCUSDT", "SELL", D(1), D(1), D(0), "USDT", FAR) is False
    )
    pg.close()
    again = LiveJournal(pg_url)  # another process, later: everything committed is there
    assert _snapshot(again)["plan"] == want["plan"]
    again.close()


def test_a_state_change_that_fails_leaves_nothing_behind(pg_url: str) -> None:
    j = LiveJournal(pg_url)
    with j.transaction():
        j.add_plan("p1", 1, "BTCUSDT", "BUY", CIDS[0], D(29100), D(28000), [(D(31000), D(1))])
        j.order_intent(CIDS[0], "p1", 1, "E", "BTCUSDT", "BUY", "MARKET", D("0.01"))

    def fill_then_die() -> None:
        with j.transaction():
            j.order_status(CIDS[0], "FILLED", "9001", executed=D("0.01"))
            j.update_plan("p1", status="open", qty=D("0.01"))
            assert j.plan("p1").status == "open"  # type: ignore[union-attr]  # the transaction sees itself
            raise RuntimeError("killed between two writes")

    with pytest.raises(RuntimeError, match="killed"):
        fill_then_die()
    other = LiveJournal(pg_url)
    assert other.plan("p1").status == "pending_entry"  # type: ignore[union-attr]
    assert other.order(CIDS[0])["status"] == "INTENT"  # type: ignore[index]
    assert j.commits == other.commits + 1 == 1
    j.close()
    other.close()


def test_an_older_journal_is_upgraded_in_place(pg_url: str) -> None:
    """Tables as the first release made them (no entry_qty, outside_qty, retired_lists, executed)."""
    added = {"entry_qty", "outside_qty", "retired_lists", "executed"}
    old = MetaData()
    for table in (lt.live_plans, lt.live_orders):
        columns = [
            Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in table.columns
            if c.name not in added
        ]
        Table(table.name, old, *columns)
    engine = open_database(pg_url)
    old.create_all(engine)
    row = {"plan_id": "p0", "version": 1, "symbol": "BTCUSDT", "side": "BUY", "status": "open",
           "entry_cid": "at-p0-1E", "qty": "0.5", "entry_price": "29000", "stop": "28000",
           "targets": "[]", "list_cids": "[]", "strategy": "confluence", "created_ms": T0,
           "updated_ms": T0, "detail": ""}  # fmt: skip
    with engine.begin() as c:
        c.execute(old.tables["live_plans"].insert().values(**row))
    engine.dispose()

    j = LiveJournal(pg_url)
    plan = j.plan("p0")
    assert plan is not None
    assert (plan.qty, plan.entry_qty, plan.outside_qty, plan.retired_lists) == (D("0.5"), D("0.5"), D(0), ())
    j.order_intent("at-p0-2X", "p0", 2, "X", "BTCUSDT", "SELL", "MARKET", D("0.5"))
    assert j.order("at-p0-2X")["executed"] == "0"  # type: ignore[index]
    j.close()
    j = LiveJournal(pg_url)  # opening again changes nothing
    columns = {c["name"] for c in inspect(j.engine).get_columns("live_plans")}
    assert added - {"executed"} <= columns
    assert j.plan("p0") == plan
    j.close()


def _bot(target: str | Path) -> None:
    """What the chat reads: an open, protected position and the decision loop that opened it."""
    j = LiveJournal(target)
    _life_open(j)
    entry = Enter(symbol="BTCUSDT", side=Side.BUY, price=29100.5, stop=28000.0, targets=(Target(31000.0),),
                  confidence=0.7, rationale="EMA20 above EMA50, RSI rising", time_ms=T0, strategy="confluence",
                  evidence={"rsi_14": 58.3})  # fmt: skip
    qty = D("0.01")
    legs = (OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, quantity=qty),
            OrderRequest("BTCUSDT", Side.SELL, OrderType.STOP_LOSS_LIMIT, quantity=qty, price=D(27990),
                         stop_price=D(28000)),
            OrderRequest("BTCUSDT", Side.SELL, OrderType.LIMIT_MAKER, quantity=qty, price=D(31000)))  # fmt: skip
    plan = OrderPlan(plan_id="p1", version=1, kind=PlanKind.OPEN, symbol="BTCUSDT", side=Side.BUY, quantity=qty,
                     entry_price=D("29100.5"), stop_price=D(28000), entry=legs[0], stop=legs[1],
                     targets=(legs[2],), risk_quote=D(11))  # fmt: skip
    sol = msgspec.structs.replace(entry, symbol="SOLUSDT", price=21.5, stop=21.45, targets=(Target(21.6),))
    rejected = Rejection(RejectionCode.REWARD_RISK_TOO_LOW, "reward/risk 1.2 < 1.5", "SOLUSDT", T0 + 60_000)
    tel = TelemetryWriter(None, j)
    tel.write(
        LoopRecord(T0, "BTCUSDT", "1m", "paper", {}, proposals=[plain(entry)], verdicts=[verdict_json(plan)])
    )
    tel.write(LoopRecord(T0 + 60_000, "SOLUSDT", "1m", "paper", {},
                         proposals=[plain(sol)], verdicts=[verdict_json(rejected)]))  # fmt: skip
    j.close()


def _life_open(j: LiveJournal) -> None:
    with j.transaction():
        j.add_plan("p1", 1, "BTCUSDT", "BUY", CIDS[0], D("29100.5"), D("28000"), [(D("31000"), D(1))])
        for cid, leg, oid in zip(CIDS, "EST", ("9001", "9002", "9003"), strict=True):
            j.order_intent(cid, "p1", 1, leg, "BTCUSDT", "BUY" if leg == "E" else "SELL", "MARKET", D("0.01"))
            j.order_status(cid, "FILLED" if leg == "E" else "NEW", oid)
        j.update_plan("p1", status="open", qty=D("0.01"), entry_qty=D("0.01"), list_cids=["L1"])


def test_the_chat_reads_the_live_tables_on_postgres(pg_url: str, tmp_path: Path) -> None:
    before = now_ms()
    _bot(tmp_path / "journal.sqlite")
    _bot(pg_url)
    lite, pg = BotJournal(tmp_path / "journal.sqlite"), BotJournal(pg_url)
    assert {"live_plans", "live_telemetry"} <= pg.tables
    assert pg.kernel is None
    positions = pg.positions()
    assert [p.model_copy(update={"opened_ms": 0}) for p in positions] == [
        p.model_copy(update={"opened_ms": 0}) for p in lite.positions()
    ]
    assert before <= positions[0].opened_ms <= now_ms()
    assert [(p.plan_id, p.quantity, p.stop_price) for p in positions] == [("p1", D("0.01"), D(28000))]

    # orders made in the same millisecond: insertion order on SQLite, any order on PostgreSQL
    def ids_sorted(d: DecisionView | None) -> DecisionView | None:
        return None if d is None else d.model_copy(update={"order_ids": sorted(d.order_ids)})

    decisions = [ids_sorted(d) for d in pg.decisions(5)]
    assert decisions == [ids_sorted(d) for d in lite.decisions(5)]
    assert [(d.symbol, d.verdict) for d in decisions if d is not None] == [
        ("SOLUSDT", "rejected (reward_risk_too_low)"),
        ("BTCUSDT", "approved"),
    ]
    assert decisions[1] is not None
    assert decisions[1].order_ids == ["9001", "9002", "9003"]
    assert ids_sorted(pg.decision_for_order("9003")) == decisions[1]
    status = pg.status()
    assert status.running  # written a moment ago: the newest stamp in the live tables is now
    assert status.last_heartbeat_ms is not None
    assert before <= status.last_heartbeat_ms <= now_ms()
    assert status.last_candle_ms == T0 + 60_000
