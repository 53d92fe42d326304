"""The live terminal view (rich): connection, last candles, indicators, decision, position, events."""

from __future__ import annotations

import asyncio
import contextlib
from statistics import median

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.table import Table

from aitrader.domain.timeframe import format_ms
from aitrader.live.portfolio_view import exposure_line, render_portfolio, universe_line
from aitrader.live.state import LiveState
from aitrader.live.summary import RunSummary

_COLORS = {
    "connected": "green",
    "connecting": "yellow",
    "stale": "red",
    "disconnected": "red",
    "closed": "dim",
}


def render(st: LiveState) -> RenderableType:
    head = Table.grid(expand=True)
    head.add_column()
    head.add_column(justify="right")
    conn = f"[{_COLORS.get(st.connection, 'white')}]{st.connection}[/]"
    trading = "[green]trading[/]" if st.trading_enabled else "[red]entries refused[/]"
    head.add_row(
        f"[bold]{','.join(st.symbols)} {st.interval}[/] · {st.mode} on {st.venue} · stream {conn} · "
        f"user data {st.user_stream} · {trading}",
        f"{st.runtime_s:5.0f}s · reconnects {st.reconnects} · gaps filled {st.gaps_filled}",
    )
    many = st.portfolio  # several symbols: the portfolio comes first, the first symbol's detail is shorter
    candles = Table("open time (UTC)", "open", "high", "low", "close", "volume", expand=True, box=None)
    rows = list(st.candles)[-(3 if many else 6) :]
    for c in rows:
        candles.add_row(
            format_ms(c.open_time), f"{c.open}", f"{c.high}", f"{c.low}", f"{c.close}", f"{c.volume:.3f}"
        )
    if st.forming is not None:
        c = st.forming
        candles.add_row(
            f"[dim]{format_ms(c.open_time)} …[/]",
            f"[dim]{c.open}",
            f"[dim]{c.high}",
            f"[dim]{c.low}",
            f"[dim]{c.close}",
            f"[dim]{c.volume:.3f}",
        )
    ind = Table("indicator", "value", box=None, expand=True)
    for k, v in list(st.indicators.items())[: 5 if many else 10]:
        ind.add_row(k, _number(v) if isinstance(v, float) else str(v))
    decision = Table.grid()
    decision.add_row(f"[bold]proposal[/] {st.proposal}")
    decision.add_row(f"[bold]verdict[/]  {st.verdict}")
    pos = Table.grid()
    pos.add_row(f"[bold]position[/]   {st.position}")
    pos.add_row(f"[bold]protection[/] {st.protection}")
    color = "green" if st.pnl >= 0 else "red"
    pos.add_row(
        f"[bold]equity[/]     {st.equity:.2f} ([{color}]{st.pnl:+.2f}[/])  entries {st.entries} · exits "
        f"{st.exits} · fills {st.fills} · rejections {st.rejections}"
    )
    events = "\n".join(list(st.events)[-(6 if many else 8) :]) or "-"
    alarms = (
        [Panel("\n".join(st.alarms), title="ALARM: new entries refused", border_style="red")]
        if st.alarms
        else []
    )
    if many:  # one row per symbol, and the account against the portfolio limits, at the top
        pos = Table.grid()
        pos.add_row(render_portfolio(st))
        pos.add_row(
            f"entries {st.entries} · exits {st.exits} · fills {st.fills} · rejections {st.rejections}"
        )
        return Group(
            Panel(head, title="aitrader live", border_style="cyan"),
            *alarms,
            Panel(pos, title="portfolio"),
            Panel(decision, title="decision"),
            Panel(candles, title=f"candles {st.symbol}"),
            Panel(ind, title=f"indicators {st.symbol}"),
            Panel(events, title="events"),
        )
    return Group(
        Panel(head, title="aitrader live", border_style="cyan"),
        *alarms,
        Panel(candles, title="candles"),
        Panel(ind, title="indicators"),
        Panel(decision, title="decision"),
        Panel(pos, title="position"),
        Panel(events, title="events"),
    )


async def show_while(
    st: LiveState, task: asyncio.Task[RunSummary], console: Console, fps: float = 4.0
) -> RunSummary:
    """Refresh the view until `task` finishes; returns its summary."""
    with Live(render(st), console=console, refresh_per_second=fps, transient=False) as live:
        while not task.done():
            live.update(render(st))
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(task), timeout=1 / fps)
        live.update(render(st))
    return task.result()


def summary_table(summary: RunSummary) -> Table:
    st = summary.state
    t = Table(title=f"run summary ({summary.reason})", show_header=False)
    t.add_column("what")
    t.add_column("value", justify="right")
    lat = sorted(st.latencies_us)
    rows = [
        ("mode / venue", f"{st.mode} / {st.venue}"),
        ("runtime", f"{st.runtime_s:.0f} s"),
        ("closed candles processed", str(st.candles_seen)),
        ("decisions", str(st.decisions)),
        ("entries / exits", f"{st.entries} / {st.exits}"),
        ("fills", str(st.fills)),
        ("gate rejections", str(st.rejections)),
        ("stream reconnects / candles backfilled", f"{st.reconnects} / {st.gaps_filled}"),
        ("equity start → end", f"{st.start_equity:.2f} → {st.equity:.2f} ({st.pnl:+.2f})"),
    ]
    if st.portfolio:  # each symbol's position and protection, the account against the limits
        rows += [(f"{r.symbol}", f"{r.position} · {r.status}") for r in st.rows.values()]
        rows.append(("open positions / exposure", f"{st.limits.open_positions} · {exposure_line(st)}"))
        if st.universe:
            rows.append(("universe", universe_line(st)))
        rows += [("rejected", line) for line in st.rejected]
    else:
        rows += [("open position", st.position), ("protection", st.protection)]
    rows += [("ALARM", a) for a in st.alarms]
    if lat:
        rows.append(("candle → order latency p50", f"{median(lat) / 1000:.2f} ms"))
    for k, v in rows:
        t.add_row(k, v)
    return t


def _number(v: float) -> str:
    """Readable indicator value: thousands separators for prices, 4 significant digits for small values."""
    if abs(v) >= 1000:
        return f"{v:,.2f}"
    return f"{v:.4g}"
