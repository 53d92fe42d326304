"""What `aitrader universe` prints: the ranked symbols, the runners-up, and why the others are out.

Symbols of another quote asset and symbols the venue does not trade (status BREAK, HALT) are many
on Binance (over a thousand): by default they are only counted under the table; `everything=True`
lists them too. Columns are as wide as their widest cell (print with `crop=False`); rich is imported
inside the functions.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from aitrader.universe.rank import Selection

RUNNERS_UP = 5  # ranked symbols shown below the top N
_QUIET = ("quote asset ", "status ")  # reasons counted, not listed, unless everything=True


def _volume(v: float | None) -> str:
    return "-" if v is None else f"{v:,.0f}"


def _range(v: float | None) -> str:
    return "-" if v is None else f"{v * 100:.2f}%"


def _quiet(why: str) -> bool:
    return why.startswith(_QUIET)


def universe_rows(selection: Selection, everything: bool = False) -> list[list[str]]:
    """[rank, symbol, 24h quote volume, 24h range, status] for the table, best first."""
    rule = selection.rule
    rows: list[list[str]] = []
    for r in selection.ranked:
        if not r.selected and r.rank > rule.top + RUNNERS_UP and not everything:
            continue
        status = "in universe" if r.selected else f"ranked below top {rule.top}"
        rows.append([str(r.rank), r.symbol, _volume(r.quote_volume), _range(r.volatility), status])
    for symbol, why in selection.excluded.items():
        if _quiet(why) and not everything:
            continue
        s = selection.stats.get(symbol)
        volume, spread = (s.quote_volume, s.volatility) if s is not None else (None, None)
        rows.append(["-", symbol, _volume(volume), _range(spread), f"out: {why}"])
    return rows


def universe_table(selection: Selection, everything: bool = False) -> Any:
    """The rich table of `universe_rows`, titled with the rule."""
    from rich.table import Table

    header = ("rank", "symbol", "24h quote volume", "24h range (high-low)/last", "universe")
    rows = universe_rows(selection, everything)
    table = Table(title=f"Universe: {selection.rule.describe()}")
    for j, col in enumerate(header):
        width = max([len(col)] + [len(r[j]) for r in rows])
        table.add_column(col, justify="right" if j in (0, 2, 3) else "left", no_wrap=True, min_width=width)
    for r in rows:
        table.add_row(*r)
    return table


def hidden_line(selection: Selection, everything: bool = False) -> str | None:
    """The line under the table counting what it leaves out (--all lists them), or None."""
    ranked_hidden = sum(1 for r in selection.ranked if not r.selected) - RUNNERS_UP
    counts = Counter(
        "of other quote assets" if why.startswith("quote asset ") else "not trading"
        for why in selection.excluded.values()
        if _quiet(why)
    )
    parts = [f"{n:,} {what}" for what, n in sorted(counts.items())]
    if ranked_hidden > 0:
        parts.insert(0, f"{ranked_hidden:,} more ranked symbols")
    if everything or not parts:
        return None
    return f"not listed: {', '.join(parts)} (--all lists them)"
