"""One optimisation end to end: search (or walk-forward), the chosen result beside buy-and-hold and
volatility-targeted buy-and-hold over the same bars (`hold_benchmarks`), overfitting statistics and
Monte Carlo, as the JSON document `output` describes.

    doc = optimise(OptimizeRequest(...), candles, progress)

The CLI (`aitrader optimize`), the benchmark and the tests all call this.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aitrader.backtest.result import BacktestResult
from aitrader.domain.candles import Candles
from aitrader.domain.timeframe import Timeframe
from aitrader.optimize import analysis, output
from aitrader.optimize.evaluate import Evaluator, TrialSetup, Window
from aitrader.optimize.hold_benchmarks import track_benchmarks, window_benchmarks
from aitrader.optimize.jsonable import plain
from aitrader.optimize.objectives import Constraints, Objective
from aitrader.optimize.pool import TrialRunner, make_runner
from aitrader.optimize.search import Progress, run_search
from aitrader.optimize.space import ParamSpace
from aitrader.optimize.walk_forward import WalkForwardPlan, plan_windows, walk_forward


@dataclass
class OptimizeRequest:
    setup: TrialSetup
    space: ParamSpace
    objectives: tuple[Objective, ...]
    trials: int
    sampler: str = "auto"
    seed: int = 0
    constraints: Constraints = field(default_factory=Constraints)
    jobs: int = 1
    storage: str | None = None
    study_name: str = "aitrader"
    walk_forward: WalkForwardPlan | None = None
    monte_carlo: int = 2_000
    lead: int = 0  # bars at the start kept as warm-up only (never scored)
    runner_factory: Callable[[TrialSetup, Candles, int], TrialRunner] | None = None


ProgressFactory = Callable[[str, int], Progress]  # (label, trials) -> callback for one search


def optimise(
    req: OptimizeRequest, candles: Candles, progress: ProgressFactory | None = None
) -> dict[str, Any]:
    """Run the request on `candles`; the result is the JSON document (see `output`)."""
    evaluator = Evaluator(req.setup, candles)
    factory = req.runner_factory or make_runner
    runner = factory(req.setup, candles, req.jobs)
    identity = {
        "strategy": req.setup.strategy,
        "symbol": candles.symbol,
        "timeframe": candles.timeframe.value,
        "first_ms": int(candles.open_time[0]),
        "last_ms": int(candles.open_time[-1]),
        "bars": len(candles),
        "fee": req.setup.fee,
        "slippage_bps": req.setup.slippage_bps,
        "risk": req.setup.risk,
        "all_in": req.setup.all_in,
        "fixed_qty": req.setup.fixed_qty,
        "lead": req.setup.lead,
        "space": output.space_dict(req.space),
    }
    if req.setup.cost_multiple is not None:  # only when set: studies stored before it still resume
        identity["cost_multiple"] = req.setup.cost_multiple
    doc: dict[str, Any] = {
        "kind": "walk_forward" if req.walk_forward else "optimize",
        "strategy": req.setup.strategy,
        "symbol": candles.symbol,
        "timeframe": candles.timeframe.value,
        "setup": {
            "cash": req.setup.cash,
            "fee": req.setup.fee,
            "slippage_bps": req.setup.slippage_bps,
            "risk": req.setup.risk,
            "all_in": req.setup.all_in,
            "fixed_qty": req.setup.fixed_qty,
            "lead": req.setup.lead,
            "cost_multiple": req.setup.cost_multiple,  # None: the strategies' default
        },
        "objectives": [
            {"name": o.name, "metric": o.metric, "direction": o.direction, "label": o.label}
            for o in req.objectives
        ],
        "constraints": {
            "min_trades": req.constraints.min_trades,
            "max_drawdown": req.constraints.max_drawdown,
        },
        "space": output.space_dict(req.space),
        "seed": req.seed,
        "sampler": req.sampler,  # as asked; a search's resolved sampler is in doc["search"]["sampler"]
    }
    try:
        if req.walk_forward is None:
            doc.update(_plain_search(req, candles, evaluator, runner, identity, progress))
        else:
            doc.update(_walk_forward(req, candles, evaluator, runner, identity, progress))
    finally:
        runner.close()
    return doc


def _plain_search(
    req: OptimizeRequest,
    candles: Candles,
    evaluator: Evaluator,
    runner: TrialRunner,
    identity: dict[str, Any],
    progress: ProgressFactory | None,
) -> dict[str, Any]:
    window = Window(min(req.lead, len(candles) - 1), len(candles))
    search = run_search(
        req.space,
        req.objectives,
        runner,
        window,
        req.trials,
        req.sampler,
        req.seed,
        req.constraints,
        req.storage,
        req.study_name,
        identity,
        progress("search", req.trials) if progress else None,
    )
    chosen = search.best[0] if search.best else None
    out: dict[str, Any] = {
        "span": _span(candles, window),
        "search": output.search_dict(search),
    }
    fit = analysis.overfitting(search, chosen, len(window), candles.timeframe)
    runs: list[BacktestResult] = []  # the chosen run: the vol-targeted benchmark aims at its volatility
    if chosen is None:
        out["chosen"] = None
        mc = analysis.MonteCarlo(None, None, None)
        n_trades = None
    else:
        full, trade_returns = evaluator.full(req.space.params(chosen.params), window)
        out["chosen"] = {"params": plain(req.space.params(chosen.params)), **output.run_dict(full)}
        mc = analysis.monte_carlo(full, trade_returns, req.monte_carlo, req.seed)
        n_trades = len(full.trades)
        runs.append(full)
    bench = window_benchmarks(candles, window.start, window.end, req.setup.cash, req.setup.fee, runs)
    out.update(output.benchmarks_dict(bench))
    out["robustness"] = output.robustness_dict(fit, mc, analysis.warnings_for(fit, n_trades))
    return out


def _walk_forward(
    req: OptimizeRequest,
    candles: Candles,
    evaluator: Evaluator,
    runner: TrialRunner,
    identity: dict[str, Any],
    progress: ProgressFactory | None,
) -> dict[str, Any]:
    assert req.walk_forward is not None
    plan = req.walk_forward
    pairs = plan_windows(len(candles), plan, first=req.lead)
    wf = walk_forward(
        req.space,
        req.objectives,
        runner,
        evaluator,
        pairs,
        req.trials,
        req.sampler,
        req.seed,
        req.constraints,
        req.storage,
        req.study_name,
        identity,
        (lambda i: progress(f"window {i + 1}/{len(pairs)}", req.trials)) if progress else None,
    )
    fits = []
    windows = []
    for w in wf.windows:
        chosen = w.search.best[0] if w.search.best else None
        fit = analysis.overfitting(w.search, chosen, len(w.pair.train), candles.timeframe)
        fits.append(fit)
        test = w.pair.test
        bench = window_benchmarks(
            candles, test.start, test.end, req.setup.cash, req.setup.fee, [w.test] if w.test else []
        )
        windows.append(
            {
                "index": w.pair.index,
                "train": _span(candles, w.pair.train),
                "test": _span(candles, w.pair.test),
                "params": plain(w.params) if w.params else None,
                "in_sample": output.summary(w.in_sample) if w.in_sample else {},
                "out_of_sample": output.summary(w.out_of_sample),
                **output.window_benchmarks_dict(bench),
                "search": {
                    "trials": len(w.search.trials),
                    "evaluated": len(w.search.evaluated),
                    "elapsed_s": round(w.search.elapsed_s, 3),
                    "importance": w.search.importance,
                },
                "overfitting": analysis.to_dict(fit),
            }
        )
    stitched_bench = track_benchmarks(
        candles, [p.test for p in pairs], req.setup.cash, req.setup.fee, wf.stitched
    )
    import numpy as np

    parts = [w.trade_returns for w in wf.windows if w.trade_returns is not None and len(w.trade_returns)]
    trade_returns = np.concatenate(parts) if parts else np.empty(0)
    mc = analysis.monte_carlo(wf.stitched, trade_returns, req.monte_carlo, req.seed)
    elapsed = sum(w.search.elapsed_s for w in wf.windows)
    evaluated = sum(len(w.search.evaluated) for w in wf.windows)
    return {
        "span": _span(candles, Window(pairs[0].train.start, pairs[-1].test.end)),
        "walk_forward": {
            "plan": {"train": plan.train, "test": plan.test, "step": plan.step, "anchored": plan.anchored},
            "windows": windows,
            "efficiency": wf.efficiency,
            "stability": wf.stability,
            "stitched": output.run_dict(wf.stitched),
            "trials_per_minute": round(evaluated / elapsed * 60, 1) if elapsed > 0 else None,
        },
        **output.benchmarks_dict(stitched_bench),
        "robustness": output.robustness_dict(fits, mc, analysis.warnings_for(fits, len(wf.stitched.trades))),
    }


def _span(candles: Candles, w: Window) -> dict[str, int]:
    return {
        "start_ms": int(candles.open_time[w.start]),
        "end_ms": int(candles.open_time[w.end - 1]),
        "bars": len(w),
    }


def warmup_bound(strategy: str, space: ParamSpace, timeframe: Timeframe) -> int:
    """The most warm-up any point of the space needs: numbers at their high end, every choice tried."""
    import itertools

    from aitrader.backtest.inputs import build_strategy

    numeric = {
        d.name: int(d.high) if d.kind == "int" else d.high for d in space.dimensions if d.kind != "choice"
    }
    choices = [d for d in space.dimensions if d.kind == "choice"]
    warmups = [0]
    for combo in itertools.product(*(d.choices for d in choices)):
        point = {**numeric, **{d.name: v for d, v in zip(choices, combo, strict=True)}}
        for candidate in (space.params(point), dict(space.fixed)):
            try:
                warmups.append(int(build_strategy(strategy, candidate, timeframe).warmup))
            except ValueError:  # the high corner may break a cross-field rule; the fixed values cannot
                continue
    return max(warmups)
