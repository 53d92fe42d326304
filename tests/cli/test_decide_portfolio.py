"""`aitrader decide --symbols`: each symbol's proposal on a bar of the shipped BTC/ETH/SOL samples
and the gate's verdict against the portfolio's account there — the same refusals, with the same
sentences, as a journaled portfolio backtest over the same data (tests/portfolio_rejections.py)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.domain.timeframe import format_ms
from aitrader.execution.journal_reader import JournalReader
from portfolio_rejections import RUN_ID, TIGHT, journaled_run

runner = CliRunner()
THREE = "BTCUSDT,ETHUSDT,SOLUSDT"
MINUTE = 60_000


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> JournalReader:
    path = tmp_path_factory.mktemp("decide") / "runs.sqlite"
    journaled_run(path)
    return JournalReader(path)


@pytest.fixture
def tight_config(tmp_path: Path) -> Path:
    cfg = tmp_path / "aitrader.toml"
    cfg.write_text("[risk]\n" + "".join(f"{k} = {v}\n" for k, v in TIGHT.items()))
    return cfg


def _decide(config: Path, *args: str) -> str:
    result = runner.invoke(
        app,
        ["decide", "--symbols", THREE, "--timeframe", "1m", "--config", str(config), *args],
        env={"COLUMNS": "250"},
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_a_correlated_exposure_refusal_with_its_account_and_correlations(
    journal: JournalReader, tight_config: Path
) -> None:
    rows = journal.rejections(RUN_ID, limit=10_000, code="correlated_exposure")
    row: dict[str, Any] = rows[len(rows) // 2]
    bar = format_ms(int(row["time_ms"]) - MINUTE)
    out = _decide(tight_config, "--at", bar)
    assert f"bar {bar} UTC" in out
    assert "max_correlation" not in out  # the limits are said in words
    assert "correlate above 0.50" in out
    assert "at most 30% of equity together" in out
    # the refusal, word for word as the backtest journaled it
    assert f"{row['symbol']} entry refused: [correlated_exposure] {row['message']}" in out
    line = next(ln for ln in out.splitlines() if ln.startswith(f"│ {row['symbol']} ") and "REJECTED" in ln)
    assert "ENTER LONG" in line, out
    assert "correlated_exposure" in line
    # the correlation the sentence names is one the gate used, with the same value
    other, value = re.search(r"correlated exposure with (\w+) at ([\d.]+)", row["message"]).groups()  # type: ignore[union-attr]
    assert re.search(rf"correlations: .*{other} \+{value}\b", out)
    # the other symbol is held: it is in the open positions, with its share of equity
    assert "Open positions" in out
    held = [ln for ln in out.splitlines() if ln.startswith(f"│ {other} ") and "long" in ln]
    assert held
    assert re.search(r"\d+\.\d%", held[0])
    assert re.search(r"total exposure\s+│ [\d,.]+ = \d+\.\d% of equity \(max 100%\)", out)


def test_a_bar_without_proposals_shows_the_latest_rejection_before_it(
    journal: JournalReader, tight_config: Path
) -> None:
    everything = journal.rejections(RUN_ID, limit=100_000)
    times = sorted({int(r["time_ms"]) for r in journal.proposals(RUN_ID, limit=100_000)})
    # three minutes after a decision that no other followed within five, past the first 3000 bars
    quiet_close = next(
        t + 3 * MINUTE
        for t, after in pairwise(times)
        if after - t > 5 * MINUTE and t > times[0] + 3_000 * MINUTE
    )
    out = _decide(tight_config, "--at", format_ms(quiet_close - MINUTE))
    assert "No strategy proposed anything on this bar." in out
    before = [r for r in everything if r["time_ms"] < quiet_close]
    newest = max(r["time_ms"] for r in before)
    expected = [r for r in before if r["time_ms"] == newest]
    shown = format_ms(newest - MINUTE)
    assert (
        f"Most recent bar with a rejection: {shown} UTC ({(quiet_close - newest) // MINUTE} bars earlier)"
        in out
    )
    for r in expected:
        assert f"{r['symbol']} entry refused: [{r['code']}] {r['message']}" in out


def test_the_one_symbol_decide_is_unchanged_and_bad_lists_fail_in_one_line() -> None:
    one = runner.invoke(
        app, ["decide", "--symbol", "BTCUSDT", "--at", "2023-04-02 10:00"], env={"COLUMNS": "200"}
    )
    assert one.exit_code == 0, one.output
    assert "Decisions at" not in one.output
    assert "on BTCUSDT 4h" in one.output  # the default timeframe
    for args, said in (
        (["--symbol", "BTCUSDT", "--symbols", THREE], "--symbols"),
        (["--symbols", THREE, "--data", "x.csv"], "--data holds one symbol"),
        # before every series: on the default 4h the BTC and ETH 1h samples reach back to 2017
        (["--symbols", THREE, "--at", "2016-01-01"], "outside the data"),
        (["--symbols", "BTCUSDT,,btcusdt"], "listed twice"),
    ):
        bad = runner.invoke(app, ["decide", *args], env={"COLUMNS": "200"})
        assert bad.exit_code != 0, args
        assert said in bad.output, bad.output
