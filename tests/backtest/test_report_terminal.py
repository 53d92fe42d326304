"""Terminal summary: the metrics, strategy vs buy-and-hold and the last exits, as text a person reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result, flat_result, sample, segments_result

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import print_summary
from aitrader.backtest.report.format import duration, money, pct, price, ratio, short_time
from aitrader.backtest.report.legs import exit_rows
from aitrader.backtest.result import BacktestResult
from aitrader.backtest.vol_target_benchmark import target_for, vol_target_benchmark_for


@pytest.fixture(scope="module")
def result() -> BacktestResult:
    return segments_result(sample())


def _render(result: BacktestResult, width: int = 160, **kw: int) -> str:
    console = Console(record=True, width=width, color_system=None)
    print_summary(result, compute_metrics(result), console, **kw)
    return console.export_text()


def test_summary_shows_metrics_and_last_trades(result: BacktestResult) -> None:
    text = _render(result)
    m = compute_metrics(result)
    assert "segments · BTCUSDT 1m · 2023-03-16 22:15 → 2023-05-05 07:35 UTC" in text
    assert f"{m.total_return * 100:,.2f}%" in text
    assert f"{m.sharpe:,.2f}" in text
    assert f"Last 10 of {len(result.trades)} exits ({len(result.trades)} trades)" in text
    last = result.trades[-1]
    assert short_time(last.entry_time) in text
    assert price(last.exit_price) in text
    assert short_time(result.trades[-11].entry_time) not in text


@pytest.mark.parametrize("width", [160, 80])
def test_strategy_beside_buy_and_hold_and_the_vol_targeted_one(width: int) -> None:
    run = engine_result()
    m = compute_metrics(run)
    bench, vol = benchmark_for(run), vol_target_benchmark_for(run)
    assert bench is not None
    assert vol is not None
    b, v = compute_metrics(bench), compute_metrics(vol)
    text = _render(run, width=width)
    block = text[text.index("Strategy vs buy & hold") :]
    header = block.splitlines()[2]
    assert header.index("strategy") < header.index("buy & hold") < header.index("vol-target B&H")
    for label, ours, theirs, scaled in (
        ("Total return", pct(m.total_return), pct(b.total_return), pct(v.total_return)),
        ("CAGR", pct(m.annual_return), pct(b.annual_return), pct(v.annual_return)),
        ("Sharpe", ratio(m.sharpe), ratio(b.sharpe), ratio(v.sharpe)),
        ("Sortino", ratio(m.sortino), ratio(b.sortino), ratio(v.sortino)),
        ("Max drawdown", pct(m.max_drawdown), pct(b.max_drawdown), pct(v.max_drawdown)),
        ("Volatility (ann.)", pct(m.volatility_annual), pct(b.volatility_annual), pct(v.volatility_annual)),
        ("Exposure", pct(m.exposure), pct(b.exposure), pct(v.exposure)),
        ("Trades", f"{m.n_trades:,}", f"{b.n_trades:,}", f"{v.n_trades:,}"),
    ):
        line = next(ln for ln in block.splitlines() if f" {label} " in ln)
        cells = [c.strip() for c in line.split("│")[2:5]]
        assert cells == [ours, theirs, scaled], line
    assert b.n_trades == 1 <= v.n_trades
    assert f"min(1, {pct(target_for(run), 1)} / 30-day" in " ".join(block.split())


def test_partial_exits_are_rows_of_their_own() -> None:
    run = engine_result()
    text = _render(run, last_trades=12)
    rows = exit_rows(run)[-12:]
    assert f"Last 12 of {len(run.exits)} exits ({len(run.trades)} trades)" in text
    for r in rows:
        line = next(ln for ln in text.splitlines() if f" {r.no} " in ln and f" {r.leg}/{r.legs} " in ln)
        assert price(r.exit_price) in line
        assert r.reason in line
        assert money(r.pnl) in line


def test_open_position_is_shown_and_counted() -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    m = compute_metrics(run)
    text = _render(run)
    assert "open (marked, exit fee deducted)" in text
    assert "Open at the end: #4 BUY" in text
    assert "net of its exit fee" in text
    assert f"{m.n_trades} ({m.n_wins} / {m.n_losses})" in text
    assert money(m.final_equity) in text


def test_warm_up_bars_are_reported_as_not_measured() -> None:
    run = engine_result()
    text = _render(run)
    assert f"{run.first_bar:,} bars" in text
    assert f"{len(run.equity) - run.first_bar:,} × 1m" in text


def test_a_narrow_terminal_cuts_no_cell() -> None:
    run = engine_result(bars=OPEN_AT_END_BARS)
    text = _render(run, width=80)
    assert "…" not in text
    assert "Max drawdown" in text
    assert "Warm-up (not measured)" in text.replace("\n", " ") or "Warm-up" in text


def test_last_trades_option(result: BacktestResult) -> None:
    assert "Last 3 of" in _render(result, last_trades=3)
    assert " trades" not in _render(result, last_trades=0)


def test_no_trades_shows_dashes() -> None:
    text = _render(flat_result(100))
    assert "No trades" in text
    assert "—" in text  # profit factor and friends are undefined


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (None, "—"),
        (30_000, "30s"),
        (45 * 60_000, "45m"),
        (135 * 60_000, "2h 15m"),
        (3 * 86_400_000 + 4 * 3_600_000, "3d 4h"),
    ],
)
def test_duration_text(ms: float | None, expected: str) -> None:
    assert duration(ms) == expected


@pytest.mark.parametrize(
    ("x", "expected"),
    [(27390.99, "27,390.99"), (1.2345, "1.23450"), (0.00001234, "0.0000123400"), (None, "—")],
)
def test_price_text(x: float | None, expected: str) -> None:
    assert price(x) == expected


def test_tiny_losses_do_not_print_negative_zero() -> None:
    assert money(-0.001) == "0.00"
    assert pct(-0.00001) == "0.00%"
    assert money(-0.01) == "-0.01"
