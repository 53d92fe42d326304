"""The plotly figure of a backtest: candles with trades, stops and targets; equity; drawdown."""

from __future__ import annotations

import html
import textwrap
from typing import Any

import numpy as np

from aitrader.backtest.metrics import drawdown_curve
from aitrader.backtest.report.downsample import (
    aggregate_candles,
    bucket_starts,
    last_per_bucket,
    max_per_bucket,
)
from aitrader.backtest.report.format import duration, money, pct, price, short_time
from aitrader.backtest.result import BacktestResult, TradeRecord
from aitrader.domain.enums import Side

WIN, LOSS, BUY, SELL = "#1b9e4b", "#d62728", "#1f77b4", "#ff7f0e"
STOP_COLOR, TARGET_COLOR = "rgba(214,39,40,0.75)", "rgba(27,158,75,0.75)"


def _ms(values: Any) -> Any:
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


def exit_hover(no: int, t: TradeRecord) -> str:
    lines = [
        f"<b>#{no} exit: {html.escape(t.exit_reason)}</b>",
        f"{short_time(t.exit_time)} UTC · held {duration(t.duration_ms)}",
        f"price {price(t.exit_price)}",
        f"P&amp;L <b>{money(t.pnl)}</b> ({pct(t.return_pct)}) · fees {money(t.fees)}",
    ]
    return "<br>".join(lines)


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


def _trade_traces(go: Any, numbered: list[tuple[int, TradeRecord]]) -> list[Any]:
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
    size = 11 if len(trades) <= 100 else 8 if len(trades) <= 500 else 6  # dense runs stay legible
    edge = 1 if len(trades) <= 500 else 0.5
    traces.append(
        go.Scatter(
            x=_ms([t.entry_time for t in trades]),
            y=np.array([t.entry_price for t in trades]),
            mode="markers",
            name="entry (▲ buy, ▼ sell)",
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
    traces.append(
        go.Scatter(
            x=_ms([t.exit_time for t in trades]),
            y=np.array([t.exit_price for t in trades]),
            mode="markers",
            name="exit (green win, red loss)",
            marker={
                "symbol": "x",
                "color": [WIN if t.pnl > 0 else LOSS for t in trades],
                "size": size,
                "line": {"width": edge, "color": "#222"},
            },
            text=[exit_hover(no, t) for no, t in numbered],
            hovertemplate="%{text}<extra></extra>",
        )
    )
    return traces


def _closes_at(result: BacktestResult) -> Any:
    """Candle closes at the result's bar times (None when the candles do not cover them all)."""
    candles = result.candles
    times = np.asarray(result.times, dtype=np.int64)
    if len(times) == 0 or len(candles) == 0:
        return None
    idx = np.searchsorted(candles.open_time, times)
    if idx[-1] >= len(candles) or not np.array_equal(candles.open_time[idx], times):
        return None
    closes = np.asarray(candles.close[idx], dtype=np.float64)
    return closes if closes[0] > 0 else None


def build_figure(
    result: BacktestResult, max_candles: int = 5_000, max_line_points: int = 4_000, max_trades: int = 2_000
) -> Any:
    """The report figure; candles merged to <= max_candles, lines to <= max_line_points points.

    Only the last `max_trades` trades get markers and stop/target segments (the HTML table shows
    the same ones; the JSON has them all). The price axis starts on the candles' range, so a far
    stop or target does not squash them.
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    ohlc = aggregate_candles(result.candles, max_candles)
    tf = result.timeframe.value
    candle_title = (
        f"Price · {tf}" if ohlc.bars_per_candle == 1 else f"Price · {ohlc.bars_per_candle}×{tf} candles"
    )
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.04,
        row_heights=[0.58, 0.24, 0.18],
        subplot_titles=(candle_title, "Equity", "Drawdown"),
    )
    fig.add_trace(
        go.Candlestick(
            x=_ms(ohlc.time),
            open=ohlc.open,
            high=ohlc.high,
            low=ohlc.low,
            close=ohlc.close,
            name=result.symbol or "price",
            increasing={"line": {"color": "#26a69a"}},
            decreasing={"line": {"color": "#ef5350"}},
            showlegend=False,
        ),
        row=1,
        col=1,
    )
    first = max(0, len(result.trades) - max_trades)
    numbered = [(first + k + 1, t) for k, t in enumerate(result.trades[first:])]
    for trace in _trade_traces(go, numbered):
        fig.add_trace(trace, row=1, col=1)

    equity = np.asarray(result.equity, dtype=np.float64)
    starts = bucket_starts(len(equity), max_line_points)
    close_times = _ms(last_per_bucket(np.asarray(result.times, dtype=np.float64), starts))
    close_times = close_times + result.timeframe.duration_ms
    fig.add_trace(
        go.Scatter(
            x=close_times,
            y=last_per_bucket(equity, starts),
            mode="lines",
            name="equity",
            line={"color": BUY, "width": 1.6},
            hovertemplate="%{y:,.2f}<extra>equity</extra>",
        ),
        row=2,
        col=1,
    )
    closes = _closes_at(result)
    if closes is not None:
        hold = result.initial_equity * closes / closes[0]
        fig.add_trace(
            go.Scatter(
                x=close_times,
                y=last_per_bucket(hold, starts),
                mode="lines",
                name="buy & hold",
                line={"color": "#999", "width": 1, "dash": "dot"},
                hovertemplate="%{y:,.2f}<extra>buy &amp; hold</extra>",
            ),
            row=2,
            col=1,
        )
    dd = -max_per_bucket(drawdown_curve(result.initial_equity, equity), starts)
    fig.add_trace(
        go.Scatter(
            x=close_times,
            y=dd,
            mode="lines",
            name="drawdown",
            fill="tozeroy",
            line={"color": LOSS, "width": 1},
            fillcolor="rgba(214,39,40,0.25)",
            hovertemplate="%{y:.2%}<extra>drawdown</extra>",
            showlegend=False,
        ),
        row=3,
        col=1,
    )
    fig.update_layout(
        template="plotly_white",
        height=1050,
        margin={"l": 60, "r": 20, "t": 40, "b": 30},
        hovermode="closest",
        legend={"orientation": "h", "y": 1.04, "x": 0, "yanchor": "bottom"},
        xaxis_rangeslider_visible=False,
        dragmode="zoom",
    )
    fig.update_xaxes(type="date", showspikes=True, spikemode="across", spikethickness=1)
    if len(ohlc):
        # the candles set the view: a far stop or target must not squash them (zoom out to see it)
        lo, hi = float(np.min(ohlc.low)), float(np.max(ohlc.high))
        pad = 0.04 * (hi - lo) if hi > lo else 0.01 * abs(hi) or 1.0
        fig.update_yaxes(range=[lo - pad, hi + pad], row=1, col=1)
    fig.update_yaxes(tickformat=",.0f", row=2, col=1)
    fig.update_yaxes(tickformat=".0%", row=3, col=1)
    return fig
