"""`open_database`: a path or `sqlite:///` URL is SQLite with the journal's pragmas; a URL it cannot
open is one line that names it, password masked, and says what to do (no server needed here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.execution.journal import Journal
from aitrader.execution.journal_reader import JournalReader
from aitrader.storage.database import DatabaseOpenError, describe, open_database, sqlite_file

REFUSED = "postgresql://bot:hunter2@127.0.0.1:1/aitrader"  # port 1: nothing listens there


def _pragma(engine_target: str | Path, name: str, **kw: bool) -> object:
    engine = open_database(engine_target, **kw)
    try:
        with engine.connect() as c:
            return c.execute(text(f"PRAGMA {name}")).scalar()
    finally:
        engine.dispose()


def test_a_path_is_a_sqlite_file_in_wal_mode_full_sync_only_when_durable(tmp_path: Path) -> None:
    db = tmp_path / "new" / "folder" / "journal.sqlite"
    assert _pragma(db, "journal_mode") == "wal"
    assert db.exists()  # the folder was created
    assert _pragma(db, "synchronous") == 1  # NORMAL: the kernel journal
    assert _pragma(db, "synchronous", durable=True) == 2  # FULL: the live journal
    assert _pragma(str(db), "busy_timeout", durable=True) == 5000


def test_a_sqlite_url_is_the_same_file_as_its_path(tmp_path: Path) -> None:
    db = tmp_path / "runs.sqlite"
    journal = Journal(f"sqlite:///{db}", batch=1)
    journal.start_run("r1", "backtest", "confluence", "BTCUSDT", "1m", 1_000.0)
    journal.close()
    run = JournalReader(db).latest_run()
    assert run is not None
    assert run["run_id"] == "r1"
    assert sqlite_file(f"sqlite:///{db}") == db
    assert sqlite_file(db) == db
    assert sqlite_file(None) is None
    assert sqlite_file(REFUSED) is None


def test_read_only_sqlite_cannot_write(tmp_path: Path) -> None:
    db = tmp_path / "j.sqlite"
    Journal(db).close()
    engine = open_database(db, read_only=True)
    with engine.connect() as c, pytest.raises(OperationalError, match="readonly"):
        c.execute(text("DELETE FROM runs"))
    engine.dispose()


def test_memory_is_sqlite_in_memory() -> None:
    for target in (None, ":memory:"):
        journal = Journal(target, batch=1)
        journal.record_event("r", 1, "tick", {})
        assert JournalReader(engine=journal.engine).events("r")[0]["kind"] == "tick"


def test_a_server_that_does_not_answer_is_one_line_with_the_password_masked() -> None:
    with pytest.raises(DatabaseOpenError) as err:
        open_database(REFUSED)
    message = str(err.value)
    assert "\n" not in message
    assert "hunter2" not in message
    assert "postgresql://bot:***@127.0.0.1:1/aitrader" in message
    assert "cannot open the journal database" in message
    # with psycopg installed the server's refusal is explained; without it, how to install the driver
    assert "server is running" in message or "uv sync --extra postgres" in message


def test_a_missing_driver_says_how_to_install_it() -> None:
    with pytest.raises(
        DatabaseOpenError, match=r"driver is not installed \(pg8000\); install the PostgreSQL"
    ):
        open_database("postgresql+pg8000://bot:hunter2@127.0.0.1:1/aitrader")


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("nodb://bot:hunter2@somewhere/x", "is not a database URL aitrader can open"),
        ("mysql://bot:hunter2@somewhere/x", "is not a database URL aitrader can open (mysql)"),
        ("postgresql://bot:hunter2@somewhere:port/x", "is not a database URL aitrader can open"),
        ("postgresql+nosuch://bot:hunter2@somewhere/x", "is not a database URL aitrader can open"),
    ],
)
def test_urls_it_cannot_open_name_what_it_can(target: str, says: str) -> None:
    with pytest.raises(DatabaseOpenError) as err:
        open_database(target)
    message = str(err.value)
    assert says in message
    assert "postgresql://USER:PASSWORD@HOST:PORT/DATABASE" in message
    assert "hunter2" not in message
    assert "bot:***@somewhere" in message


def test_describe_masks_only_the_password() -> None:
    assert describe(REFUSED) == "postgresql://bot:***@127.0.0.1:1/aitrader"
    assert describe(Path("var/journal.sqlite")) == "var/journal.sqlite"
    assert describe(None) == ":memory:"


@pytest.mark.usefixtures("clean_env")
@pytest.mark.parametrize(
    "command",
    [
        ["trade", "--forget-plan", "P1", "--journal", REFUSED],
        ["trade", "--paper", "--no-view", "--journal", REFUSED],
        ["backtest", "--to", "2023-03-17", "--journal", REFUSED],
    ],
)
def test_the_cli_reports_an_unreachable_journal_in_one_line_and_exits_1(command: list[str]) -> None:
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: cannot open the journal database postgresql://bot:***@127.0.0.1:1/")
    assert "hunter2" not in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No ambient AITRADER_* settings and no `.env`: the CLI sees only what the test passes."""
    import os

    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path
