"""The portfolio's HTML report, parsed: a portfolio section (account vs the equal-weight basket,
exposure per symbol, the per-symbol table, the rejections) and one section per symbol with its own
chart, metrics and trades. Real runs on the shipped 1m samples (portfolio_fixture)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from portfolio_fixture import (
    SYMBOLS,
    Node,
    one_position_run,
    open_at_end_run,
    parse,
    portfolio_run,
    table_rows,
)

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.report import render_portfolio_report, write_portfolio_report
from aitrader.backtest.report.chart import MAX_LINE_POINTS
from aitrader.backtest.report.chart_payload import (
    STACK_SCALE,
    unb64,
    unpack_prices,
    unpack_stack,
    unpack_times,
)
from aitrader.backtest.report.compare import benchmark_metrics, vol_target_metrics
from aitrader.backtest.report.downsample import bucket_starts, mean_per_bucket
from aitrader.backtest.report.format import money, pct
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.report.portfolio_chart import build_portfolio_chart, exposure_shares
from aitrader.backtest.report.portfolio_figures import SYMBOL_COLUMNS
from aitrader.backtest.report.portfolio_html import anchor
from aitrader.backtest.result import measured
from aitrader.backtest.vol_target_basket import vol_target_basket_for


@pytest.fixture(scope="module")
def result() -> PortfolioResult:
    return portfolio_run()


@pytest.fixture(scope="module")
def page(result: PortfolioResult, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = write_portfolio_report(result, tmp_path_factory.mktemp("pf") / "sub" / "portfolio.html")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc(page: str) -> Node:
    return parse(page)


def payload(doc: Node, data_id: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(doc.find("script", id=data_id).text)
    return data


def value(cell: Node) -> float:
    return float(cell.attrs["data-v"])


def column(name: str) -> int:
    return [c for c, _ in SYMBOL_COLUMNS].index(name)


def test_a_portfolio_section_then_one_section_per_symbol(result: PortfolioResult, doc: Node) -> None:
    sections = doc.find_all("section")
    assert [s.attrs["id"] for s in sections] == ["portfolio"] + [anchor(s) for s in SYMBOLS]
    assert [s.attrs.get("data-symbol") for s in sections[1:]] == list(SYMBOLS)
    links = [a.attrs["href"] for a in doc.find("nav", class_="toc").find_all("a")]
    assert links == ["#portfolio"] + [f"#{anchor(s)}" for s in SYMBOLS]
    portfolio = sections[0]
    headings = [h.text for h in portfolio.find_all("h2")]
    assert headings == ["Portfolio", "Per symbol", "Rejections"]
    assert "Portfolio" in portfolio.find("div", class_="headline").text
    assert "equal-weight basket" in portfolio.find("div", class_="headline").text
    assert "vol-target basket" in portfolio.find("div", class_="headline").text
    compare = portfolio.find("div", class_="compare")
    heads = [h.text for h in compare.find_all("th")][1:]
    assert heads == ["portfolio", "equal-weight basket", "vol-target basket"]
    for k, (symbol, section) in enumerate(zip(SYMBOLS, sections[1:], strict=True), start=1):
        own = result.per_symbol[symbol]
        assert section.find("h2").text == symbol
        assert section.find("div", id=f"bt-chart-{k}")  # its own chart
        trades = section.find("table", class_="trades")
        assert len(table_rows(trades)) == len(exit_rows(own)) > 100
        assert {c[2].text for c in table_rows(trades)} == {"BUY"}  # spot: longs only
        cards = section.find_all("div", class_="card")
        m = compute_metrics(own)
        returns = next(c for c in cards if c.find("h3").text == "Returns")
        assert money(m.final_equity) in returns.text
        assert f"{m.n_trades:,} trades" in section.find("div", class_="headline").text
        hold, vol_hold = benchmark_metrics(own), vol_target_metrics(own)
        assert hold is not None
        assert vol_hold is not None
        headline = section.find("div", class_="headline")
        assert "vol-target buy & hold" in headline.text
        assert [b.text for b in headline.find_all("b")] == [
            pct(x) for x in (m.total_return, hold.total_return, vol_hold.total_return)
        ]


def test_plotly_is_inlined_once_and_every_chart_carries_its_bars(
    result: PortfolioResult, page: str, doc: Node
) -> None:
    assert page.count("plotly.js v") == 1  # the library's banner: one copy for four charts
    assert page.index("plotly.js v") < page.index('id="bt-chart-1"')
    for k, symbol in enumerate(SYMBOLS, start=1):
        data = payload(doc, f"bt-data-{k}")
        candles = result.per_symbol[symbol].candles
        assert data["n"] == len(candles)
        np.testing.assert_array_equal(unpack_times(data["time"]), candles.open_time)  # type: ignore[arg-type]
        np.testing.assert_array_equal(unpack_prices(data["prices"])["c"], candles.close)  # type: ignore[arg-type]
    account = payload(doc, "bt-data")
    assert "prices" not in account  # the portfolio chart has no candles
    np.testing.assert_array_equal(unpack_times(account["time"]), result.account.times)  # type: ignore[arg-type]


def test_per_symbol_table_adds_up_to_the_account(result: PortfolioResult, doc: Node) -> None:
    table = doc.find("table", class_="symbols")
    rows = table_rows(table)
    (total,) = table_rows(table, "tfoot")
    assert [r[0].text for r in rows] == list(SYMBOLS)
    assert total[0].text == "all"
    account_pnl = result.account.final_equity - result.account.initial_equity
    assert account_pnl < -1_000  # a real loss to share out
    pnl = [value(r[column("P&L")]) for r in rows]
    assert sum(pnl) == pytest.approx(account_pnl, abs=1e-6)
    assert value(total[column("P&L")]) == pytest.approx(account_pnl)
    assert sum(value(r[column("share")]) for r in rows) == pytest.approx(1.0)
    assert sum(int(r[column("trades")].attrs["data-v"]) for r in rows) == len(result.account.trades)
    assert sum(value(r[column("fees")]) for r in rows) == pytest.approx(result.account.fees_paid)
    for symbol, row in zip(SYMBOLS, rows, strict=True):
        own = result.per_symbol[symbol]
        m = compute_metrics(own)
        hold = benchmark_metrics(own)
        assert hold is not None
        assert value(row[column("P&L")]) == own.final_equity - own.initial_equity
        assert value(row[column("win rate")]) == m.win_rate
        assert value(row[column("in market")]) == m.exposure
        assert value(row[column("max DD %")]) == m.max_drawdown
        assert value(row[column("buy & hold")]) == hold.total_return
        assert row[column("buy & hold")].text == pct(hold.total_return)
        vol_hold = vol_target_metrics(own)
        assert vol_hold is not None
        assert value(row[column("vol-target B&H")]) == vol_hold.total_return
        eq = measured(own).equity
        fall = float(np.max(np.maximum.accumulate(np.maximum(eq, own.initial_equity)) - eq))
        assert value(row[column("max DD")]) == pytest.approx(fall)
        assert "neg" in row[column("P&L")].attrs["class"].split()  # every symbol lost here
    vol_basket = vol_target_basket_for(result)
    assert vol_basket is not None
    assert value(total[column("vol-target B&H")]) == compute_metrics(vol_basket).total_return


def test_rejections_are_listed_by_symbol_and_code_with_their_sentence(
    result: PortfolioResult, doc: Node
) -> None:
    table = doc.find("table", class_="rejections")
    rows = [[c.text for c in r] for r in table_rows(table)]
    expected = {(s, code, n) for s, codes in result.rejections.items() for code, n in codes.items()}
    assert {(r[0], r[1], int(r[2].replace(",", ""))) for r in rows} == expected
    for symbol, code, _, rule, example in rows:
        assert example == result.examples[f"{symbol} {code}"]
        assert rule  # every code the run met is explained
    codes = {r[1] for r in rows}
    assert {"correlated_exposure", "total_exposure", "drawdown_halt", "daily_loss_limit"} <= codes
    counts = [int(r[2].replace(",", "")) for r in rows if r[0] == "BTCUSDT"]
    assert counts == sorted(counts, reverse=True)  # the most frequent first


def test_a_position_limit_shows_up_as_its_own_code() -> None:
    run = one_position_run()
    doc = parse(render_portfolio_report(run))
    rows = [[c.text for c in r] for r in table_rows(doc.find("table", class_="rejections"))]
    limited = [r for r in rows if r[1] == "max_open_positions"]
    assert {r[0] for r in limited} == set(SYMBOLS)
    for symbol, _, _, _, example in limited:  # the gate's own sentence, naming the limit
        assert example == run.examples[f"{symbol} max_open_positions"]
        assert "max 1" in example
    assert sum(int(r[2]) for r in limited) == sum(
        c.get("max_open_positions", 0) for c in run.rejections.values()
    )


def test_the_portfolio_chart_is_equity_drawdown_and_stacked_exposure(result: PortfolioResult) -> None:
    chart = build_portfolio_chart(result)
    fig, data = chart.figure, chart.payload
    names = [t.name for t in fig.data]
    assert names[:5] == [
        "equity",
        "drawdown",
        "equal-weight basket",
        "equal-weight basket drawdown",
        "vol-target basket",
    ]
    assert names[5:] == list(SYMBOLS)
    vol_basket = vol_target_basket_for(result)
    assert vol_basket is not None
    np.testing.assert_allclose(unb64(data["vol"], "<f4"), vol_basket.equity, rtol=1e-6)  # type: ignore[arg-type]
    assert data["traces"]["vol"] == 4
    traces = data["traces"]
    assert [fig.data[i].name for i in traces["stack"]] == list(SYMBOLS)
    assert all(fig.data[i].stackgroup == "exposure" for i in traces["stack"])
    m = measured(result.account)
    assert data["first"] == m.first == result.account.first_bar
    np.testing.assert_allclose(unb64(data["equity"], "<f4"), m.equity, rtol=1e-6)
    shares = exposure_shares(result)
    starts = bucket_starts(len(m.equity), MAX_LINE_POINTS)
    for symbol, packed, i in zip(SYMBOLS, unpack_stack(data), traces["stack"], strict=True):
        own = shares[symbol][m.first :]
        np.testing.assert_allclose(packed, own, atol=0.5 / STACK_SCALE)  # every step, to 0.01%
        assert len(fig.data[i].y) == len(starts) <= MAX_LINE_POINTS  # the first view, thinned
        np.testing.assert_allclose(fig.data[i].y, mean_per_bucket(own, starts))


def test_exposure_is_held_exactly_while_a_symbol_is_in_the_market(result: PortfolioResult) -> None:
    held = result.held
    shares = exposure_shares(result)
    grid = result.account.times
    for symbol in SYMBOLS:
        own = result.per_symbol[symbol]
        steps = np.searchsorted(grid, own.times)
        assert np.array_equal(held[symbol][steps] > 0, own.in_market)
        assert np.all(shares[symbol] >= 0)
    total = sum(shares.values())
    assert isinstance(total, np.ndarray)
    assert np.array_equal(total > 0, result.account.in_market)
    assert 0.3 < float(total.max()) < 2.0  # a real share of the equity, not a unit slip


def test_open_positions_are_shown(tmp_path: Path) -> None:
    run = open_at_end_run()
    held = run.account.params["open_positions"]
    assert set(held) == {"BTCUSDT", "ETHUSDT"}
    doc = parse(render_portfolio_report(run))
    card = next(c for c in doc.find_all("div", class_="openpos"))
    items = [li.text for li in card.find_all("li")]
    assert [i.split(":")[0] for i in items] == list(held)
    shares = exposure_shares(run)
    assert shares["BTCUSDT"][-1] > 0
    assert shares["ETHUSDT"][-1] > 0
    assert shares["SOLUSDT"][-1] == 0


def test_a_month_of_three_symbols_stays_a_reasonable_size(page: str) -> None:
    size = len(page.encode("utf-8"))
    assert 10e6 < size < 22e6  # about 17 MB: plotly.js 4.8 MB, each symbol's packed bars about 2.5 MB
