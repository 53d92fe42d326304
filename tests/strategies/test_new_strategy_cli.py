"""`aitrader new-strategy NAME` in a fresh folder: the file backtests from the CLI and reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.strategies.template import class_name, module_name

runner = CliRunner()


def test_the_template_backtests_from_the_cli_and_appears_in_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = runner.invoke(app, ["new-strategy", "rsi dip"])
    assert made.exit_code == 0, made.output
    source = (tmp_path / "rsi_dip.py").read_text(encoding="utf-8")
    assert "class RsiDip(UserStrategy):" in source
    assert "aitrader backtest --strategy rsi_dip.py" in made.output
    listed = runner.invoke(app, ["strategies", "rsi_dip.py"], env={"COLUMNS": "120"})
    assert listed.exit_code == 0, listed.output
    assert "rsi_buy" in listed.output
    assert "10 .. 50" in listed.output
    args = ["backtest", "--strategy", "rsi_dip.py", "--timeframe", "1h", "--report", "r.html"]
    run = runner.invoke(app, [*args, "--param", "rsi_buy=40"], env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.output
    assert "rsi_dip BTCUSDT 1h" in run.output
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "rsi_dip" in report
    assert "RSI" in report  # the rationale of its trades
    bad = runner.invoke(app, [*args, "--param", "rsi_buy=90"])
    assert bad.exit_code != 0
    assert "rsi_buy: Input should be less than or equal to 50" in bad.output
    again = runner.invoke(app, ["new-strategy", "rsi_dip"])
    assert again.exit_code == 1
    assert "exists: pick another name, or pass --force" in again.output


def test_names_become_a_module_and_a_class() -> None:
    assert (module_name("RsiDip"), class_name("rsi_dip"), class_name("my cool strat")) == (
        "rsi_dip",
        "RsiDip",
        "MyCoolStrat",
    )
    with pytest.raises(ValueError, match="does not make a class name"):
        class_name("42")


def test_aitrader_toml_tables_name_a_file_strategy_by_its_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[strategies.rsi_dip]` holds the parameters of `--strategy rsi_dip.py` (and of
    `rsi_dip.py:RsiDip`): the name the strategy gets, read without loading the file."""
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["new-strategy", "rsi_dip"]).exit_code == 0
    (tmp_path / "aitrader.toml").write_text("[strategies.rsi_dip]\nrsi_buy = 90\n", encoding="utf-8")
    for spec in ("rsi_dip.py", "rsi_dip.py:RsiDip"):
        bad = runner.invoke(app, ["backtest", "--strategy", spec, "--timeframe", "1h"])
        assert bad.exit_code != 0
        assert "rsi_buy: Input should be less than or equal to 50" in bad.output
    (tmp_path / "aitrader.toml").write_text("[strategies.rsi_dip]\nrsi_buy = 45\n", encoding="utf-8")
    ok = runner.invoke(app, ["backtest", "--strategy", "rsi_dip.py", "--timeframe", "1h", "--json", "r.json"])
    assert ok.exit_code == 0, ok.output
    assert '"rsi_buy": 45' in (tmp_path / "r.json").read_text(encoding="utf-8").replace("45.0", "45")


def test_empty_masks_warn_and_a_failing_rule_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "masked.py").write_text(
        "import numpy as np\n"
        "from aitrader.strategies.base import Signals\n"
        "from aitrader.strategies.sma_cross import SmaCross\n\n\n"
        "class Masked(SmaCross):\n"
        "    def signals(self, features):\n"
        "        none = np.zeros(len(features), dtype=bool)\n"
        "        return Signals(none, none, none, none)\n",
        encoding="utf-8",
    )
    quiet = runner.invoke(
        app, ["backtest", "--strategy", "masked.py", "--timeframe", "1h"], env={"COLUMNS": "300"}
    )
    assert quiet.exit_code == 0, quiet.output
    assert "warning: the kernel visited no bar: sma_cross's candidate masks" in quiet.output
    (tmp_path / "broken.py").write_text(
        "from aitrader import UserStrategy\n\n\n"
        "class Broken(UserStrategy):\n"
        "    def next(self, bar):\n"
        "        return 1 / 0\n",
        encoding="utf-8",
    )
    broken = runner.invoke(
        app, ["backtest", "--strategy", "broken.py", "--timeframe", "1h"], env={"COLUMNS": "300"}
    )
    assert broken.exit_code == 1
    assert "broken.py:6 broken.next failed on BTCUSDT bar" in broken.output
    assert "ZeroDivisionError: division by zero" in broken.output
    assert "Traceback" not in broken.output


def test_the_demo_trades_a_file_strategy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`aitrader demo --strategy file.py` runs the user's class against the local exchange; a bad
    file is refused before the exchange starts."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "every_other.py").write_text(
        "from aitrader import UserStrategy\n\n\n"
        "class EveryOther(UserStrategy):\n"
        "    warmup = 2\n\n"
        "    def next(self, bar):\n"
        "        if bar.time.minute % 2 == 0:\n"
        "            return self.buy(stop=bar.close * 0.99, target=bar.close * 1.03)\n"
        "        return self.exit('odd bar')\n",
        encoding="utf-8",
    )
    args = ["demo", "--strategy", "every_other.py", "--max-candles", "6", "--max-runtime", "120"]
    result = runner.invoke(app, [*args, "--speed", "120", "--no-view"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "run summary" in result.output
    assert "entry filled" in result.output
    refused = runner.invoke(app, ["demo", "--strategy", "missing.py"])
    assert refused.exit_code == 1
    assert "no file missing.py" in refused.output
    assert "local exchange on" not in refused.output
