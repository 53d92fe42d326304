"""One aitrader.toml for backtest, decide, trade and optimize: what was backtested is what trades
(on paper here, on the local exchange's real replayed candles), options and the environment win
over the file, a bad file is one line, and a backtest journals only when asked."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.execution.journal_reader import JournalReader
from aitrader.venues.local import ExchangeThread, LocalExchangeConfig, run_local_exchange

runner = CliRunner()
WIDE = {"COLUMNS": "250"}
SETTINGS = """\
# what was backtested
strategy = "sma_cross"
timeframe = "15m"
equity = 2500
risk = 0.02
fee = 0.00075
slippage = 2

[strategies.sma_cross]
fast = 5
slow = 20
"""


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean folder holding the aitrader.toml, with no AITRADER_*/BINANCE_* from the environment."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "aitrader.toml").write_text(SETTINGS)
    return tmp_path


def _ok(args: list[str]) -> str:
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_backtest_takes_the_file_and_options_win(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _ok(["backtest", "--to", "2023-03-25", "--param", "slow=30", "--json", "bt.json"])
    assert "sma_cross BTCUSDT 15m" in out
    assert "fee 0.00075, slippage 2 bps, risk 0.02, equity 2,500" in out
    doc = json.loads((folder / "bt.json").read_text())
    assert doc["timeframe"] == "15m"
    assert doc["initial_equity"] == 2500
    assert doc["params"]["strategy_params"]["fast"] == 5  # the file's table
    assert doc["params"]["strategy_params"]["slow"] == 30  # --param wins over it
    assert (doc["params"]["fee"], doc["params"]["slippage_bps"]) == (0.00075, 2.0)
    monkeypatch.setenv("AITRADER_SLIPPAGE_BPS", "1")  # the environment wins over the file …
    assert "slippage 1 bps" in _ok(["backtest", "--to", "2023-03-25"])
    assert "slippage 0 bps" in _ok(
        ["backtest", "--to", "2023-03-25", "--slippage", "0"]
    )  # … an option over both


def test_backtest_json_dash_is_the_report_alone_on_stdout() -> None:
    result = runner.invoke(app, ["backtest", "--to", "2023-03-20", "--json", "-"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["strategy"] == "sma_cross"
    assert "bars/s" in result.stderr


def test_decide_takes_the_same_file() -> None:
    out = _ok(["decide", "--at", "2023-04-20 12:00"])
    assert "sma_cross on BTCUSDT 15m" in out
    assert "equity 2,500.00 USDT, risk 2.00% per trade, fee 0.00075, slippage 2 bps" in out
    assert "sma_cross on BTCUSDT 1h" in _ok(["decide", "--interval", "1h"])


@pytest.fixture
def exchange() -> Iterator[ExchangeThread]:
    with run_local_exchange(LocalExchangeConfig(speed=600.0)) as ex:
        yield ex


def test_trade_paper_trades_what_was_backtested(
    folder: Path, exchange: ExchangeThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AITRADER_MARKET_DATA_URL", exchange.rest_url)
    monkeypatch.setenv("AITRADER_MARKET_DATA_WS_URL", exchange.ws_url)
    journal = folder / "journal.sqlite"
    args = ["trade", "--paper", "--no-view", "--timeframe", "1m", "--param", "slow=30", "--equity", "3000"]
    out = _ok([*args, "--max-candles", "2", "--max-runtime", "60", "--journal", str(journal)])
    assert f"paper trading sma_cross BTCUSDT 1m, risk 0.02 per trade: prices from {exchange.rest_url}" in out
    assert "orders simulated, starting cash 3000 USDT" in out
    run = JournalReader(journal).latest_run("paper")
    assert run is not None
    assert run["strategy"] == "sma_cross"
    assert run["timeframe"] == "1m"  # --timeframe over the file's 15m
    assert run["params"]["risk_fraction"] == 0.02  # the file's risk
    assert run["params"]["strategy_params"] == {"fast": 5, "slow": 30}  # the file's table, then --param
    assert run["params"]["start_quote"] == 3000


def test_trade_equity_is_for_paper_only() -> None:
    result = runner.invoke(app, ["trade", "--equity", "3000", "--no-view"])
    assert result.exit_code == 1
    assert "--equity is the paper account's starting cash" in result.output


@pytest.mark.parametrize("command", ["backtest", "decide", "trade", "optimize", "analyze"])
def test_a_bad_file_stops_every_command_in_one_line(folder: Path, command: str) -> None:
    (folder / "aitrader.toml").write_text(SETTINGS.replace("risk = 0.02", "risk = 0.5"))
    result = runner.invoke(app, [command], env=WIDE)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: aitrader.toml: risk = 0.5: use a fraction in (0, 0.10], e.g. 0.01 for 1% "
        "(the hard ceiling is 10%)"
    )


def test_a_misspelt_key_is_named(folder: Path) -> None:
    (folder / "aitrader.toml").write_text('timeframe = "1h"\nslipage = 3\n')
    result = runner.invoke(app, ["backtest"], env=WIDE)
    assert result.exit_code == 1
    assert "aitrader.toml: unknown key 'slipage': did you mean 'slippage'?" in result.output


def test_a_bad_timeframe_says_where_it_came_from(folder: Path) -> None:
    (folder / "aitrader.toml").write_text('timeframe = "7m"\n')
    result = runner.invoke(app, ["decide"], env=WIDE)
    assert result.exit_code == 1
    assert result.output.startswith("error: aitrader.toml: timeframe: unknown timeframe '7m'")


def test_a_backtest_journals_only_when_asked(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = ["backtest", "--to", "2023-03-18"]
    assert "not journalled" in _ok(window)
    assert not (folder / "var").exists()  # no ./var/journal.sqlite by default
    _ok([*window, "--journal", "asked.sqlite"])
    assert JournalReader(folder / "asked.sqlite").latest_run("backtest") is not None
    monkeypatch.setenv("AITRADER_BACKTEST_JOURNAL", str(folder / "env.sqlite"))
    _ok(window)
    assert (folder / "env.sqlite").exists()
    monkeypatch.delenv("AITRADER_BACKTEST_JOURNAL")
    (folder / "aitrader.toml").write_text('backtest_journal = "file.sqlite"\n' + SETTINGS)
    assert "journal file.sqlite" in _ok(window)
    assert "not journalled" in _ok([*window, "--no-journal"])  # --no-journal wins over a setting
