"""Tables of the research protocol's results: rich for the terminal, Markdown for docs/research.md.

Both are built from the same rows (`Grid`: a header and rows of already formatted cells), so the
figures a reader sees in the terminal and in the docs cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.table import Table

from aitrader.backtest.metrics import Metrics
from aitrader.research.final import Final
from aitrader.research.runs import Measured
from aitrader.research.selection import DesignPhase, daily_sharpe


@dataclass(frozen=True)
class Grid:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]

    def rich(self) -> Table:
        table = Table(title=self.title)
        for i, col in enumerate(self.header):
            table.add_column(col, justify="left" if i < 2 else "right")
        for row in self.rows:
            table.add_row(*row)
        return table

    def markdown(self) -> str:
        head = "| " + " | ".join(self.header) + " |"
        rule = "|" + "|".join("---" if i < 2 else "---:" for i in range(len(self.header))) + "|"
        body = ["| " + " | ".join(r) + " |" for r in self.rows]
        return "\n".join([f"**{self.title}**", "", head, rule, *body])


def pct(x: float | None) -> str:
    return "-" if x is None or not np.isfinite(x) else f"{x:+.1%}"


def num(x: float | None) -> str:
    return "-" if x is None or not np.isfinite(x) else f"{x:.2f}"


def _med(xs: Sequence[float | None]) -> float | None:
    vals = [x for x in xs if x is not None and np.isfinite(x)]
    return float(np.median(vals)) if vals else None


def _beats_hold(m: Measured) -> bool:
    """A higher Sharpe than buy-and-hold over the same bars."""
    return m.hold is not None and (m.metrics.sharpe or 0.0) > (m.hold.sharpe or 0.0)


def _median_cells(ms: Sequence[Measured]) -> tuple[str, ...]:
    """Across runs: median Sortino, max drawdown, return and exposure, summed trades, the two
    benchmarks' median Sharpe, and how many runs beat buy-and-hold's Sharpe."""
    return (
        num(_med([m.metrics.sortino for m in ms])),
        pct(_med([m.metrics.max_drawdown for m in ms])),
        pct(_med([m.metrics.total_return for m in ms])),
        pct(_med([m.metrics.exposure for m in ms])),
        f"{sum(m.metrics.n_trades for m in ms):,}",
        num(_med([None if m.hold is None else m.hold.sharpe for m in ms])),
        num(_med([None if m.vol_hold is None else m.vol_hold.sharpe for m in ms])),
        f"{sum(1 for m in ms if _beats_hold(m))}/{len(ms)}",
    )


def design_grid(phase: DesignPhase) -> Grid:
    header = (
        "design", "rank", "Sharpe (daily, median)", "Sortino", "max DD", "return", "exposure", "trades (sum)",
        "B&H Sharpe", "vol B&H Sharpe", "beats B&H Sharpe",
    )  # fmt: skip
    ranked = sorted(phase.designs, key=lambda d: -phase.scores[d.id])
    rows = []
    for rank, d in enumerate(ranked, 1):
        ms = [s.runs[d.id] for s in phase.series]
        rows.append((d.id, str(rank), num(phase.scores[d.id]), *_median_cells(ms)))
    return Grid(
        f"Design parts: {len(phase.designs)} designs on {len(phase.series)} series (medians)", header, rows
    )


def walk_forward_grid(phase: DesignPhase) -> Grid:
    header = ("quarter", "chosen on the quarters before", "its Sharpe", "rank", "median design")
    rows = [
        (
            str(f.fold + 1),
            f.chosen,
            num(f.chosen_sharpe),
            f"{f.rank}/{len(phase.designs)}",
            num(f.median_design_sharpe),
        )
        for f in phase.walk_forward()
    ]
    return Grid("Walk-forward of the choice (design parts in quarters, median across series)", header, rows)


def _metric_cells(m: Metrics | None) -> tuple[str, ...]:
    if m is None:
        return ("-",) * 6
    return (
        pct(m.total_return),
        num(m.sharpe),
        num(m.sortino),
        pct(m.max_drawdown),
        pct(m.exposure),
        f"{m.n_trades:,}",
    )


def final_grid(final: Final) -> Grid:
    header = (
        "series", "who", "return", "Sharpe", "Sortino", "max DD", "exposure", "trades",
    )  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for label, m in final.runs.items():
        rows.append((label, final.design.id, *_metric_cells(m.metrics)))
        rows.append(("", "buy & hold", *_metric_cells(m.hold)))
        rows.append(("", "vol-target B&H", *_metric_cells(m.vol_hold)))
    p = final.portfolio
    if p is not None:
        rows.append((f"portfolio ({len(p.symbols)})", final.design.id, *_metric_cells(p.metrics)))
        rows.append(("", "basket B&H", *_metric_cells(p.hold)))
        rows.append(("", "vol-target basket B&H", *_metric_cells(p.vol_hold)))
    return Grid(f"Held-back parts: {final.design.id}", header, rows)


def final_summary(final: Final) -> list[str]:
    """Plain lines: how many series reach the issue's goal, and the deflated Sharpe."""
    ms = list(final.runs.values())
    goal = [
        label
        for label, m in final.runs.items()
        if (m.metrics.sharpe or 0.0) > 1.5 and m.metrics.max_drawdown < 0.15 and _beats_hold(m)
    ]
    better = sum(1 for m in ms if _beats_hold(m))
    lines = [
        f"Sharpe > 1.5, max drawdown < 15% and a higher Sharpe than buy-and-hold: {len(goal)} of {len(ms)} series"
        + (f" ({', '.join(goal)})" if goal else ""),
        f"Higher Sharpe than buy-and-hold: {better} of {len(ms)} series; "
        f"median Sharpe {num(_med([m.metrics.sharpe for m in ms]))} vs buy-and-hold "
        f"{num(_med([None if m.hold is None else m.hold.sharpe for m in ms]))}",
    ]
    d = final.deflated
    if d is not None:
        lines.append(
            f"Deflated Sharpe (series end to end, {d.n_obs:,} days, against {d.n_trials} designs): "
            f"probability the Sharpe {d.sharpe_annual:.2f} is real = {d.probability:.1%}"
        )
    else:
        lines.append(f"Deflated Sharpe: not defined ({final.deflated_error})")
    pooled = final.pooled_returns()
    lines.append(f"Pooled daily Sharpe on the held-back parts: {num(daily_sharpe(pooled))}")
    return lines


def strategies_grid(finals: Sequence[Final]) -> Grid:
    """One line per design looked at: medians across the held-back series, and how many series
    beat buy-and-hold's Sharpe and reach the issue's goal (Sharpe > 1.5, max drawdown < 15%)."""
    header = (
        "design", "role", "Sharpe", "Sortino", "max DD", "return", "exposure", "trades (sum)",
        "B&H Sharpe", "vol B&H Sharpe", "beats B&H Sharpe", "Sharpe > 1.5, DD < 15%",
    )  # fmt: skip
    rows = []
    for i, f in enumerate(finals):
        ms = list(f.runs.values())
        goal = sum(1 for m in ms if (m.metrics.sharpe or 0.0) > 1.5 and m.metrics.max_drawdown < 0.15)
        role = "chosen" if i == 0 else "best of its strategy"
        sharpe = num(_med([m.metrics.sharpe for m in ms]))
        rows.append((f.design.id, role, sharpe, *_median_cells(ms), f"{goal}/{len(ms)}"))
    return Grid(f"Held-back parts, per strategy (medians across {len(finals[0].runs)} series)", header, rows)
