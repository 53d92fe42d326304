"""What an optimisation writes: one JSON document (the HTML report is drawn from it) and the
terminal tables. Fractions stay fractions (0.05 = 5%); times are UTC epoch ms.

Beside the strategy's run the document holds its two benchmarks over the same bars
(`hold_benchmarks`): "benchmark" (buy-and-hold) and "vol_target_benchmark" (volatility-targeted
buy-and-hold, with "target_volatility", "rebalances" and "mean_weight"); a walk-forward window
holds both over its test bars. Documents written before the second existed lack it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from aitrader.backtest.metrics import compute_metrics, drawdown_curve
from aitrader.backtest.result import BacktestResult
from aitrader.optimize.analysis import MonteCarlo, Overfitting, to_dict
from aitrader.optimize.evaluate import sample_grid
from aitrader.optimize.hold_benchmarks import HoldBenchmarks
from aitrader.optimize.jsonable import number, plain
from aitrader.optimize.montecarlo import Bands
from aitrader.optimize.search import SearchResult, TrialRecord
from aitrader.optimize.space import ParamSpace

CURVE_POINTS = 5_000  # equity points kept per curve in the JSON (the report's plots need no more)
SUMMARY = (
    "sharpe",
    "sortino",
    "calmar",
    "total_return",
    "annual_return",
    "max_drawdown",
    "n_trades",
    "win_rate",
    "profit_factor",
    "exposure",
)


def summary(metrics: Mapping[str, Any]) -> dict[str, Any]:
    return {k: number(metrics.get(k)) for k in SUMMARY}


def curve(result: BacktestResult) -> dict[str, list[float]]:
    """Equity and drawdown at most `CURVE_POINTS` bars (evenly picked, the last always)."""
    idx = sample_grid(len(result.equity), CURVE_POINTS)
    eq = np.asarray(result.equity, dtype=np.float64)
    dd = drawdown_curve(result.initial_equity, eq)
    return {
        "times": [int(t) for t in np.asarray(result.times)[idx]],
        "equity": [round(float(v), 4) for v in eq[idx]],
        "drawdown": [round(float(v), 6) for v in dd[idx]],
    }


def run_dict(result: BacktestResult) -> dict[str, Any]:
    return {"metrics": summary(compute_metrics(result).to_dict()), **curve(result)}


def benchmarks_dict(bench: HoldBenchmarks) -> dict[str, Any]:
    """The document's two benchmarks over the run's bars: "benchmark" (buy-and-hold) and
    "vol_target_benchmark" (`run_dict`s; the second with its target, rebalances and mean weight)."""
    return {
        "benchmark": run_dict(bench.hold),
        "vol_target_benchmark": {**bench.vol_facts(), **run_dict(bench.vol)},
    }


def window_benchmarks_dict(bench: HoldBenchmarks) -> dict[str, Any]:
    """A walk-forward window's two benchmarks over its test bars, as `summary`s (the
    volatility-targeted one with its target, rebalances and mean weight)."""
    return {
        "benchmark": summary(compute_metrics(bench.hold).to_dict()),
        "vol_target_benchmark": {**summary(compute_metrics(bench.vol).to_dict()), **bench.vol_facts()},
    }


def trial_dict(t: TrialRecord) -> dict[str, Any]:
    return {
        "number": t.number,
        "params": plain(t.params),
        "values": [number(v) for v in t.values],
        "state": t.state,
        "reason": t.reason,
        "metrics": summary(t.metrics) if t.metrics else {},
    }


def search_dict(search: SearchResult) -> dict[str, Any]:
    evaluated = search.new_evaluated  # this call's backtests over this call's time (not a resumed study's)
    return {
        "sampler": search.sampler,
        "study": search.study_name,
        "storage": search.storage,
        "elapsed_s": round(search.elapsed_s, 3),
        "trials_per_minute": round(evaluated / search.elapsed_s * 60, 1) if search.elapsed_s > 0 else None,
        "importance": search.importance,
        "partial_grid": search.partial_grid,
        "new_evaluated": search.new_evaluated,
        "trials": [trial_dict(t) for t in search.trials],
        "best": [trial_dict(t) for t in search.best],
    }


def space_dict(space: ParamSpace) -> dict[str, Any]:
    return {
        "dimensions": [
            {
                "name": d.name,
                "kind": d.kind,
                "low": d.low,
                "high": d.high,
                "step": d.step,
                "log": d.log,
                "choices": list(plain(list(d.choices))),
            }
            for d in space.dimensions
        ],
        "fixed": plain(dict(space.fixed)),
    }


def robustness_dict(
    fit: Overfitting | Sequence[Overfitting] | None, mc: MonteCarlo, warnings: list[str]
) -> dict[str, Any]:
    fits = (
        None
        if fit is None
        else ([to_dict(fit)] if isinstance(fit, Overfitting) else [to_dict(f) for f in fit])
    )
    return {
        "overfitting": fits,
        "monte_carlo": {
            "trades_bootstrap": _bands(mc.trades_bootstrap),
            "trades_shuffle": _bands(mc.trades_shuffle),
            "returns_block": _bands(mc.returns_block),
        },
        "warnings": warnings,
    }


def _bands(bands: Bands | None) -> dict[str, Any] | None:
    """The bands with their equity paths thinned to at most `CURVE_POINTS` // 5 steps."""
    if bands is None:
        return None
    out = bands.to_dict()
    idx = sample_grid(bands.equity.shape[1], CURVE_POINTS // 5)
    out["equity"] = np.round(bands.equity[:, idx], 6).tolist()
    out["steps"] = [int(i) for i in idx]
    return out


def write_json(data: Mapping[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plain(data), indent=1, allow_nan=False), encoding="utf-8")
