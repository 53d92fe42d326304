"""The tables of `aitrader decide --symbols`: the portfolio's account as the gate saw it (equity,
open positions with their share of equity, total exposure against the limit) and, per symbol, the
proposal, the verdict, the rejection code and sentence, and the correlations the gate used."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console

    from aitrader.cli.decide_portfolio import Moment, Review
    from aitrader.domain.proposal import Proposal
    from aitrader.engine.kernel import Kernel
    from aitrader.risk.account import AccountState


def limits_line(config: Any) -> str:
    """The gate's portfolio limits in one line ('' without a RiskGate config)."""
    if config is None:
        return ""
    return (
        f"limits: {config.max_open_positions} open positions, {config.max_total_exposure:.0%} of equity "
        f"in all, {config.max_symbol_exposure:.0%} in one symbol; symbols whose returns correlate above "
        f"{config.max_correlation:.2f} (over {config.correlation_window} bars) hold at most "
        f"{config.max_correlated_exposure:.0%} of equity together"
    )


def marks_at(kernel: Kernel, step: int) -> dict[str, float]:
    """Each symbol's close at grid step `step` (carried over steps where it has no bar)."""
    account = kernel.portfolio_account
    marks = account.marks_at(step) if account is not None else {}
    return {s: v for s, v in marks.items() if not math.isnan(v)}


def exposure(account: AccountState, marks: dict[str, float]) -> dict[str, float]:
    """Each open position's notional at the marks (its entry price where there is no mark)."""
    return {p.symbol: float(p.qty) * marks.get(p.symbol, float(p.entry_price)) for p in account.positions}


def show_account(console: Console, account: AccountState, marks: dict[str, float], config: Any) -> None:
    from rich.table import Table

    equity = float(account.equity)
    notional = exposure(account, marks)
    total = sum(notional.values())
    share = total / equity if equity > 0 else 0.0
    table = Table(title="Account (as the gate saw it)", show_header=False, title_justify="left")
    table.add_column("item", style="cyan")
    table.add_column("value", overflow="fold")
    table.add_row("equity", f"{equity:,.2f}")
    table.add_row("free cash", f"{float(account.free_quote):,.2f}")
    cap = f" (max {config.max_open_positions})" if config is not None else ""
    table.add_row("open positions", f"{len(account.positions)}{cap}")
    cap = f" (max {config.max_total_exposure:.0%})" if config is not None else ""
    table.add_row("total exposure", f"{total:,.2f} = {share:.1%} of equity{cap}")
    if account.peak_equity:
        drawdown = 1.0 - equity / float(account.peak_equity) if float(account.peak_equity) > 0 else 0.0
        cap = f" (halt at {config.max_drawdown:.0%})" if config is not None else ""
        table.add_row("drawdown from peak", f"{max(drawdown, 0.0):.1%}{cap}")
    if account.consecutive_losses:
        table.add_row("losses in a row", str(account.consecutive_losses))
    console.print(table)
    if not account.positions:
        console.print("[dim]No open position.[/dim]")
        return
    held = Table(title="Open positions", title_justify="left")
    held.add_column("symbol", no_wrap=True)
    held.add_column("side", no_wrap=True)
    for col in ("quantity", "entry", "mark", "stop", "notional", "share of equity"):
        held.add_column(col, justify="right", no_wrap=True)
    for p in account.positions:
        mark = marks.get(p.symbol)
        held.add_row(
            p.symbol,
            "long" if p.is_long else "short",
            f"{p.qty.normalize()}",
            f"{float(p.entry_price):,.4g}" if p.entry_price < 1 else f"{float(p.entry_price):,.2f}",
            "-" if mark is None else f"{mark:,.2f}",
            f"{float(p.stop):,.2f}" if p.stop else "-",
            f"{notional[p.symbol]:,.2f}",
            f"{notional[p.symbol] / equity:.1%}" if equity > 0 else "-",
        )
    console.print(held)


def proposal_text(p: Proposal) -> str:
    from aitrader.domain.proposal import Adjust, Enter, Exit

    if isinstance(p, Enter):
        side = "LONG" if p.side.value == "BUY" else "SHORT"
        away = abs(p.price - p.stop) / p.price if p.price else 0.0
        return f"ENTER {side} at {p.price:,.2f}, stop {p.stop:,.2f} ({away:.2%} away)"
    if isinstance(p, Exit):
        return f"EXIT {p.fraction:.0%}"
    assert isinstance(p, Adjust)
    return f"ADJUST ({p.kind.value})"


