"""The tables of the optimisation report (`report_html` lays them out), and the readers of the
document that the tables and the figures share (a trial's score, a parameter's place in its range).

Every numeric cell carries its value in data-v, so a sortable table sorts by value, blanks last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any

from aitrader.backtest.report.compare import HOLD_NAME, VOL_NAME
from aitrader.backtest.report.format import MISSING, pct, ratio, short_time
from aitrader.optimize.objectives import WORST

Doc = Mapping[str, Any]
Fmt = Callable[[Any], str]

MC_METHODS = (
    ("trades_bootstrap", "Trades, bootstrap", "trade"),
    ("trades_shuffle", "Trades, shuffled", "trade"),
    ("returns_block", "Bar returns, block bootstrap", "bar"),
)
DRIFT_READING = ((0.1, "stable"), (0.2, "drifts"), (float("inf"), "unstable"))


def score(trial: Doc, i: int = 0) -> float | None:
    """The trial's i-th objective value; None when it has no real one (refused, failed, no metric)."""
    values = trial.get("values") or []
    v = values[i] if i < len(values) else None
    if v is None or not trial.get("metrics") or abs(v) >= WORST:
        return None
    return float(v)


def position(dim: Doc, value: Any) -> float:
    """Where `value` lies in the searched range, 0 at the low end and 1 at the high end."""
    if dim["kind"] == "choice":
        choices = [str(c) for c in dim.get("choices") or []]
        i = choices.index(str(value)) if str(value) in choices else 0
        return i / (len(choices) - 1) if len(choices) > 1 else 0.5
    span = float(dim["high"]) - float(dim["low"])
    return (float(value) - float(dim["low"])) / span if span else 0.5


def value_text(v: Any) -> str:
    """A parameter value as a person writes it (2.4, not 2.4000000000000004)."""
    return f"{v:.6g}" if isinstance(v, float) else str(v)


def params_text(params: Mapping[str, Any] | None, sep: str = "<br>") -> str:
    return sep.join(f"{escape(str(k))}={escape(value_text(v))}" for k, v in (params or {}).items())


def count(v: Any) -> str:
    return MISSING if v is None else f"{v:,}"


def num(v: Any, pattern: str = "{:.2f}") -> str:
    return MISSING if v is None else pattern.format(v)


METRICS: tuple[tuple[str, str, Fmt], ...] = (
    ("sharpe", "Sharpe", ratio),
    ("sortino", "Sortino", ratio),
    ("calmar", "Calmar", ratio),
    ("total_return", "Total return", pct),
    ("annual_return", "Annual return (CAGR)", pct),
    ("max_drawdown", "Max drawdown", pct),
    ("n_trades", "Trades", count),
    ("win_rate", "Win rate", pct),
    ("profit_factor", "Profit factor", ratio),
    ("exposure", "Exposure", pct),
)
WINDOW_METRICS: tuple[tuple[str, str, Fmt], ...] = (
    ("in_sample", "sharpe", ratio),
    ("in_sample", "total_return", pct),
    ("out_of_sample", "sharpe", ratio),
    ("out_of_sample", "total_return", pct),
    ("out_of_sample", "max_drawdown", pct),
    ("out_of_sample", "n_trades", count),
    ("benchmark", "total_return", pct),
    ("benchmark", "sharpe", ratio),
    ("vol_target_benchmark", "total_return", pct),
    ("vol_target_benchmark", "sharpe", ratio),
)
SIGNED = {"sharpe", "sortino", "calmar", "total_return", "annual_return"}  # coloured by sign


def benchmark_runs(doc: Doc) -> list[tuple[str, Doc]]:
    """The document's benchmarks as (name, metrics): buy-and-hold, then the volatility-targeted one
    (absent from documents written before it existed)."""
    vol = doc.get("vol_target_benchmark")
    return [(HOLD_NAME, doc["benchmark"]["metrics"]), *([(VOL_NAME, vol["metrics"])] if vol else [])]


def vol_target_text(doc: Doc, whose: str) -> str:
    """One sentence on what the volatility-targeted buy-and-hold held, or "" without one."""
    vol = doc.get("vol_target_benchmark")
    if not vol:
        return ""
    fills = f"{vol['rebalances']:,} fill{'' if vol['rebalances'] == 1 else 's'}"
    return (
        f"{VOL_NAME}: buy & hold at a weight of min(1, {pct(vol['target_volatility'], 1)} / trailing "
        f"30-day volatility), rebalanced at most daily ({fills}, mean weight "
        f"{pct(vol['mean_weight'], 0)}); {pct(vol['target_volatility'], 1)} is {whose} realised "
        "volatility (at least 5%, 20% without trades)."
    )


