"""Our metric definitions agree with empyrical's on real-data equity curves.

Deliberate differences (documented in aitrader.backtest.metrics): max drawdown is positive here
and negative in empyrical; undefined values are None here, NaN/inf there.

The engine cases check the measured window: empyrical gets the curve from the first tradable bar
(`first_bar`, after the warm-up), its last point lowered by the open position's exit fee.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import empyrical
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import OPEN_AT_END_BARS, engine_result, hold_result, sample, segments_result

from aitrader.backtest.metrics import compute_metrics
from aitrader.backtest.result import BacktestResult
from aitrader.domain import Side

REL = 1e-9


CASES: dict[str, Callable[[], BacktestResult]] = {
    "segments-1m-long": lambda: segments_result(sample("BTCUSDT", "1m")),
    "segments-1m-long-short": lambda: segments_result(
        sample("BTCUSDT", "1m"), sides=(Side.BUY, Side.SELL), every=900
    ),
    "segments-1h": lambda: segments_result(
        sample("BTCUSDT", "1h"), every=200, hold=120, stop_pct=0.05, target_pct=0.08
    ),
    "hold-1m": lambda: hold_result(sample("BTCUSDT", "1m")),
    "hold-1h": lambda: hold_result(sample("BTCUSDT", "1h")),
    "hold-eth-1m": lambda: hold_result(sample("ETHUSDT", "1m")),
    # a market that closes: annualised by the bars it holds a year (~249), not by 365
    "hold-nifty-1d": lambda: hold_result(sample("NIFTY50", "1d")),
    "segments-nifty-1d": lambda: segments_result(
        sample("NIFTY50", "1d"), every=60, hold=40, stop_pct=0.05, target_pct=0.08
    ),
    "engine-confluence-1m": lambda: engine_result(),
    "engine-open-at-end": lambda: engine_result(bars=OPEN_AT_END_BARS),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[BacktestResult, np.ndarray]:
    result = CASES[request.param]()
    equity = np.array(result.equity[result.first_bar :], dtype=np.float64)
    if "open_trade" in result.params:
        equity[-1] -= result.params["open_trade"]["exit_fee"]
    prices = np.concatenate([[result.initial_equity], equity])
    returns = np.asarray(empyrical.simple_returns(prices), dtype=np.float64)
    assert len(returns) == len(result.equity) - result.first_bar
    return result, returns


def test_sharpe_matches(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.sharpe_ratio(returns, risk_free=0, annualization=result.bars_per_year)
    assert compute_metrics(result).sharpe == pytest.approx(expected, rel=REL)


def test_sortino_matches(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.sortino_ratio(returns, required_return=0, annualization=result.bars_per_year)
    assert compute_metrics(result).sortino == pytest.approx(expected, rel=REL)


def test_max_drawdown_matches_with_sign_flipped(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.max_drawdown(returns)
    assert expected < 0
    assert compute_metrics(result).max_drawdown == pytest.approx(-expected, rel=REL)


def test_annual_return_matches(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.annual_return(returns, annualization=result.bars_per_year)
    assert compute_metrics(result).annual_return == pytest.approx(expected, rel=REL)


def test_calmar_matches(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.calmar_ratio(returns, annualization=result.bars_per_year)
    assert compute_metrics(result).calmar == pytest.approx(expected, rel=REL)


def test_volatility_matches(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.annual_volatility(returns, annualization=result.bars_per_year)
    assert compute_metrics(result).volatility_annual == pytest.approx(expected, rel=REL)


def test_total_return_matches_cumulative(case: tuple[BacktestResult, np.ndarray]) -> None:
    result, returns = case
    expected = empyrical.cum_returns_final(returns)
    assert compute_metrics(result).total_return == pytest.approx(expected, rel=REL)


def test_a_daily_index_is_annualised_by_its_sessions_a_year(case: tuple[BacktestResult, np.ndarray]) -> None:
    """The annualisation empyrical is given above is the series' own: nominal when no bar is
    missing (24/7), its bars per calendar year when the market closes (NIFTY50: ~249, not 365)."""
    result, _ = case
    m = compute_metrics(result)
    times = result.times[result.first_bar :]
    years = (int(times[-1]) + result.timeframe.duration_ms - int(times[0])) / (365.25 * 86_400_000)
    assert m.years == pytest.approx(years, rel=1e-12)
    assert m.bars_per_year == pytest.approx(m.n_bars / years, rel=1e-12)
    if result.symbol == "NIFTY50":
        assert 245 < m.bars_per_year < 252
    if len(times) == (times[-1] - times[0]) // result.timeframe.duration_ms + 1:  # no bar missing
        assert m.bars_per_year == 365.25 * 86_400_000 / result.timeframe.duration_ms


def test_flat_equity_differs_from_empyrical_as_documented() -> None:
    """empyrical gives NaN Sharpe and Calmar on a flat curve; we give Sharpe 0 and Calmar None."""
    returns = np.zeros(100)
    assert np.isnan(empyrical.sharpe_ratio(returns, annualization=525_600))
    assert np.isnan(empyrical.calmar_ratio(returns, annualization=525_600))
