"""Terminal summary: the metrics table and the last trades, as text a person reads."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rich.console import Console

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import flat_result, sample, segments_result

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.report import print_summary
from aitrader.backtest.report.format import duration, money, pct, price, short_time
from aitrader.backtest.result import BacktestResult


@pytest.fixture(scope="module")
def result() -> BacktestResult:
    return segments_result(sample())


def _render(result: BacktestResult, **kw: int) -> str:
    console = Console(record=True, width=160, color_system=None)
    print_summary(result, compute_metrics(result), console, **kw)
    return console.export_text()


def test_summary_shows_metrics_and_last_trades(result: BacktestResult) -> None:
    text = _render(result)
    m = compute_metrics(result)
    assert "segments · BTCUSDT 1m · 2023-03-16 22:15 → 2023-05-05 07:35 UTC" in text
    assert f"{m.total_return * 100:,.2f}%" in text
    assert f"{m.sharpe:,.2f}" in text
    assert f"Last 10 of {len(result.trades)} trades" in text
    last = result.trades[-1]
    assert short_time(last.entry_time) in text
    assert price(last.exit_price) in text
    assert short_time(result.trades[-11].entry_time) not in text


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
