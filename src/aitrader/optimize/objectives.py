"""What a trial is scored on: objectives (a metric and its direction) and constraints.

A metric that does not exist for a trial (no trades: no Sharpe, no profit factor) scores the
worst value, so the search moves away from it instead of failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

Direction = Literal["maximize", "minimize"]
WORST = 1e9  # the score of a missing metric, on the bad side of its direction


@dataclass(frozen=True)
class Objective:
    name: str
    metric: str  # a key of `Metrics.to_dict()`
    direction: Direction
    label: str

    def score(self, metrics: Mapping[str, float | None]) -> float:
        value = metrics.get(self.metric)
        if value is None or value != value or value in (float("inf"), float("-inf")):
            return -WORST if self.direction == "maximize" else WORST
        return float(value)


OBJECTIVES: dict[str, Objective] = {
    o.name: o
    for o in (
        Objective("sharpe", "sharpe", "maximize", "Sharpe (annualised)"),
        Objective("sortino", "sortino", "maximize", "Sortino (annualised)"),
        Objective("calmar", "calmar", "maximize", "Calmar (CAGR / max drawdown)"),
        Objective("profit", "total_return", "maximize", "total return"),
        Objective("cagr", "annual_return", "maximize", "annual return (CAGR)"),
        Objective("profit_factor", "profit_factor", "maximize", "profit factor"),
        Objective("expectancy", "expectancy", "maximize", "expectancy per trade (quote)"),
        Objective("win_rate", "win_rate", "maximize", "win rate"),
        Objective("trades", "n_trades", "maximize", "number of trades"),
        Objective("maxdd", "max_drawdown", "minimize", "max drawdown"),
        Objective("volatility", "volatility_annual", "minimize", "annual volatility"),
    )
}


class ObjectiveError(ValueError):
    """An unknown objective name; the message lists the known ones."""


def parse_objectives(text: str) -> tuple[Objective, ...]:
    """`"sharpe"` or `"sharpe,maxdd"` (a Pareto front) -> the objectives, in order."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    if not names:
        raise ObjectiveError("no objective given: use e.g. --objective sharpe")
    unknown = [n for n in names if n not in OBJECTIVES]
    if unknown:
        raise ObjectiveError(f"unknown objective {unknown[0]!r}: choose from {', '.join(OBJECTIVES)}")
    if len(set(names)) != len(names):
        raise ObjectiveError(f"objective listed twice in {text!r}")
    return tuple(OBJECTIVES[n] for n in names)


@dataclass(frozen=True)
class Constraints:
    """Limits a trial must meet to count as feasible (a result that breaks one is never chosen)."""

    min_trades: int = 0
    max_drawdown: float | None = None  # fraction, e.g. 0.25

    def violations(self, metrics: Mapping[str, float | None]) -> dict[str, float]:
        """One number per limit, <= 0 when met (Optuna's constraint convention), > 0 by how much not."""
        out = {"min_trades": float(self.min_trades - (metrics.get("n_trades") or 0))}
        if self.max_drawdown is not None:
            out["max_drawdown"] = float((metrics.get("max_drawdown") or 0.0) - self.max_drawdown)
        return out

    def feasible(self, metrics: Mapping[str, float | None]) -> bool:
        return all(v <= 0 for v in self.violations(metrics).values())

    def describe(self) -> str:
        parts: Sequence[str] = [f"at least {self.min_trades} trades"] if self.min_trades else []
        if self.max_drawdown is not None:
            parts = [*parts, f"max drawdown at most {self.max_drawdown:.0%}"]
        return ", ".join(parts) or "none"
