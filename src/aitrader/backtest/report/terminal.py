"""Rich terminal summary of a backtest: a metrics table and the last trades."""

from __future__ import annotations

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.format import (
    duration,
    metric_rows,
    money,
    pct,
    price,
    short_time,
    title,
)
from aitrader.backtest.result import BacktestResult, TradeRecord

_STYLE = {1: "green", -1: "red", 0: ""}


def metrics_table(result: BacktestResult, metrics: Metrics) -> Table:
    """Metrics in two side-by-side column pairs (returns and risk | trades and run)."""
    table = Table(title=title(result), title_style="bold", show_header=False, expand=False, padding=(0, 1))
    for _ in range(2):
        table.add_column(style="dim", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
    rows = metric_rows(result, metrics)
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


def trades_table(trades: list[TradeRecord], last: int = 10) -> Table:
    """The last `last` trades, newest at the bottom."""
    shown = trades[-last:] if last > 0 else []
    first_no = len(trades) - len(shown) + 1
    table = Table(
        title=f"Last {len(shown):,} of {len(trades):,} trades" if trades else "No trades",
        title_style="bold",
        expand=False,
        padding=(0, 1),
    )
    for name, justify in (
        ("#", "right"),
        ("side", "left"),
        ("entry (UTC)", "left"),
        ("entry", "right"),
        ("exit", "right"),
        ("qty", "right"),
        ("P&L", "right"),
        ("return", "right"),
        ("held", "right"),
        ("exit reason", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for k, t in enumerate(shown):
        style = "green" if t.pnl > 0 else "red" if t.pnl < 0 else ""
        table.add_row(
            str(first_no + k),
            t.side.value,
            short_time(t.entry_time),
            price(t.entry_price),
            price(t.exit_price),
            f"{t.quantity:.6g}",
            Text(money(t.pnl), style=style),
            Text(pct(t.return_pct), style=style),
            duration(t.duration_ms),
            t.exit_reason,
        )
    return table


def print_summary(
    result: BacktestResult, metrics: Metrics, console: Console | None = None, last_trades: int = 10
) -> None:
    """Print the metrics table and the last `last_trades` trades to `console` (stdout if None)."""
    out = console if console is not None else Console()
    parts: list[Table | Text] = [metrics_table(result, metrics)]
    if last_trades > 0:
        parts.append(trades_table(result.trades, last_trades) if result.trades else Text("No trades."))
    out.print(Group(*parts))
