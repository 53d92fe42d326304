"""The `[risk]` table of aitrader.toml and its AITRADER_* variables: `RunSettings.risk_limits` holds
the RiskConfig fields set (environment over file), a bad key or value is one line, and the places
that build a gate from settings (notebook, optimiser trials, the API's reload) take the limits."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from aitrader.api.control import Controls, RereadLimits
from aitrader.config.run_settings import RISK_KEYS, resolve_run
from aitrader.config.settings import SettingsError
from aitrader.config.strategy_file import ConfigFileError
from aitrader.domain import Timeframe
from aitrader.risk import RiskConfig, RiskGate

EVERY_KEY = """
[risk]
fraction = 0.02
max_open_positions = 3
max_position_fraction = 0.4
max_symbol_exposure = 0.3
max_total_exposure = 0.9
max_correlation = 0.7
max_correlated_exposure = 0.5
correlation_window = 50
max_drawdown = 0.15
drawdown_cooldown = 90
max_daily_loss = 0.03
breaker_cooldown = 30.5
min_reward_risk = 2.5
"""
EVERY_LIMIT = {
    "max_open_positions": 3,
    "max_position_fraction": 0.4,
    "max_symbol_exposure": 0.3,
    "max_total_exposure": 0.9,
    "max_correlation": 0.7,
    "max_correlated_exposure": 0.5,
    "correlation_window": 50,
    "max_drawdown": 0.15,
    "drawdown_cooldown_ms": 5_400_000,
    "max_daily_loss": 0.03,
    "breaker_cooldown_ms": 1_830_000,
    "min_reward_risk": 2.5,
}


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No ambient AITRADER_* variables, no `.env` and no aitrader.toml of the checkout."""
    for name in list(os.environ):
        if name.startswith(("AITRADER_", "BINANCE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_table_no_limits() -> None:
    run = resolve_run()
    assert run.risk_limits == {}
    assert run.where("risk.max_drawdown") == "default max_drawdown"


def test_every_key_of_the_table_sets_its_risk_config_field() -> None:
    Path("aitrader.toml").write_text(EVERY_KEY)
    run = resolve_run()
    assert run.risk_limits == EVERY_LIMIT
    assert run.risk == 0.02  # `fraction`: the risk per trade where the table takes the name `risk`
    assert run.sources["risk"] == "file"
    assert run.where("risk.max_drawdown") == "aitrader.toml: [risk] max_drawdown"
    config = RiskConfig(risk_fraction=run.risk, **run.risk_limits)
    assert config.drawdown_cooldown_ms == 90 * 60_000
    assert config.min_reward_risk == 2.5  # net of fees and slippage
    assert set(EVERY_LIMIT) == {limit.field(key) for key, limit in RISK_KEYS.items()}
    assert set(EVERY_LIMIT) <= set(RiskConfig.model_fields)


def test_the_environment_and_dotenv_win_over_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("aitrader.toml").write_text("[risk]\nmax_drawdown = 0.15\nmax_open_positions = 3\n")
    Path(".env").write_text("AITRADER_MAX_OPEN_POSITIONS=7\n")
    monkeypatch.setenv("AITRADER_MAX_DRAWDOWN", "0.3")
    monkeypatch.setenv("AITRADER_DRAWDOWN_COOLDOWN_MINUTES", "60")
    run = resolve_run()
    assert run.risk_limits == {
        "max_drawdown": 0.3,
        "max_open_positions": 7,
        "drawdown_cooldown_ms": 3_600_000,
    }
    assert run.where("risk.max_drawdown") == "AITRADER_MAX_DRAWDOWN"
    assert run.where("risk.drawdown_cooldown") == "AITRADER_DRAWDOWN_COOLDOWN_MINUTES"
    assert run.sources["risk.max_open_positions"] == "env"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[risk]\nmax_drawdown = 1.5\n",
            "[risk] max_drawdown = 1.5: use a fraction of the peak equity in (0, 1]",
        ),
        ("[risk]\nmax_drawdown = 0\n", "[risk] max_drawdown = 0: use a fraction"),
        ("[risk]\nmax_open_positions = 2.5\n", "[risk] max_open_positions = 2.5: use a whole number >= 1"),
        ("[risk]\nmax_open_positions = true\n", "[risk] max_open_positions = True: use a whole number"),
        (
            "[risk]\ncorrelation_window = 5\n",
            "[risk] correlation_window = 5: use a whole number of bars >= 10",
        ),
        ('[risk]\ndrawdown_cooldown = "1d"\n', "[risk] drawdown_cooldown = '1d': use minutes >= 0"),
        ("[risk]\nbreaker_cooldown = -1\n", "[risk] breaker_cooldown = -1: use minutes >= 0"),
        ("[risk]\nfraction = 0.5\n", "[risk] fraction = 0.5: use a fraction in (0, 0.10]"),
        ("[risk]\nmax_drawdon = 0.1\n", "[risk]: unknown key 'max_drawdon': did you mean 'max_drawdown'?"),
        ("riks = 0.01\n", "and [risk]"),
    ],
)
def test_a_bad_key_or_value_of_the_table_is_one_line(text: str, message: str) -> None:
    Path("aitrader.toml").write_text(text)
    with pytest.raises(ConfigFileError) as info:
        resolve_run()
    line = str(info.value)
    assert "\n" not in line
    assert line.startswith("aitrader.toml: ")
    assert message in line


