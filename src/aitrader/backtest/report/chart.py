"""The plotly figure of a backtest: candles with trades, stops and targets; equity; drawdown.

The figure holds a first, decimated view (at most `max_candles` candles, `max_line_points` line
points) and `Chart.payload` every bar, for the page's zoom script (chart_script) which re-decimates
the visible range on every zoom: a view of at most `max_candles` bars shows the real bars. Equity,
buy-and-hold (dotted), the volatility-targeted buy-and-hold (dashed, equity panel only) and
drawdown start at the first tradable bar (the warm-up before it is shaded on the
price panel); the equity's last point is net of the open position's exit fee, as in the metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import drawdown_curve
from aitrader.backtest.report.chart_markers import BUY, LOSS, ms, trade_traces
from aitrader.backtest.report.chart_payload import LineSeries, payload
from aitrader.backtest.report.compare import Benchmarks
from aitrader.backtest.report.downsample import (
    aggregate_candles,
    bucket_starts,
    last_per_bucket,
    max_per_bucket,
)
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.result import BacktestResult, measured
from aitrader.backtest.vol_target_benchmark import vol_target_benchmark_for
from aitrader.domain.candles import FloatArray

MAX_CANDLES = 2_000
MAX_LINE_POINTS = 3_000
HOLD_COLOR = "#888"
VOL_COLOR = "#e6a100"


def scale_buttons(*axes: str) -> dict[str, Any]:
    """The linear/log toggle over the named y axes ("yaxis", "yaxis2"...); the zoom script then fits
    the first axis to what is shown again."""
    return {
        "type": "buttons",
        "direction": "left",
        "x": 1.0,
        "xanchor": "right",
        "y": 1.035,
        "yanchor": "bottom",
        "showactive": True,
        "buttons": [
            {
                "label": f"{name} scale",
                "method": "relayout",
                "args": [{**{f"{a}.type": name for a in axes}, "yaxis.autorange": True}],
            }
            for name in ("linear", "log")
        ],
    }


SCALE_BUTTONS = scale_buttons("yaxis", "yaxis2")  # price and equity panels


@dataclass(frozen=True)
class Chart:
    figure: Any  # plotly.graph_objects.Figure
    payload: dict[str, Any]  # chart_payload.payload(...): every bar, for the zoom script


def candle_title(tf: str, bars_per_candle: int) -> str:
    """The price panel's title (the zoom script writes the same text)."""
    if bars_per_candle <= 1:
        return f"Price · {tf} (every bar)"
    return f"Price · {bars_per_candle}×{tf} candles (zoom in for single bars)"


def line_series(result: BacktestResult, benchmarks: Benchmarks | None = None) -> LineSeries:
    """Equity (as measured), buy-and-hold and the volatility-targeted buy-and-hold from the first
    tradable bar (`benchmarks`: already computed for `result`)."""
    m = measured(result)
    if benchmarks is not None:
        hold, vol = benchmarks.hold, benchmarks.vol
    else:
        hold, vol = benchmark_for(result), vol_target_benchmark_for(result)
    return LineSeries(m.first, m.initial, m.equity, _curve(hold), _curve(vol))


def _curve(bench: BacktestResult | None) -> FloatArray | None:
    return np.asarray(bench.equity, dtype=np.float64) if bench is not None else None


def _line(
    go: Any, x: Any, y: Any, name: str, color: str, width: float, dash: str = "solid", **kw: Any
) -> Any:
    line = {"color": color, "width": width, "dash": dash}
    return go.Scatter(x=x, y=y, mode="lines", name=name, line=line, **kw)


def add_curves(
    fig: Any,
    go: Any,
    result: BacktestResult,
    lines: LineSeries,
    max_points: int,
    rows: tuple[int, int] = (2, 3),
    hold: tuple[str, str] = ("buy & hold", "buy &amp; hold"),
    vol: tuple[str, str] = ("vol-target B&H", "vol-target B&amp;H"),
) -> dict[str, int]:
    """Equity and its drawdown, the benchmark's (`hold`: its name and its name in HTML) and the
    volatility-targeted benchmark's equity (`vol`), on the panels `rows`, thinned to `max_points`
    points; return the zoom script's trace indices."""
    eq_row, dd_row = rows
    dur = result.timeframe.duration_ms
    times = np.asarray(result.times, dtype=np.float64)[lines.first :]
    starts = bucket_starts(len(lines.equity), max_points)
    x = ms(last_per_bucket(times, starts) + dur)  # an equity point is at its bar's close
    fig.add_trace(
        _line(go, x, last_per_bucket(lines.equity, starts), "equity", BUY, 1.6,
              hovertemplate="%{y:,.2f}<extra>equity</extra>"),
        row=eq_row, col=1,
    )  # fmt: skip
    traces = {"equity": len(fig.data) - 1}
    dd = -max_per_bucket(drawdown_curve(lines.initial, lines.equity), starts)
    fig.add_trace(
        _line(go, x, dd, "drawdown", LOSS, 1, fill="tozeroy", fillcolor="rgba(214,39,40,0.25)",
              hovertemplate="%{y:.2%}<extra>drawdown</extra>", showlegend=False),
        row=dd_row, col=1,
    )  # fmt: skip
    traces["drawdown"] = len(fig.data) - 1
    if lines.hold is not None:
        name, html_name = hold
        fig.add_trace(
            _line(go, x, last_per_bucket(lines.hold, starts), name, HOLD_COLOR, 1.2, "dot",
                  hovertemplate=f"%{{y:,.2f}}<extra>{html_name}</extra>"),
            row=eq_row, col=1,
        )  # fmt: skip
        traces["hold"] = len(fig.data) - 1
        hold_dd = -max_per_bucket(drawdown_curve(lines.initial, lines.hold), starts)
        fig.add_trace(
            _line(go, x, hold_dd, f"{name} drawdown", HOLD_COLOR, 1, "dot",
                  hovertemplate=f"%{{y:.2%}}<extra>{html_name}</extra>", showlegend=False),
            row=dd_row, col=1,
        )  # fmt: skip
        traces["holdDrawdown"] = len(fig.data) - 1
    if lines.vol is not None:
        name, html_name = vol
        fig.add_trace(
            _line(go, x, last_per_bucket(lines.vol, starts), name, VOL_COLOR, 1.2, "dash",
                  hovertemplate=f"%{{y:,.2f}}<extra>{html_name}</extra>"),
            row=eq_row, col=1,
        )  # fmt: skip
        traces["vol"] = len(fig.data) - 1
    return traces


