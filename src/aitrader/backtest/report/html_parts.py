"""The report page's text blocks: strategy vs buy-and-hold, the metric cards, the open position,
the assumptions and the parameters (the chart and the trade table have their own modules)."""

from __future__ import annotations

from html import escape
from typing import Any

from aitrader.backtest.metrics import Metrics
from aitrader.backtest.report.compare import compared_rows
from aitrader.backtest.report.format import metric_rows, money, pct, price, short_time
from aitrader.backtest.report.legs import ExitRow
from aitrader.backtest.result import MS_PER_YEAR, BacktestResult

SIGN_CLASS = {1: "pos", -1: "neg", 0: ""}


def headline(
    metrics: Metrics, benchmark: Metrics | None, who: str = "Strategy", against: str = "buy &amp; hold"
) -> str:
    """One line above the chart: the return against buy-and-hold's (`who` and `against`: HTML)."""
    cls = SIGN_CLASS[(metrics.total_return > 0) - (metrics.total_return < 0)]
    text = f'{who} <b class="{cls}">{pct(metrics.total_return)}</b>'
    if benchmark is not None:
        bcls = SIGN_CLASS[(benchmark.total_return > 0) - (benchmark.total_return < 0)]
        text += f' · {against} <b class="{bcls}">{pct(benchmark.total_return)}</b>'
    text += f" · max drawdown {pct(metrics.max_drawdown)} · {metrics.n_trades:,} trades"
    return f'<div class="headline">{text}</div>'


BUY_AND_HOLD_NOTE = (
    "Both over the same measured bars: buy-and-hold buys with the whole capital when the "
    "strategy could first fill (the open of the bar after the first tradable bar; its close "
    "with the live fill model) and sells at the last close, paying the run's fees and slippage "
    "on both legs."
)


def comparison_html(
    metrics: Metrics,
    benchmark: Metrics | None,
    names: tuple[str, str] = ("strategy", "buy &amp; hold"),
    note: str = BUY_AND_HOLD_NOTE,
) -> str:
    """Strategy and buy-and-hold side by side, the better cell of each row in bold (`names`: the
    two columns' headers, HTML; `note`: what the benchmark is, text)."""
    rows = []
    for r in compared_rows(metrics, benchmark):
        s_cls = "best" if r.better > 0 else ""
        b_cls = "best" if r.better < 0 else ""
        rows.append(
            f'<tr><td>{escape(r.label)}</td><td class="v {s_cls}">{escape(r.strategy_text)}</td>'
            f'<td class="v {b_cls}">{escape(r.benchmark_text or "—")}</td></tr>'
        )
    if benchmark is None:
        note = "No buy-and-hold: the candles do not cover the backtest's bars."
    ours, theirs = names
    return (
        f'<div class="card compare"><h3>{ours[:1].upper() + ours[1:]} vs {theirs}</h3><table>'
        f'<tr><th></th><th class="v">{ours}</th><th class="v">{theirs}</th></tr>'
        f'{"".join(rows)}</table><p class="note">{escape(note)}</p></div>'
    )


def metrics_panel(result: BacktestResult, metrics: Metrics) -> str:
    cards: dict[str, list[str]] = {}
    for row in metric_rows(result, metrics):
        cls = SIGN_CLASS[row.sign]
        cards.setdefault(row.section, []).append(
            f'<tr><td>{escape(row.label)}</td><td class="v {cls}">{escape(row.text)}</td></tr>'
        )
    body = "".join(
        f'<div class="card"><h3>{escape(section)}</h3><table>{"".join(rows)}</table></div>'
        for section, rows in cards.items()
    )
    return f'<div class="panel">{body}</div>'


def open_position_html(rows: list[ExitRow]) -> str:
    """What is still held at the end and how it is counted (empty when the run ended flat)."""
    opened = [r for r in rows if r.is_open]
    if not opened:
        return ""
    r = opened[-1]
    t = r.trade
    return (
        '<div class="card openpos"><h3>Open at the end</h3><p>'
        f"#{r.no}: {escape(t.side.value)} {r.qty:.6g} {escape(t.symbol)} entered "
        f"{escape(short_time(t.entry_time))} UTC at {escape(price(t.entry_price))}, still held after the "
        f"last bar. It is valued at the last close {escape(price(r.exit_price))} <b>net of the exit fee "
        f"it would pay</b> (included in its fees {escape(money(r.fees))}): P&amp;L "
        f"<b>{escape(money(r.pnl))}</b>. It counts as one of the trades in every trade statistic "
        f'(see "Open at the end") and the final equity and the equity curve\'s last point are net of '
        "that fee. In the trade table it is the row marked <i>open</i>.</p></div>"
    )


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
    """The run's parameters as a small key/value table; a nested dict gets its own heading. The
    open position's record is left out: the "Open at the end" card and the trade table show it."""
    params = {k: v for k, v in params.items() if k != "open_trade"}
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


def _density(result: BacktestResult, metrics: Metrics) -> str:
    """Where the bars a year come from: the nominal figure or the bars present per year."""
    if metrics.bars_per_year == MS_PER_YEAR / result.timeframe.duration_ms:  # a continuous series
        return f"every {result.timeframe.value} bar of a 365.25-day year"
    return "the measured bars per year of calendar time: the series closes or has gaps"


def assumptions_html(result: BacktestResult, metrics: Metrics) -> str:
    """How the figures were made: fills, fees, the measured window, the open position, annualising."""
    p: dict[str, Any] = result.params
    fees = p.get("fee_model") or (
        f"{float(p['fee']):.4%} of the notional per fill" if "fee" in p else "as given"
    )
    items = [
        f"Fills: {p.get('fill_model', 'next-open')} model; fees {fees}; slippage "
        f"{float(p.get('slippage_bps', 0.0)):g} bps per taker fill.",
        f"Measured from the first bar the strategy could decide on ({short_time(metrics.start_ms)} UTC)"
        if metrics.n_bars
        else "No bar measured.",
        f"{metrics.excluded_bars:,} warm-up bars before it are shown shaded and not measured"
        + (
            f"; {int(p['warmup_bars']):,} more bars before --from only warmed the indicators."
            if p.get("warmup_bars")
            else "."
        ),
        f"Returns are per bar; CAGR over the {metrics.years:,.2f} years (of 365.25 days) from the first "
        f"measured bar's open to the last bar's close; volatility, Sharpe and Sortino annualised with "
        f"{metrics.bars_per_year:,.1f} bars a year ({_density(result, metrics)}); a zero risk-free rate.",
        "A position open at the end is valued at the last close net of its exit fee and counted as a trade.",
        "Buy-and-hold: the whole capital bought when the strategy could first fill ("
        + (
            "the first measured bar's close, the live fill model"
            if p.get("fill_model") == "live"
            else "the open of the bar after the first measured bar"
        )
        + "), sold at the last close, same fees and slippage.",
        "Definitions of every figure: docs/backtest-report.md in the aitrader repository.",
    ]
    body = "".join(f"<li>{escape(x)}</li>" for x in items)
    return f'<div class="card assumptions"><h3>Assumptions</h3><ul>{body}</ul></div>'