def cell(value: Any, text: str | None = None, left: bool = False, sign: bool = False) -> str:
    cls = ["l"] if left else []
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if sign and number and value:
        cls.append("pos" if value > 0 else "neg")
    data = f' data-v="{value:.10g}"' if number else ' data-v=""' if value is None else ""
    attrs = data + (f' class="{" ".join(cls)}"' if cls else "")
    return f"<td{attrs}>{escape(value_text(value) if text is None else text)}</td>"


def table(
    table_id: str, head: Sequence[str], rows: Iterable[str], left: Sequence[str] = (), sort: bool = False
) -> str:
    """A table of `rows` (each a <tr>); a sortable one scrolls in its own frame."""
    th = "".join(f'<th class="l">{escape(h)}</th>' if h in left else f"<th>{escape(h)}</th>" for h in head)
    cls = "grid sortable" if sort else "grid"
    body = "".join(rows)
    out = f'<table class="{cls}" id="{table_id}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'
    return f'<div class="tablewrap">{out}</div>' if sort else out


def versus_table(runs: Sequence[tuple[str, Doc]]) -> str:
    """Metrics side by side, one column per run."""
    rows = []
    for key, label, fmt in METRICS:
        values = "".join(cell(m.get(key), fmt(m.get(key)), sign=key in SIGNED) for _, m in runs)
        rows.append(f'<tr><td class="l">{label}</td>{values}</tr>')
    return table("metrics", ["metric", *(name for name, _ in runs)], rows, left=["metric"])


def params_table(doc: Doc, params: Mapping[str, Any] | None) -> str:
    if not params:
        return '<p class="note" id="chosen-params">No trial met the constraints: nothing was chosen.</p>'
    dims = {d["name"]: d for d in doc["space"]["dimensions"]}

    def searched(d: Doc | None) -> str:
        if d is None:
            return "fixed"
        return ", ".join(map(str, d["choices"])) if d["kind"] == "choice" else f"{d['low']:g} – {d['high']:g}"

    rows = (
        f"<tr>{cell(k, left=True)}{cell(v)}{cell(searched(dims.get(k)), left=True)}</tr>"
        for k, v in params.items()
    )
    return table("chosen-params", ["parameter", "chosen", "searched"], rows, left=["parameter", "searched"])


def _why(trial: Doc, limits: Doc) -> str:
    """The trial's reason, or for one that ran but broke a constraint, which one."""
    m = trial.get("metrics") or {}
    if trial.get("reason") or trial["state"] != "infeasible" or not m:
        return str(trial.get("reason") or "")
    broken = []
    if (m.get("n_trades") or 0) < (limits.get("min_trades") or 0):
        broken.append(f"{m.get('n_trades') or 0} trades < {limits['min_trades']}")
    if limits.get("max_drawdown") is not None and (m.get("max_drawdown") or 0.0) > limits["max_drawdown"]:
        broken.append(f"max drawdown {pct(m['max_drawdown'], 1)} > {pct(limits['max_drawdown'], 1)}")
    return "constraints: " + ", ".join(broken) if broken else ""


def trial_table(doc: Doc) -> str:
    """Every trial: state, objective values, parameters and the main metrics; the chosen one marked."""
    s, objectives = doc["search"], doc["objectives"]
    names = [d["name"] for d in doc["space"]["dimensions"]]
    front = {t["number"] for t in s["best"]} if len(objectives) > 1 else set()
    chosen = s["best"][0]["number"] if s["best"] and doc.get("chosen") else None
    keys = ("sharpe", "total_return", "max_drawdown", "n_trades", "win_rate", "profit_factor")
    shown = [m for m in METRICS if m[0] in keys]
    rows = []
    for t in s["trials"]:
        n, m = t["number"], t.get("metrics") or {}
        cls = "chosen" if n == chosen else "" if t["state"] == "complete" else t["state"]
        cells = [cell(n, f"{n} ★" if n in front else str(n)), cell(t["state"], left=True)]
        cells += [cell(score(t, i), num(score(t, i), "{:.4g}")) for i in range(len(objectives))]
        cells += [cell(t["params"].get(p)) for p in names]
        cells += [cell(m.get(k), fmt(m.get(k))) for k, _, fmt in shown]
        cells.append(cell(_why(t, doc.get("constraints") or {}), left=True))
        rows.append(f'<tr class="{cls}">{"".join(cells)}</tr>')
    head = ["#", "state", *(o["name"] for o in objectives), *names, *(label for _, label, _ in shown)]
    note = '<p class="note">★ on the Pareto front.</p>' if front else ""
    return note + table("trials", [*head, "reason"], rows, left=["state", "reason"], sort=True)


