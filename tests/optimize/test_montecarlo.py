"""Trade and block-bootstrap Monte Carlo: hand-checked orderings, invariants and real BTC data."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.optimize.montecarlo import Bands, block_bootstrap, default_block, trade_monte_carlo


@pytest.fixture(scope="module")
def btc_close(btc_1h: Candles) -> np.ndarray:
    return btc_1h.close


def _assert_ordered(bands: Bands) -> None:
    finals = [bands.final_return[p] for p in bands.percentiles]
    drawdowns = [bands.max_drawdown[p] for p in bands.percentiles]
    assert finals == sorted(finals)
    assert drawdowns == sorted(drawdowns)
    assert np.all(np.diff(bands.equity, axis=0) >= 0.0)  # every step: p5 <= p25 <= ... <= p95
    assert np.all(bands.equity[:, 0] == 1.0)


def test_shuffle_keeps_the_final_return_and_varies_only_drawdown() -> None:
    # orders of (-10%, -10%, +20%): the losses back to back give 19% drawdown, split by the win 10%
    bands = trade_monte_carlo(np.array([-0.1, -0.1, 0.2]), n_sims=600, method="shuffle", seed=2)
    final = 0.9 * 0.9 * 1.2 - 1.0
    assert all(v == pytest.approx(final) for v in bands.final_return.values())
    assert bands.prob_loss == 1.0
    assert bands.max_drawdown[5.0] == pytest.approx(0.1)
    assert bands.max_drawdown[95.0] == pytest.approx(0.19)
    assert bands.equity[:, -1] == pytest.approx(np.full(5, 1.0 + final))
    assert bands.method == "shuffle"


def test_shuffle_of_many_trades_same_final_different_drawdowns() -> None:
    trades = np.random.default_rng(9).normal(0.002, 0.02, 500)
    bands = trade_monte_carlo(trades, n_sims=1000, method="shuffle")
    final = float(np.prod(1.0 + trades) - 1.0)
    assert bands.final_return[5.0] == pytest.approx(final)
    assert bands.final_return[95.0] == pytest.approx(final)
    assert bands.max_drawdown[95.0] > bands.max_drawdown[5.0]
    _assert_ordered(bands)


def test_bootstrap_of_winning_trades_has_a_positive_median() -> None:
    trades = np.tile([0.03, -0.01, 0.02, -0.015, 0.01], 40)  # 200 trades, mean +0.7%
    bands = trade_monte_carlo(trades, n_sims=2000, method="bootstrap", seed=1)
    assert bands.final_return[50.0] > 0.0
    assert bands.final_return[5.0] < bands.final_return[95.0]
    assert bands.prob_loss < 0.05
    assert bands.equity.shape == (5, 201)
    assert bands.n_sims == 2000
    _assert_ordered(bands)


def test_bootstrap_of_one_trade_is_that_trade() -> None:
    bands = trade_monte_carlo(np.array([0.05]), n_sims=10)
    assert all(v == pytest.approx(0.05) for v in bands.final_return.values())
    assert all(v == 0.0 for v in bands.max_drawdown.values())
    assert bands.prob_loss == 0.0


def test_equity_band_end_is_the_final_return_percentile() -> None:
    trades = np.random.default_rng(3).normal(0.001, 0.03, 300)
    bands = trade_monte_carlo(trades, n_sims=800, seed=5, percentiles=(10.0, 50.0, 90.0))
    assert bands.percentiles == (10.0, 50.0, 90.0)
    expected = [1.0 + bands.final_return[p] for p in bands.percentiles]
    assert bands.equity[:, -1] == pytest.approx(expected)


def test_same_seed_same_bands_and_json_round_trip() -> None:
    trades = np.random.default_rng(4).normal(0.0, 0.02, 100)
    a = trade_monte_carlo(trades, n_sims=300, seed=8)
    b = trade_monte_carlo(trades, n_sims=300, seed=8)
    np.testing.assert_array_equal(a.equity, b.equity)
    data = json.loads(json.dumps(a.to_dict()))
    assert data["percentiles"] == [5.0, 25.0, 50.0, 75.0, 95.0]
    assert data["final_return"] == [a.final_return[p] for p in a.percentiles]
    assert len(data["equity"]) == 5
    assert len(data["equity"][0]) == 101
    assert data["method"] == "bootstrap"


def test_total_loss_trade_gives_full_drawdown() -> None:
    bands = trade_monte_carlo(np.array([0.5, -1.0]), n_sims=50, method="shuffle")
    assert bands.final_return[50.0] == pytest.approx(-1.0)
    assert bands.max_drawdown[50.0] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("returns", "message"),
    [
        (np.array([]), "non-empty"),
        (np.zeros((2, 2)), "1-D"),
        (np.array([0.1, np.nan]), "NaN"),
        (np.array([0.1, -1.5]), "below -100%"),
    ],
)
def test_bad_returns_are_refused(returns: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        trade_monte_carlo(returns)
    with pytest.raises(ValueError, match=message):
        block_bootstrap(returns)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="method"):
        trade_monte_carlo(np.array([0.1]), method="jackknife")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_sims"):
        trade_monte_carlo(np.array([0.1]), n_sims=0)
    with pytest.raises(ValueError, match="percentiles"):
        block_bootstrap(np.array([0.1, 0.2]), percentiles=(50.0, 101.0))
    with pytest.raises(ValueError, match="block"):
        block_bootstrap(np.array([0.1, 0.2]), block=0)


def test_block_default_is_cube_root() -> None:
    assert default_block(58_418) == 39
    assert default_block(1) == 1
    assert default_block(2) == 1


def test_block_covering_the_series_replays_a_rotation() -> None:
    # one block as long as the series is a rotation of it: the same product every time
    r = np.array([0.1, -0.05, 0.02, -0.1, 0.03])
    bands = block_bootstrap(r, n_sims=200, block=5)
    assert bands.final_return[5.0] == pytest.approx(np.prod(1.0 + r) - 1.0)
    assert bands.final_return[95.0] == pytest.approx(np.prod(1.0 + r) - 1.0)
    assert bands.equity.shape == (5, 6)


def test_block_bootstrap_of_real_btc_hours(btc_close: np.ndarray) -> None:
    r = btc_close[1:] / btc_close[:-1] - 1.0
    actual = float(btc_close[-1] / btc_close[0] - 1.0)  # about +1,400% from 2017 to 2024
    bands = block_bootstrap(r, n_sims=200, seed=0)
    assert bands.method == "block_bootstrap"
    assert bands.equity.shape == (5, r.size + 1)
    _assert_ordered(bands)
    # every resampled path draws each hour equally often on average: the median log growth lands
    # near the actual one (spread of a single path is ~ sqrt(T) * std(log r) ≈ 1.9 in log terms)
    assert abs(math.log1p(bands.final_return[50.0]) - math.log1p(actual)) < 0.5
    assert bands.final_return[5.0] < actual < bands.final_return[95.0]
    # BTC fell 84% from its 2017 peak; resampled histories see deep but not total drawdowns
    assert 0.4 < bands.max_drawdown[5.0] < bands.max_drawdown[95.0] < 1.0
    assert 0.0 < bands.prob_loss < 0.5
