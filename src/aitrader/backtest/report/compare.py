"""Strategy beside its two benchmarks: the same figures for all three, over the same measured bars.

- Buy-and-hold, `benchmark.benchmark_for(result)`: cash on the strategy's first tradable bar, then
  the whole account bought when the strategy could first fill (the next bar's open), sold at the
  last close, the run's fee model and slippage on both legs.
- Volatility-targeted buy-and-hold, `vol_target_benchmark.vol_target_benchmark_for(result)`: the
  same footing, holding min(1, target / trailing 30-day volatility) of the account, rebalanced at
  most daily, the target being the strategy's own realised volatility (same risk: which return?).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.report.format import MISSING, money, pct, ratio
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import vol_target_benchmark_for


def count(x: float | None) -> str:
    return MISSING if x is None else f"{int(x):,}"


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
    ("n_trades", "Trades", count, 0),
    ("fees_paid", "Fees paid", money, -1),
)
HOLD_NAME = "buy & hold"
VOL_NAME = "vol-target B&H"


@dataclass(frozen=True, slots=True)
class ComparedRow:
    key: str
    label: str
    strategy: float | None
    benchmark: float | None  # buy-and-hold's
    strategy_text: str
    benchmark_text: str
    better: int  # +1 the strategy is better than buy-and-hold, -1 buy-and-hold is, 0 a tie or n/a
    vol_target: float | None = None  # the volatility-targeted buy-and-hold's
    vol_target_text: str = ""
    best: int = -1  # the best column: 0 strategy, 1 buy-and-hold, 2 vol-target; -1 none (tie, n/a)


@dataclass(frozen=True)
class Benchmarks:
    """Both benchmarks of a run, as results (for curves) and as metrics; None where there is none."""

    hold: BacktestResult | None
    vol: BacktestResult | None
    hold_metrics: Metrics | None
    vol_metrics: Metrics | None

    @property
    def target(self) -> float | None:
        """The volatility the vol-targeted benchmark aims at (annualised)."""
        return float(self.vol.params["target_volatility"]) if self.vol is not None else None


def benchmarks_of(hold: BacktestResult | None, vol: BacktestResult | None) -> Benchmarks:
    return Benchmarks(
        hold,
        vol,
        compute_metrics(hold) if hold is not None else None,
        compute_metrics(vol) if vol is not None else None,
    )


def benchmarks_for(result: BacktestResult) -> Benchmarks:
    """Buy-and-hold and its volatility-targeted twin over `result`'s measured bars."""
    return benchmarks_of(benchmark_for(result), vol_target_benchmark_for(result))


def benchmark_metrics(result: BacktestResult) -> Metrics | None:
    """The buy-and-hold metrics over `result`'s measured bars, or None without a benchmark."""
    bench = benchmark_for(result)
    return compute_metrics(bench) if bench is not None else None


def vol_target_metrics(result: BacktestResult) -> Metrics | None:
    """The volatility-targeted buy-and-hold's metrics over `result`'s measured bars, or None."""
    bench = vol_target_benchmark_for(result)
    return compute_metrics(bench) if bench is not None else None


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _best(values: list[float | None], direction: int) -> int:
    """The index of the best of `values` (higher or lower by `direction`); -1 on a tie or n/a."""
    present = [(v, i) for i, v in enumerate(values) if v is not None]
    if not direction or len(present) < 2:
        return -1
    top = max(v * direction for v, _ in present)
    winners = [i for v, i in present if v * direction == top]
    return winners[0] if len(winners) == 1 else -1


def compared_rows(
    strategy: Metrics, benchmark: Metrics | None, vol_target: Metrics | None = None
) -> list[ComparedRow]:
    """One row per compared figure (a benchmark's cells empty when there is none of it)."""
    rows = []
    for key, label, fmt, direction in COMPARED:
        s = _as_float(getattr(strategy, key))
        b = _as_float(getattr(benchmark, key)) if benchmark is not None else None
        v = _as_float(getattr(vol_target, key)) if vol_target is not None else None
        better = 0
        if s is not None and b is not None and direction and s != b:
            better = direction if s > b else -direction
        rows.append(
            ComparedRow(
                key,
                label,
                s,
                b,
                fmt(s),
                fmt(b) if benchmark is not None else "",
                better,
                v,
                fmt(v) if vol_target is not None else "",
                _best([s, b, v], direction),
            )
        )
    return rows


def comparison_dict(
    strategy: Metrics, benchmark: Metrics | None, vol_target: Metrics | None = None
) -> dict[str, dict[str, float | None]]:
    """{figure: {"strategy": x, "buy_and_hold": y, "vol_target": z}} for the JSON report."""
    return {
        r.key: {"strategy": r.strategy, "buy_and_hold": r.benchmark, "vol_target": r.vol_target}
        for r in compared_rows(strategy, benchmark, vol_target)
    }
