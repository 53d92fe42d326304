"""The optimisation report on real documents: self-contained, the figures it promises drawn from the
document's own numbers, the warnings and the choice shown, and every optional part allowed missing."""

from __future__ import annotations

import base64
import json
import re
from html import escape
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from plotly.offline import get_plotlyjs
from typer.testing import CliRunner

from aitrader.cli.app import app
from aitrader.data import load_sample
from aitrader.domain import Candles
from aitrader.domain.timeframe import Timeframe, parse_time
from aitrader.optimize.evaluate import TrialSetup
from aitrader.optimize.objectives import Constraints, parse_objectives
from aitrader.optimize.report_figures import LINE_POINTS
from aitrader.optimize.report_html import render_report, write_report
from aitrader.optimize.report_tables import score, value_text
from aitrader.optimize.space import build_space
from aitrader.optimize.study import OptimizeRequest, optimise
from aitrader.optimize.walk_forward import WalkForwardPlan
from aitrader.strategies.registry import REGISTRY

TF = Timeframe.parse("1h")
LEAD = 300  # warm-up bars before the scored span
SEARCH_FIGURES = ("fig-equity", "fig-history", "fig-importance", "fig-heatmaps", "fig-parallel")
ROBUSTNESS_FIGURES = ("fig-overfitting", "fig-pbo-logits", "fig-montecarlo")


def _candles(start: str, end: str) -> Candles:
    full = load_sample("BTCUSDT", "1h")
    lo, hi = np.searchsorted(full.open_time, [parse_time(start), parse_time(end)])
    return full.slice(int(lo) - LEAD, int(hi))


def _request(objectives: str = "sharpe", trials: int = 16, **kw: Any) -> OptimizeRequest:
    return OptimizeRequest(
        TrialSetup("confluence", TF),
        build_space(REGISTRY["confluence"].params_model),
        parse_objectives(objectives),
        trials,
        monte_carlo=200,
        lead=LEAD,
        **kw,
    )


def _figures(page: str) -> dict[str, Any]:
    found = re.search(r"^const FIGURES = (.*);$", page, re.MULTILINE)
    assert found is not None
    figures: dict[str, Any] = json.loads(found.group(1))
    return figures


