"""compute_metrics: hand-checked drawdowns, trade statistics and every documented edge case."""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_metrics_fixture import flat_result, hold_result, sample, segments_result

from aitrader.backtest.metrics import Metrics, compute_metrics, drawdown_curve
from aitrader.backtest.result import BacktestResult
from aitrader.domain import Side

MINUTE = 60_000


def _with_equity(equity: list[float], initial: float = 100.0) -> BacktestResult:
    base = flat_result(len(equity), initial=initial)
    return dataclasses.replace(base, equity=np.asarray(equity, dtype=np.float64))


@pytest.fixture(scope="module")
def segments() -> BacktestResult:
    return segments_result(sample(), sides=(Side.BUY, Side.SELL))


def test_drawdown_peak_trough_and_durations_by_hand() -> None:
    # curve with the anchor: 100, 110, 99, 105, 111, 90, 95 (points 0..6)
    result = _with_equity([110, 99, 105, 111, 90, 95])
    t0 = result.start_ms
    m = compute_metrics(result)
    assert m.max_drawdown == pytest.approx(21 / 111)
    assert m.max_drawdown_peak_ms == t0 + 4 * MINUTE  # close of bar 3 (111)
    assert m.max_drawdown_trough_ms == t0 + 5 * MINUTE  # close of bar 4 (90)
    assert m.max_drawdown_duration_bars == 2  # not recovered: peak to the last bar
    assert m.max_drawdown_duration_ms == 2 * MINUTE
    assert m.longest_drawdown_bars == 3  # 110 at point 1, recovered at point 4
    assert m.longest_drawdown_ms == 3 * MINUTE
    assert m.total_return == pytest.approx(-0.05)


def test_loss_on_first_bar_counts_from_initial_equity() -> None:
    m = compute_metrics(_with_equity([90, 100, 101]))
    assert m.max_drawdown == pytest.approx(0.10)
    assert m.max_drawdown_duration_bars == 2  # anchor (point 0) to recovery at point 2
    assert m.max_drawdown_peak_ms == m.start_ms


def test_drawdown_curve_is_positive_fraction_of_running_peak() -> None:
    dd = drawdown_curve(100.0, np.array([110.0, 99.0, 121.0]))
    np.testing.assert_allclose(dd, [0.0, 0.1, 0.0])


def test_trade_statistics_on_real_segments(segments: BacktestResult) -> None:
    m = compute_metrics(segments)
    pnl = np.array([t.pnl for t in segments.trades])
    wins, losses = pnl[pnl > 0], pnl[pnl < 0]
    assert m.n_trades == len(pnl) > 20
    assert (m.n_wins, m.n_losses) == (len(wins), len(losses))
    assert m.win_rate == pytest.approx(len(wins) / len(pnl))
    assert m.profit_factor == pytest.approx(wins.sum() / -losses.sum())
    assert m.avg_trade_pnl == pytest.approx(pnl.mean())
    assert m.expectancy == pytest.approx(pnl.mean(), rel=1e-9)  # identity, as documented
    assert m.best_trade_pnl == pnl.max()
    assert m.worst_trade_pnl == pnl.min()
    assert m.avg_trade_duration_ms == pytest.approx(np.mean([t.duration_ms for t in segments.trades]))
    assert m.avg_trade_return == pytest.approx(np.mean([t.return_pct for t in segments.trades]))
    assert m.exposure == pytest.approx(segments.in_market.mean())
    assert m.fees_paid == segments.fees_paid > 0
    assert m.final_equity == segments.final_equity
    assert m.n_bars == len(segments.equity)
    assert (m.start_ms, m.end_ms) == (segments.start_ms, segments.end_ms)


def test_all_losing_trades(segments: BacktestResult) -> None:
    losers = [t for t in segments.trades if t.pnl < 0]
    m = compute_metrics(dataclasses.replace(segments, trades=losers))
    assert m.win_rate == 0.0
    assert m.profit_factor == 0.0
    assert m.avg_win == 0.0
    assert m.expectancy == pytest.approx(-m.avg_loss if m.avg_loss is not None else math.nan)
    assert m.expectancy is not None
    assert m.expectancy < 0


def test_all_winning_trades_have_no_profit_factor(segments: BacktestResult) -> None:
    winners = [t for t in segments.trades if t.pnl > 0]
    m = compute_metrics(dataclasses.replace(segments, trades=winners))
    assert m.win_rate == 1.0
    assert m.profit_factor is None  # infinite
    assert m.avg_loss == 0.0


def test_no_trades() -> None:
    m = compute_metrics(hold_result(sample()))
    assert m.n_trades == 0
    for name in (
        "win_rate",
        "profit_factor",
        "avg_trade_pnl",
        "expectancy",
        "best_trade_pnl",
        "worst_trade_pnl",
        "avg_trade_duration_ms",
        "avg_trade_return",
    ):
        assert getattr(m, name) is None, name
    assert m.exposure == 1.0
    assert m.sharpe is not None
    assert m.max_drawdown > 0


