"""`aitrader backtest --symbols` with aitrader.toml's [universe] table: the table alone restricts
entries to the universe; `--universe` replaces its ranking while its blacklist still applies. Real
1m candles of the shipped samples."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app

runner = CliRunner()
ARGS = ["backtest", "--symbols", "BTCUSDT,ETHUSDT,SOLUSDT", "--timeframe", "1m", "--from", "2023-04-01"]
ARGS += ["--to", "2023-04-05", "--no-journal"]


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean working folder, with no AITRADER_*/BINANCE_* variables from the environment."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def outside(extra: list[str]) -> dict[str, int]:
    """symbol -> entries refused as outside the universe, from the run's JSON report."""
    result = runner.invoke(app, [*ARGS, *extra, "--json", "r.json"], terminal_width=200)
    assert result.exit_code == 0, result.output
    rejections: list[dict[str, Any]] = json.loads(Path("r.json").read_text())["rejections"]
    return {r["symbol"]: r["count"] for r in rejections if r["code"] == "not_in_universe"}


def test_the_table_alone_restricts_entries_to_its_universe(folder: Path) -> None:
    (folder / "aitrader.toml").write_text('[universe]\nmode = "volatility"\ntop = 1\n')
    result = runner.invoke(app, ARGS, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "not_in_universe" in result.output  # the rejections table
    refused = outside([])
    assert set(refused) == {"BTCUSDT", "ETHUSDT", "SOLUSDT"}  # the most volatile one changes over the days
    # the same run as --universe top:1:volatility without the table
    (folder / "aitrader.toml").unlink()
    assert outside(["--universe", "top:1:volatility"]) == refused
    assert outside([]) == {}  # neither: every symbol may enter


def test_universe_replaces_the_ranking_and_the_tables_blacklist_still_applies(folder: Path) -> None:
    assert set(outside(["--universe", "top:2:volume"])) == {"SOLUSDT"}  # BTC and ETH trade the most
    (folder / "aitrader.toml").write_text('[universe]\nmode = "volatility"\ntop = 1\nblacklist = ["BTC*"]\n')
    assert set(outside(["--universe", "top:2:volume"])) == {"BTCUSDT"}


def test_a_bad_spec_or_table_is_one_line(folder: Path) -> None:
    result = runner.invoke(app, [*ARGS, "--universe", "top:0"])
    assert result.exit_code == 1
    # the spec is read once the candles are loaded: the last line says what is wrong
    assert result.output.strip().splitlines()[-1] == (
        "error: --universe 'top:0': top = 0: use a count from 1 to 1000"
    )
    assert "Traceback" not in result.output
    (folder / "aitrader.toml").write_text('[universe]\nblacklist = ["BTC*"]\nmin_quote_volume = -1\n')
    result = runner.invoke(app, [*ARGS, "--universe", "top:2:volume"])
    assert result.exit_code == 1
    assert result.output.strip() == (  # the file is checked before anything runs
        "error: aitrader.toml: [universe]: min_quote_volume = -1: use a quote amount >= 0, e.g. 1000000"
    )
