"""The candidate designs of the research protocol, declared before any result was looked at.

A design is a built-in strategy with its default parameters, a timeframe and a sizing rule; each is
run exactly as `aitrader backtest` runs it (equity 10,000, 1% risk per trade through the RiskGate,
fee 0.1%, slippage 5 bps, `next-open` fills). The list is fixed in code so that the number of
designs tried (what the deflated Sharpe and PBO correct for) is the number in this file.
"""

from __future__ import annotations

from dataclasses import dataclass

from aitrader.backtest.engine import BacktestConfig
from aitrader.config.run_settings import BUILT_IN
from aitrader.domain import Timeframe
from aitrader.risk import RiskConfig, RiskGate
from aitrader.risk.config import Sizing

STRATEGIES = ("ensemble", "confluence", "momentum", "range", "levels")
TIMEFRAMES = (Timeframe("1h"), Timeframe("4h"))
SIZINGS = (Sizing.STOP, Sizing.VOL_TARGET)
VOL_TARGET = 0.25  # annualised volatility one position aims at (RiskConfig.vol_target's default)


@dataclass(frozen=True)
class Design:
    strategy: str
    timeframe: Timeframe
    sizing: Sizing

    @property
    def id(self) -> str:
        return f"{self.strategy}-{self.timeframe.value}-{self.sizing.value.replace('_', '-')}"

    def risk_config(self) -> RiskConfig:
        return RiskConfig(
            risk_fraction=float(BUILT_IN["risk"]),
            slippage=float(BUILT_IN["slippage"]) / 10_000.0,
            sizing=self.sizing,
            vol_target=VOL_TARGET,
        )

    def gate(self) -> RiskGate:
        return RiskGate(self.risk_config())


def all_designs() -> tuple[Design, ...]:
    return tuple(Design(s, tf, z) for s in STRATEGIES for tf in TIMEFRAMES for z in SIZINGS)


def design_by_id(design_id: str) -> Design:
    for d in all_designs():
        if d.id == design_id:
            return d
    raise ValueError(f"unknown design {design_id!r}: choose one of {', '.join(d.id for d in all_designs())}")


def run_config(first_bar: int) -> BacktestConfig:
    """`aitrader backtest`'s defaults, deciding from `first_bar` (the bars before only warm up)."""
    return BacktestConfig(
        cash=float(BUILT_IN["equity"]),
        fee=float(BUILT_IN["fee"]),
        slippage_bps=float(BUILT_IN["slippage"]),
        first_bar=first_bar,
        chunk=10_000,
    )
