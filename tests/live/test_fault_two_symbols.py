"""The fault matrix's two-symbol row in CI: the real `aitrader trade --symbols BTCUSDT,ETHUSDT`
process, SIGKILLed after ETHUSDT's first OCO reached the book while BTCUSDT's position is open,
restarted on the same journal; measured on the exchange for each symbol. The whole set of
two-symbol rows: `benchmarks/fault_matrix.py --only two_symbols`.

The time limit asserted is the guarantee itself (how long a position may sit without a stop on the
exchange), not a speed figure.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from aitrader.strategies.registry import COST_MULTIPLE_PARAM
from mechanics_costs import COST_MULTIPLE_OFF, MIN_REWARD_RISK_OFF

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from fault_matrix import NAKED_LIMIT_S
from fault_two_symbols import SYMBOLS, run_two, select


@pytest.mark.slow
def test_a_killed_portfolio_bot_restarts_with_every_symbol_covered(tmp_path: Path) -> None:
    (scenario,) = select("two_symbols:between_ocos")
    # the bots run `aitrader trade` on 1m in `tmp_path`, which reads its aitrader.toml: the cost rules
    # off there, as on a local exchange's replay (`mechanics_costs`), else the gate refuses ETHUSDT's
    # entry (net reward:risk 1.34 < 1.5), no OCO of ETHUSDT ever comes and nothing is killed
    (tmp_path / "aitrader.toml").write_text(
        f"[risk]\nmin_reward_risk = {MIN_REWARD_RISK_OFF:g}\n\n"
        f"[strategies.{scenario.strategy}]\n{COST_MULTIPLE_PARAM} = {COST_MULTIPLE_OFF:g}\n"
    )
    result = asyncio.run(run_two(scenario, 1, tmp_path))
    assert result.error == ""
    assert result.kills == 1, result.notes
    assert sorted(result.held_at_kill) == sorted(SYMBOLS)  # both positions open at the kill
    assert result.naked_at_kill_by_symbol["ETHUSDT"]  # the restart had protecting to do
    for symbol in SYMBOLS:
        naked = result.naked_by_symbol[symbol]
        assert naked <= NAKED_LIMIT_S, f"{symbol} naked {naked:.2f} s after the restart"
    assert result.doubles == []
    assert result.foreign_sold == 0
    assert result.journal_ok, result.notes