@pytest.mark.parametrize(
    ("variable", "value", "rule"),
    [
        ("AITRADER_MAX_DRAWDOWN", "7", "a fraction of the peak equity in (0, 1]"),
        ("AITRADER_MAX_DRAWDOWN", "nan", "a fraction"),
        ("AITRADER_MAX_OPEN_POSITIONS", "2.5", "a whole number >= 1"),
        ("AITRADER_BREAKER_COOLDOWN_MINUTES", "soon", "minutes >= 0"),
    ],
)
def test_a_bad_variable_is_one_line_naming_it_never_its_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, rule: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as info:
        resolve_run()
    assert str(info.value).startswith(f"invalid settings: {variable}: use ")
    assert rule in str(info.value)
    assert value not in str(info.value)


def test_the_top_level_risk_still_works_beside_other_tables() -> None:
    Path("aitrader.toml").write_text("risk = 0.03\n\n[strategies.confluence]\nema_fast = 30\n")
    run = resolve_run()
    assert (run.risk, run.risk_limits) == (0.03, {})


# ---- where a gate is built from settings --------------------------------------------------------
def test_the_notebook_backtest_takes_the_limits() -> None:
    from aitrader.backtest.notebook import Backtest

    limits = {"max_drawdown": 0.3, "max_open_positions": 2}
    bt = Backtest("BTCUSDT", "sma_cross", timeframe="1h", risk_limits=limits)
    gate = bt._gate()
    assert isinstance(gate, RiskGate)
    assert (gate.config.max_drawdown, gate.config.max_open_positions) == (0.3, 2)
    with pytest.raises(ValueError, match="max_drawdown"):
        Backtest("BTCUSDT", "sma_cross", timeframe="1h", risk_limits={"max_drawdown": 2.0})


def test_an_optimiser_trial_takes_the_limits() -> None:
    from aitrader.optimize.evaluate import Evaluator, TrialSetup

    setup = TrialSetup("confluence", Timeframe.H1, risk=0.02, risk_limits={"max_total_exposure": 0.4})
    evaluator = Evaluator.__new__(Evaluator)  # the gate only reads the setup
    evaluator.setup = setup
    gate = evaluator.gate()
    assert isinstance(gate, RiskGate)
    assert (gate.config.risk_fraction, gate.config.max_total_exposure) == (0.02, 0.4)


class _Journal:
    def __init__(self) -> None:
        self.logged: list[tuple[str, dict[str, Any]]] = []

    def events(self) -> list[Any]:
        return []

    def event(self, kind: str, **detail: Any) -> None:
        self.logged.append((kind, detail))


def _controls(gate: RiskGate) -> tuple[Controls, SimpleNamespace]:
    cfg = SimpleNamespace(
        symbol="BTCUSDT", interval=Timeframe.M1, strategy="confluence", strategy_params={},
        risk_fraction=0.01, risk_limits={}, baseline_limits={}, baseline_params={},
    )  # fmt: skip
    runner = SimpleNamespace(cfg=cfg, journal=_Journal(), state=SimpleNamespace(event=lambda _: None))
    controls = Controls(runner)
    controls.install(SimpleNamespace(gate=gate))
    return controls, cfg


def test_the_api_reload_applies_the_limits_and_keeps_the_gate_state() -> None:
    gate = RiskGate()
    gate.drawdown.tripped_ms = 123  # tripped before the reload
    controls, cfg = _controls(gate)
    now = RereadLimits(0.01, "BTCUSDT", "1m", "confluence", {}, risk_limits={"max_drawdown": 0.3})
    assert controls.apply(now) == {"applied": {"max_drawdown": 0.3}, "restart_needed": []}
    assert gate.config.max_drawdown == 0.3
    assert gate.drawdown.config is gate.config
    assert gate.drawdown.tripped_ms == 123
    assert cfg.risk_limits == {"max_drawdown": 0.3}
    # the key taken out of the file: back to the default, as a restart would build it
    again = controls.apply(RereadLimits(0.02, "BTCUSDT", "1m", "confluence", {}))
    assert again["applied"] == {"max_drawdown": 0.2, "risk": 0.02}
    assert (gate.config.max_drawdown, gate.config.risk_fraction) == (0.2, 0.02)
    assert controls.apply(RereadLimits(0.02, "BTCUSDT", "1m", "confluence", {}))["applied"] == {}


def test_the_api_reload_reads_the_table(tmp_path: Path) -> None:
    from aitrader.api.reload import ReloadSettings

    Path("aitrader.toml").write_text("[risk]\nmax_correlation = 0.9\n")
    controls, _ = _controls(RiskGate())
    controls.reload_settings = ReloadSettings({}, Path("aitrader.toml"))
    assert controls._limits() == {"max_correlation": 0.9}