def _values(v: Any) -> np.ndarray:
    """A plotly array as numbers: plain lists or the typed {dtype, bdata} form."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).astype(np.float64)
    return np.asarray([np.nan if x is None else x for x in v], dtype=np.float64)


def _trace(fig: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in fig["data"] if t.get("name") == name)


def _table(page: str, table_id: str) -> str:
    found = re.search(rf'<table class="[^"]*" id="{table_id}">.*?</table>', page, re.DOTALL)
    assert found is not None, table_id
    return found.group(0)


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    """The plain search, run the way a user runs it: the CLI with --json and --report."""
    out = tmp_path_factory.mktemp("search")
    args = ["optimize", "--trials", "18", "--monte-carlo", "200", "--from", "2021-09-01"]
    args += ["--to", "2022-09-01", "--json", str(out / "opt.json"), "--report", str(out / "r" / "opt.html")]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AITRADER_CONFIG", str(out / "aitrader.toml"))
        res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads((out / "opt.json").read_text()), (out / "r" / "opt.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pareto() -> tuple[dict[str, Any], str]:
    doc = optimise(_request("sharpe,maxdd", 16), _candles("2021-09-01", "2022-09-01"))
    return doc, render_report(doc)


@pytest.fixture(scope="module")
def walk() -> tuple[dict[str, Any], str]:
    plan = WalkForwardPlan(train=4_380, test=2_190, step=2_190)
    doc = optimise(_request(trials=10, walk_forward=plan), _candles("2020-01-01", "2021-09-01"))
    return doc, render_report(doc)


def test_page_is_self_contained_with_plotly_inlined_once(search: tuple[dict[str, Any], str]) -> None:
    _, page = search
    plotly_js = get_plotlyjs()
    assert page.startswith("<!DOCTYPE html>")
    assert page.count(plotly_js) == 1
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref=", page, re.IGNORECASE)
    ours = page.replace(plotly_js, "")
    assert "http://" not in ours
    assert "https://" not in ours
    assert len(ours.encode()) < 400_000  # the data beside plotly.js stays small


def test_header_names_the_run_and_shows_the_warnings(search: tuple[dict[str, Any], str]) -> None:
    doc, page = search
    assert "<title>Optimisation · confluence · BTCUSDT 1h</title>" in page
    facts = re.search(r'<div class="facts" id="facts">(.*?)</div></div>', page, re.DOTALL)
    assert facts is not None
    for text in ("2021-09-01 00:00", "Sharpe (annualised)", "at least 10 trades", "tpe · seed 0", "18: "):
        assert text in facts.group(1), text
    warnings = doc["robustness"]["warnings"]
    assert warnings, "a 18-trial search on one year is expected to draw warnings"
    block = re.search(r'<div class="warn" id="warnings">(.*?)</div>', page, re.DOTALL)
    assert block is not None
    assert block.group(1).count("<li>") == len(warnings)
    assert all(escape(w) in block.group(1) for w in warnings)
    assert page.index('id="warnings"') < page.index('id="fig-equity"')  # read before the charts


def test_search_figures_are_all_there_and_the_equity_opens_the_page(
    search: tuple[dict[str, Any], str],
) -> None:
    _, page = search
    figures = _figures(page)
    for fig_id in (*SEARCH_FIGURES, *ROBUSTNESS_FIGURES):
        assert f'<div class="chart" id="{fig_id}">' in page, fig_id
        assert fig_id in figures
    assert min(page.index(f'id="{f}"') for f in figures) == page.index('id="fig-equity"')
    assert "fig-pareto" not in figures  # one objective: no front


def test_equity_is_the_chosen_run_thinned_with_drawdown_and_log_toggle(
    search: tuple[dict[str, Any], str],
) -> None:
    doc, page = search
    fig = _figures(page)["fig-equity"]
    top, bottom = (
        [t for t in fig["data"] if t["yaxis"] == "y"],
        [t for t in fig["data"] if t["yaxis"] == "y2"],
    )
    names = ["chosen", "buy & hold", "vol-target B&H"]
    assert [t["name"] for t in top] == names == [t["name"] for t in bottom]
    vol = doc["vol_target_benchmark"]
    assert _values(top[2]["y"])[-1] == pytest.approx(vol["equity"][-1], rel=1e-6)
    assert _values(top[2]["x"])[-1] == vol["times"][-1] == doc["chosen"]["times"][-1]
    equity, dd = _values(top[0]["y"]), _values(bottom[0]["y"])
    assert len(equity) <= LINE_POINTS < len(doc["chosen"]["equity"])
    assert equity[-1] == pytest.approx(doc["chosen"]["equity"][-1], rel=1e-6)
    assert dd.min() == pytest.approx(-max(doc["chosen"]["drawdown"]), rel=1e-6)  # the deepest trough kept
    assert _values(top[0]["x"])[-1] == doc["chosen"]["times"][-1]
    kinds = [b["args"][0]["yaxis.type"] for b in fig["layout"]["updatemenus"][0]["buttons"]]
    assert kinds == ["linear", "log"]


def test_history_separates_feasible_infeasible_and_lost_trials(search: tuple[dict[str, Any], str]) -> None:
    doc, page = search
    fig, trials = _figures(page)["fig-history"], doc["search"]["trials"]
    feasible = [t["number"] for t in trials if t["state"] == "complete" and score(t) is not None]
    lost = [t["number"] for t in trials if score(t) is None]
    assert list(_values(_trace(fig, "feasible")["x"])) == feasible
    assert list(_values(_trace(fig, "refused or failed (no value)")["x"])) == lost
    best = _values(_trace(fig, "best so far")["y"])
    assert np.all(np.diff(best) >= 0)
    assert best[-1] == pytest.approx(doc["search"]["best"][0]["values"][0])


def test_heatmap_cells_average_the_scored_trials(search: tuple[dict[str, Any], str]) -> None:
    doc, page = search
    cells = [t for t in _figures(page)["fig-heatmaps"]["data"] if t["type"] == "heatmap"]
    scored = [v for t in doc["search"]["trials"] if (v := score(t)) is not None]
    top = sorted(doc["search"]["importance"].items(), key=lambda kv: -kv[1])[:2]
    assert cells[0]["hovertemplate"].startswith(f"{top[0][0]} %{{x}}<br>{top[1][0]} %{{y}}")
    for heat in cells:
        z, n = np.asarray(heat["z"], dtype=float), np.asarray(heat["customdata"], dtype=float)
        assert n.sum() == len(scored)
        assert np.nansum(z * n) / n.sum() == pytest.approx(np.mean(scored))


def test_metrics_params_and_trial_table(search: tuple[dict[str, Any], str]) -> None:
    doc, page = search
    params = _table(page, "chosen-params")
    for name, value in doc["chosen"]["params"].items():
        assert f'<td class="l">{name}</td>' in params
        assert f">{value_text(value)}</td>" in params
    metrics = _table(page, "metrics")
    assert "<th>chosen</th><th>buy &amp; hold</th><th>vol-target B&amp;H</th>" in metrics
    assert f"{doc['benchmark']['metrics']['total_return'] * 100:,.2f}%" in metrics
    vol = doc["vol_target_benchmark"]
    assert f"{vol['metrics']['total_return'] * 100:,.2f}%" in metrics
    assert 0 < vol["mean_weight"] <= 1
    assert vol["metrics"]["exposure"] <= 1
    kpis = re.search(r'<div class="kpis" id="kpis".*?</div></div>', page, re.DOTALL)
    assert kpis is not None
    assert f"vol-target B&amp;H {vol['metrics']['sharpe']:,.2f}" in kpis.group(0)
    assert f"{vol['target_volatility'] * 100:,.1f}% is the chosen run&#x27;s realised volatility" in page
    trials = _table(page, "trials")
    assert 'class="grid sortable"' in trials
    assert trials.count("<tr class=") == len(doc["search"]["trials"])
    chosen_row = re.search(r'<tr class="chosen"><td data-v="(\d+)"', trials)
    assert chosen_row is not None
    assert int(chosen_row.group(1)) == doc["search"]["best"][0]["number"]
    short = [t for t in doc["search"]["trials"] if t["metrics"] and t["metrics"]["n_trades"] < 10]
    assert short  # seed 0 draws some
    for t in short:  # ran, but broke --min-trades 10: the row says so
        assert f'<td class="l">constraints: {t["metrics"]["n_trades"]} trades &lt; 10</td></tr>' in trials
    assert "table.sortable th" in page  # the sorting script


def test_overfitting_and_monte_carlo_match_the_document(search: tuple[dict[str, Any], str]) -> None:
    doc, page = search
    rob, figures = doc["robustness"], _figures(page)
    pbo = rob["overfitting"][0]["pbo"]
    bars = figures["fig-pbo-logits"]["data"][0]
    assert bars["name"] == f"search (PBO {pbo['pbo']:.2f})"
    assert _values(bars["y"]).sum() == pytest.approx(1.0)  # binned shares of every split
    dsr = _values(figures["fig-overfitting"]["data"][0]["y"])
    assert dsr[0] == pytest.approx(rob["overfitting"][0]["deflated_sharpe"]["probability"])
    fans = figures["fig-montecarlo"]
    titles = [a["text"] for a in fans["layout"]["annotations"][:3]]
    assert titles == ["Trades, bootstrap", "Trades, shuffled", "Bar returns, block bootstrap"]
    median = _values(_trace(fans, "median")["y"])
    band = rob["monte_carlo"]["trades_bootstrap"]
    assert median[-1] == pytest.approx(band["final_return"][2], abs=1e-5)
    table = _table(page, "montecarlo-table")
    assert f"{band['prob_loss'] * 100:,.1f}%" in table


def test_report_from_the_saved_json_is_the_same_page(
    search: tuple[dict[str, Any], str], tmp_path: Path
) -> None:
    doc, page = search
    write_report(doc, tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == page


def test_pareto_front_is_drawn_and_starred_in_the_table(pareto: tuple[dict[str, Any], str]) -> None:
    doc, page = pareto
    best = doc["search"]["best"]
    fig = _figures(page)["fig-pareto"]
    front = _trace(fig, "Pareto front")
    assert len(_values(front["x"])) == len(best)
    assert sorted(_values(front["x"])) == pytest.approx(sorted(t["values"][0] for t in best))
    assert _values(_trace(fig, "chosen")["x"])[0] == pytest.approx(best[0]["values"][0])
    assert _table(page, "trials").count(" ★</td>") == len(best)
    assert "Objectives (Pareto front)" in page


def test_walk_forward_report(walk: tuple[dict[str, Any], str]) -> None:
    doc, page = walk
    wf, figures = doc["walk_forward"], _figures(page)
    windows = wf["windows"]
    assert len(windows) >= 2
    for fig_id in ("fig-equity", "fig-windows", "fig-stability", *ROBUSTNESS_FIGURES):
        assert fig_id in figures, fig_id
    assert "<title>Walk-forward · confluence · BTCUSDT 1h</title>" in page
    equity = figures["fig-equity"]
    assert _trace(equity, "walk-forward (OOS)")
    assert [a["text"] for a in equity["layout"]["annotations"]] == [f"W{k + 1}" for k in range(len(windows))]
    spans = figures["fig-windows"]["data"][0]
    assert list(_values(spans["base"])) == [w[p]["start_ms"] for w in windows for p in ("train", "test")]
    oos = [t for t in spans["text"] if t.startswith("OOS")]
    assert oos == [f"OOS Sharpe {w['out_of_sample']['sharpe']:.2f}" for w in windows]
    top = [t for t in equity["data"] if t["yaxis"] == "y"]
    assert [t["name"] for t in top] == ["walk-forward (OOS)", "buy & hold", "vol-target B&H"]
    assert _values(top[2]["x"])[-1] == doc["vol_target_benchmark"]["times"][-1] == wf["stitched"]["times"][-1]
    sharpes = _trace(figures["fig-windows"], "vol-target B&H")
    assert list(_values(sharpes["y"])) == pytest.approx(
        [w["vol_target_benchmark"]["sharpe"] for w in windows]
    )
    table = _table(page, "window-table")
    assert table.count("<tr><td") == len(windows)
    assert "<th>VT B&amp;H return</th><th>VT B&amp;H Sharpe</th>" in table
    for w in windows:
        assert f"{w['out_of_sample']['total_return'] * 100:,.2f}%" in table
        assert f"{w['vol_target_benchmark']['total_return'] * 100:,.2f}%" in table
    assert "<th>walk-forward (OOS)</th><th>buy &amp; hold</th><th>vol-target B&amp;H</th>" in page
    stability = _table(page, "stability")
    assert all(f'<td class="l">{name}</td>' in stability for name in wf["stability"])
    assert wf["efficiency"] is None or f"<b>{wf['efficiency']:.2f}</b>" in page


def test_a_search_where_no_trial_met_the_constraints_still_renders(tmp_path: Path) -> None:
    req = _request(trials=6, constraints=Constraints(min_trades=100_000))
    doc = optimise(req, _candles("2022-01-01", "2022-05-01"))
    assert doc["chosen"] is None
    doc["search"]["importance"] = {}
    write_report(doc, tmp_path / "none.html")
    page = (tmp_path / "none.html").read_text(encoding="utf-8")
    assert "No trial met the constraints: nothing was chosen." in page
    figures = _figures(page)
    names = ["buy & hold", "buy & hold", "vol-target B&H", "vol-target B&H"]
    assert [t["name"] for t in figures["fig-equity"]["data"]] == names
    assert doc["vol_target_benchmark"]["target_volatility"] == 0.2  # nothing chosen: the default target
    assert 'id="fig-importance-missing"' in page
    assert "fig-importance" not in figures
    assert 'id="fig-montecarlo-missing"' in page
    assert 'id="montecarlo-table"' not in page
    assert 'id="fig-overfitting-missing"' in page
    assert "no feasible trial" in _table(page, "overfitting-table")
    assert _table(page, "trials").count('<tr class="infeasible">') == len(doc["search"]["trials"])


def test_a_document_written_before_the_vol_target_benchmark_still_renders(
    walk: tuple[dict[str, Any], str],
) -> None:
    doc = json.loads(json.dumps(walk[0]))
    del doc["vol_target_benchmark"]
    for w in doc["walk_forward"]["windows"]:
        del w["vol_target_benchmark"]
    page = render_report(doc)
    assert "vol-target B&amp;H" not in page
    assert "vol-target B&H" not in page
    top = [t for t in _figures(page)["fig-equity"]["data"] if t["yaxis"] == "y"]
    assert [t["name"] for t in top] == ["walk-forward (OOS)", "buy & hold"]
    assert "<th>walk-forward (OOS)</th><th>buy &amp; hold</th></tr>" in page