def verdict_cells(r: Review) -> tuple[str, str, str]:
    """(verdict, code, reason) of a review."""
    from rich.markup import escape

    from aitrader.domain.plan import Rejection

    v = r.verdict
    if isinstance(v, Rejection):
        return "[bold red]REJECTED[/]", v.code.value, escape(v.message)
    equity = r.account.equity if r.account is not None else Decimal(0)
    share = f" = {v.notional / equity:.1%} of equity" if equity > 0 else ""
    return (
        "[bold green]APPROVED[/]",
        "",
        f"{v.kind.value} plan: quantity {v.quantity.normalize()}, notional {v.notional:,.2f}{share}, "
        f"risk {v.risk_quote:,.2f} ({v.risk_fraction:.2%})",
    )


def correlations_text(r: Review) -> str:
    found = r.account.correlations if r.account is not None else {}
    return ", ".join(f"{s} {c:+.2f}" for s, c in sorted(found.items(), key=lambda kv: -abs(kv[1]))) or "-"


def show_decisions(
    console: Console, kernel: Kernel, moment: Moment, step: int, said: Mapping[str, str] | None = None
) -> None:
    """One row per proposal of `moment`, and a row for each symbol that proposed nothing there;
    then what each agent concluded there (`said`: symbol -> "decider: verdict")."""
    from rich.table import Table

    from aitrader.domain.timeframe import format_ms
    from aitrader.engine.merged_run import grid_of

    grid = grid_of(kernel)
    dur = kernel.strategy.timeframe.duration_ms
    marks = marks_at(kernel, step)
    table = Table(title=f"Decisions at {format_ms(moment.time_ms - dur)} UTC", title_justify="left")
    table.add_column("symbol", no_wrap=True)
    table.add_column("proposal", overflow="fold", ratio=2)
    table.add_column("verdict", no_wrap=True)
    table.add_column("code", overflow="fold", ratio=1)
    table.add_column("reason (and the correlations the gate used)", overflow="fold", ratio=4)
    for k, symbol in enumerate(kernel.symbols):
        close = f"close {marks[symbol]:,.2f}" if symbol in marks else "no close yet"
        reviews = [r for r in moment.reviews if r.proposal.symbol == symbol]
        if not reviews:
            quiet = "no bar at this time" if int(grid.local[k][step]) < 0 else "no proposal"
            table.add_row(symbol, f"[dim]{quiet}; {close}[/dim]", "-", "", "")
        for r in reviews:
            verdict, code, reason = verdict_cells(r)
            used = correlations_text(r)
            if used != "-":
                reason += f"\n[dim]correlations: {used}[/dim]"
            table.add_row(symbol, f"{proposal_text(r.proposal)}; {close}", verdict, code, reason)
    console.print(table)
    show_verdicts(console, kernel, said or {})


def show_verdicts(console: Console, kernel: Kernel, said: Mapping[str, str]) -> None:
    """Each deliberating lane's verdict in full (a debate's, an LLM adviser's), or that its screen
    passed over the bar; nothing for strategies that do not deliberate."""
    from rich.markup import escape

    for symbol in kernel.symbols:
        strategy = kernel.lane(symbol).strategy
        if not hasattr(strategy, "drain_deliberations"):
            continue
        line = said.get(symbol)
        if line is None:
            line = f"{strategy.name}: its screen passed over this bar, nothing was deliberated"
        console.print(f"[bold]{symbol}[/bold] {escape(line)}", soft_wrap=True)


def show_moment(
    console: Console, kernel: Kernel, moment: Moment, config: Any, step: int, said: Mapping[str, str]
) -> None:
    """The account the gate judged the moment's first proposal against, then every decision."""
    account = next((r.account for r in moment.reviews if r.account is not None), None)
    if account is not None:
        show_account(console, account, marks_at(kernel, step), config)
    show_decisions(console, kernel, moment, step, said)
    for r in moment.reviews:
        if r.rejected:  # the sentence in full, whatever the terminal's width
            _, code, reason = verdict_cells(r)
            what = {"Enter": "entry", "Exit": "exit"}.get(type(r.proposal).__name__, "adjustment")
            console.print(
                f"[red]{r.proposal.symbol} {what} refused:[/red] \\[{code}] {reason}", soft_wrap=True
            )


def show_quiet(
    console: Console, kernel: Kernel, account: AccountState, step: int, config: Any, said: Mapping[str, str]
) -> None:
    """A bar where no strategy proposed anything: the account, a row per symbol, the agents' verdicts."""
    from aitrader.cli.decide_portfolio import Moment
    from aitrader.engine.merged_run import grid_of

    show_account(console, account, marks_at(kernel, step), config)
    grid = grid_of(kernel)
    close_ms = int(grid.times[step]) + kernel.strategy.timeframe.duration_ms
    show_decisions(console, kernel, Moment(close_ms), step, said)
    console.print("[yellow]No strategy proposed anything on this bar.[/yellow]")
