"""The plotly figures of the optimisation report (`report_html` lays them out), drawn from the JSON
document alone, so a saved document renders the same report.

The page must stay small beside plotly.js (4.8 MB): curves are thinned to `LINE_POINTS` buckets
(equity at each bucket's end, the deepest drawdown in it, so no trough disappears), values go out
as float32 where a millionth is plenty, and the PBO logits (12,870 per search) are binned here.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from aitrader.backtest.report.compare import HOLD_NAME, VOL_NAME
from aitrader.backtest.report.downsample import bucket_starts, last_per_bucket, max_per_bucket
from aitrader.optimize.report_tables import MC_METHODS, Doc, params_text, position, score, value_text

LINE_POINTS = 1_500
BAND_POINTS = 300
HEAT_BINS = 8
BLUE, GREY, RED, GREEN, AMBER = "#1f77b4", "#8c8c8c", "#d62728", "#2ca02c", "#ff9f1c"
HOVER = "%{text}<extra></extra>"


def _plotly() -> tuple[Any, Any]:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    return go, make_subplots


def _f4(values: Any) -> Any:
    return np.asarray(values, dtype=np.float32)


def _style(fig: Any, height: int, **layout: Any) -> Any:
    legend, margin = (
        {"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        {"l": 60, "r": 24, "t": 56, "b": 40},
    )
    fig.update_layout({"margin": margin, "legend": legend, **layout}, height=height)
    return fig


def _thin(curve: Doc) -> tuple[Any, Any, Any]:
    times, equity, dd = (
        np.asarray(curve.get(k) or [], dtype=np.float64) for k in ("times", "equity", "drawdown")
    )
    starts = bucket_starts(len(equity), LINE_POINTS)
    return last_per_bucket(times, starts), last_per_bucket(equity, starts), max_per_bucket(dd, starts)


def equity_figure(
    run: Doc | None, bench: Doc, label: str, windows: Sequence[Doc] = (), vol: Doc | None = None
) -> Any:
    """Equity of `run` (None: nothing chosen), buy & hold and the vol-targeted one (`vol`, if any),
    drawdowns below, a log-scale toggle; walk-forward test windows shaded and numbered."""
    go, make_subplots = _plotly()
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.72, 0.28])
    lines = ((run, label, BLUE, "solid"), (bench, HOLD_NAME, GREY, "dot"), (vol, VOL_NAME, GREEN, "dash"))
    for curve, name, color, dash in lines:
        if curve is None:
            continue
        t, eq, dd = _thin(curve)
        line = {"color": color, "width": 1.6 if dash == "solid" else 1.2, "dash": dash}
        tag, common = f"<extra>{html.escape(name)}</extra>", {"x": t, "name": name, "legendgroup": name}
        fig.add_trace(go.Scatter(y=_f4(eq), line=line, hovertemplate="%{y:,.2f}" + tag, **common), 1, 1)
        under = {"line": {**line, "width": 1}, "fill": "tozeroy" if dash == "solid" else None}
        common["showlegend"] = False
        fig.add_trace(go.Scatter(y=_f4(-dd), hovertemplate="%{y:.2%}" + tag, **under, **common), 2, 1)
    for k, w in enumerate(windows):
        x0, x1 = w["test"]["start_ms"], w["test"]["end_ms"]
        shade = {"fillcolor": BLUE if k % 2 else AMBER, "opacity": 0.07, "line_width": 0, "layer": "below"}
        fig.add_shape(type="rect", xref="x", yref="paper", x0=x0, x1=x1, y0=0, y1=1, **shade)
        note = {"text": f"W{w['index'] + 1}", "showarrow": False, "font": {"size": 11, "color": "#666"}}
        fig.add_annotation(x=(x0 + x1) / 2, y=1, xref="x", yref="paper", yanchor="top", **note)
    buttons = [{"label": k, "method": "relayout", "args": [{"yaxis.type": k}]} for k in ("linear", "log")]
    menu = {"type": "buttons", "direction": "left", "buttons": buttons, "x": 1, "xanchor": "right", "y": 1.0}
    margin = {"l": 60, "r": 24, "t": 84, "b": 40}
    _style(fig, 660, hovermode="x unified", updatemenus=[{**menu, "yanchor": "bottom"}], margin=margin)
    fig.update_xaxes(type="date")
    fig.update_yaxes(title_text="equity", tickformat=",.0f", row=1, col=1)
    fig.update_yaxes(title_text="drawdown", tickformat=".0%", row=2, col=1)
    return fig


def _best_so_far(ok: Sequence[tuple[Doc, float]], sign: float, last: int) -> tuple[list[int], list[float]]:
    xs: list[int] = []
    ys: list[float] = []
    for t, v in ok:
        if not ys or sign * v > sign * ys[-1]:
            xs.append(t["number"])
            ys.append(v)
    return ([*xs, last], [*ys, ys[-1]]) if xs else (xs, ys)


def _hover(trial: Doc, value: float | None) -> str:
    if value is None:
        why = trial.get("reason") or "objective undefined (e.g. no trades)"
        return f"#{trial['number']} {trial['state']}: {html.escape(why)}"
    return f"#{trial['number']} {trial['state']} · {value:.4g}<br>{params_text(trial['params'])}"


def history_figure(trials: Sequence[Doc], objectives: Sequence[Doc]) -> Any:
    """Each trial's objective in order, the best feasible so far as a step line; infeasible
    trials hollow, refused or failed ones (no value) as red crosses on the floor of the axis."""
    go, make_subplots = _plotly()
    shown = objectives[:3]
    titles = [o["label"] for o in shown]
    fig = make_subplots(
        rows=len(shown), cols=1, shared_xaxes=True, vertical_spacing=0.1, subplot_titles=titles
    )
    trials = [t for t in trials if t["state"] != "repeat"]  # a repeated point is drawn once, where it ran
    last = max((t["number"] for t in trials), default=0)
    for i, o in enumerate(shown, start=1):
        scored = [(t, v) for t in trials if (v := score(t, i - 1)) is not None]
        ok = [(t, v) for t, v in scored if t["state"] == "complete"]
        values = [v for _, v in scored] or [0.0]
        floor = min(values) - 0.08 * ((max(values) - min(values)) or 1.0)
        infeasible = [p for p in scored if p[0]["state"] != "complete"]
        lost = [(t, None) for t in trials if score(t, i - 1) is None]
        groups: tuple[tuple[str, Sequence[tuple[Doc, float | None]], dict[str, Any]], ...] = (
            ("feasible", ok, {"color": BLUE, "size": 7}),
            ("infeasible (constraints)", infeasible, {"color": GREY, "symbol": "circle-open"}),
            ("refused or failed (no value)", lost, {"color": RED, "symbol": "x"}),
        )
        for name, pts, marker in groups:
            x, y = [t["number"] for t, _ in pts], [floor if v is None else v for _, v in pts]
            text = [_hover(t, v) for t, v in pts]
            look = {"mode": "markers", "marker": marker, "legendgroup": name, "showlegend": i == 1}
            fig.add_trace(go.Scatter(x=x, y=y, text=text, hovertemplate=HOVER, name=name, **look), i, 1)
        xs, ys = _best_so_far(ok, 1.0 if o["direction"] == "maximize" else -1.0, last)
        step = {"name": "best so far", "legendgroup": "best", "showlegend": i == 1, "hoverinfo": "skip"}
        fig.add_trace(
            go.Scatter(x=xs, y=ys, mode="lines", line={"color": GREEN, "shape": "hv"}, **step), i, 1
        )
    fig.update_xaxes(title_text="trial", row=len(shown), col=1)
    return _style(fig, 260 + 200 * len(shown), hovermode="closest")


def pareto_figure(trials: Sequence[Doc], best: Sequence[Doc], objectives: Sequence[Doc]) -> Any:
    """The first two objectives of every scored trial, the Pareto front joined, the chosen one starred."""
    go, _ = _plotly()
    front = {t["number"] for t in best}
    pts = [(t, a, b) for t in trials if (a := score(t, 0)) is not None and (b := score(t, 1)) is not None]
    on_front = sorted((p for p in pts if p[0]["number"] in front), key=lambda p: p[1])
    others = [p for p in pts if p[0]["state"] == "complete" and p not in on_front]
    infeasible = [p for p in pts if p[0]["state"] != "complete"]
    groups = (
        ("other feasible", others, {"color": GREY}),
        ("infeasible", infeasible, {"color": GREY, "symbol": "circle-open"}),
        ("Pareto front", on_front, {"color": RED, "size": 10}),
    )
    fig = go.Figure()
    for name, group, marker in groups:
        text = [f"#{t['number']}<br>{params_text(t['params'])}" for t, _, _ in group]
        mode = "lines+markers" if name == "Pareto front" else "markers"
        look = {"mode": mode, "marker": marker, "line": {"color": RED, "width": 1, "dash": "dot"}}
        hover = "%{x:.4g}, %{y:.4g}<br>" + HOVER
        xy = {"x": [p[1] for p in group], "y": [p[2] for p in group]}
        fig.add_trace(go.Scatter(text=text, name=name, hovertemplate=hover, **xy, **look))
    if best and (a := score(best[0], 0)) is not None and (b := score(best[0], 1)) is not None:
        star = {"symbol": "star", "size": 18, "color": AMBER, "line": {"width": 1, "color": "#333"}}
        fig.add_trace(go.Scatter(x=[a], y=[b], mode="markers", name="chosen", marker=star, hoverinfo="skip"))
    fig.update_xaxes(title_text=f"{objectives[0]['label']} ({objectives[0]['direction']})")
    fig.update_yaxes(title_text=f"{objectives[1]['label']} ({objectives[1]['direction']})")
    return _style(fig, 520, hovermode="closest")


def importance_figure(importance: Mapping[str, float]) -> Any | None:
    if not importance:
        return None
    go, _ = _plotly()
    items = sorted(importance.items(), key=lambda kv: kv[1])
    x, y = [v for _, v in items], [k for k, _ in items]
    text = {"text": [f"{v:.0%}" for v in x], "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"}
    fig = go.Figure(go.Bar(x=x, y=y, orientation="h", marker_color=BLUE, **text))
    fig.update_xaxes(tickformat=".0%", title_text="share of the objective's variance explained")
    return _style(fig, 140 + 30 * len(items), showlegend=False)


def _binned(dim: Doc, values: Sequence[Any]) -> tuple[Any, list[str]]:
    """Bin indexes and labels: each choice, each distinct value when few, else HEAT_BINS ranges."""
    if dim["kind"] == "choice" or any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
        labels = [str(c) for c in dim.get("choices") or []]
        labels += sorted({str(v) for v in values} - set(labels))
        return np.array([labels.index(str(v)) for v in values]), labels
    arr = np.asarray(values, dtype=np.float64)
    uniq = np.unique(arr)
    if len(uniq) <= HEAT_BINS:
        return np.searchsorted(uniq, arr), [f"{u:g}" for u in uniq]
    lo, hi = float(dim.get("low", uniq[0])), float(dim.get("high", uniq[-1]))
    edges = (np.geomspace if dim.get("log") and lo > 0 else np.linspace)(lo, hi, HEAT_BINS + 1)
    idx = np.clip(np.searchsorted(edges, arr, side="right") - 1, 0, HEAT_BINS - 1)
    return idx, [f"{a:.3g}–{b:.3g}" for a, b in itertools.pairwise(edges)]


def heatmaps_figure(
    trials: Sequence[Doc], dims: Sequence[Doc], importance: Mapping[str, float], objective: Doc
) -> Any | None:
    """Mean objective per cell for the pairs of the (up to) four most important parameters."""
    go, make_subplots = _plotly()
    by_name = {d["name"]: d for d in dims}
    ranked = [k for k, _ in sorted(importance.items(), key=lambda kv: -kv[1]) if k in by_name]
    pairs = list(itertools.combinations((ranked or list(by_name))[:4], 2))
    rows = [(t["params"], v) for t in trials if (v := score(t)) is not None]
    if not pairs or len(rows) < 4:
        return None
    cols, n_rows = min(3, len(pairs)), -(-len(pairs) // 3)
    space = {"horizontal_spacing": 0.1, "vertical_spacing": 0.22 if n_rows > 1 else 0.1}
    fig = make_subplots(rows=n_rows, cols=cols, subplot_titles=[f"{a} × {b}" for a, b in pairs], **space)
    values = np.array([v for _, v in rows])
    for k, (a, b) in enumerate(pairs):
        (xi, xl), (yi, yl) = (_binned(by_name[n], [p.get(n) for p, _ in rows]) for n in (a, b))
        sums, counts = np.zeros((len(yl), len(xl))), np.zeros((len(yl), len(xl)), dtype=np.int64)
        np.add.at(sums, (yi, xi), values)
        np.add.at(counts, (yi, xi), 1)
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
        z = [[None if np.isnan(m) else float(m) for m in row] for row in means]
        hover = f"{a} %{{x}}<br>{b} %{{y}}<br>mean %{{z:.3f}} over %{{customdata}} trials<extra></extra>"
        cell = {"customdata": counts.tolist(), "coloraxis": "coloraxis", "hovertemplate": hover}
        at = {"row": k // cols + 1, "col": k % cols + 1}
        fig.add_trace(go.Heatmap(x=xl, y=yl, z=z, **cell), **at)
        fig.update_xaxes(type="category", title_text=a, **at)
        fig.update_yaxes(type="category", title_text=b, **at)
    scale = "RdYlGn" if objective["direction"] == "maximize" else "RdYlGn_r"
    axis = {"colorscale": scale, "colorbar": {"title": {"text": objective["name"]}}}
    return _style(fig, 120 + 330 * n_rows, coloraxis=axis)


def parallel_figure(trials: Sequence[Doc], dims: Sequence[Doc], objectives: Sequence[Doc]) -> Any | None:
    """Parallel coordinates over the parameters and the objectives, coloured by the first objective."""
    go, _ = _plotly()
    rows = [t for t in trials if all(score(t, i) is not None for i in range(len(objectives)))]
    if len(rows) < 2 or not dims:
        return None
    axes: list[dict[str, Any]] = []
    for d in dims:
        if d["kind"] == "choice":
            labels = [str(c) for c in d.get("choices") or []]
            idx = [round(position(d, t["params"].get(d["name"])) * (len(labels) - 1)) for t in rows]
            ticks = {"tickvals": list(range(len(labels))), "ticktext": labels}
            axes.append({"label": d["name"], "values": idx, **ticks})
        else:
            values = [t["params"].get(d["name"]) for t in rows]
            axes.append({"label": d["name"], "values": _f4(values), "range": [d["low"], d["high"]]})
    for i, o in enumerate(objectives):
        axes.append({"label": o["name"], "values": _f4([score(t, i) for t in rows])})
    flip, title = objectives[0]["direction"] == "minimize", {"title": {"text": objectives[0]["name"]}}
    scale = {"colorscale": "Viridis", "reversescale": flip, "colorbar": title, "showscale": True}
    fig = go.Figure(go.Parcoords(dimensions=axes, line={"color": axes[len(dims)]["values"], **scale}))
    return _style(fig, 460, margin={"l": 70, "r": 70, "t": 70, "b": 30})


def overfitting_figure(fits: Sequence[Doc | None], labels: Sequence[str]) -> Any | None:
    """Deflated Sharpe probability and PBO per search (or walk-forward window) against their lines."""
    dsr = [((f or {}).get("deflated_sharpe") or {}).get("probability") for f in fits]
    pbo = [((f or {}).get("pbo") or {}).get("pbo") for f in fits]
    if all(v is None for v in [*dsr, *pbo]):
        return None
    go, make_subplots = _plotly()
    titles = (
        "Deflated Sharpe: P(true Sharpe beats the luck of N trials)",
        "PBO: P(IS best falls below OOS median)",
    )
    fig = make_subplots(rows=1, cols=2, horizontal_spacing=0.12, subplot_titles=titles)
    for col, values, good, fair in ((1, dsr, 0.95, 0.5), (2, pbo, 0.25, 0.5)):
        s = 1.0 if col == 1 else -1.0  # DSR: higher is better; PBO: lower
        colours = [
            GREY if v is None else GREEN if s * v >= s * good else AMBER if s * v >= s * fair else RED
            for v in values
        ]
        text = ["n/a" if v is None else f"{v:.2f}" for v in values]
        look = {"marker_color": colours, "width": 0.5 if len(fits) < 3 else None, "textposition": "outside"}
        fig.add_trace(go.Bar(x=list(labels), y=[v or 0.0 for v in values], text=text, **look), 1, col)
        line = 0.95 if col == 1 else 0.5
        fig.add_hline(
            y=line, line_dash="dash", line_color="#555", row=1, col=col, annotation_text=f"{line:g}"
        )
        fig.update_yaxes(range=[0, 1.12], row=1, col=col)
    return _style(fig, 380, hovermode="closest", showlegend=False)


def logits_figure(fits: Sequence[Doc | None], labels: Sequence[str]) -> Any | None:
    """Histogram (pre-binned) of the CSCV logits; the share at or below 0 is the PBO."""
    sets = [
        (label, np.asarray(logits, dtype=np.float64))
        for label, f in zip(labels, fits, strict=True)
        if (logits := ((f or {}).get("pbo") or {}).get("logits"))
    ]
    if not sets:
        return None
    go, _ = _plotly()
    finite = np.concatenate([v[np.isfinite(v)] for _, v in sets])
    lim = float(min(max(np.max(np.abs(finite)) if finite.size else 1.0, 0.5), 8.0))
    edges = np.linspace(-lim, lim, 41 if len(sets) == 1 else 25)  # fewer bins where lines overlap
    centres, width = (edges[:-1] + edges[1:]) / 2, float(edges[1] - edges[0])
    fig = go.Figure()
    for label, v in sets:
        share = np.histogram(np.clip(v, -lim, lim), bins=edges)[0] / max(len(v), 1)
        name = f"{label} (PBO {float(np.mean(v <= 0.0)):.2f})"
        if len(sets) == 1:
            colours = [RED if c <= 0 else BLUE for c in centres]
            fig.add_trace(go.Bar(x=centres, y=share, width=width, marker_color=colours, name=name))
        else:
            fig.add_trace(go.Scatter(x=centres, y=share, mode="lines", line={"shape": "hvh"}, name=name))
    fig.add_vline(x=0, line_dash="dash", line_color="#555", annotation_text="λ = 0")
    fig.update_xaxes(title_text="logit λ of the IS-best trial's OOS rank (≤ 0: below the median)")
    fig.update_yaxes(title_text="share of splits", tickformat=".0%")
    return _style(fig, 360, showlegend=True, bargap=0.02)


def montecarlo_figure(mc: Mapping[str, Any] | None) -> Any | None:
    """Fan charts of the simulated return: nested percentile bands and the median, one per method."""
    present = [(title, unit, b) for key, title, unit in MC_METHODS if (b := (mc or {}).get(key))]
    if not present:
        return None
    go, make_subplots = _plotly()
    titles = [p[0] for p in present]
    fig = make_subplots(rows=1, cols=len(present), horizontal_spacing=0.06, subplot_titles=titles)
    for col, (_, unit, b) in enumerate(present, start=1):
        eq = np.asarray(b["equity"], dtype=np.float64)
        steps = np.asarray(b.get("steps") or range(eq.shape[1]), dtype=np.int32)
        picks = np.linspace(0, len(steps) - 1, min(len(steps), BAND_POINTS))
        keep = np.unique(picks.round().astype(np.int64))
        x, bands, pct = steps[keep], eq[:, keep] - 1.0, list(b["percentiles"])
        n = len(pct)
        order = [k for i in range(n // 2) for k in (i, n - 1 - i)] + ([n // 2] if n % 2 else [])
        for k in order:  # each band's low edge, then its high edge filled down to it; the median last
            inner = min(k, n - 1 - k)
            name = "median" if k == n - 1 - k else f"{pct[inner]:g}–{pct[n - 1 - inner]:g}th percentile"
            look: dict[str, Any] = {"line": {"color": BLUE, "width": 2}, "showlegend": col == 1}
            if k != n - 1 - k:
                fill = f"rgba(31,119,180,{0.15 + 0.2 * inner:.2f})"
                look = {"line": {"width": 0}, "fill": "tonexty" if k > inner else None, "fillcolor": fill}
                look["showlegend"] = col == 1 and k > inner
            hover = f"p{pct[k]:g}: %{{y:.1%}}<extra></extra>"
            tag = {"name": name, "legendgroup": name, "hovertemplate": hover}
            fig.add_trace(go.Scatter(x=x, y=_f4(bands[k]), mode="lines", **look, **tag), 1, col)
        fig.add_hline(y=0, line_color="#999", line_width=1, row=1, col=col)
        fig.update_xaxes(title_text=unit, row=1, col=col)
        fig.update_yaxes(tickformat=".0%", row=1, col=col)
    legend = {"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top"}
    return _style(fig, 440, hovermode="x unified", legend=legend, margin={"l": 60, "r": 24, "t": 56, "b": 80})


def windows_figure(windows: Sequence[Doc]) -> Any:
    """Each window's train and test span (test green when its OOS Sharpe is positive), and the
    Sharpe in sample, out of sample and of both benchmarks over the test span."""
    go, make_subplots = _plotly()
    labels = [f"W{w['index'] + 1}" for w in windows]
    titles = ("Train (grey) and test spans", "Sharpe: in sample, out of sample, buy & hold on the test span")
    fig = make_subplots(rows=2, cols=1, vertical_spacing=0.18, subplot_titles=titles)
    spans: list[tuple[str, int, int, str, str]] = []
    for w, label in zip(windows, labels, strict=True):
        oos = w["out_of_sample"].get("sharpe")
        for part, tag, sharpe in (("train", "IS", w["in_sample"].get("sharpe")), ("test", "OOS", oos)):
            colour = GREY if part == "train" else GREEN if (oos or 0) > 0 else RED
            text = f"{tag} Sharpe {'–' if sharpe is None else f'{sharpe:.2f}'}"
            spans.append((label, w[part]["start_ms"], w[part]["end_ms"], colour, text))
    bars = {"y": [s[0] for s in spans], "base": [s[1] for s in spans], "x": [s[2] - s[1] for s in spans]}
    look = {"marker_color": [s[3] for s in spans], "text": [s[4] for s in spans], "textposition": "inside"}
    fig.add_trace(go.Bar(orientation="h", showlegend=False, hoverinfo="text+y", **bars, **look), 1, 1)
    series = [("in_sample", "in sample", GREY), ("out_of_sample", "out of sample", BLUE)]
    series += [("benchmark", HOLD_NAME, "#ddd"), ("vol_target_benchmark", VOL_NAME, GREEN)]
    for key, name, colour in series:
        if not any(key in w for w in windows):  # a document written before the vol-targeted one
            continue
        sharpe = [(w.get(key) or {}).get("sharpe") for w in windows]
        fig.add_trace(go.Bar(x=labels, y=sharpe, name=name, marker_color=colour), 2, 1)
    fig.update_xaxes(type="date", row=1, col=1)
    fig.update_yaxes(autorange="reversed", row=1, col=1)
    return _style(fig, 300 + 60 * len(windows), barmode="group")


def stability_figure(
    windows: Sequence[Doc], dims: Sequence[Doc], stability: Mapping[str, float]
) -> Any | None:
    """Each parameter's choice per window as a position in its searched range (flat = stable)."""
    chosen = [(f"W{w['index'] + 1}", w["params"]) for w in windows if w.get("params")]
    if len(chosen) < 2 or not dims:
        return None
    go, _ = _plotly()
    fig = go.Figure()
    for d in dims:
        values = [p.get(d["name"]) for _, p in chosen]
        drift = stability.get(d["name"])
        name = d["name"] if drift is None else f"{d['name']} (drift {drift:.2f})"
        text = [f"{d['name']} = {value_text(v)}" for v in values]
        y = [position(d, v) for v in values]
        look = {"mode": "lines+markers", "text": text, "hovertemplate": HOVER}
        fig.add_trace(go.Scatter(x=[c[0] for c in chosen], y=y, name=name, **look))
    fig.update_yaxes(range=[-0.05, 1.05], tickformat=".0%", title_text="position in the searched range")
    return _style(fig, 440, hovermode="x unified")
