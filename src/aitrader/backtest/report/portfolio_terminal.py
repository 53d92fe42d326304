"""Rich terminal summary of a portfolio backtest: the account beside the equal-weight basket and
the equal-weight basket of volatility-targeted buy-and-holds, one line per symbol (what it added to
the account) and the risk gate's rejections.

Cells are never cut: long cells (a rejection's sentence) fold onto further lines.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report.format import money, pct, price, ratio
from aitrader.backtest.report.portfolio_figures import (
    SYMBOL_COLUMNS,
    Cell,
    PortfolioFigures,
    portfolio_figures,
    portfolio_title,
    symbol_cells,
    total_cells,
)
from aitrader.backtest.report.terminal import WIDE, comparison_table

_STYLE = {1: "green", -1: "red", 0: ""}
COMPACT = ("symbol", "trades", "P&L", "share", "max DD %", "buy & hold", "vol-target B&H")  # 80 columns
VOL_BASKET = "vol-target basket"


def headline_table(result: PortfolioResult, figures: PortfolioFigures) -> Table:
    """The account's headline figures beside both baskets' (the best in bold), then its trades."""
    table = comparison_table(
        figures.metrics,
        figures.basket,
        figures.vol_basket,
        figures.target,
        heading=portfolio_title(result),
        names=("portfolio", "equal-weight basket", VOL_BASKET),
        held="of each symbol's equal share in it",
    )
    m = figures.metrics
    table.add_row("Won / lost", f"{m.n_wins:,} / {m.n_losses:,}", "", "")
    table.add_row("Win rate", pct(m.win_rate, 1), "", "")
    table.add_row("Profit factor", ratio(m.profit_factor), "", "")
    table.add_row("Entries refused", f"{figures.rejected:,}", "", "")
    return table


def _text(c: Cell) -> Text:
    return Text(c.text, style=_STYLE[c.sign])


def symbols_table(result: PortfolioResult, figures: PortfolioFigures, compact: bool = False) -> Table:
    """One line per symbol (`SYMBOL_COLUMNS`), the account's ("all") last; `compact` keeps the
    columns that fit an 80-column console."""
    keep = [not compact or name in COMPACT for name, _ in SYMBOL_COLUMNS]
    table = Table(
        title="Per symbol (P&L: what each added to the account)", title_style="bold", padding=(0, 1)
    )
    for k, (name, _) in enumerate(SYMBOL_COLUMNS):
        if keep[k]:
            table.add_column(name, justify="left" if k == 0 else "right", overflow="fold")

    def cells(row: list[Cell]) -> list[Text]:
        return [_text(c) for c, kept in zip(row, keep, strict=True) if kept]

    for row in figures.symbols:
        table.add_row(*cells(symbol_cells(row)))
    table.add_section()
    table.add_row(*cells(total_cells(figures, result.account)), style="bold")
    return table


def rejections_table(figures: PortfolioFigures) -> Table:
    """The gate's refusals: symbol, code, count and the last sentence it gave."""
    table = Table(
        title=f"Entries refused by the risk gate ({figures.rejected:,})", title_style="bold", padding=(0, 1)
    )
    table.add_column("symbol", overflow="fold")
    table.add_column("code", overflow="fold")
    table.add_column("count", justify="right", overflow="fold")
    table.add_column("example", overflow="fold", ratio=1, min_width=20)
    for r in figures.rejections:
        table.add_row(r.symbol, r.code, f"{r.count:,}", r.example)
    return table


def print_portfolio_summary(result: PortfolioResult, console: Console | None = None) -> None:
    """Print the account vs the basket, the per-symbol table and the rejections to `console`
    (stdout if None)."""
    out = console if console is not None else Console()
    figures = portfolio_figures(result)
    compact = out.width < WIDE
    parts: list[RenderableType] = [headline_table(result, figures), symbols_table(result, figures, compact)]
    parts.append(rejections_table(figures) if figures.rejections else Text("The risk gate refused no entry."))
    held: dict[str, float] = result.account.params.get("open_positions") or {}
    for s, qty in held.items():
        own = result.per_symbol.get(s)
        close = float(own.candles.close[-1]) if own is not None and len(own.candles) else None
        parts.append(
            Text(
                f"Open at the end: {s} {float(qty):.6g} marked at its last close {price(close)} "
                f"(worth {money(abs(float(qty)) * close) if close is not None else '—'}).",
                style="magenta",
            )
        )
    out.print(Group(*parts))
