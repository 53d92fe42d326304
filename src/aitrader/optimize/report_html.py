"""`aitrader optimize --report`: the optimisation document as one self-contained HTML page.

    write_report(doc, path)   # doc: what `study.optimise` returns (or its --json file, loaded)

A header with the run's settings and the plain-language warnings, then the equity that matters
(the chosen parameters, or walk-forward's stitched out-of-sample run, beside buy & hold), the
search or the windows, and the robustness statistics. plotly.js is inlined once and one script
draws every figure with one shared template, so the file opens offline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

from aitrader.backtest.report.format import MISSING, pct, ratio, short_time
from aitrader.domain.timeframe import Timeframe, format_duration
from aitrader.optimize import report_figures as figures
from aitrader.optimize.objectives import Constraints
from aitrader.optimize.report_tables import (
    Doc,
    benchmark_runs,
    montecarlo_table,
    num,
    overfitting_table,
    params_table,
    stability_table,
    trial_table,
    versus_table,
    vol_target_text,
    window_table,
)

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1500px; padding: 18px 24px; color: #222; background: #fafafa; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 30px 0 6px; }
nav { font-size: 13px; margin: 10px 0; } nav a { margin-right: 14px; color: #1f5fa8; text-decoration: none; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 4px 18px; background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 10px 14px; }
.facts span { color: #888; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; display: block; }
.warn { background: #fff4e5; border: 1px solid #f0b35b; border-left: 6px solid #e8890c; border-radius: 8px; padding: 8px 16px; margin: 12px 0; font-size: 15px; }
.warn h3 { margin: 2px 0 4px; font-size: 15px; color: #a35a00; } .warn ul { margin: 4px 0; padding-left: 20px; }
.ok { background: #eef8f0; border: 1px solid #9fd3ab; border-radius: 8px; padding: 8px 16px; margin: 12px 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 10px; margin: 12px 0; }
.kpi { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 8px 12px; } .kpi b { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.kpi span { color: #888; font-size: 12px; } .kpi i { color: #666; font-size: 12px; font-style: normal; }
.chart { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; margin-top: 8px; }
.row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
table.grid { border-collapse: collapse; background: #fff; font-size: 13px; font-variant-numeric: tabular-nums; margin-top: 8px; }
.grid th, .grid td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: right; white-space: nowrap; }
.grid th { background: #f0f0f0; position: sticky; top: 0; } .grid .l { text-align: left; }
.sortable th { cursor: pointer; } .sortable th:hover { background: #e4e4e4; }
.tablewrap { max-height: 640px; overflow: auto; border: 1px solid #e3e3e3; border-radius: 8px; }
tr.chosen td { background: #fff8d6; font-weight: 600; } tr.infeasible td { color: #999; } tr.failed td { color: #b33; }
.pos { color: #1b7f3b; } .neg { color: #c62828; } .note { color: #666; font-size: 13px; margin: 4px 0; }
"""

# Draws every figure with the shared template. A click on a sortable column header sorts by the
# cells' data-v (numbers; an empty one, a missing value, sorts last) or, without data-v, their text.
_JS = """
const TEMPLATE = %s;
const FIGURES = %s;
for (const [id, fig] of Object.entries(FIGURES)) {
  fig.layout.template = TEMPLATE;
  Plotly.newPlot(id, fig.data, fig.layout, {displaylogo: false, responsive: true});
}
document.querySelectorAll("table.sortable th").forEach((th) => th.addEventListener("click", () => {
  const body = th.closest("table").tBodies[0], col = th.cellIndex;
  const dir = th.dataset.dir === "asc" ? -1 : 1;
  th.dataset.dir = dir > 0 ? "asc" : "desc";
  const key = (tr) => {
    const c = tr.cells[col], v = c.dataset.v;
    return v === undefined ? c.textContent : v === "" ? null : Number(v);
  };
  const rows = Array.from(body.rows).sort((a, b) => {
    const x = key(a), y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return typeof x === "string" ? dir * x.localeCompare(y) : dir * (x - y);
  });
  rows.forEach((r) => body.appendChild(r));
}));
"""