def stability_table(doc: Doc) -> str:
    drift = doc["walk_forward"].get("stability") or {}
    if not drift:
        return '<p class="note" id="stability">No stability figures: fewer than two windows chose parameters.</p>'
    rows = []
    for name, v in drift.items():
        reading = next(text for limit, text in DRIFT_READING if v < limit)
        rows.append(f"<tr>{cell(name, left=True)}{cell(v, f'{v:.2f}')}{cell(reading, left=True)}</tr>")
    note = (
        "Drift: std of the choices / searched range (for a set of choices, the share of windows off "
        "the most common). Uniform random picks give about 0.29."
    )
    grid = table("stability", ["parameter", "drift", "reading"], rows, left=["parameter", "reading"])
    return f'<div>{grid}<p class="note">{note}</p></div>'


def _dates(span: Doc) -> str:
    return f"{short_time(span['start_ms'])[:10]} → {short_time(span['end_ms'])[:10]}"


def window_table(doc: Doc) -> str:
    """One row per walk-forward window: spans, the parameters chosen, IS/OOS, both benchmarks over
    the test span (VT: volatility-targeted), DSR, PBO."""
    head = ["#", "train", "test", "parameters", "IS Sharpe", "IS return", "OOS Sharpe", "OOS return"]
    head += ["OOS max DD", "OOS trades", "B&H return", "B&H Sharpe", "VT B&H return", "VT B&H Sharpe"]
    head += ["DSR", "PBO", "trials"]
    rows = []
    for w in doc["walk_forward"]["windows"]:
        fit = w.get("overfitting") or {}
        dsr, pbo = (fit.get("deflated_sharpe") or {}).get("probability"), (fit.get("pbo") or {}).get("pbo")
        cells = [cell(w["index"] + 1, f"W{w['index'] + 1}")]
        cells += [cell(w[p]["start_ms"], _dates(w[p]), left=True) for p in ("train", "test")]
        cells.append(f'<td class="l">{params_text(w.get("params"), ", ") or "none met the constraints"}</td>')
        cells += [
            cell((w.get(part) or {}).get(k), fmt((w.get(part) or {}).get(k)), sign=k in SIGNED)
            for part, k, fmt in WINDOW_METRICS
        ]
        search = w["search"]
        cells += [cell(dsr, num(dsr)), cell(pbo, num(pbo))]
        cells.append(cell(search["evaluated"], f"{search['evaluated']}/{search['trials']}"))
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return table("window-table", head, rows, left=["train", "test", "parameters"], sort=True)


def overfitting_table(fits: Sequence[Doc | None], labels: Sequence[str]) -> str:
    """The deflated Sharpe's inputs and the PBO summary per search (or window), with the notes on
    what could not be computed. E[max SR] is the Sharpe the best of N luck-only trials would show."""
    head = ["", "trials", "Sharpe (ann.)", "E[max SR] of N (ann.)", "DSR", "obs", "skew", "kurtosis"]
    head += ["PBO", "P(OOS loss)", "degradation", "notes"]
    rows = []
    for label, entry in zip(labels, fits, strict=True):
        f = entry or {}
        d, p = f.get("deflated_sharpe") or {}, f.get("pbo") or {}
        annual = d["sharpe_annual"] / d["sharpe"] if d.get("sharpe") else None  # per-sample -> annual
        luck = d["benchmark"] * annual if annual is not None and d.get("benchmark") is not None else None
        values = [(d.get("sharpe_annual"), "{:.2f}"), (luck, "{:.2f}"), (d.get("probability"), "{:.3f}")]
        values += [(d.get("n_obs"), "{:,}"), (d.get("skew"), "{:.2f}"), (d.get("kurtosis"), "{:.1f}")]
        values += [
            (p.get("pbo"), "{:.3f}"),
            (p.get("prob_oos_loss"), "{:.2f}"),
            (p.get("degradation_slope"), "{:.2f}"),
        ]
        cells = [cell(label, left=True), cell(f.get("n_trials"))] + [
            cell(v, num(v, fmt)) for v, fmt in values
        ]
        rows.append(f"<tr>{''.join(cells)}{cell('; '.join(f.get('notes') or []), left=True)}</tr>")
    return table("overfitting-table", head, rows, left=["", "notes"])


def montecarlo_table(mc: Mapping[str, Any]) -> str:
    """Per method: simulations, P(loss), and the final return and max drawdown at each percentile."""
    present = [(title, b) for key, title, _ in MC_METHODS if (b := mc.get(key))]
    if not present:
        return ""
    pcts = present[0][1]["percentiles"]
    head = ["method", "sims", "P(loss)", *(f"return p{p:g}" for p in pcts), *(f"max DD p{p:g}" for p in pcts)]
    rows = []
    for title, b in present:
        cells = [cell(title, left=True), cell(b["n_sims"], count(b["n_sims"]))]
        cells.append(cell(b["prob_loss"], pct(b["prob_loss"], 1)))
        cells += [cell(v, pct(v, 1), sign=True) for v in b["final_return"]]
        cells += [cell(v, pct(v, 1)) for v in b["max_drawdown"]]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return table("montecarlo-table", head, rows, left=["method"])
