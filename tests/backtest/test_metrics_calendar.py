"""CAGR is over calendar time and the annualisation is the series' own bar density.

NIFTY50 trades about 249 days a year: its 5,323 measured daily bars span 21.4 years, not the
14.6 a 365-bar year would make of them. Buy-and-hold over them grew about 9.3 times: 11% a year,
not the 16% the 365-bar year gave. A 24/7 series with no bar missing keeps the nominal figure.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import hold_result, sample

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.backtest.inputs import build_strategy, load_candles
from aitrader.backtest.metrics import bar_returns, compute_metrics
from aitrader.backtest.result import MS_PER_YEAR, BacktestResult, annualisation
from aitrader.data.instrument_guess import instrument_for
from aitrader.domain import Timeframe
from aitrader.domain.timeframe import parse_time

DAY_MS = 86_400_000
YEAR_MS = 365.25 * DAY_MS


@pytest.fixture(scope="module")
def nifty_run() -> BacktestResult:
    """`aitrader backtest -s sma_cross --symbol NIFTY50 -t 1d` (the CLI's fee and slippage)."""
    strategy = build_strategy("sma_cross", {}, Timeframe.D1)
    loaded = load_candles("NIFTY50", Timeframe.D1, None, None, None, None, strategy.warmup)
    config = BacktestConfig(cash=10_000.0, fee=0.001, slippage_bps=5.0)
    instrument, _ = instrument_for("NIFTY50", float(loaded.candles.close[0]))
    return run_backtest(strategy, loaded.candles, config, instrument=instrument)


def test_a_year_is_365_25_days() -> None:
    assert MS_PER_YEAR == YEAR_MS


def test_nifty_buy_and_hold_cagr_is_over_the_calendar_years(nifty_run: BacktestResult) -> None:
    bench = benchmark_for(nifty_run)
    assert bench is not None
    m = compute_metrics(bench)
    first = int(nifty_run.times[nifty_run.first_bar])
    assert first == parse_time("2000-02-15")
    years = (int(nifty_run.times[-1]) + DAY_MS - first) / YEAR_MS  # to the close of 2021-07-07
    assert m.years == pytest.approx(years, rel=1e-12)
    assert 21.3 < m.years < 21.5
    assert m.annual_return == pytest.approx((m.final_equity / m.initial_equity) ** (1 / years) - 1, rel=1e-12)
    assert 0.105 < m.annual_return < 0.115  # 16.3% with a 365-bar year
    # volatility and Sharpe: the sessions a year the index trades (~249), not 365
    assert m.bars_per_year == pytest.approx(m.n_bars / years, rel=1e-12)
    assert 248 < m.bars_per_year < 250
    r = bar_returns(m.initial_equity, np.asarray(bench.equity[bench.first_bar :], dtype=np.float64))
    assert m.volatility_annual == pytest.approx(float(r.std(ddof=1)) * np.sqrt(m.bars_per_year), rel=1e-12)
    assert m.sharpe == pytest.approx(float(r.mean() / r.std(ddof=1)) * np.sqrt(m.bars_per_year), rel=1e-12)
    assert 0.20 < m.volatility_annual < 0.25  # 27.6% with sqrt(365)


def test_the_strategy_and_buy_and_hold_annualise_alike(nifty_run: BacktestResult) -> None:
    bench = benchmark_for(nifty_run)
    assert bench is not None
    s, b = compute_metrics(nifty_run), compute_metrics(bench)
    assert (s.n_bars, s.years, s.bars_per_year) == (b.n_bars, b.years, b.bars_per_year)
    growth = s.final_equity / s.initial_equity
    assert s.annual_return == pytest.approx(growth ** (1 / s.years) - 1, rel=1e-12)


def test_a_continuous_24_7_series_keeps_the_nominal_bars_per_year() -> None:
    """12,988 BTCUSDT 1h bars in a row (2021-09 on) miss none: 8,766 bars a year."""
    candles = sample("BTCUSDT", "1h").slice(35_974, 35_974 + 2_000)
    t = candles.open_time
    assert t[-1] - t[0] == 1_999 * 3_600_000  # no bar missing
    m = compute_metrics(hold_result(candles))
    assert m.bars_per_year == 8_766.0
    assert m.years == pytest.approx(2_000 / 8_766, rel=1e-12)
    assert m.annual_return == pytest.approx(
        (m.final_equity / m.initial_equity) ** (8_766 / 2_000) - 1, rel=1e-12
    )


def test_a_24_7_series_with_a_hole_is_annualised_by_the_bars_it_holds() -> None:
    """The BTCUSDT 1h sample misses 128 hours of its span: its density is below 8,766."""
    candles = sample("BTCUSDT", "1h")
    span = annualisation(candles.open_time, Timeframe.H1)
    assert not span.continuous
    n_slots = (int(candles.open_time[-1]) - int(candles.open_time[0])) // 3_600_000 + 1
    assert span.bars_per_year == pytest.approx(8_766 * len(candles) / n_slots, rel=1e-12)
    assert span.years == pytest.approx(n_slots / 8_766, rel=1e-12)


def test_no_bars_is_no_time_and_no_cagr() -> None:
    span = annualisation(np.empty(0, dtype=np.int64), Timeframe.D1)
    assert (span.years, span.bars_per_year) == (0.0, 365.25)
