"""Walk-forward out-of-sample figures of every built-in strategy on the real BTCUSDT 1h sample.

    uv run python scripts/walk_forward_builtins.py [--trials 100] [--out var/wf-builtins]

Design fixed before looking at any result: train 365 days, test 90 days, step 90 days, 100 TPE
trials per window over each strategy's default (hinted) space, objective Sharpe, at least 10
trades, default fee 0.1% and the default risk gate (1% per trade), seed 0, one job (reproducible);
a position open at a test window's end is sold there, fee paid (as `aitrader optimize` does).
The most recent 25% of the series is the held-back part: its test windows are reported on their
own, once, next to buy-and-hold over the same bars; nothing was chosen by looking at it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def main() -> None:
    from aitrader.backtest.benchmark import buy_and_hold
    from aitrader.backtest.metrics import compute_metrics
    from aitrader.data import load_sample
    from aitrader.domain import Timeframe
    from aitrader.domain.timeframe import format_ms
    from aitrader.optimize import analysis
    from aitrader.optimize.evaluate import Evaluator, TrialSetup
    from aitrader.optimize.objectives import Constraints, parse_objectives
    from aitrader.optimize.pool import LocalRunner
    from aitrader.optimize.space import build_space
    from aitrader.optimize.study import warmup_bound
    from aitrader.optimize.tables import fmt
    from aitrader.optimize.walk_forward import WalkForwardPlan, efficiency, plan_windows, stitch, walk_forward
    from aitrader.strategies.registry import REGISTRY

    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--strategies", default=",".join(REGISTRY))
    ap.add_argument("--out", type=Path, default=Path("var/wf-builtins.json"))
    args = ap.parse_args()
    console = Console()
    candles = load_sample("BTCUSDT", "1h")
    tf = Timeframe.H1
    cut_ms = int(candles.open_time[int(len(candles) * 0.75)])
    console.print(
        f"held back: test windows from {format_ms(cut_ms)} on (the last 25% of {len(candles):,} bars)"
    )
    day = 24
    plan = WalkForwardPlan(365 * day, 90 * day, 90 * day)
    table = Table(title="walk-forward out of sample, BTCUSDT 1h (train 365d, test 90d)", title_justify="left")
    for col in (
        "strategy",
        "part",
        "test span",
        "Sharpe",
        "Sortino",
        "return",
        "max DD",
        "exposure",
        "trades",
        "B&H Sharpe",
        "B&H Sortino",
        "B&H return",
        "B&H max DD",
        "WFE",
        "PBO",
        "DSR",
    ):
        table.add_column(col, justify="right", overflow="fold")
    rows: list[dict[str, Any]] = []
    for name in args.strategies.split(","):
        model = REGISTRY[name].params_model
        space = build_space(model)
        lead = warmup_bound(name, space, tf)  # as `aitrader optimize` takes it
        setup = TrialSetup(name, tf, lead=lead)
        evaluator = Evaluator(setup, candles)
        pairs = plan_windows(len(candles), plan, first=lead)
        wf = walk_forward(
            space,
            parse_objectives("sharpe"),
            LocalRunner(setup, candles),
            evaluator,
            pairs,
            args.trials,
            "tpe",
            0,
            Constraints(10),
        )
        for part, held in (("development", False), ("held back", True)):
            windows = [w for w in wf.windows if (int(candles.open_time[w.pair.test.start]) >= cut_ms) == held]
            stitched = stitch([w.test for w in windows if w.test is not None])
            m = compute_metrics(stitched)
            span = candles.slice(windows[0].pair.test.start, windows[-1].pair.test.end)
            bench = compute_metrics(buy_and_hold(span, setup.cash, setup.fee))
            fits = [
                analysis.overfitting(
                    w.search, w.search.best[0] if w.search.best else None, len(w.pair.train), tf
                )
                for w in windows
            ]
            pbos = [f.pbo.pbo for f in fits if f.pbo is not None]
            dsrs = [f.dsr.probability for f in fits if f.dsr is not None]
            wfe = efficiency(windows, stitched)
            row = {
                "strategy": name,
                "part": part,
                "windows": len(windows),
                "start": format_ms(int(span.open_time[0]))[:10],
                "end": format_ms(int(span.open_time[-1]))[:10],
                "sharpe": m.sharpe,
                "sortino": m.sortino,
                "return": m.total_return,
                "max_dd": m.max_drawdown,
                "exposure": m.exposure,
                "trades": m.n_trades,
                "bh_sharpe": bench.sharpe,
                "bh_sortino": bench.sortino,
                "bh_return": bench.total_return,
                "bh_max_dd": bench.max_drawdown,
                "wfe": wfe,
                "pbo": sum(pbos) / len(pbos) if pbos else None,
                "dsr": sum(dsrs) / len(dsrs) if dsrs else None,
                "params": [w.params for w in windows],
            }
            rows.append(row)
            table.add_row(
                name,
                part,
                f"{row['start']} .. {row['end']} ({len(windows)})",
                fmt(m.sharpe, "{:.2f}"),
                fmt(m.sortino, "{:.2f}"),
                fmt(m.total_return, "{:+.1%}"),
                fmt(m.max_drawdown, "{:.1%}"),
                fmt(m.exposure, "{:.0%}"),
                f"{m.n_trades}",
                fmt(bench.sharpe, "{:.2f}"),
                fmt(bench.sortino, "{:.2f}"),
                fmt(bench.total_return, "{:+.1%}"),
                fmt(bench.max_drawdown, "{:.1%}"),
                fmt(wfe, "{:.2f}"),
                fmt(row["pbo"], "{:.2f}"),
                fmt(row["dsr"], "{:.2f}"),
            )
        console.print(f"{name}: done ({sum(len(w.search.evaluated) for w in wf.windows):,} trials)")
    console.print(table)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=1, default=str))


if __name__ == "__main__":
    main()