def build_chart(
    result: BacktestResult,
    max_candles: int = MAX_CANDLES,
    max_line_points: int = MAX_LINE_POINTS,
    benchmarks: Benchmarks | None = None,
) -> Chart:
    """The figure and the zoom script's data (see the module docstring); `benchmarks`: already
    computed for `result`."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    candles = result.candles
    ohlc = aggregate_candles(candles, max_candles)
    tf = result.timeframe.value
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.035,
        row_heights=[0.6, 0.24, 0.16],
        subplot_titles=(
            candle_title(tf, ohlc.bars_per_candle),
            "Equity · strategy vs buy & hold (plain and vol-targeted)",
            "Drawdown",
        ),
    )
    stick = go.Candlestick(
        x=ms(ohlc.time),
        open=ohlc.open,
        high=ohlc.high,
        low=ohlc.low,
        close=ohlc.close,
        name=result.symbol or "price",
        increasing={"line": {"color": "#26a69a"}},
        decreasing={"line": {"color": "#ef5350"}},
        showlegend=False,
    )
    fig.add_trace(stick, row=1, col=1)
    rows = exit_rows(result)
    numbered = list(enumerate(result.trades, start=1))
    if rows and rows[-1].is_open:
        numbered.append((rows[-1].no, rows[-1].trade))
    for trace in trade_traces(go, numbered, rows):
        fig.add_trace(trace, row=1, col=1)

    lines = line_series(result, benchmarks)
    names = add_curves(fig, go, result, lines, max_line_points)
    if lines.first > 0 and len(candles):
        fig.add_vrect(
            x0=float(result.times[0]),
            x1=float(result.times[lines.first]),
            fillcolor="#999",
            opacity=0.12,
            line_width=0,
            row=1,
            col=1,
            annotation_text="warm-up: no decision, not measured",
            annotation_position="top left",
            annotation_font={"size": 11, "color": "#666"},
        )
    _layout(fig, ohlc)
    return Chart(fig, payload(candles, lines, {"candles": 0, **names}, max_candles, max_line_points))


def _layout(fig: Any, ohlc: Any) -> None:
    fig.update_layout(
        template="plotly_white",
        height=860,
        margin={"l": 60, "r": 20, "t": 78, "b": 30},
        hovermode="closest",
        # above the price panel's title, the scale buttons at its right
        legend={"orientation": "h", "y": 1.035, "x": 0, "yanchor": "bottom", "font": {"size": 11}},
        xaxis_rangeslider_visible=False,
        dragmode="zoom",
        updatemenus=[SCALE_BUTTONS],
        uirevision="keep",
    )
    fig.update_xaxes(type="date", showspikes=True, spikemode="across", spikethickness=1)
    if len(ohlc):
        # the candles set the view: a far stop or target must not squash them (zoom out to see it)
        lo, hi = float(np.min(ohlc.low)), float(np.max(ohlc.high))
        pad = 0.04 * (hi - lo) if hi > lo else 0.01 * abs(hi) or 1.0
        fig.update_yaxes(range=[lo - pad, hi + pad], row=1, col=1)
    fig.update_yaxes(tickformat=",.0f", row=2, col=1)
    fig.update_yaxes(tickformat=".1%", row=3, col=1)


def build_figure(
    result: BacktestResult,
    max_candles: int = MAX_CANDLES,
    max_line_points: int = MAX_LINE_POINTS,
    max_trades: int | None = None,
) -> Any:
    """The report figure alone (`build_chart(...).figure`); `max_trades` is kept for old callers:
    every trade is drawn."""
    del max_trades
    return build_chart(result, max_candles, max_line_points).figure
