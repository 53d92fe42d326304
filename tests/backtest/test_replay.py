"""`aitrader replay`: a recorded paper session (real candles, the production loop) replays through
the backtest kernel with no difference; a difference planted in the record is found and explained,
or reported as unexplained (exit code 1)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from paper_recording import WINDOW, record_paper_session
from sqlalchemy import update
from typer.testing import CliRunner

from aitrader.backtest.replay import ReplayError, load_session, replay_session
from aitrader.backtest.replay_diff import compare
from aitrader.cli.app import app
from aitrader.execution import journal_schema as s
from aitrader.execution.journal_reader import JournalReader
from aitrader.live.runner import LiveRunner
from mechanics_costs import RISK_COSTS_OFF, STRATEGY_COSTS_OFF

START, BARS = 25_600, 900  # an active stretch of the real BTCUSDT 1m sample


async def _paper_session(journal: Path) -> LiveRunner:
    return await record_paper_session(
        journal,
        START,
        BARS,
        slippage_bps=20.0,  # not the default: the replay must size with the session's own
        # cost rules off, as on a local exchange's replay: the replay's mechanics are under test and
        # on 1m they would leave no trade; the replay must take them from the session too
        strategy_params=dict(STRATEGY_COSTS_OFF),
        risk_limits=dict(RISK_COSTS_OFF),
    )


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "journal.sqlite"
    asyncio.run(_paper_session(path))
    return path


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


def test_a_paper_session_replays_with_no_difference(recorded: Path) -> None:
    session = load_session(JournalReader(recorded))
    assert len(session.live) == BARS
    assert all(session.decided)
    assert len(session.warm) == WINDOW
    diff = compare(session, replay_session(session))
    assert diff.decisions >= 5
    assert diff.fills >= 8
    assert diff.differences == []
    assert (diff.decisions_same, diff.fills_same) == (diff.decisions, diff.fills)


def test_the_cli_prints_the_summary_and_exits_0(recorded: Path) -> None:
    out = CliRunner().invoke(app, ["replay", "--journal", str(recorded)])
    assert out.exit_code == 0, out.output
    assert "no difference" in out.output
    listing = CliRunner().invoke(app, ["replay", "--journal", str(recorded), "--list"])
    run_id = JournalReader(recorded).latest_run("paper")
    assert run_id is not None
    assert run_id["run_id"] in listing.output


def test_a_market_fill_at_another_price_is_explained(recorded: Path, tmp_path: Path) -> None:
    path = _copy(recorded, tmp_path / "j.sqlite")
    reader = JournalReader(path)
    entry = min((f for f in reader.fills(reader.latest_run()["run_id"], 1000) if f["role"] == "entry"),  # type: ignore[index]
                key=lambda f: f["time_ms"])  # fmt: skip
    with reader.engine.begin() as c:
        c.execute(update(s.fills).where(s.fills.c.id == entry["id"]).values(price=entry["price"] + 7.5))
    diff = compare(session := load_session(JournalReader(path)), replay_session(session))
    assert len(diff.differences) == 1
    (d,) = diff.differences
    assert d.explained
    assert "the price moved" in d.reason
    assert diff.unexplained == []


def test_a_decision_the_replay_does_not_make_is_unexplained_and_exits_1(
    recorded: Path, tmp_path: Path
) -> None:
    path = _copy(recorded, tmp_path / "j.sqlite")
    with JournalReader(path).engine.begin() as c:
        first = (
            c.execute(s.verdicts.select().where(s.verdicts.c.approved.is_(True)).limit(1)).mappings().one()
        )
        c.execute(
            update(s.verdicts)
            .where(
                (s.verdicts.c.run_id == first["run_id"]) & (s.verdicts.c.proposal_id == first["proposal_id"])
            )
            .values(approved=False, code="insufficient_balance")
        )
    diff = compare(session := load_session(JournalReader(path)), replay_session(session))
    assert [d.explained for d in diff.differences] == [False]
    assert "rejected insufficient_balance" in diff.differences[0].session
    out = CliRunner().invoke(app, ["replay", "--journal", str(path)])
    assert out.exit_code == 1
    assert "1 unexplained" in out.output


def test_runs_that_cannot_be_replayed_say_why(recorded: Path, tmp_path: Path) -> None:
    with pytest.raises(ReplayError, match="no run 'nope'"):
        load_session(JournalReader(recorded), "nope")
    empty = tmp_path / "empty.sqlite"
    JournalReader(empty)  # creates the tables
    out = CliRunner().invoke(app, ["replay", "--journal", str(empty)])
    assert out.exit_code == 1
    assert out.output.strip().startswith("error: the journal holds no live or paper run")
