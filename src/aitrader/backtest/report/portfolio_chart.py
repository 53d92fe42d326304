"""The portfolio's figures: the account against the equal-weight basket and its volatility-targeted
twin, its drawdown and how much of the equity each symbol held over time (stacked); and the P&L
each symbol contributed.

The first chart is on the account's merged time grid and is decimated like a symbol's chart: the
first view holds at most `max_points` points, the page carries every step (chart_payload's
`lines_payload`) and the zoom script re-thins the visible range (chart_script), an exposure
bucket shown at its mean share.

Exposure at a step is |base held| × the symbol's last close / the account's equity at that close.
The base held comes from `PortfolioResult.held` (symbol -> base held at each grid step, as the run
recorded it: a partial exit shows).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report.chart import (
    HOLD_COLOR,
    MAX_LINE_POINTS,
    Chart,
    add_curves,
    line_series,
    scale_buttons,
)
from aitrader.backtest.report.chart_markers import LOSS, WIN
from aitrader.backtest.report.chart_payload import lines_payload
from aitrader.backtest.report.downsample import bucket_starts, last_per_bucket, mean_per_bucket
from aitrader.backtest.report.format import money
from aitrader.backtest.report.portfolio_figures import PortfolioFigures, SymbolFigures, portfolio_figures
from aitrader.domain.candles import FloatArray

BASKET = ("equal-weight basket", "equal-weight basket")
VOL_BASKET = ("vol-target basket", "vol-target basket")
EXPOSURE_AXES = {"equity": "yaxis", "drawdown": "yaxis2"}
LOG_BUTTONS = scale_buttons("yaxis")  # the equity panel


def symbol_colors(symbols: tuple[str, ...]) -> dict[str, str]:
    """One colour per symbol (plotly's qualitative palette), the same in every figure."""
    from plotly.colors import qualitative

    palette = qualitative.Plotly
    return {s: palette[i % len(palette)] for i, s in enumerate(symbols)}


def exposure_shares(result: PortfolioResult) -> dict[str, FloatArray]:
    """The share of the account's equity each symbol held at every grid step."""
    equity = np.asarray(result.account.equity, dtype=np.float64)
    closes = {s: np.nan_to_num(c, nan=0.0) for s, c in result.closes.items()}
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            s: np.where(equity > 0, np.abs(result.held[s]) * closes[s] / equity, 0.0) for s in result.symbols
        }


def build_portfolio_chart(
    result: PortfolioResult, max_points: int = MAX_LINE_POINTS, figures: PortfolioFigures | None = None
) -> Chart:
    """Equity vs both baskets, drawdown, exposure per symbol; the zoom script's data (module doc);
    `figures`: already computed for `result` (they hold the baskets)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    account = result.account
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.05,
        row_heights=[0.5, 0.2, 0.3],
        subplot_titles=(
            "Equity · portfolio vs equal-weight basket",
            "Drawdown",
            "Exposure · share of equity held per symbol",
        ),
    )
    baskets = (figures or portfolio_figures(result)).benchmarks
    lines = line_series(account, baskets)
    traces: dict[str, Any] = add_curves(
        fig, go, account, lines, max_points, rows=(1, 2), hold=BASKET, vol=VOL_BASKET
    )
    shares = {s: v[lines.first :] for s, v in exposure_shares(result).items()}
    times = np.asarray(account.times, dtype=np.float64)[lines.first :]
    starts = bucket_starts(len(times), max_points)
    x = last_per_bucket(times, starts) + account.timeframe.duration_ms
    colors = symbol_colors(result.symbols)
    traces["stack"] = []
    for s, share in shares.items():
        fig.add_trace(
            go.Scatter(
                x=x,
                y=mean_per_bucket(share, starts),
                mode="lines",
                name=s,
                stackgroup="exposure",
                line={"width": 0.6, "color": colors[s]},
                hovertemplate=f"%{{y:.1%}}<extra>{s}</extra>",
            ),
            row=3,
            col=1,
        )
        traces["stack"].append(len(fig.data) - 1)
    fig.update_layout(
        template="plotly_white",
        height=760,
        margin={"l": 60, "r": 20, "t": 78, "b": 30},
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.035, "x": 0, "yanchor": "bottom", "font": {"size": 11}},
        dragmode="zoom",
        updatemenus=[LOG_BUTTONS],
        uirevision="keep",
    )
    fig.update_xaxes(type="date", showspikes=True, spikemode="across", spikethickness=1)
    fig.update_yaxes(tickformat=",.0f", row=1, col=1)
    fig.update_yaxes(tickformat=".1%", row=2, col=1)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero", row=3, col=1)
    data = lines_payload(
        account.times, account.timeframe, lines, list(shares.values()), traces, EXPOSURE_AXES, max_points
    )
    return Chart(fig, data)


def contribution_figure(rows: list[SymbolFigures]) -> Any:
    """One bar per symbol: the P&L it added to the account (green a gain, red a loss)."""
    import plotly.graph_objects as go

    fig = go.Figure(
        go.Bar(
            x=[r.symbol for r in rows],
            y=[r.pnl for r in rows],
            marker={"color": [WIN if r.pnl > 0 else LOSS if r.pnl < 0 else HOLD_COLOR for r in rows]},
            text=[money(r.pnl) for r in rows],
            textposition="outside",
            hovertemplate="%{x}: %{y:,.2f}<extra>P&amp;L contribution</extra>",
        )
    )
    fig.update_layout(
        template="plotly_white",
        height=300,
        margin={"l": 60, "r": 20, "t": 36, "b": 30},
        title={"text": "P&L contribution per symbol", "font": {"size": 14}},
        yaxis={"tickformat": ",.0f", "zeroline": True, "zerolinecolor": "#999"},
        showlegend=False,
    )
    return fig
