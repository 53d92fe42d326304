"""One self-contained HTML report for a portfolio backtest: the portfolio first, then one section
per symbol.

- Portfolio: the account's equity against the equal-weight basket and the equal-weight basket of
  volatility-targeted buy-and-holds, its drawdown and each symbol's share of the equity over time
  (portfolio_chart, zoomable to every grid step), the account beside both baskets, its metric
  cards, the per-symbol table (P&L contribution, share of the P&L, drawdown of the contribution,
  fees, time in market, the symbol's own buy-and-hold and vol-targeted buy-and-hold) with a bar per
  symbol, and the risk gate's rejections by symbol and code with the last sentence of each.
- Each symbol: the single-symbol report's chart (candles, trades, stops and targets; every bar
  reachable by zooming), its metric cards, both its benchmarks and its sortable trade table.

plotly.js and the scripts are inlined once; every chart carries its own packed bars. The shipped
BTCUSDT/ETHUSDT/SOLUSDT 1m samples (71k, 66k and 66k bars) give a page of about 17 MB.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report.chart import MAX_CANDLES, build_chart
from aitrader.backtest.report.format import pct, price, short_time
from aitrader.backtest.report.html import CSS, chart_html, page_html, params_html, plot_html, subtitle
from aitrader.backtest.report.html_parts import (
    SIGN_CLASS,
    comparison_html,
    headline,
    metrics_panel,
    open_position_html,
)
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.report.portfolio_chart import build_portfolio_chart, contribution_figure
from aitrader.backtest.report.portfolio_figures import (
    RULES,
    SYMBOL_COLUMNS,
    Cell,
    PortfolioFigures,
    SymbolFigures,
    portfolio_figures,
    portfolio_title,
    symbol_cells,
    total_cells,
)
from aitrader.backtest.report.trade_table import SORT_SCRIPT, cell, num, trades_html
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import target_for

CHART_ID, DATA_ID, CONTRIBUTION_ID = "bt-chart", "bt-data", "bt-contribution"
VOL_BASKET = "vol-target basket"

PORTFOLIO_CSS = (
    CSS
    + """
