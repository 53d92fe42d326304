"""HTML report: self-contained, chart first, every bar in the page, every exit in a sortable table,
strategy beside buy-and-hold, the open position explained. Parsed as text here; the zoom, the log
toggle and the sorting run in a real browser in test_report_html_browser.py."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import sys
from pathlib import Path

import msgspec
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import (
    OPEN_AT_END_BARS,
    engine_result,
    flat_result,
    hold_result,
    sample,
    segments_result,
)

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import render_html_report, write_html_report
from aitrader.backtest.report.chart import MAX_CANDLES, build_chart, build_figure, candle_title
from aitrader.backtest.report.chart_payload import unb64, unpack_prices, unpack_times
from aitrader.backtest.report.compare import compared_rows
from aitrader.backtest.report.downsample import aggregate_candles
from aitrader.backtest.report.format import pct, ratio
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.report.trade_table import COLUMNS, short_rationale
from aitrader.backtest.result import BacktestResult, measured
from aitrader.backtest.vol_target_benchmark import target_for, vol_target_benchmark_for
from aitrader.domain import Side


def payload_of(page: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="bt-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, object] = json.loads(m.group(1))
    return data


def table_of(page: str) -> str:
    start = page.index('<table class="trades sortable">')
    return page[start : page.index("</table>", start)]


def cells_of(page: str) -> list[list[str]]:
    """The `data-v` of every cell, row by row (the values the sort script sorts by)."""
    body = table_of(page)[table_of(page).index("<tbody>") :]
    return [re.findall(r'data-v="([^"]*)"', row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body)]


def column(name: str) -> int:
    return [c for c, *_ in COLUMNS].index(name)


@pytest.fixture(scope="module")
def run() -> BacktestResult:
    return engine_result()  # the whole 71k-bar 1m sample, confluence, risk gate


@pytest.fixture(scope="module")
def page(run: BacktestResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_html_report(run, compute_metrics(run), tmp_path_factory.mktemp("rep") / "sub" / "r.html")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def open_run() -> BacktestResult:
    return engine_result(bars=OPEN_AT_END_BARS)


@pytest.fixture(scope="module")
def segments() -> BacktestResult:
    return segments_result(sample(), sides=(Side.BUY, Side.SELL))


def test_page_is_self_contained_and_of_sensible_size(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref=", page, re.IGNORECASE)
    assert "Plotly.newPlot" in page
    # 71,041 bars: ~4.8 MB of plotly.js, ~2.6 MB of packed bars and curves, ~0.7 MB of first view
    assert len(page.encode()) < 10_000_000


def test_the_chart_comes_first_and_the_parameters_last(page: str) -> None:
    chart = page.index('id="bt-chart"')
    assert "<table" not in page[: page.index("<body>") + chart]  # only the title lines above it
    order = [chart, page.index("Strategy vs buy &amp; hold"), page.index("<h2>Trades</h2>")]
    order += [page.index("<h3>Assumptions</h3>"), page.index("<h3>Parameters</h3>")]
    assert order == sorted(order)


def test_page_embeds_every_bar_exactly(run: BacktestResult, page: str) -> None:
    data = payload_of(page)
    candles = run.candles
    assert data["n"] == len(candles) == 71_041
    np.testing.assert_array_equal(unpack_times(data["time"]), candles.open_time)  # type: ignore[arg-type]
    prices = unpack_prices(data["prices"])  # type: ignore[arg-type]
    for key, column in (("o", candles.open), ("h", candles.high), ("l", candles.low), ("c", candles.close)):
        np.testing.assert_array_equal(prices[key], column)


def test_page_embeds_the_measured_equity_and_buy_and_hold(run: BacktestResult, page: str) -> None:
    data = payload_of(page)
    m = measured(run)
    bench = benchmark_for(run)
    assert bench is not None
    assert data["first"] == run.first_bar
    np.testing.assert_allclose(unb64(data["equity"], "<f4"), m.equity, rtol=1e-7)  # type: ignore[arg-type]
    np.testing.assert_allclose(unb64(data["hold"], "<f4"), bench.equity, rtol=1e-7)  # type: ignore[arg-type]
    vol = vol_target_benchmark_for(run)
    assert vol is not None
    np.testing.assert_allclose(unb64(data["vol"], "<f4"), vol.equity, rtol=1e-7)  # type: ignore[arg-type]
    fig = build_chart(run).figure
    line = fig.data[data["traces"]["vol"]]  # type: ignore[index]
    assert line.name == "vol-target B&H"
    assert line.yaxis == next(tr for tr in fig.data if tr.name == "equity").yaxis  # on the equity panel


def test_first_view_is_the_decimation_the_zoom_script_redoes(run: BacktestResult) -> None:
    chart = build_chart(run)
    stick = chart.figure.data[chart.payload["traces"]["candles"]]
    ohlc = aggregate_candles(run.candles, MAX_CANDLES)
    k = math.ceil(len(run.candles) / MAX_CANDLES)
    assert ohlc.bars_per_candle == k == 36
    np.testing.assert_array_equal(stick.x, ohlc.time.astype(np.float64))
    np.testing.assert_array_equal(stick.high, ohlc.high)
    assert chart.figure.layout.annotations[0].text == candle_title("1m", k)
    assert stick.high.max() == run.candles.high.max()
    assert stick.low.min() == run.candles.low.min()


def test_warm_up_is_shaded_and_the_lines_start_after_it(run: BacktestResult) -> None:
    fig = build_figure(run)
    (shade,) = fig.layout.shapes
    assert (shade.x0, shade.x1) == (float(run.times[0]), float(run.times[run.first_bar]))
    equity = next(tr for tr in fig.data if tr.name == "equity")
    assert equity.x[0] >= run.times[run.first_bar] + 60_000  # an equity point is at its bar's close
    assert equity.y[-1] == compute_metrics(run).final_equity


def test_log_scale_toggle_switches_price_and_equity_axes(run: BacktestResult) -> None:
    (menu,) = build_figure(run).layout.updatemenus
    by_label = {b.label: b.args[0] for b in menu.buttons}
    assert by_label["log scale"]["yaxis.type"] == by_label["log scale"]["yaxis2.type"] == "log"
    assert by_label["linear scale"]["yaxis.type"] == by_label["linear scale"]["yaxis2.type"] == "linear"


def test_table_has_every_exit_of_every_trade_without_a_cap(run: BacktestResult, page: str) -> None:
    table = table_of(page)
    rows = exit_rows(run)
    assert len(rows) == len(run.exits) > len(run.trades) > 150
    assert table.count("<tr") == len(rows) + 1  # + the header
    assert len(re.findall(r"<th[ >]", table)) == len(COLUMNS)
    cells = cells_of(page)
    assert all(len(row) == len(COLUMNS) for row in cells)
    numbers = [int(row[column("#")]) for row in cells]
    assert sorted(set(numbers)) == list(range(1, len(run.trades) + 1))
    assert [float(row[column("P&L")]) for row in cells] == [r.pnl for r in rows]
    assert [float(row[column("exit price")]) for row in cells] == [r.exit_price for r in rows]
    assert [row[column("exit reason")] for row in cells] == [r.reason for r in rows]


def test_partial_exits_are_rows_of_their_own(run: BacktestResult, page: str) -> None:
    table = table_of(page)
    trade4 = re.findall(r'<tr><td data-v="4">.*?</tr>', table)
    assert len(trade4) == 2
    assert 'data-v="target 1">target 1</td>' in trade4[0]
    assert 'data-v="stop">stop</td>' in trade4[1]
    assert f'data-v="{run.trades[3].target!r}"' in trade4[0]


def test_table_is_sortable_by_every_column_without_network(page: str) -> None:
    assert '<table class="trades sortable">' in page
    assert 'querySelectorAll("table.sortable")' in page
    assert 'addEventListener("click"' in page
    head = table_of(page)[: table_of(page).index("</thead>")]
    assert [re.sub(r"<.*?>", "", h) for h in re.findall(r"<th[^>]*>.*?</th>", head)] == [
        c.replace("&", "&amp;") for c, *_ in COLUMNS
    ]


def test_strategy_and_both_benchmarks_side_by_side(run: BacktestResult, page: str) -> None:
    m = compute_metrics(run)
    bench, vol = benchmark_for(run), vol_target_benchmark_for(run)
    assert bench is not None
    assert vol is not None
    b, v = compute_metrics(bench), compute_metrics(vol)
    block = page[page.index("Strategy vs buy &amp; hold") :]
    block = block[: block.index("</table>")]
    assert re.search(
        r'<th class="v">strategy</th><th class="v">buy &amp; hold</th><th class="v">vol-target', block
    )
    for label, ours, theirs, scaled in (
        ("Total return", pct(m.total_return), pct(b.total_return), pct(v.total_return)),
        ("Sharpe", ratio(m.sharpe), ratio(b.sharpe), ratio(v.sharpe)),
        ("Sortino", ratio(m.sortino), ratio(b.sortino), ratio(v.sortino)),
        ("Max drawdown", pct(m.max_drawdown), pct(b.max_drawdown), pct(v.max_drawdown)),
        ("CAGR", pct(m.annual_return), pct(b.annual_return), pct(v.annual_return)),
        ("Exposure", pct(m.exposure), pct(b.exposure), pct(v.exposure)),
        ("Trades", f"{m.n_trades:,}", f"{b.n_trades:,}", f"{v.n_trades:,}"),
    ):
        cells = "".join(rf"<td[^>]*>{re.escape(x)}</td>" for x in (ours, theirs, scaled))
        assert re.search(rf"<td>{label}</td>{cells}", block), label
    assert len(compared_rows(m, b, v)) == block.count("<tr>") - 1
    assert f"holds min(1, {pct(target_for(run), 1)} / the trailing 30-day volatility)" in page


def test_open_position_is_listed_and_explained(open_run: BacktestResult) -> None:
    m = compute_metrics(open_run)
    page = render_html_report(open_run, m)
    assert "<h3>Open at the end</h3>" in page
    assert "net of the exit fee" in page
    rows = re.findall(r'<tr class="open">.*?</tr>', table_of(page))
    assert len(rows) == 1
    assert "open (marked at the last close, exit fee deducted)" in rows[0]
    assert f"{m.n_trades:,} trades ({m.n_open_trades:,} open at the end)" in page


def test_rationale_is_escaped_everywhere(segments: BacktestResult) -> None:
    page = render_html_report(segments, compute_metrics(segments))
    assert "<test & 'quote'>" not in page
    assert "&lt;test &amp; &#x27;quote&#x27;&gt;" in page


def test_no_trades_and_no_bars_still_render() -> None:
    for res in (hold_result(sample().slice(0, 3000)), flat_result(0)):
        page = render_html_report(res, compute_metrics(res))
        assert "No trades." in page
        assert "Plotly.newPlot" in page


def test_small_runs_are_not_aggregated() -> None:
    res = hold_result(sample().slice(0, 300))
    stick = next(tr for tr in build_figure(res).data if tr.type == "candlestick")
    assert len(stick.x) == 300


def test_short_result_without_matching_candles_skips_buy_and_hold() -> None:
    base = hold_result(sample().slice(0, 300))
    res = dataclasses.replace(base, candles=sample().slice(0, 10))
    names = {tr.name for tr in build_figure(res).data}
    assert "buy & hold" not in names
    assert '"hold":null' in re.sub(r"\s", "", json.dumps(build_chart(res).payload))


def test_far_stops_do_not_squash_the_candles(segments: BacktestResult) -> None:
    far = [
        msgspec.structs.replace(t, stop=t.entry_price * 0.5, target=t.entry_price * 10)
        for t in segments.trades
    ]
    fig = build_figure(dataclasses.replace(segments, trades=far))
    lo, hi = fig.layout.yaxis.range
    assert lo < segments.candles.low.min() < segments.candles.high.max() < hi
    assert hi < 1.1 * segments.candles.high.max()


def test_params_render_as_a_key_value_table_not_a_dict(segments: BacktestResult) -> None:
    params = {"bars_visited": 1200, "strategy_params": {"ema_fast": 20, "ema_slow": 50, "atr_mult": 2.5}}
    page = render_html_report(dataclasses.replace(segments, params=params), compute_metrics(segments))
    params_block = page[page.index("<h3>Parameters</h3>") :]
    assert "{" not in params_block[: params_block.index("</table>")]
    assert '<tr><th colspan="2">strategy params</th></tr>' in page
    assert '<tr><td>ema_fast</td><td class="v">20</td></tr>' in page
    assert '<tr><td>atr_mult</td><td class="v">2.5</td></tr>' in page
    assert '<tr><td>bars_visited</td><td class="v">1,200</td></tr>' in page


def test_rationale_column_is_short_with_the_full_text_on_hover(segments: BacktestResult) -> None:
    long = (
        "EMA 20 crossed above EMA 50 while the 1h trend is up and RSI 14 sits at 58, volume above its "
        "20-bar mean. Stop 2 ATR below entry, target 3R. Evidence: ema_fast=27123.5, ema_slow=27010.2."
    )
    trades = [msgspec.structs.replace(t, rationale=long) for t in segments.trades[:3]]
    page = render_html_report(dataclasses.replace(segments, trades=trades), compute_metrics(segments))
    cell = re.search(r'<td class="l why" title="([^"]*)" data-v="[^"]*">([^<]*)</td>', table_of(page))
    assert cell is not None
    assert cell.group(1).startswith("EMA 20 crossed above EMA 50")
    assert "Evidence: ema_fast=27123.5" in cell.group(1)
    assert len(cell.group(2)) <= 80
    assert cell.group(2).endswith("…")
    assert "Evidence" not in cell.group(2)
    assert short_rationale("Buy the breakout. Stop below.") == "Buy the breakout."


def test_aggregate_candles_matches_a_plain_loop() -> None:
    candles = sample().slice(0, 1003)
    ohlc = aggregate_candles(candles, 100)
    k = ohlc.bars_per_candle
    assert k == 11
    assert len(ohlc) == 92
    for b in (0, 45, 91):
        s = slice(b * k, min((b + 1) * k, len(candles)))
        assert ohlc.time[b] == candles.open_time[s][0]
        assert ohlc.open[b] == candles.open[s][0]
        assert ohlc.high[b] == candles.high[s].max()
        assert ohlc.low[b] == candles.low[s].min()
        assert ohlc.close[b] == candles.close[s][-1]


def test_every_entry_and_every_exit_fill_is_marked(open_run: BacktestResult) -> None:
    fig = build_figure(open_run)
    by_name = {tr.name: tr for tr in fig.data}
    rows = exit_rows(open_run)
    entries = by_name["entry (▲ buy, ▼ sell)"]
    assert len(entries.x) == len(open_run.trades) + 1  # the open position's entry too
    exits = by_name["exit (green win, red loss)"]
    assert list(exits.y) == [r.exit_price for r in rows if not r.is_open]
    assert "target 1" in exits.text[-1]
    (mark,) = by_name["open at the end"].y
    assert mark == open_run.candles.close[-1]
    stops = [y for y in by_name["stop"].y if y is not None]
    assert stops[::2] == [t.stop for t in open_run.trades] + [open_run.params["open_trade"]["stop"]]
