"""Strategy beside buy-and-hold: the same figures for both, over the same measured bars.

The benchmark is `benchmark.benchmark_for(result)`: cash on the strategy's first tradable bar, then
the whole account bought when the strategy could first fill (the next bar's open), sold at the last
close, the run's fee model and slippage on both legs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.report.format import money, pct, ratio
from aitrader.backtest.result import BacktestResult

# (Metrics field, label, formatter, +1 higher is better / -1 lower is better / 0 neither)
COMPARED: tuple[tuple[str, str, Callable[[float | None], str], int], ...] = (
    ("final_equity", "Final equity", money, 1),
    ("total_return", "Total return", pct, 1),
    ("annual_return", "CAGR", pct, 1),
    ("volatility_annual", "Volatility (ann.)", pct, -1),
    ("sharpe", "Sharpe", ratio, 1),
    ("sortino", "Sortino", ratio, 1),
    ("calmar", "Calmar", ratio, 1),
    ("max_drawdown", "Max drawdown", pct, -1),
    ("exposure", "Exposure", pct, 0),
    ("fees_paid", "Fees paid", money, -1),
)


@dataclass(frozen=True, slots=True)
class ComparedRow:
    key: str
    label: str
    strategy: float | None
    benchmark: float | None
    strategy_text: str
    benchmark_text: str
    better: int  # +1 the strategy is better, -1 buy-and-hold is, 0 a tie or not comparable


def benchmark_metrics(result: BacktestResult) -> Metrics | None:
    """The buy-and-hold metrics over `result`'s measured bars, or None without a benchmark."""
    bench = benchmark_for(result)
    return compute_metrics(bench) if bench is not None else None


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def compared_rows(strategy: Metrics, benchmark: Metrics | None) -> list[ComparedRow]:
    """One row per compared figure (buy-and-hold's cells empty when there is no benchmark)."""
    rows = []
    for key, label, fmt, direction in COMPARED:
        s = _as_float(getattr(strategy, key))
        b = _as_float(getattr(benchmark, key)) if benchmark is not None else None
        better = 0
        if s is not None and b is not None and direction and s != b:
            better = direction if s > b else -direction
        rows.append(ComparedRow(key, label, s, b, fmt(s), fmt(b) if benchmark is not None else "", better))
    return rows


def comparison_dict(strategy: Metrics, benchmark: Metrics | None) -> dict[str, dict[str, float | None]]:
    """{figure: {"strategy": x, "buy_and_hold": y}} for the JSON report."""
    return {
        r.key: {"strategy": r.strategy, "buy_and_hold": r.benchmark}
        for r in compared_rows(strategy, benchmark)
    }
