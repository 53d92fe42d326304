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