def write_report(doc: Mapping[str, Any], path: Path) -> None:
    """Write the report of an optimisation document to `path` (parent folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(doc), encoding="utf-8")


def render_report(doc: Mapping[str, Any]) -> str:
    """The page as one string."""
    import plotly.io as pio
    from plotly.offline import get_plotlyjs

    page = _Page()
    if doc["kind"] == "walk_forward":
        _walk_forward(doc, page)
    else:
        _search(doc, page)
    _robustness(doc, page)
    if doc["kind"] != "walk_forward":
        page.section("trials", "All trials", trial_table(doc), note="Click a column header to sort.")
    template = json.dumps(pio.templates["plotly_white"].to_plotly_json(), separators=(",", ":"))
    script = _JS % (template, "{" + ",".join(f'"{k}":{v}' for k, v in page.figures.items()) + "}")
    kind = "Walk-forward" if doc["kind"] == "walk_forward" else "Optimisation"
    title = f"{kind} · {doc['strategy']} · {doc['symbol']} {doc['timeframe']}"
    nav = "".join(f'<a href="#s-{k}">{escape(v)}</a>' for k, v in page.nav)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style>
<script>{get_plotlyjs()}</script></head>
<body>
<h1>{escape(title)}</h1>{_facts(doc)}{_warnings(doc)}{_kpis(doc)}
<nav>{nav}</nav>
{"".join(page.sections)}
<script>{script}</script>
</body></html>
"""


class _Page:
    """The sections, their links and the figures (div id -> JSON) as the page is laid out."""

    def __init__(self) -> None:
        self.sections: list[str] = []
        self.nav: list[tuple[str, str]] = []
        self.figures: dict[str, str] = {}

    def chart(self, div_id: str, fig: Any, missing: str = "") -> str:
        if fig is None:
            return f'<p class="note" id="{div_id}-missing">{escape(missing)}</p>'
        self.figures[div_id] = _figure_json(fig)
        return f'<div class="chart" id="{div_id}"></div>'

    def section(self, key: str, heading: str, *parts: str, note: str = "") -> None:
        self.nav.append((key, heading))
        text = f'<p class="note">{escape(note)}</p>' if note else ""
        self.sections.append(
            f'<section id="s-{key}"><h2>{escape(heading)}</h2>{text}{"".join(parts)}</section>'
        )


def _figure_json(fig: Any) -> str:
    """The figure as JSON without its template (the page sets one shared template), safe in <script>."""
    data = json.loads(fig.to_json())
    data["layout"].pop("template", None)
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")


def _bars_text(doc: Doc, bars: int) -> str:
    return f"{bars:,} bars ({format_duration(bars * Timeframe.parse(doc['timeframe']).duration_ms)})"


def _facts(doc: Doc) -> str:
    span, setup, limits = doc["span"], doc.get("setup") or {}, doc.get("constraints") or {}
    wf, search = doc.get("walk_forward"), doc.get("search") or {}
    arrows = {"maximize": "↑", "minimize": "↓"}
    sizing = "all-in sizer" if setup.get("all_in") else f"risk {pct(setup.get('risk'), 1)} per trade"
    costs = f"fee {pct(setup.get('fee'))} per fill · slippage {setup.get('slippage_bps', 0):g} bps"
    objectives = ", ".join(f"{o['label']} {arrows[o['direction']]}" for o in doc["objectives"])
    when = f"{short_time(span['start_ms'])} → {short_time(span['end_ms'])} UTC · {span['bars']:,} bars"
    facts = [
        ("Span", when),
        ("Objectives (Pareto front)" if len(doc["objectives"]) > 1 else "Objective", objectives),
        ("Constraints", Constraints(limits.get("min_trades") or 0, limits.get("max_drawdown")).describe()),
        ("Costs and sizing", f"{costs} · {sizing} · cash {setup.get('cash', 0):,.0f}"),
    ]
    if wf:
        plan, windows = wf["plan"], wf["windows"]
        per = "/".join(str(n) for n in sorted({w["search"]["trials"] for w in windows}))
        done = sum(w["search"]["evaluated"] for w in windows)
        spans = f"train {_bars_text(doc, plan['train'])}, test {_bars_text(doc, plan['test'])}"
        facts.append(("Windows", f"{len(windows)} {'anchored' if plan['anchored'] else 'rolling'}: {spans}"))
        facts.append(("Trials", f"{per} per window ({done:,} backtested)"))
        facts.append(("Trials / minute", num(wf.get("trials_per_minute"), "{:,.0f}")))
    else:
        trials = search.get("trials") or []
        n = {s: sum(t["state"] == s for t in trials) for s in ("complete", "infeasible", "failed", "repeat")}
        states = (
            f"{n['complete']:,} feasible, {n['infeasible']:,} infeasible, {n['failed']:,} failed, "
            f"{n['repeat']:,} repeated points"
        )
        speed = (
            f"{num(search.get('trials_per_minute'), '{:,.0f}')} ({num(search.get('elapsed_s'), '{:,.1f}')} s)"
        )
        facts.append(("Sampler", f"{search.get('sampler', MISSING)} · seed {doc.get('seed', 0)}"))
        facts.append(("Trials", f"{len(trials):,}: {states}"))
        facts.append(("Trials / minute", speed))
    grid = "".join(f"<div><span>{escape(k)}</span>{escape(v)}</div>" for k, v in facts)
    return f'<div class="facts" id="facts">{grid}</div>'


