"""Shared pieces of the agent strategies' CLI tests: a clean environment (no AITRADER_*/BINANCE_*
from outside, the LLM files in a tmp folder), the CLI invoked wide, the journal's deliberations read
back as real `DebateRecord`s, and `aitrader trade` run against a stepped local exchange replaying
the real BTCUSDT 1h sample (so the debate's ~817-bar warm-up comes from the exchange's REST
history, as a live start loads it)."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from aitrader.agents.debate.record import DebateRecord
from aitrader.cli.app import app
from aitrader.data.sample import sample_path
from aitrader.domain.timeframe import parse_time
from aitrader.execution.journal_reader import JournalReader
from aitrader.venues.local import ExchangeThread, LocalExchangeConfig, run_local_exchange

WIDE = {"COLUMNS": "250"}
runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder: no AITRADER_*/BINANCE_* from outside, the telemetry (and so the
    agents' LLM files: answers, traces, budget) in it."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AITRADER_TELEMETRY", str(tmp_path / "telemetry.jsonl"))
    return tmp_path


def invoke(args: list[str], env: Mapping[str, str | None] | None = None) -> Result:
    return runner.invoke(app, args, env={**WIDE, **(env or {})})


def ok(args: list[str], env: Mapping[str, str | None] | None = None) -> str:
    result = invoke(args, env)
    assert result.exit_code == 0, result.output
    return result.output


def one_line_error(result: Result) -> str:
    """The command failed with one line (no traceback); that line."""
    assert result.exit_code != 0, result.output
    text = result.output.strip()
    assert text.startswith("error: "), text
    assert "\n" not in text, text
    return text


def deliberations(journal: Path, run_id: str | None = None) -> list[dict[str, Any]]:
    """The run's journaled deliberations (payloads), oldest first."""
    rows = JournalReader(journal).events(run_id=run_id, kind="deliberation", limit=100_000)
    return [r["payload"] for r in sorted(rows, key=lambda r: r["id"])]


def debate_record(payload: Mapping[str, Any]) -> DebateRecord:
    """A journaled deliberation's record, parsed back into the debate's own type (raises if it is not one)."""
    return DebateRecord.from_json(json.dumps(payload["record"]))


def proposals(journal: Path, run_id: str) -> list[dict[str, Any]]:
    return JournalReader(journal).proposals(run_id, limit=100_000)


def run_id_of(journal: Path, mode: str) -> str:
    run = JournalReader(journal).latest_run(mode)
    assert run is not None
    return str(run["run_id"])


# 2022-01-12 12:00 UTC: the offline debate enters a long on this BTCUSDT 1h bar (conviction ~+0.5
# against the 0.35 threshold), in a backtest and on a live start alike; the next hours are held
TRADE_START = "2022-01-12 12:00"


def hour_exchange(start: str = TRADE_START) -> LocalExchangeConfig:
    """The local exchange replaying the real BTCUSDT 1h sample from `start`, stepped by the test."""
    return LocalExchangeConfig(
        timeframe="1h", files={"BTCUSDT": sample_path("BTCUSDT", "1h")}, start_ms=parse_time(start), speed=0.0
    )


def trade_on(ex: ExchangeThread, args: list[str], env: Mapping[str, str | None]) -> Result:
    """`aitrader trade ARGS` (which stops by itself: --max-candles) against `ex`, replayed one candle
    at a time once the run's market stream is up (after its warm-up); each candle is the last to
    close when the run reads it, so the first is always decided."""
    box: list[Result] = []
    worker = threading.Thread(target=lambda: box.append(invoke(args, env)), daemon=True)
    worker.start()
    end = time.monotonic() + 120
    while worker.is_alive() and ex.call(lambda: ex.exchange.status())["stream_connections"] < 1:
        assert time.monotonic() < end, "the run never connected its streams"
        time.sleep(0.05)
    while worker.is_alive() and time.monotonic() < end:
        ex.step(candles=1)
        worker.join(1.0)  # a candle's decision takes well under that; a late one is still decided
    worker.join(30)
    assert box, "the trade run did not end"
    return box[0]


@pytest.fixture
def hour_ex() -> Iterator[ExchangeThread]:
    with run_local_exchange(hour_exchange()) as ex:
        yield ex
