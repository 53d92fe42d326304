"""A local exchange's run starts from the cost rules off; an API reload measures the files against
that baseline, not against the plain defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aitrader.api.reload import Reread, restart_needed
from aitrader.live.config import MECHANICS_COSTS_OFF, local_exchange_config


@dataclass(frozen=True)
class _Urls:
    rest_url: str = "http://127.0.0.1:1"
    ws_url: str = "ws://127.0.0.1:1"
    ws_api_url: str = "ws://127.0.0.1:1/ws-api/v3"


def _urls() -> _Urls:
    return _Urls()


def test_a_local_exchange_run_records_its_costs_off_baseline(tmp_path: Path) -> None:
    cfg = local_exchange_config(_urls(), tmp_path)
    assert cfg.baseline_limits == {"min_reward_risk": MECHANICS_COSTS_OFF[1]}
    assert cfg.baseline_params == {"cost_multiple": MECHANICS_COSTS_OFF[0]}
    assert cfg.risk_limits["min_reward_risk"] == 0.0
    assert cfg.strategy_params["cost_multiple"] == 0.0
    mine = local_exchange_config(
        _urls(), tmp_path, risk_limits={"min_reward_risk": 2.0}, strategy_params={"cost_multiple": 1.0}
    )
    assert mine.risk_limits["min_reward_risk"] == 2.0  # what the caller sets wins
    assert mine.strategy_params["cost_multiple"] == 1.0
    own = local_exchange_config(_urls(), tmp_path, strategy="sma_cross")
    assert "cost_multiple" not in own.strategy_params  # only built-in rule strategies take it


def test_a_reload_without_the_parameter_needs_no_restart_against_the_baseline() -> None:
    now = Reread(0.01, "BTCUSDT", "1m", "confluence", {})
    running = {"cost_multiple": 0.0}
    assert restart_needed(now, "BTCUSDT", "1m", "confluence", running, {"cost_multiple": 0.0}) == []
    said = restart_needed(now, "BTCUSDT", "1m", "confluence", running)
    assert said == ["strategy parameters cost_multiple 0.0 -> None: restart to apply"]
