"""The report page's text blocks: the strategy beside both benchmarks, the metric cards, the open position,
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
    metrics: Metrics,
    benchmark: Metrics | None,
    who: str = "Strategy",
    against: str = "buy &amp; hold",
    vol_target: Metrics | None = None,
    vol_name: str = "vol-target buy &amp; hold",
) -> str:
    """One line above the chart: the return against both benchmarks' (`who`, `against` and
    `vol_name`: HTML)."""
    text = f"{who} {_signed(metrics.total_return)}"
    if benchmark is not None:
        text += f" · {against} {_signed(benchmark.total_return)}"
    if vol_target is not None:
        text += f" · {vol_name} {_signed(vol_target.total_return)}"
    text += f" · max drawdown {pct(metrics.max_drawdown)} · {metrics.n_trades:,} trades"
    return f'<div class="headline">{text}</div>'


def _signed(x: float) -> str:
    return f'<b class="{SIGN_CLASS[(x > 0) - (x < 0)]}">{pct(x)}</b>'


BUY_AND_HOLD_NOTE = (
    "All over the same measured bars: buy-and-hold buys with the whole capital when the "
    "strategy could first fill (the open of the bar after the first tradable bar; its close "
    "with the live fill model) and sells at the last close, paying the run's fees and slippage "
    "on both legs."
)


def vol_target_note(target: float | None) -> str:
    """What the volatility-targeted buy-and-hold is (text)."""
    if target is None:
        return ""
    return (
        f" The volatility-targeted buy-and-hold starts and ends the same way but holds min(1, "
        f"{pct(target, 1)} / the trailing 30-day volatility) of the account in the asset (the weight "
        "over a bar known at the close before it), rebalanced at the first bar of a UTC day when "
        f"that weight is more than 10 points from the one held, each rebalance a taker fill. "
        f"{pct(target, 1)} is the strategy's own realised volatility (at least 5%; 20% without "
        "trades): the same risk, which return?"
    )


def comparison_html(
    metrics: Metrics,
    benchmark: Metrics | None,
    names: tuple[str, str, str] = ("strategy", "buy &amp; hold", "vol-target B&amp;H"),
    note: str = BUY_AND_HOLD_NOTE,
    vol_target: Metrics | None = None,
    target: float | None = None,
) -> str:
    """The strategy beside buy-and-hold and the volatility-targeted buy-and-hold, the best cell of
    each row in bold (`names`: the columns' headers, HTML; `note`: what the benchmark is, text;
    `target`: the vol-targeted one's volatility target)."""
    rows = []
    for r in compared_rows(metrics, benchmark, vol_target):
        texts = (r.strategy_text, r.benchmark_text or "—", r.vol_target_text or "—")
        cells = "".join(
            f'<td class="v {"best" if r.best == i else ""}">{escape(t)}</td>' for i, t in enumerate(texts)
        )
        rows.append(f"<tr><td>{escape(r.label)}</td>{cells}</tr>")
    if benchmark is None:
        note = "No buy-and-hold: the candles do not cover the backtest's bars."
    else:
        note += vol_target_note(target)
    ours = names[0]
    head = "".join(f'<th class="v">{n}</th>' for n in names)
    return (
        f'<div class="card compare"><h3>{ours[:1].upper() + ours[1:]} vs {names[1]}</h3><table>'
        f'<tr><th></th>{head}</tr>{"".join(rows)}</table><p class="note">{escape(note)}</p></div>'
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
        "Volatility-targeted buy-and-hold: the same first fill, last close, fees and slippage; it holds "
        "min(1, target / trailing 30-day volatility) of the account, rebalanced at most daily past a "
        "10-point drift; the target is the strategy's realised volatility (at least 5%; 20% without trades).",
        "Definitions of every figure: docs/backtest-report.md in the aitrader repository.",
    ]
    body = "".join(f"<li>{escape(x)}</li>" for x in items)
    return f'<div class="card assumptions"><h3>Assumptions</h3><ul>{body}</ul></div>'