def _warnings(doc: Doc) -> str:
    lines = (doc.get("robustness") or {}).get("warnings") or []
    if not lines:
        return '<div class="ok" id="warnings">None of the overfitting checks objects (no proof of an edge).</div>'
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div class="warn" id="warnings"><h3>Warnings</h3><ul>{items}</ul></div>'


def _mean_of(fits: Sequence[Doc | None], part: str, key: str) -> float | None:
    values = [v for f in fits if (v := ((f or {}).get(part) or {}).get(key)) is not None]
    return sum(values) / len(values) if values else None


def _kpis(doc: Doc) -> str:
    wf, rob = doc.get("walk_forward"), doc.get("robustness") or {}
    mine = ((wf["stitched"] if wf else doc.get("chosen")) or {}).get("metrics") or {}
    benches, fits = benchmark_runs(doc), rob.get("overfitting") or []
    boot = (rob.get("monte_carlo") or {}).get("trades_bootstrap") or {}
    mean = " (mean of windows)" if wf else ""
    dsr, pbo = _mean_of(fits, "deflated_sharpe", "probability"), _mean_of(fits, "pbo", "pbo")

    def versus(key: str, fmt: Any) -> str:
        return " · ".join(f"{name} {fmt(m.get(key))}" for name, m in benches)

    cards = [
        ("Sharpe", ratio(mine.get("sharpe")), versus("sharpe", ratio)),
        ("Total return", pct(mine.get("total_return")), versus("total_return", pct)),
        ("Max drawdown", pct(mine.get("max_drawdown")), versus("max_drawdown", pct)),
        ("Deflated Sharpe" + mean, num(dsr), "≥ 0.95: significant"),
        ("PBO" + mean, num(pbo), "> 0.5: probably overfit"),
        ("P(loss), trade bootstrap", pct(boot.get("prob_loss"), 0), f"{boot.get('n_sims', 0):,} simulations"),
    ]
    if wf:
        cards.append(("Walk-forward efficiency", num(wf.get("efficiency")), "OOS / IS log growth per bar"))

    card = '<div class="kpi"><span>{}</span><b>{}</b><i>{}</i></div>'
    html = "".join(card.format(*map(escape, c)) for c in cards)
    run = "stitched out of sample" if wf else "chosen parameters, in sample"
    return f'<div class="kpis" id="kpis" title="{run}">{html}</div>'


