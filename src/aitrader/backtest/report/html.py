"""A self-contained HTML report: the chart first, then the strategy beside buy-and-hold and the
volatility-targeted buy-and-hold, the metrics, the complete sortable trade table and, last, the
assumptions and parameters.

plotly.js (about 4.8 MB) and the two small scripts (zoom, sort) are inlined, so the file opens
offline. Every bar is in the page (packed, see chart_payload): the first view is decimated and a
zoom shows the real bars (chart_script). The 71k-bar 1m sample gives a page of about 8.8 MB.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.chart import MAX_CANDLES, Chart, build_chart
from aitrader.backtest.report.chart_script import data_tag, zoom_script
from aitrader.backtest.report.compare import benchmarks_for
from aitrader.backtest.report.format import title
from aitrader.backtest.report.html_parts import (
    assumptions_html,
    comparison_html,
    headline,
    metrics_panel,
    open_position_html,
    params_html,
)
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.report.trade_table import SORT_SCRIPT, short_rationale, trades_html
from aitrader.backtest.result import BacktestResult

__all__ = [
    "CSS",
    "chart_html",
    "page_html",
    "params_html",
    "plot_html",
    "render_html_report",
    "short_rationale",
    "subtitle",
    "write_html_report",
]

CHART_ID, DATA_ID = "bt-chart", "bt-data"

CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       max-width: 1500px; padding: 12px 24px; color: #222; background: #fafafa; }
h1 { font-size: 20px; margin: 0 0 2px; } h2 { font-size: 17px; margin: 26px 0 8px; }
.sub { color: #666; } .headline { margin: 2px 0 8px; }
.panel { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; margin-top: 12px; }
.card { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 8px 14px; }
.card h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #888; margin: 2px 0 6px; }
.card table { width: 100%; border-collapse: collapse; }
.card td, .card th { padding: 2px 0; white-space: nowrap; } .card td:first-child { padding-right: 10px; white-space: normal; }
.card .v { text-align: right; font-variant-numeric: tabular-nums; padding-left: 14px; }
.compare { max-width: 760px; margin-top: 12px; } .compare th { color: #888; font-weight: normal; }
.best { font-weight: 600; } .openpos { margin-top: 12px; border-color: #b9a6d6; }
.assumptions ul { margin: 4px 0; padding-left: 18px; }
.chart { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; }
.trades { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
.trades th, .trades td { border-bottom: 1px solid #eee; padding: 4px 8px; text-align: right; white-space: nowrap; }
.trades th { position: sticky; top: 0; background: #f0f0f0; cursor: pointer; user-select: none; }
.trades th[aria-sort=ascending]::after { content: " ▲"; } .trades th[aria-sort=descending]::after { content: " ▼"; }
.trades tr.open td { background: #f4effa; }
.trades td.l, .trades th.l { text-align: left; } .trades td.why { white-space: nowrap; max-width: 420px; overflow: hidden; text-overflow: ellipsis; cursor: help; }
.params td { padding: 1px 0; } .params td.v { white-space: normal; overflow-wrap: anywhere; } .params th { text-align: left; font-size: 12px; color: #888; font-weight: normal; padding-top: 4px; }
.tablewrap { max-height: 640px; overflow: auto; border: 1px solid #e3e3e3; border-radius: 8px; }
.pos { color: #1b7f3b; } .neg { color: #c62828; } .note { color: #666; font-size: 13px; }
"""


PLOT_CONFIG = {"displaylogo": False, "scrollZoom": True, "responsive": True}


def plot_html(figure: Any, div_id: str, include_plotlyjs: bool = True) -> str:
    """A plotly figure as a `<div>` and its script; plotly.js inlined with `include_plotlyjs` (once
    per page: the first figure of the page)."""
    import plotly.io as pio

    html: str = pio.to_html(
        figure, include_plotlyjs=include_plotlyjs, full_html=False, div_id=div_id, config=PLOT_CONFIG
    )
    return html


def chart_html(chart: Chart, div_id: str, data_id: str, include_plotlyjs: bool = True) -> str:
    """A chart with every bar: the figure, its packed data and the zoom script that re-decimates."""
    return (
        f'<div class="chart">{plot_html(chart.figure, div_id, include_plotlyjs)}</div>\n'
        f"{data_tag(data_id, chart.payload)}\n<script>{zoom_script(div_id, data_id)}</script>"
    )


def subtitle(metrics: Metrics) -> str:
    """ "N bars measured (after W warm-up bars) · T trades (O open at the end)"."""
    sub = f"{metrics.n_bars:,} bars measured"
    if metrics.excluded_bars:
        sub += f" (after {metrics.excluded_bars:,} warm-up bars)"
    return (
        sub
        + f" · {metrics.n_trades:,} trades"
        + (f" ({metrics.n_open_trades:,} open at the end)" if metrics.n_open_trades else "")
    )


def page_html(heading: str, body: str, css: str = CSS) -> str:
    """The whole page: `heading` as its title and first line, then `body`."""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(heading)}</title><style>{css}</style></head>
<body>
<h1>{escape(heading)}</h1>
{body}
</body></html>
"""


def render_html_report(
    result: BacktestResult, metrics: Metrics, max_candles: int = MAX_CANDLES, max_trades: int | None = None
) -> str:
    """The report page as one string. Every trade and every bar is in it; `max_trades` is kept for
    old callers and ignored."""
    del max_trades
    bench = benchmarks_for(result)
    chart = build_chart(result, max_candles=max_candles, benchmarks=bench)
    hold, vol = bench.hold_metrics, bench.vol_metrics
    rows = exit_rows(result)
    body = f"""<div class="sub">{escape(subtitle(metrics))}</div>
{headline(metrics, hold, vol_target=vol)}
{chart_html(chart, CHART_ID, DATA_ID)}
<div class="panel">{comparison_html(metrics, hold, vol_target=vol, target=bench.target)}\
{open_position_html(rows)}</div>
{metrics_panel(result, metrics)}
<h2>Trades</h2>
{trades_html(rows, metrics.n_trades)}
<script>{SORT_SCRIPT}</script>
<h2>Assumptions and parameters</h2>
<div class="panel">{assumptions_html(result, metrics)}{params_html(result.params)}</div>"""
    return page_html(title(result), body)


def write_html_report(
    result: BacktestResult,
    metrics: Metrics,
    path: str | Path,
    max_candles: int = MAX_CANDLES,
    max_trades: int | None = None,
) -> Path:
    """Write the self-contained HTML report to `path` (parents created); return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html_report(result, metrics, max_candles, max_trades), encoding="utf-8")
    return out
