"""A journaled portfolio backtest that the gate's portfolio limits bite on, shared by the tests of
decide, the journal reader, the chat and the API.

Real data: the shipped BTCUSDT/ETHUSDT/SOLUSDT 1m samples over the same first `BARS` minutes, the
confluence strategy on each, and a gate whose correlation limit is tight (returns correlated above
0.5 count as one group, which may hold at most 30% of equity), so entries on one coin while another
is held are refused with `correlated_exposure`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.data.sample import load_sample
from aitrader.domain import Candles, Timeframe
from aitrader.execution.journal import Journal
from aitrader.risk import RiskConfig, RiskGate

SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT")
BARS = 12_000
TIGHT = {"max_correlation": 0.5, "max_correlated_exposure": 0.3}
RUN_ID = "bt-portfolio-tight"


def aligned(bars: int = BARS) -> dict[str, Candles]:
    """The three samples cut to the same first `bars` minutes."""
    loaded = {s: load_sample(s, "1m") for s in SYMBOLS}
    start = max(int(c.open_time[0]) for c in loaded.values())
    out = {}
    for s, c in loaded.items():
        i = int(np.searchsorted(c.open_time, start))
        out[s] = c.slice(i, i + bars)
    return out


def tight_gate() -> RiskGate:
    return RiskGate(RiskConfig(**TIGHT))  # type: ignore[arg-type]


def journaled_run(path: Path, bars: int = BARS) -> PortfolioResult:
    """Run the portfolio into the journal at `path` (run id `RUN_ID`)."""
    strategies = {s: build_strategy("confluence", {}, Timeframe.M1) for s in SYMBOLS}
    journal = Journal(path)
    try:
        return run_portfolio(
            strategies, aligned(bars), BacktestConfig(), gate=tight_gate(), journal=journal, run_id=RUN_ID
        )
    finally:
        journal.close()
