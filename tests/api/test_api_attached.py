"""`aitrader serve`'s source: a journal read from beside the run. On a finished run's journal the
REST answers match the run; following a running run's journal, the same candles, decisions,
orders and fills arrive as events as the in-process hub published them."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from api_helpers import Run, client_for, demo_run, events_of, step, until

from aitrader.api.app import create_app
from aitrader.api.sources.attached import AttachedSource
from aitrader.api.sources.locate import LocateError, locate
from aitrader.config import load_settings
from aitrader.live.session_file import published_run


async def _trade_until_protected(run: Run) -> None:
    await step(run, 8)
    await until(lambda: any(p["protected"] for p in run.source.positions()), "a protected position")
    await step(run, 2)


def test_a_finished_runs_journal_answers_as_the_run_did(tmp_path: Path) -> None:
    async def main() -> dict[str, Any]:
        async with demo_run(tmp_path) as run:
            await _trade_until_protected(run)
            run_id = run.source.run_id()
            live_decisions = (await run.client.get("/api/decisions")).json()
        source = AttachedSource(tmp_path / "journal.sqlite")
        await source.start()
        try:
            async with client_for(create_app(source)) as c:
                paths = ("status", "positions", "decisions", "orders?status=all", "plans", "candles?limit=5",
                         "equity?limit=5", "trades", "rejections", "balances")  # fmt: skip
                got = {p: (await c.get(f"/api/{p}")).json() for p in paths}
                got["chat"] = (await c.post("/api/chat", json={"question": "why did you buy?"})).json()
                got["control"] = (await c.post("/api/control/pause")).status_code
        finally:
            await source.stop()
        got["events"] = [(e.kind, dict(e.data)) for e in events_of(source.hub)]
        return {"run_id": run_id, "live_decisions": live_decisions, **got}

    got = asyncio.run(main())
    status = got["status"]
    assert status["run_id"] == got["run_id"]
    assert status["source"] == "attached"
    assert status["connected"] is False  # the run is over
    assert status["symbols"] == ["BTCUSDT"]
    (position,) = got["positions"]
    assert position["side"] == "long"
    assert position["protected"] is True  # its OCO legs were last seen live on the exchange
    assert got["decisions"] == got["live_decisions"]
    assert {o["role"] for o in got["orders?status=all"]} >= {"entry", "stop", "target"}
    assert len(got["plans"]) == 1
    assert len(got["candles?limit=5"]) == 5
    assert len(got["equity?limit=5"]) == 5
    assert got["balances"] == []  # no keys for that venue: nothing is guessed
    assert "BUY" in got["chat"]["answer"]  # the journal answers without the venue
    assert got["control"] == 403
    kinds = [k for k, _ in got["events"]]
    assert kinds[0] == "run"
    assert got["events"][0][1]["status"] == "finished"
    assert "position" in kinds
    assert "equity" in kinds


def test_following_a_running_journal_publishes_what_the_run_does(tmp_path: Path) -> None:
    async def main() -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
        async with demo_run(tmp_path) as run:
            await step(run, 1)
            source = AttachedSource(tmp_path / "journal.sqlite", poll_s=0.05)
            await source.start()
            mark = run.source.hub.last_seq
            try:
                await _trade_until_protected(run)
                newest = run.runner.seen_closed[-1]
                await until(
                    lambda: any(e.data.get("open_time") == newest for e in events_of(source.hub, "candle")),
                    "the attached source to see the newest candle",
                )
                await until(
                    lambda: any(e.data.get("protected") for e in events_of(source.hub, "position")),
                    "the attached source to see the position protected",
                )
            finally:
                await source.stop()
            inside = [(e.kind, dict(e.data)) for e in run.source.hub.after(mark) or []]
            beside = [(e.kind, dict(e.data)) for e in events_of(source.hub)]
            return inside, beside

    inside, beside = asyncio.run(main())

    def candles(events: list[tuple[str, dict[str, Any]]]) -> list[int]:
        return [d["open_time"] for k, d in events if k == "candle"]

    assert candles(beside) == candles(inside)
    assert next(k for k, _ in beside) == "run"

    def decisions(events: list[tuple[str, dict[str, Any]]]) -> list[tuple[Any, ...]]:
        return [(d["bar_time_ms"], d["proposal"]["kind"], d["verdict"]["approved"], d["verdict"]["code"])
                for k, d in events if k == "decision"]  # fmt: skip

    assert decisions(beside) == decisions(inside)
    assert all(d["latency_ms"] is not None for k, d in beside if k == "decision")
    roles = [d["role"] for k, d in beside if k == "fill"]
    assert roles == [d["role"] for k, d in inside if k == "fill"] == ["entry"]
    sent = sorted(d["client_order_id"] for k, d in beside if k == "order" and d["status"] == "NEW")
    assert sent == sorted(d["client_order_id"] for k, d in inside if k == "order" and d["status"] == "NEW")


def test_serve_finds_the_newest_running_session_or_says_what_to_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AITRADER_JOURNAL", raising=False)
    settings = load_settings()
    with pytest.raises(LocateError) as nothing:
        locate(None, settings)
    assert "aitrader demo" in str(nothing.value)
    with pytest.raises(LocateError):
        locate(str(tmp_path / "missing.sqlite"), settings)
    from aitrader.live.config import RunConfig

    journal = tmp_path / "run" / "journal.sqlite"
    journal.parent.mkdir()
    journal.write_bytes(b"")
    with published_run(RunConfig(journal_path=journal, rest_url="http://127.0.0.1:1"), "paper"):
        found = locate(None, settings)
    assert found.session is not None
    assert Path(found.journal) == journal.resolve()
    assert "running paper" in found.line