def test_flat_equity() -> None:
    m = compute_metrics(flat_result(500))
    assert m.total_return == 0.0
    assert m.annual_return == 0.0
    assert m.sharpe == 0.0
    assert m.sortino == 0.0
    assert m.max_drawdown == 0.0
    assert m.calmar is None  # zero drawdown
    assert (m.max_drawdown_peak_ms, m.max_drawdown_trough_ms) == (None, None)
    assert m.max_drawdown_duration_bars == m.longest_drawdown_bars == 0
    assert m.exposure == 0.0


def test_only_gains_give_infinite_sortino_as_none() -> None:
    m = compute_metrics(_with_equity([100.5, 101, 102, 102.1]))
    assert m.sortino is None
    assert m.calmar is None
    assert m.sharpe is not None
    assert m.sharpe > 0


def test_single_bar() -> None:
    m = compute_metrics(_with_equity([100.001]))
    assert m.n_bars == 1
    assert m.sharpe is None
    assert m.sortino is None
    assert m.volatility_annual is None
    assert m.total_return == pytest.approx(1e-5)
    # one 1m bar lasts a minute: a 365.25-day year holds 525,960 of them
    assert m.years == pytest.approx(1 / 525_960, rel=1e-12)
    assert m.annual_return == pytest.approx((1 + 1e-5) ** 525_960 - 1, rel=1e-6)


def test_no_bars() -> None:
    m = compute_metrics(flat_result(0))
    assert m.n_bars == 0
    assert m.annual_return is None
    assert m.sharpe is None
    assert m.max_drawdown == 0.0
    assert m.final_equity == m.initial_equity


def test_cagr_overflow_is_none_and_total_loss_is_minus_one() -> None:
    assert compute_metrics(_with_equity([200.0])).annual_return is None
    m = compute_metrics(_with_equity([50.0, 0.0]))
    assert m.annual_return == -1.0
    assert m.max_drawdown == 1.0
    assert m.total_return == -1.0


def test_metrics_are_strict_json_and_round_trip(segments: BacktestResult) -> None:
    for result in (segments, flat_result(1), flat_result(0), _with_equity([200.0])):
        m = compute_metrics(result)
        text = json.dumps(m.to_dict(), allow_nan=False)
        assert Metrics.from_dict(json.loads(text)) == m


def test_from_dict_names_missing_fields() -> None:
    with pytest.raises(ValueError, match="sharpe"):
        Metrics.from_dict({"n_bars": 1})


def test_million_bars_agree_with_the_sample_they_tile() -> None:
    """1M bars built by repeating real 1m returns: the vectorised path handles the size."""
    base = hold_result(sample())
    rets = np.diff(base.equity) / base.equity[:-1]
    tiled = np.tile(rets, 1_000_000 // len(rets) + 1)[:1_000_000]
    equity = 10_000 * np.cumprod(1 + tiled)
    times = base.times[0] + np.arange(1_000_000, dtype=np.int64) * MINUTE
    big = dataclasses.replace(base, times=times, equity=equity, in_market=np.ones(1_000_000, dtype=bool))
    m = compute_metrics(big)
    assert m.n_bars == 1_000_000
    assert m.total_return == pytest.approx(equity[-1] / 10_000 - 1)
    assert m.sharpe is not None
    assert math.isfinite(m.sharpe)
    assert 0 < m.max_drawdown < 1


def _drawdown_by_loop(initial: float, equity: np.ndarray) -> tuple[float, int, int]:
    """Reference: (max drawdown, its peak-to-recovery length, longest under-water length) in points."""
    curve = [initial, *equity.tolist()]
    peak_val, peak_at = curve[0], 0
    best_dd, best_len, longest = 0.0, 0, 0
    dd_peak_at = 0
    for i, v in enumerate(curve):
        if v >= peak_val:
            if i - peak_at > 1:
                longest = max(longest, i - peak_at)
            if dd_peak_at == peak_at and best_dd > 0 and best_len < 0:
                best_len = i - peak_at
            peak_val, peak_at = v, i
            continue
        dd = 1 - v / peak_val
        if dd > best_dd:
            best_dd, dd_peak_at, best_len = dd, peak_at, -1
    last = len(curve) - 1
    if last - peak_at > 0:
        longest = max(longest, last - peak_at)
    if best_len < 0:
        best_len = last - dd_peak_at
    return best_dd, best_len, longest


@pytest.mark.parametrize("tf", ["1m", "1h"])
def test_drawdowns_match_a_plain_loop_on_real_equity(tf: str) -> None:
    for res in (
        segments_result(sample("BTCUSDT", tf), every=300, hold=120),
        hold_result(sample("BTCUSDT", tf)),
    ):
        m = compute_metrics(res)
        dd, length, longest = _drawdown_by_loop(res.initial_equity, res.equity)
        assert m.max_drawdown == pytest.approx(dd, rel=1e-12)
        assert m.max_drawdown_duration_bars == length
        assert m.longest_drawdown_bars == longest
        # ms is wall-clock time, so gaps in the real samples make it at least bars x bar length
        assert m.longest_drawdown_ms >= longest * res.timeframe.duration_ms
