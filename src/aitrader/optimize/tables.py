"""The terminal view of an optimisation document (`study.optimise`'s result): rich tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from aitrader.domain.timeframe import format_ms
from aitrader.optimize.report_tables import benchmark_runs, vol_target_text

TOP = 10
_COLUMNS = (
    ("sharpe", "Sharpe", "{:.2f}"),
    ("sortino", "Sortino", "{:.2f}"),
    ("total_return", "return", "{:+.1%}"),
    ("max_drawdown", "max DD", "{:.1%}"),
    ("n_trades", "trades", "{:,}"),
    ("win_rate", "win", "{:.0%}"),
    ("exposure", "exposure", "{:.0%}"),
)


def fmt(value: Any, pattern: str) -> str:
    return "–" if value is None else pattern.format(value)


def print_document(console: Console, doc: Mapping[str, Any]) -> None:
    if doc["kind"] == "walk_forward":
        _walk_forward(console, doc)
    else:
        _search(console, doc)
    _robustness(console, doc["robustness"])


def _metrics_table(title: str, rows: list[tuple[str, Mapping[str, Any]]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("", overflow="fold")
    for _, label, _ in _COLUMNS:
        table.add_column(label, justify="right", overflow="fold")
    for name, m in rows:
        table.add_row(name, *(fmt(m.get(k), p) for k, p, _ in ((k, p, 0) for k, _, p in _COLUMNS)))
    return table


def _search(console: Console, doc: Mapping[str, Any]) -> None:
    s = doc["search"]
    objectives = doc["objectives"]
    best = s["best"]
    ranked = sorted(
        (t for t in s["trials"] if t["state"] == "complete"),
        key=lambda t: (
            -(t["values"][0] or 0) if objectives[0]["direction"] == "maximize" else (t["values"][0] or 0)
        ),
    )[:TOP]
    front = {t["number"] for t in best}
    table = Table(
        title=f"top {len(ranked)} of {len(s['trials'])} trials ({s['sampler']})", title_justify="left"
    )
    table.add_column("#", justify="right", overflow="fold")
    for o in objectives:
        table.add_column(o["name"], justify="right", overflow="fold")
    names = [d["name"] for d in doc["space"]["dimensions"]]
    for n in names:  # cells fold, never cut: a narrow terminal wraps names onto more lines
        table.add_column(n.replace("_", " "), justify="right", overflow="fold")
    table.add_column("trades", justify="right", overflow="fold")
    for t in ranked:
        mark = "*" if t["number"] in front else ""
        table.add_row(
            f"{t['number']}{mark}",
            *(fmt(v, "{:.3f}") for v in t["values"]),
            *(str(t["params"].get(n)) for n in names),
            fmt(t["metrics"].get("n_trades"), "{:,}"),
        )
    console.print(table)
    if len(objectives) > 1:
        console.print(f"* on the Pareto front ({len(best)} trial{'s' if len(best) != 1 else ''})")
    span = doc["span"]
    rows: list[tuple[str, Mapping[str, Any]]] = []
    if doc.get("chosen"):
        rows.append(("chosen", doc["chosen"]["metrics"]))
    rows += benchmark_runs(doc)
    console.print(
        _metrics_table(
            f"in sample: {format_ms(span['start_ms'])} .. {format_ms(span['end_ms'])} ({span['bars']:,} bars)",
            rows,
        )
    )
    _vol_note(console, doc, "the chosen run's")
    if doc.get("chosen"):
        params = ", ".join(f"{k}={v}" for k, v in doc["chosen"]["params"].items() if k in names)
        console.print(f"chosen: {params}", soft_wrap=True)
    else:
        console.print("[yellow]no trial met the constraints[/]")
    if s.get("importance"):
        parts = ", ".join(f"{k} {v:.0%}" for k, v in s["importance"].items())
        console.print(f"parameter importance ({objectives[0]['name']}): {parts}", soft_wrap=True)
    if s.get("partial_grid"):
        console.print("[yellow]the grid has more points than --trials: a random sample of it was run[/]")
    repeats = sum(1 for t in s["trials"] if t["state"] == "repeat")
    if repeats:
        console.print(f"{repeats} proposals repeated a point already backtested (not run or counted again)")
    if s.get("trials_per_minute"):
        console.print(
            f"{s['new_evaluated']} backtests in {s['elapsed_s']:.1f}s ({s['trials_per_minute']:,.0f} per minute)"
        )


def _walk_forward(console: Console, doc: Mapping[str, Any]) -> None:
    wf = doc["walk_forward"]
    table = Table(title="walk-forward windows (test = out of sample)", title_justify="left")
    for col in (
        "#",
        "test window",
        "IS Sharpe",
        "OOS Sharpe",
        "OOS return",
        "B&H return",
        "VT B&H return",
        "OOS DD",
        "trades",
        "PBO",
    ):
        table.add_column(col, justify="right")
    for w in wf["windows"]:
        pbo = (w["overfitting"].get("pbo") or {}).get("pbo")
        table.add_row(
            str(w["index"] + 1),
            f"{format_ms(w['test']['start_ms'])[:10]} .. {format_ms(w['test']['end_ms'])[:10]}",
            fmt(w["in_sample"].get("sharpe"), "{:.2f}"),
            fmt(w["out_of_sample"].get("sharpe"), "{:.2f}"),
            fmt(w["out_of_sample"].get("total_return"), "{:+.1%}"),
            fmt(w["benchmark"].get("total_return"), "{:+.1%}"),
            fmt((w.get("vol_target_benchmark") or {}).get("total_return"), "{:+.1%}"),
            fmt(w["out_of_sample"].get("max_drawdown"), "{:.1%}"),
            fmt(w["out_of_sample"].get("n_trades"), "{:,}"),
            fmt(pbo, "{:.2f}"),
        )
    console.print(table)
    console.print("[dim]VT B&H: volatility-targeted buy & hold over the same test bars[/]")
    console.print(
        _metrics_table(
            "stitched out of sample vs buy & hold (same test bars, capital and fee)",
            [("walk-forward", wf["stitched"]["metrics"]), *benchmark_runs(doc)],
        )
    )
    _vol_note(console, doc, "the stitched track's")
    eff = wf.get("efficiency")
    console.print(
        "walk-forward efficiency: "
        + (
            f"{eff:.2f} (out-of-sample log growth per bar / in-sample)"
            if eff is not None
            else "– (in-sample return not positive)"
        )
    )
    if wf.get("stability"):
        parts = ", ".join(f"{k} {v:.2f}" for k, v in wf["stability"].items())
        console.print(
            f"parameter drift across windows (std / searched range; 0 = stable): {parts}", soft_wrap=True
        )


def _vol_note(console: Console, doc: Mapping[str, Any], whose: str) -> None:
    text = vol_target_text(doc, whose)
    if text:
        console.print(f"[dim]{text}[/]", soft_wrap=True)


def _robustness(console: Console, rob: Mapping[str, Any]) -> None:
    fits = rob.get("overfitting") or []
    dsr = [f["deflated_sharpe"]["probability"] for f in fits if f.get("deflated_sharpe")]
    pbo = [f["pbo"]["pbo"] for f in fits if f.get("pbo")]
    if dsr or pbo:
        many = " (mean over windows)" if len(fits) > 1 else ""
        console.print(
            f"deflated Sharpe{many}: {fmt(sum(dsr) / len(dsr) if dsr else None, '{:.2f}')}; "
            f"probability of backtest overfitting{many}: {fmt(sum(pbo) / len(pbo) if pbo else None, '{:.2f}')}"
        )
    for f in fits[:1]:
        for note in f.get("notes", []):
            console.print(f"[dim]{note}[/]")
    mc = rob.get("monte_carlo") or {}
    table = Table(title="Monte Carlo (5th / 50th / 95th percentile)", title_justify="left")
    for col in ("method", "sims", "return", "max drawdown", "P(loss)"):
        table.add_column(col, justify="right", overflow="fold")
    for key, label in (
        ("trades_bootstrap", "trades, bootstrap"),
        ("trades_shuffle", "trades, shuffled"),
        ("returns_block", "bar returns, block bootstrap"),
    ):
        b = mc.get(key)
        if not b:
            continue
        ret = dict(zip(b["percentiles"], b["final_return"], strict=True))
        dd = dict(zip(b["percentiles"], b["max_drawdown"], strict=True))
        table.add_row(
            label,
            f"{b['n_sims']:,}",
            " / ".join(fmt(ret.get(p), "{:+.1%}") for p in (5.0, 50.0, 95.0)),
            " / ".join(fmt(dd.get(p), "{:.1%}") for p in (5.0, 50.0, 95.0)),
            fmt(b.get("prob_loss"), "{:.0%}"),
        )
    if table.row_count:
        console.print(table)
    for line in rob.get("warnings", []):
        console.print(f"[yellow]warning:[/] {line}", soft_wrap=True)


def print_symbols(console: Console, docs: Sequence[Mapping[str, Any]]) -> None:
    """One row per symbol: the result to trust (walk-forward: stitched out of sample; a search: the
    chosen in-sample run) beside buy-and-hold and volatility-targeted buy-and-hold (VT) on the same
    bars, with the overfitting figures."""
    wf = docs[0]["kind"] == "walk_forward"
    title = "across symbols: " + ("stitched out of sample" if wf else "chosen (in sample)")
    title += " vs buy & hold and vol-targeted buy & hold (VT)"
    table = Table(title=title, title_justify="left")
    for col in (
        "symbol",
        "Sharpe",
        "return",
        "max DD",
        "trades",
        "B&H Sharpe",
        "B&H return",
        "B&H max DD",
        "VT Sharpe",
        "VT return",
        "VT max DD",
        "DSR",
        "PBO",
    ):
        table.add_column(col, justify="right", overflow="fold")
    for doc in docs:
        run = doc["walk_forward"]["stitched"] if wf else (doc.get("chosen") or {})
        m = run.get("metrics", {})
        b = doc["benchmark"]["metrics"]
        v = (doc.get("vol_target_benchmark") or {}).get("metrics") or {}
        fits = doc["robustness"].get("overfitting") or []
        dsr = [f["deflated_sharpe"]["probability"] for f in fits if f.get("deflated_sharpe")]
        pbo = [f["pbo"]["pbo"] for f in fits if f.get("pbo")]
        table.add_row(
            doc["symbol"],
            fmt(m.get("sharpe"), "{:.2f}"),
            fmt(m.get("total_return"), "{:+.1%}"),
            fmt(m.get("max_drawdown"), "{:.1%}"),
            fmt(m.get("n_trades"), "{:,}"),
            fmt(b.get("sharpe"), "{:.2f}"),
            fmt(b.get("total_return"), "{:+.1%}"),
            fmt(b.get("max_drawdown"), "{:.1%}"),
            fmt(v.get("sharpe"), "{:.2f}"),
            fmt(v.get("total_return"), "{:+.1%}"),
            fmt(v.get("max_drawdown"), "{:.1%}"),
            fmt(sum(dsr) / len(dsr) if dsr else None, "{:.2f}"),
            fmt(sum(pbo) / len(pbo) if pbo else None, "{:.2f}"),
        )
    console.print(table)
