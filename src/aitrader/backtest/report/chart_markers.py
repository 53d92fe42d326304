"""The trades on the price chart: entries, one exit marker per exit fill, stop and target levels.

Every trade and every exit is drawn (no cap): an exit marker sits at its own fill price and is
green or red by its own P&L; the position still open at the end is a hollow circle at the last
close (its P&L net of the exit fee it would pay).
"""

from __future__ import annotations

import html
import textwrap
from typing import Any

import numpy as np

from aitrader.backtest.report.format import duration, money, pct, price, short_time
from aitrader.backtest.report.legs import ExitRow
from aitrader.backtest.result import TradeRecord
from aitrader.domain.enums import Side

WIN, LOSS, BUY, SELL, OPEN = "#1b9e4b", "#d62728", "#1f77b4", "#ff7f0e", "#6a3d9a"
STOP_COLOR, TARGET_COLOR = "rgba(214,39,40,0.75)", "rgba(27,158,75,0.75)"
ENTRY_NAME, EXIT_NAME, OPEN_NAME = "entry (▲ buy, ▼ sell)", "exit (green win, red loss)", "open at the end"


def ms(values: Any) -> Any:
    """Epoch-ms as float64 (exact below 2**53): plotly ships it as a compact typed array."""
    return np.asarray(values, dtype=np.float64)


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(textwrap.wrap(html.escape(text), width)) if text else ""


def entry_hover(no: int, t: TradeRecord) -> str:
    lines = [
        f"<b>#{no} {t.side.value} entry</b>",
        f"{short_time(t.entry_time)} UTC",
        f"price {price(t.entry_price)} · qty {t.quantity:.6g}",
    ]
    if t.stop is not None or t.target is not None:
        lines.append(f"stop {price(t.stop)} · target {price(t.target)}")
    if t.rationale:
        lines.append(_wrap(t.rationale))
    return "<br>".join(lines)


def exit_hover(row: ExitRow) -> str:
    leg = f" ({row.leg}/{row.legs})" if row.legs > 1 else ""
    what = "open, marked at the last close" if row.is_open else f"exit: {html.escape(row.reason)}"
    return "<br>".join(
        [
            f"<b>#{row.no}{leg} {what}</b>",
            f"{short_time(row.exit_time)} UTC · held {duration(row.duration_ms)}",
            f"price {price(row.exit_price)} · qty {row.qty:.6g}",
            f"P&amp;L <b>{money(row.pnl)}</b> ({pct(row.return_pct)}) · fees {money(row.fees)}",
        ]
    )


def _segments(trades: list[tuple[int, TradeRecord]], level: str) -> tuple[list[Any], list[Any]]:
    """One polyline with gaps: a horizontal segment per trade from entry to exit at `level`."""
    xs: list[Any] = []
    ys: list[Any] = []
    for _, t in trades:
        y = getattr(t, level)
        if y is None:
            continue
        xs += [float(t.entry_time), float(t.exit_time), None]
        ys += [y, y, None]
    return xs, ys


def _marker_size(n: int) -> tuple[int, float]:
    """Dense runs stay legible: smaller markers with thinner edges."""
    return (11 if n <= 100 else 8 if n <= 500 else 6), (1 if n <= 500 else 0.5)


def trade_traces(go: Any, numbered: list[tuple[int, TradeRecord]], rows: list[ExitRow]) -> list[Any]:
    """Stop and target segments, entry markers, exit markers (one per exit) and the open mark."""
    traces: list[Any] = []
    for level, color, name in (("stop", STOP_COLOR, "stop"), ("target", TARGET_COLOR, "target")):
        xs, ys = _segments(numbered, level)
        if xs:
            traces.append(
                go.Scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=name,
                    line={"color": color, "width": 2},
                    hoverinfo="skip",
                    connectgaps=False,
                )
            )
    if not numbered:
        return traces
    trades = [t for _, t in numbered]
    is_buy = [t.side is Side.BUY for t in trades]
    size, edge = _marker_size(len(rows))
    traces.append(
        go.Scatter(
            x=ms([t.entry_time for t in trades]),
            y=np.array([t.entry_price for t in trades]),
            mode="markers",
            name=ENTRY_NAME,
            marker={
                "symbol": ["triangle-up" if b else "triangle-down" for b in is_buy],
                "color": [BUY if b else SELL for b in is_buy],
                "size": size,
                "line": {"width": edge, "color": "#222"},
            },
            text=[entry_hover(no, t) for no, t in numbered],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    closed = [r for r in rows if not r.is_open]
    opened = [r for r in rows if r.is_open]
    styles = (
        (EXIT_NAME, closed, {"symbol": "x", "size": size, "line": {"width": edge, "color": "#222"}}),
        (OPEN_NAME, opened, {"symbol": "circle-open", "size": size + 4, "line": {"width": 2, "color": OPEN}}),
    )
    for name, part, style in styles:
        if part:
            traces.append(
                go.Scatter(
                    x=ms([r.exit_time for r in part]),
                    y=np.array([r.exit_price for r in part]),
                    mode="markers",
                    name=name,
                    marker={
                        **style,
                        "color": [OPEN if r.is_open else WIN if r.pnl > 0 else LOSS for r in part],
                    },
                    text=[exit_hover(r) for r in part],
                    hovertemplate="%{text}<extra></extra>",
                )
            )
    return traces