nav.toc { margin: 6px 0 4px; font-size: 13px; } nav.toc a { color: #1f5fa8; text-decoration: none; }
section.symbol { margin-top: 36px; border-top: 3px solid #ddd; padding-top: 4px; }
.trades tfoot td { font-weight: 600; border-top: 2px solid #ccc; background: #f7f7f7; }
.trades td.msg { white-space: normal; text-align: left; min-width: 320px; }
.persymbol { margin-top: 8px; } .contribution { margin-top: 12px; max-width: 900px; }
"""
)

BASKET_NOTE = (
    "All over the same measured bars: the basket puts an equal share of the capital in each "
    "symbol when the portfolio could first fill and holds it to the last close, paying the run's "
    "fees and slippage on both legs. The vol-target basket splits the capital the same way, but "
    "each share is a volatility-targeted buy-and-hold of its symbol."
)


def anchor(symbol: str) -> str:
    """The id of a symbol's section ("sym-BTCUSDT")."""
    return "sym-" + re.sub(r"[^A-Za-z0-9_-]", "-", symbol)


def _row(cells: list[Cell]) -> str:
    out = []
    for k, c in enumerate(cells):
        cls = " ".join(x for x in ("l" if k == 0 else "", SIGN_CLASS[c.sign]) if x)
        out.append(cell(c.text, c.value if isinstance(c.value, str) else num(c.value), cls))
    return f"<tr>{''.join(out)}</tr>"


def symbols_table(figures: PortfolioFigures, account: BacktestResult) -> str:
    """The per-symbol table, sortable; the account's line ("all") in the footer."""
    head = "".join(
        f'<th class="{"l" if k == 0 else ""}" title="{escape(what)}; click to sort">{escape(name)}</th>'
        for k, (name, what) in enumerate(SYMBOL_COLUMNS)
    )
    body = "".join(_row(symbol_cells(r)) for r in figures.symbols)
    foot = _row(total_cells(figures, account))
    return (
        '<div class="tablewrap persymbol"><table class="trades sortable symbols">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody><tfoot>{foot}</tfoot></table></div>"
    )


def rejections_html(figures: PortfolioFigures) -> str:
    """The gate's refusals by symbol and code: count, the rule, the last sentence it gave."""
    if not figures.rejections:
        return '<p class="note">The risk gate refused no entry.</p>'
    heads = (("symbol", "l"), ("code", "l"), ("count", ""), ("rule", "l"), ("last refusal", "l"))
    head = "".join(f'<th class="{cls}" title="click to sort">{name}</th>' for name, cls in heads)
    body = "".join(
        "<tr>"
        + cell(r.symbol, r.symbol, "l")
        + cell(r.code, r.code, "l")
        + cell(f"{r.count:,}", num(r.count))
        + cell(RULES.get(r.code, ""), RULES.get(r.code, ""), "msg")
        + cell(r.example, r.example, "msg")
        + "</tr>"
        for r in figures.rejections
    )
    note = (
        f"{figures.rejected:,} entries refused. The portfolio rules (correlated_exposure, "
        "total_exposure, symbol_exposure, max_open_positions, drawdown_halt, daily_loss_limit) "
        "weigh each entry against the whole account; the others are the one-symbol rules."
    )
    return (
        f'<p class="note">{escape(note)}</p><div class="tablewrap"><table class="trades sortable rejections">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def open_positions_html(result: PortfolioResult) -> str:
    """What the account still holds at the end (empty when it ended flat)."""
    held: dict[str, float] = result.account.params.get("open_positions") or {}
    if not held:
        return ""
    items = []
    for s, qty in held.items():
        own = result.per_symbol.get(s)
        close = float(own.candles.close[-1]) if own is not None and len(own.candles) else None
        items.append(f"<li>{escape(s)}: {float(qty):.6g} at the last close {escape(price(close))}</li>")
    return (
        '<div class="card openpos"><h3>Open at the end</h3><ul>'
        f'{"".join(items)}</ul><p class="note">Marked at the last close in the equity curves and '
        "the contributions; see each symbol's trade table.</p></div>"
    )


def assumptions_html(result: PortfolioResult, figures: PortfolioFigures) -> str:
    """How the portfolio figures were made."""
    p: dict[str, Any] = result.account.params
    m = figures.metrics
    fees = f"{float(p['fee']):.4%} of the notional per fill" if "fee" in p else "as given"
    items = [
        f"One account for {len(result.symbols)} symbols, one strategy instance each, one risk gate "
        "sizing every entry against the whole account.",
        f"Fills: {p.get('fill_model', 'next-open')} model; fees {fees}; slippage "
        f"{float(p.get('slippage_bps', 0.0)):g} bps per taker fill.",
        "The account's bars are the union of the symbols' open times; its equity is the cash plus "
        "every symbol held, marked at its last close.",
        (f"Measured from {short_time(m.start_ms)} UTC" if m.n_bars else "No bar measured")
        + f", after {m.excluded_bars:,} steps of warm-up (the longest of the symbols').",
        "A symbol's equity is the capital plus what it added (the cash its fills moved and its "
        "position marked at its close): its return is its contribution, and the contributions add "
        "up to the account's P&L. Its buy-and-hold puts the whole capital in that symbol.",
        "Vol-target basket: an equal share of the capital per symbol, each holding min(1, target / "
        "its trailing 30-day volatility) in its symbol, rebalanced at most daily past a 10-point drift, "
        f"the target the account's realised volatility ({pct(figures.target, 1)}; at least 5%, 20% "
        "without trades). A symbol's own vol-target buy-and-hold aims at its contribution's volatility.",
        "Exposure: |base held| × the last close / the account's equity, per symbol, stacked.",
        "Definitions of every figure: docs/backtest-report.md in the aitrader repository.",
    ]
    body = "".join(f"<li>{escape(x)}</li>" for x in items)
    return f'<div class="card assumptions"><h3>Assumptions</h3><ul>{body}</ul></div>'


def symbol_section(figures: SymbolFigures, result: BacktestResult, k: int, max_candles: int) -> str:
    """A symbol's own report: its chart with its trades, its metrics and its trade table."""
    symbol, metrics, hold, vol = figures.symbol, figures.metrics, figures.hold, figures.vol_hold
    rows = exit_rows(result)
    chart = build_chart(result, max_candles=max_candles)
    name = escape(symbol)
    note = (
        f"Equity here is the capital plus what {symbol} added to the account (its fills' cash and "
        f"its position marked at its close); buy and hold puts the whole capital in {symbol}."
    )
    return f"""<section class="symbol" id="{anchor(symbol)}" data-symbol="{name}">
<h2>{name}</h2>
<div class="sub">{escape(subtitle(metrics))}</div>
<p class="note">{escape(note)}</p>
{headline(metrics, hold, who=name, vol_target=vol)}
{chart_html(chart, f"{CHART_ID}-{k}", f"{DATA_ID}-{k}", include_plotlyjs=False)}
<div class="panel">{
        comparison_html(
            metrics,
            hold,
            names=(name, "buy &amp; hold", "vol-target B&amp;H"),
            vol_target=vol,
            target=target_for(result),
        )
    }{open_position_html(rows)}</div>
{metrics_panel(result, metrics)}
<h3>Trades</h3>
{trades_html(rows, metrics.n_trades)}
</section>"""


def render_portfolio_report(result: PortfolioResult, max_candles: int = MAX_CANDLES) -> str:
    """The report page as one string (see the module docstring)."""
    account = result.account
    figures = portfolio_figures(result)
    m, basket = figures.metrics, figures.basket
    toc = " · ".join(
        ['<a href="#portfolio">Portfolio</a>']
        + [f'<a href="#{anchor(s)}">{escape(s)}</a>' for s in result.symbols]
    )
    sub = f"{subtitle(m)} · {len(result.symbols)} symbols · {figures.rejected:,} entries refused"
    sections = "\n".join(
        symbol_section(f, result.per_symbol[f.symbol], k, max_candles)
        for k, f in enumerate(figures.symbols, start=1)
    )
    body = f"""<div class="sub">{escape(sub)}</div>
<nav class="toc">{toc}</nav>
<section class="portfolio" id="portfolio">
<h2>Portfolio</h2>
{headline(m, basket, "Portfolio", "equal-weight basket", figures.vol_basket, VOL_BASKET)}
{chart_html(build_portfolio_chart(result, figures=figures), CHART_ID, DATA_ID, include_plotlyjs=True)}
<div class="panel">{
        comparison_html(
            m,
            basket,
            ("portfolio", "equal-weight basket", VOL_BASKET),
            BASKET_NOTE,
            figures.vol_basket,
            figures.target,
        )
    }\
{open_positions_html(result)}</div>
{metrics_panel(account, m)}
<h2 id="per-symbol">Per symbol</h2>
{symbols_table(figures, account)}
<div class="chart contribution">{
        plot_html(contribution_figure(figures.symbols), CONTRIBUTION_ID, False)
    }</div>
<h2 id="rejections">Rejections</h2>
{rejections_html(figures)}
</section>
{sections}
<script>{SORT_SCRIPT}</script>
<h2>Assumptions and parameters</h2>
<div class="panel">{assumptions_html(result, figures)}{params_html(account.params)}</div>"""
    return page_html(portfolio_title(result), body, PORTFOLIO_CSS)


def write_portfolio_report(result: PortfolioResult, path: str | Path, max_candles: int = MAX_CANDLES) -> Path:
    """Write the portfolio's self-contained HTML report to `path` (parents created); return it."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_portfolio_report(result, max_candles), encoding="utf-8")
    return out
