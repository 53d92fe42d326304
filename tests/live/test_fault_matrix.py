"""The fault matrix's CI subset: the real `aitrader trade` process, SIGKILLed at a step of an order's
life (or its OCO cancelled by another client), restarted; the exchange's measurements must keep the
crash-only guarantees of issue 13. The full matrix is benchmarks/fault_matrix.py.

The time limits asserted here are the guarantees themselves (how long a position may sit without a
stop on the exchange), not speed figures.
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from fault_matrix import NAKED_LIMIT_S, REPROTECT_LIMIT_S
from fault_scenarios import Scenario, run_once, select

CI = select(None, quick=False, ci=True)


@pytest.mark.slow
@pytest.mark.parametrize("scenario", CI, ids=[s.name for s in CI])
def test_a_killed_bot_restarts_covered_undoubled_and_agreeing(scenario: Scenario, tmp_path: Path) -> None:
    result = asyncio.run(run_once(scenario, 1, tmp_path, random.Random(7)))
    assert result.error == ""
    assert result.kills == result.kill_wanted, result.notes
    assert result.naked_after_restart_s <= NAKED_LIMIT_S, f"naked {result.naked_after_restart_s:.2f} s"
    assert result.doubles == []
    assert result.foreign_sold == 0
    assert result.journal_ok, result.notes
    if result.reprotect_s is not None:
        assert result.reprotect_s <= REPROTECT_LIMIT_S, f"re-protected after {result.reprotect_s:.2f} s"