def _search(doc: Doc, page: _Page) -> None:
    s, objectives, chosen = doc["search"], doc["objectives"], doc.get("chosen")
    dims = doc["space"]["dimensions"]
    trials, importance, first = s["trials"], s.get("importance") or {}, objectives[0]["name"]
    bench, vol = doc["benchmark"], doc.get("vol_target_benchmark")
    equity = page.chart("fig-equity", figures.equity_figure(chosen, bench, "chosen", vol=vol))
    note = "In sample: the search picked these parameters on this same data, so the curve flatters them."
    note += " " + vol_target_text(doc, "the chosen run's") if vol else ""
    page.section("equity", "Chosen parameters vs buy & hold", equity, note=note)
    runs = [("chosen", chosen["metrics"])] if chosen else []
    tables = versus_table([*runs, *benchmark_runs(doc)])
    tables += params_table(doc, (chosen or {}).get("params"))
    page.section("metrics", "Metrics and chosen parameters", f'<div class="row">{tables}</div>')
    page.section(
        "history",
        "Optimisation history",
        page.chart("fig-history", figures.history_figure(trials, objectives)),
    )
    if len(objectives) > 1:
        front = page.chart("fig-pareto", figures.pareto_figure(trials, s["best"], objectives))
        note = f"{len(s['best'])} trials on the front; the chosen one is the front's best by {first}."
        page.section("pareto", "Pareto front", front, note=note)
    bars = page.chart(
        "fig-importance", figures.importance_figure(importance), "No importance: too few complete trials."
    )
    page.section("importance", f"Parameter importance ({first})", bars)
    heat = figures.heatmaps_figure(trials, dims, importance, objectives[0])
    page.section(
        "heatmaps",
        f"Mean {first} over the top parameter pairs",
        page.chart("fig-heatmaps", heat, "Too few scored trials."),
    )
    lines = page.chart(
        "fig-parallel", figures.parallel_figure(trials, dims, objectives), "Too few scored trials."
    )
    page.section("parallel", "Parallel coordinates", lines, note="Drag along an axis to filter the trials.")


def _walk_forward(doc: Doc, page: _Page) -> None:
    wf, dims = doc["walk_forward"], doc["space"]["dimensions"]
    windows, eff = wf["windows"], wf.get("efficiency")
    vol = doc.get("vol_target_benchmark")
    equity = figures.equity_figure(wf["stitched"], doc["benchmark"], "walk-forward (OOS)", windows, vol)
    note = "Each test window (shaded) traded the parameters chosen on the train span before it."
    note += " " + vol_target_text(doc, "the stitched track's") if vol else ""
    page.section(
        "equity", "Stitched out-of-sample equity vs buy & hold", page.chart("fig-equity", equity), note=note
    )
    runs = [("walk-forward (OOS)", wf["stitched"]["metrics"]), *benchmark_runs(doc)]
    eff_text = (
        f"<b>{eff:.2f}</b>: stitched OOS log growth per bar / mean IS log growth per bar (1 = no decay)"
        if eff is not None
        else "not defined: the in-sample return was not positive"
    )
    tables = f'<div class="row">{versus_table(runs)}{stability_table(doc)}</div>'
    page.section(
        "metrics",
        "Metrics and parameter stability",
        tables,
        f'<p id="efficiency">Walk-forward efficiency {eff_text}.</p>',
    )
    page.section(
        "windows", "Windows", page.chart("fig-windows", figures.windows_figure(windows)), window_table(doc)
    )
    drift = figures.stability_figure(windows, dims, wf.get("stability") or {})
    choices = page.chart("fig-stability", drift, "Fewer than two windows chose parameters.")
    page.section("stability", "Parameter choices across windows", choices)


def _robustness(doc: Doc, page: _Page) -> None:
    rob = doc.get("robustness") or {}
    fits, mc = rob.get("overfitting") or [], rob.get("monte_carlo") or {}
    labels = (
        [f"W{k + 1}" for k in range(len(fits))] if doc["kind"] == "walk_forward" else ["search"] * len(fits)
    )
    bars = page.chart(
        "fig-overfitting",
        figures.overfitting_figure(fits, labels),
        "No deflated Sharpe or PBO: no feasible trial.",
    )
    logits = page.chart("fig-pbo-logits", figures.logits_figure(fits, labels), "No PBO logits.")
    note = (
        "Deflated Sharpe: the probability that the chosen Sharpe beats the best that a search of this many "
        "trials finds by luck. PBO: the share of CSCV splits where the in-sample best ranks at or below "
        "the out-of-sample median."
    )
    page.section(
        "overfitting",
        "Overfitting: deflated Sharpe and PBO",
        bars,
        logits,
        overfitting_table(fits, labels),
        note=note,
    )
    fan = page.chart(
        "fig-montecarlo", figures.montecarlo_figure(mc), "No Monte Carlo: too few trades, or simulations off."
    )
    note = (
        "Bands are pointwise percentiles across simulations, not single paths; shuffling the trades keeps "
        "the final return and varies only the path."
    )
    page.section("montecarlo", "Monte Carlo", fan, montecarlo_table(mc), note=note)
