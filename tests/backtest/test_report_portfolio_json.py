"""The portfolio's JSON export and terminal summary on a real run (portfolio_fixture): strict JSON
that reads back to the same figures, the symbols' P&L adding up to the account's, every trade with
its symbol, the rejections with their codes; the rich summary with the same figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))
from portfolio_fixture import SYMBOLS, one_position_run, open_at_end_run, portfolio_run, samples

from aitrader.backtest.engine import BacktestConfig
from aitrader.backtest.inputs import build_strategy
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.portfolio_result import PortfolioResult
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.backtest.report import (
    portfolio_report_dict,
    print_portfolio_summary,
    read_portfolio_json,
    render_portfolio_report,
    write_json,
    write_portfolio_json,
)
from aitrader.backtest.report.compare import benchmark_metrics, vol_target_metrics
from aitrader.backtest.report.format import money, pct
from aitrader.backtest.vol_target_basket import vol_target_basket_for
from aitrader.backtest.vol_target_benchmark import target_for
from aitrader.domain import Timeframe


@pytest.fixture(scope="module")
def result() -> PortfolioResult:
    return portfolio_run()


@pytest.fixture(scope="module")
def written(result: PortfolioResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_portfolio_json(result, tmp_path_factory.mktemp("pfj") / "sub" / "portfolio.json")


def _no_constants(name: str) -> Any:
    raise AssertionError(f"non-standard JSON constant {name}")


def test_json_is_strict_and_round_trips(result: PortfolioResult, written: Path) -> None:
    text = written.read_text(encoding="utf-8")
    data = json.loads(text, parse_constant=_no_constants)
    assert data == json.loads(json.dumps(portfolio_report_dict(result), allow_nan=False))
    json.dumps(data, allow_nan=False)
    back, metrics, per_symbol, trades = read_portfolio_json(written)
    assert back == data
    assert metrics == compute_metrics(result.account)
    assert per_symbol == {s: compute_metrics(r) for s, r in result.per_symbol.items()}
    assert trades == result.account.trades
    assert len(text.splitlines()) < 20_000  # the long curves each on one line


def test_json_holds_the_portfolio_and_every_symbol(result: PortfolioResult, written: Path) -> None:
    data = json.loads(written.read_text(encoding="utf-8"))
    account = result.account
    assert data["kind"] == "portfolio"
    assert data["symbols"] == list(SYMBOLS)
    assert data["pnl"] == pytest.approx(account.final_equity - account.initial_equity)
    assert data["final_equity"] == pytest.approx(account.final_equity)
    assert list(data["per_symbol"]) == list(SYMBOLS)
    assert sum(d["pnl"] for d in data["per_symbol"].values()) == pytest.approx(data["pnl"], abs=1e-6)
    assert sum(d["share"] for d in data["per_symbol"].values()) == pytest.approx(1.0)
    for s, d in data["per_symbol"].items():
        own = result.per_symbol[s]
        hold = benchmark_metrics(own)
        assert hold is not None
        assert d["metrics"]["n_trades"] == sum(1 for t in account.trades if t.symbol == s)
        assert d["buy_and_hold_return"] == hold.total_return
        vol_hold = vol_target_metrics(own)
        assert vol_hold is not None
        assert d["vol_target_return"] == vol_hold.total_return
        assert d["vol_target_buy_and_hold"] == vol_hold.to_dict()
        assert d["max_drawdown_quote"] > 0
    basket = benchmark_metrics(account)
    vol_basket = vol_target_basket_for(result)
    assert basket is not None
    assert vol_basket is not None
    vol_metrics = compute_metrics(vol_basket)
    assert data["benchmark"]["name"] == "equal_weight_basket"
    assert data["vol_target_benchmark"]["name"] == "equal_weight_vol_target_basket"
    assert data["vol_target_benchmark"]["target_volatility"] == target_for(account)
    assert data["vol_target_benchmark"]["metrics"] == vol_metrics.to_dict()
    assert data["comparison"]["total_return"] == {
        "portfolio": data["metrics"]["total_return"],
        "basket": basket.total_return,
        "vol_target_basket": vol_metrics.total_return,
    }
    assert data["comparison"]["n_trades"]["vol_target_basket"] == len(vol_basket.trades) > 0
    assert (
        len(data["equity_curve"]["time_ms"])
        == len(data["equity_curve"]["equity"])
        == len(data["benchmark"]["equity"])
        == len(data["vol_target_benchmark"]["equity"])
    )
    assert [t["symbol"] for t in data["trades"]] == [t.symbol for t in account.trades]
    assert {t["symbol"] for t in data["trades"]} == set(SYMBOLS)


def test_json_lists_the_rejections_with_their_codes(result: PortfolioResult, written: Path) -> None:
    data = json.loads(written.read_text(encoding="utf-8"))
    got = {(r["symbol"], r["code"]): (r["count"], r["example"]) for r in data["rejections"]}
    assert got == {
        (s, code): (n, result.examples[f"{s} {code}"])
        for s, codes in result.rejections.items()
        for code, n in codes.items()
    }
    assert data["rejected"] == sum(n for codes in result.rejections.values() for n in codes.values())
    assert {"correlated_exposure", "total_exposure"} <= {r["code"] for r in data["rejections"]}
    limited = portfolio_report_dict(one_position_run())
    assert {r["symbol"] for r in limited["rejections"] if r["code"] == "max_open_positions"} == set(SYMBOLS)


def test_open_positions_are_in_the_json() -> None:
    run = open_at_end_run()
    data = portfolio_report_dict(run)
    assert data["open_positions"] == run.account.params["open_positions"]
    assert set(data["open_positions"]) == {"BTCUSDT", "ETHUSDT"}


def test_a_single_symbol_report_is_not_read_as_a_portfolio(result: PortfolioResult, tmp_path: Path) -> None:
    own = result.per_symbol["BTCUSDT"]
    path = write_json(own, compute_metrics(own), tmp_path / "single.json")
    with pytest.raises(ValueError, match="not a portfolio report"):
        read_portfolio_json(path)


def _printed(result: PortfolioResult, width: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_portfolio_summary(result, console)
    return console.export_text()


def test_summary_prints_the_account_every_symbol_and_the_rejections(result: PortfolioResult) -> None:
    text = _printed(result, 160)
    lines = text.splitlines()
    m = compute_metrics(result.account)
    basket = benchmark_metrics(result.account)
    assert basket is not None
    assert "portfolio of 3" in text
    assert "equal-weight basket" in text
    vol_basket = vol_target_basket_for(result)
    assert vol_basket is not None
    v = compute_metrics(vol_basket)
    assert "vol-target basket" in text
    for label, ours, theirs, vol in (
        ("Total return", pct(m.total_return), pct(basket.total_return), pct(v.total_return)),
        ("Max drawdown", pct(m.max_drawdown), pct(basket.max_drawdown), pct(v.max_drawdown)),
        ("Trades", f"{m.n_trades:,}", f"{basket.n_trades:,}", f"{v.n_trades:,}"),
    ):
        line = next(line for line in lines if f" {label} " in line)
        assert line.index(ours) < line.index(theirs, line.index(ours) + len(ours)) < line.rindex(vol), line
    for s in SYMBOLS:
        own = result.per_symbol[s]
        row = next(
            line
            for line in lines
            if line.startswith(f"│ {s} ") and money(own.final_equity - own.initial_equity) in line
        )
        assert f"{compute_metrics(own).n_trades:,}" in row
    total = next(line for line in lines if line.startswith("│ all "))
    assert money(result.account.final_equity - result.account.initial_equity) in total
    for s, codes in result.rejections.items():
        for code, n in codes.items():
            assert any(
                line.startswith(f"│ {s} ") and f" {code} " in line and f" {n:,} " in line for line in lines
            ), (s, code)
    example = result.examples["ETHUSDT correlated_exposure"]
    assert example.split(":")[0] in text  # the sentence, folded but never cut


def test_summary_fits_a_narrow_console(result: PortfolioResult) -> None:
    text = _printed(result, 80)
    assert max(len(line) for line in text.splitlines()) <= 80
    for s in SYMBOLS:
        own = result.per_symbol[s]
        assert any(
            line.startswith(f"│ {s} ") and money(own.final_equity - own.initial_equity) in line
            for line in text.splitlines()
        )


def test_summary_says_what_is_still_held() -> None:
    run = open_at_end_run()
    text = _printed(run, 120)
    for s, qty in run.account.params["open_positions"].items():
        assert f"Open at the end: {s} {qty:.6g} marked at its last close" in text


def test_a_run_too_short_to_trade_still_reports() -> None:
    run = run_portfolio(
        {s: build_strategy("confluence", {}, Timeframe.M1) for s in SYMBOLS}, samples(300), BacktestConfig()
    )
    assert not run.account.trades
    assert not run.rejections  # the warm-up outlasts the data: no decision at all
    data = json.loads(json.dumps(portfolio_report_dict(run), allow_nan=False))
    assert data["pnl"] == 0
    assert all(d["share"] is None for d in data["per_symbol"].values())  # no P&L to share out
    assert data["rejections"] == []
    page = render_portfolio_report(run)
    assert "The risk gate refused no entry." in page
    assert page.count('<section class="symbol"') == len(SYMBOLS)
    assert "The risk gate refused no entry." in _printed(run, 100)
