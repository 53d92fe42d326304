"""`backtest --sizing stop|volatility|vol-target --vol-target FRACTION`, also `AITRADER_SIZING`,
`AITRADER_VOL_TARGET` and aitrader.toml's `sizing`/`vol_target`: resolved like `--risk`, handed to
the gate (and to every RiskConfig built from run settings, through `RunSettings.risk_limits`), a bad
value one line with exit code 1. End to end on the shipped BTCUSDT 1h sample: a strategy that says
its symbol moves 50% a year gets half the position of one that says 25%."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.config.run_settings import resolve_run
from aitrader.risk import RiskConfig, Sizing

runner = CliRunner()
WIDE = {"COLUMNS": "250"}
# sma_cross (3% stop, 6% target) that states the volatility of the symbol on each entry
STRATEGY = """\
from collections.abc import Sequence

import msgspec

from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, Proposal
from aitrader.strategies.base import MarketView
from aitrader.strategies.sma_cross import SmaCross


class Calm(SmaCross):
    volatility = 0.25

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        out = super().on_bar(view, book)
        return [msgspec.structs.replace(p, volatility=self.volatility) if isinstance(p, Enter) else p for p in out]


class Wild(Calm):
    volatility = 0.5
"""


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clean folder: no AITRADER_*/BINANCE_* variables, no aitrader.toml of the checkout."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "volsma.py").write_text(STRATEGY)
    return tmp_path


def _first_trade(folder: Path, cls: str, *options: str) -> dict[str, float]:
    out = folder / f"{cls}.json"
    args = ["backtest", "--strategy", f"volsma.py:{cls}", "--timeframe", "1h", "--to", "2017-10-01"]
    result = runner.invoke(app, [*args, *options, "--json", str(out)], env=WIDE)
    assert result.exit_code == 0, result.output
    trades = json.loads(out.read_text())["trades"]
    assert trades, result.output
    return dict(trades[0])


def test_vol_target_sizes_a_50_percent_vol_symbol_at_half_the_notional(folder: Path) -> None:
    vol = ["--sizing", "vol-target", "--vol-target", "0.05"]
    calm, wild = _first_trade(folder, "Calm", *vol), _first_trade(folder, "Wild", *vol)
    assert calm["entry_time"] == wild["entry_time"]  # the same trade, sized two ways
    # 10,000 x 0.05 / 0.25 = 2,000 of notional; / 0.5 = 1,000 (at the slipped fill, a step rounded off)
    assert calm["quantity"] * calm["entry_price"] == pytest.approx(2_000, rel=1e-3)
    assert wild["quantity"] * wild["entry_price"] == pytest.approx(1_000, rel=1e-3)
    assert calm["quantity"] == pytest.approx(2 * wild["quantity"], abs=1e-5)
    by_stop = _first_trade(folder, "Calm")  # the risk budget alone: ~3,000 on a 3% stop
    assert by_stop["quantity"] > calm["quantity"]
    assert by_stop["quantity"] * by_stop["entry_price"] < 10_000 * 0.01 / 0.03


def test_the_first_line_says_how_the_gate_sizes(folder: Path) -> None:
    args = ["backtest", "-s", "sma_cross", "--timeframe", "1h", "--to", "2017-09-01"]
    result = runner.invoke(app, [*args, "--sizing", "vol-target", "--vol-target", "0.3"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "risk 0.01, sizing vol_target 0.3, equity 10,000" in result.output
    result = runner.invoke(app, args, env=WIDE)
    assert "risk 0.01, equity 10,000" in result.output  # stop sizing, the default, says nothing


@pytest.mark.parametrize(
    ("options", "line"),
    [
        (["--sizing", "kelly"], "error: --sizing kelly: use stop, volatility or vol-target"),
        (["--vol-target", "3"], "error: --vol-target 3.0: use an annualised volatility in (0, 2]"),
        (["--vol-target", "0"], "error: --vol-target 0.0: use an annualised volatility in (0, 2]"),
    ],
)
def test_a_bad_option_is_one_line_and_exit_1(options: list[str], line: str) -> None:
    result = runner.invoke(app, ["backtest", "--no-journal", *options], env=WIDE)
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert result.output.startswith(line), result.output


def test_a_bad_file_or_environment_value_is_one_line(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "aitrader.toml").write_text('sizing = "atr"\n')
    result = runner.invoke(app, ["backtest"], env=WIDE)
    assert result.exit_code == 1
    assert result.output.startswith(
        "error: aitrader.toml: sizing = 'atr': use stop, volatility or vol-target"
    )
    (folder / "aitrader.toml").write_text("vol_target = 5\n")
    result = runner.invoke(app, ["backtest"], env=WIDE)
    assert result.output.startswith("error: aitrader.toml: vol_target = 5: use an annualised volatility")
    (folder / "aitrader.toml").unlink()
    monkeypatch.setenv("AITRADER_VOL_TARGET", "lots")
    result = runner.invoke(app, ["backtest"], env=WIDE)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "error: invalid settings: AITRADER_VOL_TARGET: use an annualised volatility in (0, 2], e.g. 0.25 "
        "for 25% a year"
    )


def test_the_setting_reaches_every_risk_config_built_from_run_settings(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resolve_run().risk_limits == {}  # nothing set: the gate's defaults
    (folder / "aitrader.toml").write_text('sizing = "vol-target"\n')
    monkeypatch.setenv("AITRADER_VOL_TARGET", "0.4")
    run = resolve_run()
    assert (run.sizing, run.vol_target) == ("vol_target", 0.4)
    assert run.risk_limits == {"sizing": "vol_target", "vol_target": 0.4}
    assert run.where("sizing") == f"{run.config_file}: sizing"
    config = RiskConfig(risk_fraction=run.risk, **run.risk_limits)
    assert (config.sizing, config.vol_target) == (Sizing.VOL_TARGET, 0.4)
    run = resolve_run({"sizing": "stop"})  # the option wins over the file
    assert run.risk_limits == {"sizing": "stop", "vol_target": 0.4}
    assert run.where("sizing") == "--sizing"
