"""The journal records a real backtest; the reader answers what the chat and live helpers ask."""

from __future__ import annotations

from pathlib import Path

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.data import load_sample
from aitrader.execution.journal import Journal
from aitrader.execution.journal_reader import JournalReader
from aitrader.strategies import get_strategy


def test_backtest_is_journaled_and_trades_can_be_explained(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite"
    candles = load_sample("BTCUSDT", "1m").slice(0, 15_000)
    journal = Journal(db, batch=500)
    result = run_backtest(get_strategy("confluence"), candles, BacktestConfig(), journal=journal)
    journal.close()
    run_id = result.params["run_id"]

    reader = JournalReader(db)
    run = reader.latest_run("backtest")
    assert run is not None
    assert run["run_id"] == run_id
    assert run["status"] == "finished"
    assert run["final_equity"] == result.final_equity

    trades = reader.trades(run_id, limit=10_000)
    assert len(trades) == len(result.trades) > 0
    assert [t["pnl"] for t in reversed(trades)] == [t.pnl for t in result.trades]

    last = reader.latest_proposal("BTCUSDT", run_id)
    assert last is not None
    assert last["approved"] in (True, False)
    assert last["rationale"]
    assert len(reader.proposals(run_id, limit=100_000)) == result.params["proposals"]
    rejected = reader.rejections(run_id)
    assert all(r["code"] for r in rejected)

    why = reader.explain_trade(trades[0]["id"])
    assert why is not None
    proposal = why["entry_proposal"]
    assert proposal is not None
    assert proposal["kind"] == "enter"
    assert proposal["approved"]
    assert proposal["rationale"] == trades[0]["rationale"]
    assert proposal["time_ms"] <= trades[0]["entry_time"]
    assert why["plan_versions"][0]["version"] == 1
    roles = [f["role"] for f in why["fills"]]
    assert roles[0] == "entry"
    assert roles[-1] in ("stop", "target", "exit")

    orders = reader.orders(run_id, limit=50)
    assert {o["status"] for o in orders} <= {"FILLED", "CANCELED", "EXPIRED", "REJECTED", "NEW"}
    assert "FILLED" in {o["status"] for o in orders}


def test_live_style_unbatched_writes_are_visible_at_once(tmp_path: Path) -> None:
    db = tmp_path / "live.sqlite"
    journal = Journal(db, batch=1)
    journal.start_run("r1", "paper", "confluence", "BTCUSDT", "1m", 1_000.0)
    journal.record_event("r1", 123, "reconnect", {"attempt": 1})
    events = JournalReader(db).events("r1")
    assert events == [
        {"id": 1, "run_id": "r1", "time_ms": 123, "kind": "reconnect", "payload": {"attempt": 1}}
    ]


def test_driver_bulk_insert_stores_what_sqlalchemy_stores(tmp_path: Path) -> None:
    """`flush` bypasses SQLAlchemy's per-row parameter processing: the rows must come back the same
    (floats, booleans, text), whatever order each row's keys are in."""
    from sqlalchemy import insert, select

    from aitrader.execution import journal_schema as s
    from aitrader.execution.journal import _insert_many

    first = {"run_id": "r", "order_id": "S1", "client_order_id": "c1", "role": "entry", "symbol": "BTCUSDT",
             "side": "BUY", "price": 100.5, "quantity": 0.25, "fee": 0.1, "is_maker": False, "bar": 1,
             "time_ms": 60_000}  # fmt: skip
    second = {"time_ms": 120_000, "bar": 2, "is_maker": True, "fee": 0.0, "quantity": 0.25, "price": 101.0,
              "side": "SELL", "symbol": "BTCUSDT", "role": "target", "client_order_id": "c2", "order_id": "S2",
              "run_id": "r"}  # fmt: skip
    fast, slow = Journal(tmp_path / "fast.sqlite"), Journal(tmp_path / "slow.sqlite")
    with fast.engine.begin() as conn:
        _insert_many(conn, s.fills, [first, second])
    with slow.engine.begin() as conn:
        conn.execute(insert(s.fills), [first, second])
    query = select(s.fills).order_by(s.fills.c.id)
    with fast.engine.connect() as a, slow.engine.connect() as b:
        got, want = a.execute(query).all(), b.execute(query).all()
    assert len(got) == 2
    assert got == want
    assert (got[0].is_maker, got[1].is_maker, got[1].role, got[1].price) == (False, True, "target", 101.0)
