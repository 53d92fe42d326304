"""Rich terminal summary of a backtest: the metrics, the strategy beside buy-and-hold and the
volatility-targeted buy-and-hold, and the last exits.

Cells are never cut: on a console narrower than `WIDE` columns the metrics stack in one label/value
pair instead of two, and long cells fold onto a second line.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.compare import HOLD_NAME, VOL_NAME, benchmarks_for, compared_rows
from aitrader.backtest.report.format import (
    MISSING,
    duration,
    metric_rows,
    money,
    pct,
    price,
    short_time,
    title,
)
from aitrader.backtest.report.legs import ExitRow, exit_rows
from aitrader.backtest.result import BacktestResult

_STYLE = {1: "green", -1: "red", 0: ""}
WIDE = 100


def metrics_table(result: BacktestResult, metrics: Metrics, pairs: int = 2) -> Table:
    """Metrics in `pairs` side-by-side label/value column pairs (returns and risk | trades and run)."""
    table = Table(title=title(result), title_style="bold", show_header=False, expand=False, padding=(0, 1))
    for _ in range(pairs):
        table.add_column(style="dim", overflow="fold")
        table.add_column(justify="right", overflow="fold")
    rows = metric_rows(result, metrics)
    if pairs == 1:
        for row in rows:
            table.add_row(row.label, Text(row.text, style=_STYLE[row.sign]))
        return table
    left = [r for r in rows if r.section in ("Returns", "Risk")]
    right = [r for r in rows if r.section in ("Trades", "Run")]
    for i in range(max(len(left), len(right))):
        cells: list[str | Text] = []
        for side in (left, right):
            if i < len(side):
                row = side[i]
                cells += [row.label, Text(row.text, style=_STYLE[row.sign])]
            else:
                cells += ["", ""]
        table.add_row(*cells)
    return table


def comparison_table(
    metrics: Metrics,
    benchmark: Metrics | None,
    vol_target: Metrics | None = None,
    target: float | None = None,
    heading: str = "Strategy vs buy & hold",
    names: tuple[str, str, str] = ("strategy", HOLD_NAME, VOL_NAME),
    held: str = "of the account",
) -> Table:
    """The strategy beside buy-and-hold and the volatility-targeted buy-and-hold over the same
    measured bars (the best of each row in bold); `target`: the latter's volatility target, `held`
    what its weight is a share of (the caption)."""
    caption = None
    if target is not None:
        caption = (
            f"{names[2]}: holds min(1, {pct(target, 1)} / 30-day volatility) {held}, "
            "rebalanced daily past a 10-point drift"
        )
    table = Table(title=heading, title_style="bold", caption=caption, expand=False, padding=(0, 1))
    table.add_column("", style="dim", overflow="fold")
    for name in names:
        table.add_column(name, justify="right", overflow="fold")
    for r in compared_rows(metrics, benchmark, vol_target):
        texts = (r.strategy_text, r.benchmark_text or MISSING, r.vol_target_text or MISSING)
        table.add_row(r.label, *(Text(t, style="bold" if r.best == i else "") for i, t in enumerate(texts)))
    return table


# (header, justify, in the compact table for a narrow console)
_TRADE_COLUMNS = (
    ("#", "right", True),
    ("exit", "right", True),
    ("side", "left", False),
    ("entry (UTC)", "left", False),
    ("entry", "right", True),
    ("exit price", "right", True),
    ("qty", "right", False),
    ("P&L", "right", True),
    ("return", "right", True),
    ("held", "right", False),
    ("exit reason", "left", True),
)


def trades_table(rows: list[ExitRow], n_trades: int, last: int = 10, compact: bool = False) -> Table:
    """The last `last` exits (one row per exit fill), newest at the bottom; `compact` keeps the
    columns that fit an 80-column console."""
    shown = rows[-last:] if last > 0 else []
    table = Table(
        title=f"Last {len(shown):,} of {len(rows):,} exits ({n_trades:,} trades)" if rows else "No trades",
        title_style="bold",
        expand=False,
        padding=(0, 1),
    )
    keep = [not compact or in_compact for _, _, in_compact in _TRADE_COLUMNS]
    for (name, justify, _), kept in zip(_TRADE_COLUMNS, keep, strict=True):
        if kept:
            table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in shown:
        style = "green" if r.pnl > 0 else "red" if r.pnl < 0 else ""
        reason = "open (marked, exit fee deducted)" if not compact else "open*"
        cells: list[str | Text] = [
            str(r.no),
            f"{r.leg}/{r.legs}",
            r.side.value,
            short_time(r.trade.entry_time),
            price(r.trade.entry_price),
            price(r.exit_price),
            f"{r.qty:.6g}",
            Text(money(r.pnl), style=style),
            Text(pct(r.return_pct), style=style),
            duration(r.duration_ms),
            Text(reason, style="magenta") if r.is_open else r.reason,
        ]
        table.add_row(*[c for c, kept in zip(cells, keep, strict=True) if kept])
    return table


def print_summary(
    result: BacktestResult, metrics: Metrics, console: Console | None = None, last_trades: int = 10
) -> None:
    """Print the metrics, the strategy beside both benchmarks and the last `last_trades` exits to
    `console` (stdout if None)."""
    out = console if console is not None else Console()
    pairs = 2 if out.width >= WIDE else 1
    bench = benchmarks_for(result)
    parts: list[RenderableType] = [
        metrics_table(result, metrics, pairs),
        comparison_table(metrics, bench.hold_metrics, bench.vol_metrics, bench.target),
    ]
    rows = exit_rows(result)
    if last_trades > 0:
        table = trades_table(rows, metrics.n_trades, last_trades, compact=out.width < WIDE)
        parts.append(table if rows else Text("No trades."))
    opened = [r for r in rows if r.is_open]
    if opened:
        r = opened[-1]
        parts.append(
            Text(
                ("* " if out.width < WIDE else "")
                + f"Open at the end: #{r.no} {r.side.value} {r.qty:.6g} valued at the last close "
                f"{price(r.exit_price)} net of its exit fee: P&L {money(r.pnl)}; counted in the "
                "trade statistics above.",
                style="magenta",
            )
        )
    out.print(Group(*parts))
