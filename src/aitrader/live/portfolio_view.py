"""The portfolio part of the live view: one row per symbol (last price, position, protection,
unrealised P&L, the gate's last verdict) and the account against the gate's portfolio limits
(equity, open positions n/max, total exposure vs its cap) with the latest rejections, code and
sentence, as the kernel's bus told them (`candle_log.CandleLog` keeps them). A universe run also
shows its rule and its members; a symbol that left it is marked "(out: exits only)"."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table

from aitrader.live.state import LiveState


def _plain_number(d: Decimal) -> str:
    """28163.22000000 -> 28163.22 (no exponent)."""
    return format(d.normalize(), "f") if d else "-"


def exposure_line(state: LiveState) -> str:
    limits = state.limits
    share = float(limits.exposure / state.equity) if state.equity > 0 else 0.0
    cap = f" (max {limits.max_total_exposure:.0%})" if limits.max_total_exposure else ""
    return f"total exposure {limits.exposure:.2f} = {share:.1%} of equity{cap}"


def portfolio_lines(state: LiveState) -> list[str]:
    """The portfolio block as plain lines (the view and the summary)."""
    limits = state.limits
    most = f"/{limits.max_open_positions}" if limits.max_open_positions else ""
    color = "green" if state.pnl >= 0 else "red"
    lines = [
        f"[bold]equity[/] {state.equity:.2f} ([{color}]{state.pnl:+.2f}[/]) · open positions "
        f"{limits.open_positions}{most} · {exposure_line(state)}",
    ]
    if state.universe:
        lines.append(f"[bold]universe[/] {escape(universe_line(state))}")
    return lines


def universe_line(state: LiveState) -> str:
    """A universe run's rule and members (and the symbols still traded outside it, exits only)."""
    out = [s for s in state.symbols if s not in state.members]
    left = f" · out of it (exits only): {', '.join(out)}" if out else ""
    return f"{state.universe} · members {', '.join(state.members) or 'none'}{left}"


def render_portfolio(state: LiveState) -> RenderableType:
    rows = Table(
        "symbol", "last", "position", "protection", "unrealised", "last verdict", expand=True, box=None
    )
    for r in state.rows.values():
        status = {"protected": "[green]protected[/]", "NAKED": "[red bold]NAKED[/]"}.get(r.status, "-")
        pnl = (
            f"[{'green' if r.unrealised >= 0 else 'red'}]{r.unrealised:+.2f}[/]"
            if r.position != "flat"
            else "-"
        )
        position = r.position.split(" (unrealised")[0]
        name = (
            f"{r.symbol} [dim](out: exits only)[/]"
            if state.universe and r.symbol not in state.members
            else r.symbol
        )
        rows.add_row(name, _plain_number(r.price), escape(position), status, pnl, escape(r.verdict[:60]))
    rejected = Table.grid()
    for line in list(state.rejected)[-5:] or ["-"]:
        rejected.add_row(f"[yellow]{escape(line)}[/]" if line != "-" else "-")
    head = Table.grid()
    for line in portfolio_lines(state):
        head.add_row(line)
    head.add_row("[bold]latest rejections[/]")
    return Group(rows, head, rejected)
