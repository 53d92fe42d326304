"""The kernel's journal on a real PostgreSQL server: a real backtest journaled there reads back row
for row what the same backtest journals in SQLite, and the chat reads it the same way."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from aitrader.agents.chat.bot_journal import BotJournal
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.cli.app import app
from aitrader.data import load_sample
from aitrader.execution import journal_schema as s
from aitrader.execution.journal import Journal
from aitrader.execution.journal_reader import JournalReader
from aitrader.storage.database import DatabaseOpenError, open_database
from aitrader.strategies import get_strategy

RUN = "bt-postgres-parity"
WALL_CLOCK = {"started_ms", "finished_ms"}  # when the run was made, not what it decided


@dataclass(frozen=True)
class Journaled:
    sqlite: Path
    postgres: str
    trades: int


def _journal_backtest(target: str | Path) -> int:
    candles = load_sample("BTCUSDT", "1m").slice(0, 8_000)
    journal = Journal(target, batch=500)
    result = run_backtest(get_strategy("confluence"), candles, BacktestConfig(), journal=journal, run_id=RUN)
    journal.close()
    return len(result.trades)


@pytest.fixture(scope="module")
def journaled(postgres: Any, tmp_path_factory: pytest.TempPathFactory) -> Journaled:
    import psycopg

    with psycopg.connect(postgres.url(), autocommit=True) as c:
        c.execute("CREATE DATABASE kernel_parity")
    url = postgres.url("kernel_parity")
    db = tmp_path_factory.mktemp("kernel") / "journal.sqlite"
    trades = _journal_backtest(db)
    assert _journal_backtest(url) == trades > 0
    return Journaled(db, url, trades)


def _table(target: str | Path, table: Any) -> list[dict[str, Any]]:
    engine = open_database(target, read_only=True)
    try:
        with engine.connect() as c:
            rows = c.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            return [{k: v for k, v in r.items() if k not in WALL_CLOCK} for r in rows]
    finally:
        engine.dispose()


def test_every_table_reads_back_the_same_on_postgres_as_on_sqlite(journaled: Journaled) -> None:
    for table in s.metadata.sorted_tables:
        want = _table(journaled.sqlite, table)
        got = _table(journaled.postgres, table)
        assert got == want, table.name
    assert len(_table(journaled.postgres, s.trades)) == journaled.trades
    assert len(_table(journaled.postgres, s.fills)) >= 2 * journaled.trades


def test_the_reader_answers_the_same_questions_the_same_way(journaled: Journaled) -> None:
    lite, pg = JournalReader(journaled.sqlite), JournalReader(journaled.postgres)
    run = pg.latest_run("backtest")
    assert run is not None
    assert run["run_id"] == RUN
    assert run["status"] == "finished"
    assert run["finished_ms"] >= run["started_ms"] > 2**31  # wall-clock ms, far past INTEGER's range
    want = lite.trades(RUN, limit=10_000)
    assert pg.trades(RUN, limit=10_000) == want
    assert pg.explain_trade(want[0]["id"]) == lite.explain_trade(want[0]["id"])

    def by_id(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: r["order_id"])

    assert by_id(pg.orders(RUN, limit=10_000)) == by_id(lite.orders(RUN, limit=10_000))
    assert pg.fills(RUN, limit=10_000) == lite.fills(RUN, limit=10_000)
    assert pg.rejections(RUN) == lite.rejections(RUN)


def test_epoch_ms_columns_are_bigint_on_postgres(journaled: Journaled) -> None:
    engine = open_database(journaled.postgres, read_only=True)
    columns = {c["name"]: str(c["type"]) for c in inspect(engine).get_columns("trades")}
    engine.dispose()
    assert columns["entry_time"] == columns["exit_time"] == columns["id"] == "BIGINT"
    assert columns["entry_bar"] == "INTEGER"


def test_the_chat_reads_a_postgres_journal_as_it_reads_the_file(journaled: Journaled) -> None:
    lite, pg = BotJournal(journaled.sqlite), BotJournal(journaled.postgres)
    assert pg.kernel is not None
    assert "live_plans" in pg.tables  # one schema: every journal has every table
    assert not any(t.startswith("live_") for t in pg.written)  # no live run wrote here
    decisions = pg.decisions(20)
    assert decisions == lite.decisions(20)
    assert len(decisions) == 20
    assert any(d.verdict == "approved" and d.order_ids for d in decisions) or any(
        d.verdict.startswith("rejected") for d in decisions
    )
    status = pg.status()
    assert status.run_id == RUN
    assert status.run_status == "finished"
    assert status.finished_ms is not None
    assert status.model_copy(update={"finished_ms": None}) == lite.status().model_copy(
        update={"finished_ms": None}
    )
    order = lite.decision_for_order(_table(journaled.sqlite, s.orders)[-1]["order_id"])
    assert pg.decision_for_order(_table(journaled.postgres, s.orders)[-1]["order_id"]) == order


def test_a_read_only_connection_cannot_write(journaled: Journaled) -> None:
    engine = open_database(journaled.postgres, read_only=True)
    with engine.connect() as c, pytest.raises(DBAPIError, match="read-only transaction"):
        c.execute(text("DELETE FROM runs"))
    engine.dispose()


def test_epoch_ms_beyond_32_bits_survive(pg_url: str) -> None:
    far = 4_102_444_800_000  # 2100-01-01, about 2**41.9
    journal = Journal(pg_url, batch=1)
    journal.start_run("r", "paper", "confluence", "BTCUSDT", "1m", 1_000.0)
    journal.record_event("r", far, "heartbeat", {"candle": far})
    journal.close()
    events = JournalReader(pg_url).events("r")
    assert [(e["time_ms"], e["payload"]) for e in events] == [(far, {"candle": far})]


def test_a_wrong_password_is_one_line_without_the_password(postgres: Any) -> None:
    with pytest.raises(DatabaseOpenError) as err:
        open_database(postgres.url(password="not-the-password"))
    message = str(err.value)
    assert "\n" not in message
    assert "not-the-password" not in message
    assert f"postgresql://aitrader:***@127.0.0.1:{postgres.port}/postgres" in message
    assert "password authentication failed" in message


def test_the_backtest_command_journals_into_postgres(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITRADER_BACKTEST_JOURNAL", pg_url)  # the setting, not --journal
    args = ["backtest", "--strategy", "confluence", "--from", "2023-04-01", "--to", "2023-04-02"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "journal postgresql://aitrader:***@127.0.0.1" in " ".join(result.output.split())
    run = JournalReader(pg_url).latest_run()
    assert run is not None
    assert run["status"] == "finished"
