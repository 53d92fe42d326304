"""A self-contained HTML report: title, metrics panel, interactive chart and the trade list.

plotly.js is inlined (about 4.8 MB), so the file opens offline; the data stays small because the
chart is downsampled (see chart.build_figure).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.chart import build_figure
from aitrader.backtest.report.format import (
    duration,
    metric_rows,
    money,
    pct,
    price,
    short_time,
    title,
)
from aitrader.backtest.result import BacktestResult, TradeRecord

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
       max-width: 1500px; padding: 18px 24px; color: #222; background: #fafafa; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 26px 0 8px; }
.sub { color: #666; margin-bottom: 14px; }
.panel { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 8px 14px; }
.card h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #888; margin: 2px 0 6px; }
.card table { width: 100%; border-collapse: collapse; }
.card td { padding: 2px 0; white-space: nowrap; } .card td:first-child { padding-right: 10px; } .card td.v { text-align: right; font-variant-numeric: tabular-nums; }
.chart { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; margin-top: 14px; }
.trades { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
.trades th, .trades td { border-bottom: 1px solid #eee; padding: 4px 8px; text-align: right; white-space: nowrap; }
.trades th { position: sticky; top: 0; background: #f0f0f0; }
.trades td.l, .trades th.l { text-align: left; } .trades td.why { white-space: nowrap; max-width: 420px; overflow: hidden; text-overflow: ellipsis; cursor: help; }
.params { display: inline-block; margin: 0 0 12px; } .params td { padding: 1px 0; } .params th { text-align: left; font-size: 12px; color: #888; font-weight: normal; padding-top: 4px; }
.tablewrap { max-height: 640px; overflow: auto; border: 1px solid #e3e3e3; border-radius: 8px; }
.pos { color: #1b7f3b; } .neg { color: #c62828; } .note { color: #666; font-size: 13px; }
"""

_SIGN_CLASS = {1: "pos", -1: "neg", 0: ""}


def _metrics_panel(result: BacktestResult, metrics: Metrics) -> str:
    cards: dict[str, list[str]] = {}
    for row in metric_rows(result, metrics):
        cls = _SIGN_CLASS[row.sign]
        cards.setdefault(row.section, []).append(
            f'<tr><td>{escape(row.label)}</td><td class="v {cls}">{escape(row.text)}</td></tr>'
        )
    body = "".join(
        f'<div class="card"><h3>{escape(section)}</h3><table>{"".join(rows)}</table></div>'
        for section, rows in cards.items()
    )
    return f'<div class="panel">{body}</div>'


_TRADE_COLUMNS = (
    "#",
    "side",
    "entry (UTC)",
    "entry",
    "exit (UTC)",
    "exit",
    "qty",
    "stop",
    "target",
    "P&L",
    "return",
    "fees",
    "held",
    "exit reason",
    "rationale",
)
_LEFT = {"side", "entry (UTC)", "exit (UTC)", "exit reason", "rationale"}


SHORT_RATIONALE = 80


def short_rationale(text: str, limit: int = SHORT_RATIONALE) -> str:
    """The first sentence of a rationale, at most `limit` characters (cut on a word, with "…")."""
    text = " ".join(text.split())
    for stop in (". ", "; "):
        head, sep, _ = text.partition(stop)
        if sep:
            text = head + ("." if stop == ". " else "")
            break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _param_value(v: object) -> str:
    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:g}"
    if isinstance(v, list | tuple):
        return ", ".join(_param_value(x) for x in v)
    return str(v)


def params_html(params: dict[str, object]) -> str:
    """The run's parameters as a small key/value table; a nested dict gets its own heading."""
    if not params:
        return ""
    rows: list[str] = []
    plain = {k: v for k, v in params.items() if not isinstance(v, dict)}
    nested = {k: v for k, v in params.items() if isinstance(v, dict)}
    for section, items in [("run", plain), *nested.items()]:
        if not items:
            continue
        rows.append(f'<tr><th colspan="2">{escape(str(section).replace("_", " "))}</th></tr>')
        rows += [
            f'<tr><td>{escape(str(k))}</td><td class="v">{escape(_param_value(v))}</td></tr>'
            for k, v in items.items()
        ]
    return f'<div class="card params"><h3>Parameters</h3><table>{"".join(rows)}</table></div>'


def _trade_row(no: int, t: TradeRecord) -> str:
    cls = "pos" if t.pnl > 0 else "neg" if t.pnl < 0 else ""
    cells = [
        (str(no), ""),
        (t.side.value, "l"),
        (short_time(t.entry_time), "l"),
        (price(t.entry_price), ""),
        (short_time(t.exit_time), "l"),
        (price(t.exit_price), ""),
        (f"{t.quantity:.6g}", ""),
        (price(t.stop), ""),
        (price(t.target), ""),
        (money(t.pnl), cls),
        (pct(t.return_pct), cls),
        (money(t.fees), ""),
        (duration(t.duration_ms), ""),
        (t.exit_reason, "l"),
    ]
    why = f'<td class="l why" title="{escape(t.rationale)}">{escape(short_rationale(t.rationale))}</td>'
    return (
        "<tr>"
        + "".join(f'<td class="{c}">{escape(v)}</td>' if c else f"<td>{escape(v)}</td>" for v, c in cells)
        + why
        + "</tr>"
    )


def trades_html(trades: list[TradeRecord], max_rows: int = 2_000) -> str:
    """The trade list as an HTML table (the last `max_rows` trades, with a note when cut)."""
    if not trades:
        return '<p class="note">No trades.</p>'
    first = max(0, len(trades) - max_rows)
    head = "".join(f'<th class="{"l" if c in _LEFT else ""}">{escape(c)}</th>' for c in _TRADE_COLUMNS)
    rows = "".join(_trade_row(first + k + 1, t) for k, t in enumerate(trades[first:]))
    note = f'<p class="note">Showing the last {max_rows:,} of {len(trades):,} trades.</p>' if first else ""
    return f'{note}<div class="tablewrap"><table class="trades"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


def render_html_report(
    result: BacktestResult, metrics: Metrics, max_candles: int = 5_000, max_trades: int = 2_000
) -> str:
    """The report page as one string; plotly.js is inlined so it needs no network."""
    import plotly.io as pio

    fig = build_figure(result, max_candles=max_candles, max_trades=max_trades)
    chart = pio.to_html(
        fig, include_plotlyjs=True, full_html=False, config={"displaylogo": False, "scrollZoom": True}
    )
    heading = title(result)
    sub = f"{metrics.n_bars:,} bars · {len(result.trades):,} trades"
    plotted = min(len(result.trades), max_trades)
    chart_note = (
        f'<p class="note">Chart markers for the last {plotted:,} of {len(result.trades):,} trades.</p>'
        if plotted < len(result.trades)
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(heading)}</title><style>{_CSS}</style></head>
<body>
<h1>{escape(heading)}</h1>
<div class="sub">{escape(sub)}</div>
{params_html(result.params)}
{_metrics_panel(result, metrics)}
<div class="chart">{chart}</div>
{chart_note}
<h2>Trades</h2>
{trades_html(result.trades, max_trades)}
</body></html>
"""


def write_html_report(
    result: BacktestResult,
    metrics: Metrics,
    path: str | Path,
    max_candles: int = 5_000,
    max_trades: int = 2_000,
) -> Path:
    """Write the self-contained HTML report to `path` (parents created); return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html_report(result, metrics, max_candles, max_trades), encoding="utf-8")
    return out
