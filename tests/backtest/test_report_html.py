"""HTML report: self-contained, titled, lists the trades, and keeps big runs small by aggregating."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import msgspec
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import flat_result, hold_result, sample, segments_result

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import render_html_report, write_html_report
from aitrader.backtest.report.chart import build_figure
from aitrader.backtest.report.downsample import aggregate_candles
from aitrader.backtest.report.format import short_time
from aitrader.backtest.report.html import short_rationale
from aitrader.backtest.result import BacktestResult
from aitrader.domain import Side


@pytest.fixture(scope="module")
def result() -> BacktestResult:
    return segments_result(sample(), sides=(Side.BUY, Side.SELL))


@pytest.fixture(scope="module")
def page(result: BacktestResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_html_report(
        result, compute_metrics(result), tmp_path_factory.mktemp("rep") / "sub" / "r.html"
    )
    return path.read_text(encoding="utf-8")


def test_page_is_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]*\bsrc=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref=", page, re.IGNORECASE)
    assert "Plotly.newPlot" in page
    assert len(page.encode()) < 7_000_000  # ~4.8 MB of it is plotly.js itself


def test_page_has_title_and_metrics(page: str) -> None:
    assert "<title>segments · BTCUSDT 1m · 2023-03-16 22:15 → 2023-05-05 07:35 UTC</title>" in page
    for label in ("Sharpe", "Sortino", "Calmar", "Max drawdown", "Win rate", "Profit factor", "Exposure"):
        assert f"<td>{label}</td>" in page


def test_page_lists_every_trade(result: BacktestResult, page: str) -> None:
    table = page[page.index('<table class="trades">') :]
    assert table.count("<tr>") == len(result.trades) + 1  # + header
    for t in result.trades:
        assert short_time(t.entry_time) in table
        assert short_time(t.exit_time) in table


def test_rationale_is_escaped_everywhere(page: str) -> None:
    assert "<test & 'quote'>" not in page
    assert "&lt;test &amp; &#x27;quote&#x27;&gt;" in page


def test_no_trades_and_no_bars_still_render() -> None:
    for res in (hold_result(sample().slice(0, 3000)), flat_result(0)):
        page = render_html_report(res, compute_metrics(res))
        assert "No trades." in page
        assert "Plotly.newPlot" in page


def test_trade_cap_notes_what_is_left_out(result: BacktestResult) -> None:
    page = render_html_report(result, compute_metrics(result), max_trades=10)
    assert f"Showing the last 10 of {len(result.trades)} trades." in page
    assert f"Chart markers for the last 10 of {len(result.trades)} trades." in page
    assert page[page.index('<table class="trades">') :].count("<tr>") == 11


def test_figure_aggregates_candles_but_keeps_extremes(result: BacktestResult) -> None:
    fig = build_figure(result, max_candles=500, max_line_points=800)
    candles = result.candles
    stick = next(tr for tr in fig.data if tr.type == "candlestick")
    assert len(stick.x) <= 500
    assert np.max(stick.high) == candles.high.max()
    assert np.min(stick.low) == candles.low.min()
    assert stick.open[0] == candles.open[0]
    assert stick.close[-1] == candles.close[-1]
    lines = {tr.name: tr for tr in fig.data if tr.type == "scatter" and tr.mode == "lines"}
    assert len(lines["equity"].y) <= 800
    assert lines["equity"].y[-1] == result.final_equity
    assert -np.min(lines["drawdown"].y) == pytest.approx(compute_metrics(result).max_drawdown)


def test_figure_marks_entries_and_exits_with_stop_and_target_segments(result: BacktestResult) -> None:
    fig = build_figure(result)
    by_name = {tr.name: tr for tr in fig.data}
    entries = by_name["entry (▲ buy, ▼ sell)"]
    exits = by_name["exit (green win, red loss)"]
    assert len(entries.x) == len(exits.x) == len(result.trades)
    assert list(entries.y) == [t.entry_price for t in result.trades]
    assert "target" in exits.text[0] or "stop" in exits.text[0] or "time" in exits.text[0]
    assert "P&amp;L" in exits.text[0]
    stops = [y for y in by_name["stop"].y if y is not None]
    assert stops[::2] == [t.stop for t in result.trades]


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


def test_small_runs_are_not_aggregated() -> None:
    res = hold_result(sample().slice(0, 300))
    stick = next(tr for tr in build_figure(res).data if tr.type == "candlestick")
    assert len(stick.x) == 300


def test_short_result_without_matching_candles_skips_buy_and_hold() -> None:
    base = hold_result(sample().slice(0, 300))
    res = dataclasses.replace(base, candles=sample().slice(0, 10))
    names = {tr.name for tr in build_figure(res).data}
    assert "buy & hold" not in names


def test_buy_and_hold_aligns_by_time_when_candles_include_warmup() -> None:
    candles = sample().slice(0, 400)
    res = dataclasses.replace(hold_result(candles.slice(100, 400)), candles=candles)
    hold = next(tr for tr in build_figure(res).data if tr.name == "buy & hold")
    assert hold.y[-1] == pytest.approx(res.final_equity)


def test_far_stops_do_not_squash_the_candles(result: BacktestResult) -> None:
    far = [
        msgspec.structs.replace(t, stop=t.entry_price * 0.5, target=t.entry_price * 10) for t in result.trades
    ]
    fig = build_figure(dataclasses.replace(result, trades=far))
    lo, hi = fig.layout.yaxis.range
    assert lo < result.candles.low.min() < result.candles.high.max() < hi
    assert hi < 1.1 * result.candles.high.max()


def test_params_render_as_a_key_value_table_not_a_dict(result: BacktestResult) -> None:
    params = {"bars_visited": 1200, "strategy_params": {"ema_fast": 20, "ema_slow": 50, "atr_mult": 2.5}}
    page = render_html_report(dataclasses.replace(result, params=params), compute_metrics(result))
    assert "{" not in page[page.index("<h1>") : page.index('<div class="panel">')]
    assert '<tr><th colspan="2">strategy params</th></tr>' in page
    assert '<tr><td>ema_fast</td><td class="v">20</td></tr>' in page
    assert '<tr><td>atr_mult</td><td class="v">2.5</td></tr>' in page
    assert '<tr><td>bars_visited</td><td class="v">1,200</td></tr>' in page


def test_rationale_column_is_short_with_the_full_text_on_hover(result: BacktestResult) -> None:
    long = (
        "EMA 20 crossed above EMA 50 while the 1h trend is up and RSI 14 sits at 58, volume above its "
        "20-bar mean. Stop 2 ATR below entry, target 3R. Evidence: ema_fast=27123.5, ema_slow=27010.2."
    )
    trades = [msgspec.structs.replace(t, rationale=long) for t in result.trades[:3]]
    page = render_html_report(dataclasses.replace(result, trades=trades), compute_metrics(result))
    table = page[page.index('<table class="trades">') :]
    cell = re.search(r'<td class="l why" title="([^"]*)">([^<]*)</td>', table)
    assert cell is not None
    assert cell.group(1).startswith("EMA 20 crossed above EMA 50")
    assert "Evidence: ema_fast=27123.5" in cell.group(1)
    assert len(cell.group(2)) <= 80
    assert cell.group(2).endswith("…")
    assert "Evidence" not in cell.group(2)
    assert short_rationale("Buy the breakout. Stop below.") == "Buy the breakout."
