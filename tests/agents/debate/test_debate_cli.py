"""`aitrader debate`: every analyst's report, the debate round by round and the verdict, offline on
the shipped sample; the record as JSON; errors in one line with a non-zero exit."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from debate_kit import BEARISH_BAR, BULLISH_BAR
from typer.testing import CliRunner

from aitrader.agents.analysts.panel import DEFAULT_PANEL
from aitrader.agents.debate import DebateRecord
from aitrader.cli.app import app

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean folder (no aitrader.toml, an empty store) with no AITRADER_* from the environment."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def closed(bar_open: str) -> str:
    """The time bar `bar_open` (1h) has closed by: what `--at` asks for."""
    t = datetime.strptime(bar_open, "%Y-%m-%d %H:%M") + timedelta(hours=1)
    return t.strftime("%Y-%m-%d %H:%M")


def _run(*args: str) -> str:
    result = runner.invoke(app, ["debate", "--symbol", "BTCUSDT", "--timeframe", "1h", *args], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_it_shows_the_reports_the_rounds_and_an_entry(folder: Path) -> None:
    out = _run("--at", closed(BULLISH_BAR), "--json", "debate.json")
    assert "debate on BTCUSDT 1h: bar 2024-03-04 08:00 UTC" in out
    for name in DEFAULT_PANEL:
        assert name in out
        assert f"{name}: evidence" in out
    assert "rsi_14" in out
    assert "RSI overbought" in out
    assert "opening" in out
    assert "Bull case for buying" in out
    assert "Bear" in out
    assert "verdict" in out
    assert "arbiter" in out
    assert "What the RiskGate would be asked" in out
    assert "ENTER LONG" in out
    assert "context: ETHBTC 1h, ETHUSDT 1h, SPY 1d" in out
    assert "missing:" in out
    record = DebateRecord.from_json((folder / "debate.json").read_bytes())
    assert record.verdict.action == "enter"
    assert f"snapshot {record.snapshot_id}" in out
    assert [t.round for t in record.rounds] == [0, 0, 1, 1, 2, 2, 3]


def test_a_bearish_bar_shows_why_there_is_no_trade() -> None:
    out = _run("--at", closed(BEARISH_BAR), "--rounds", "1")
    assert "Verdict: no proposal." in out
    assert "below the entry threshold" in out
    assert "1 rebuttal round(s)" in out


def test_the_json_record_is_deterministic(folder: Path) -> None:
    _run("--at", closed(BULLISH_BAR), "--json", "a.json")
    _run("--at", closed(BULLISH_BAR), "--json", "b.json")
    assert (folder / "a.json").read_bytes() == (folder / "b.json").read_bytes()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--at", "2031-01-01"], "--at 2031-01-01 is outside the data"),
        (["--at", "2017-08-20"], "pick a later --at"),
        (["--param", "threshold=2"], "invalid parameters for debate: threshold: Input should be"),
        (["--param", "analysts=technical,astrology"], "unknown: astrology"),
    ],
)
def test_errors_are_one_line_with_a_non_zero_exit(args: list[str], says: str) -> None:
    result = runner.invoke(app, ["debate", "--symbol", "BTCUSDT", "--timeframe", "1h", *args], env=WIDE)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error:")
    assert says in lines[0]
