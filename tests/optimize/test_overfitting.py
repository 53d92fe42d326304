"""PSR, DSR, PBO (CSCV) and the warnings: hand-checked cases, monotonicity and seeded behaviour."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from aitrader.domain import Candles
from aitrader.optimize.overfitting import (
    DeflatedSharpe,
    PBOResult,
    deflated_sharpe,
    expected_max_sharpe,
    overfitting_warnings,
    pbo_cscv,
    probabilistic_sharpe,
)

HOURS_PER_YEAR = 365 * 24


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


@pytest.fixture(scope="module")
def btc_returns(btc_1h: Candles) -> np.ndarray:
    close = btc_1h.close
    return close[1:] / close[:-1] - 1.0


def test_psr_normal_returns_by_hand() -> None:
    # z = 0.1 * sqrt(100) / sqrt(1 + (3 - 1)/4 * 0.01) = 1 / sqrt(1.005) = 0.99751
    assert probabilistic_sharpe(0.1, 0.0, 101, 0.0, 3.0) == pytest.approx(_phi(1 / math.sqrt(1.005)))
    assert probabilistic_sharpe(0.1, 0.0, 101, 0.0, 3.0) == pytest.approx(0.8407, abs=1e-4)


def test_psr_skew_and_fat_tails_by_hand() -> None:
    # 1 - (-1)(0.2) + (6 - 1)/4 * 0.04 = 1.25; z = 0.15 * sqrt(252) / sqrt(1.25) = 2.12979
    z = 0.15 * math.sqrt(252) / math.sqrt(1.25)
    assert probabilistic_sharpe(0.2, 0.05, 253, -1.0, 6.0) == pytest.approx(_phi(z))
    # negative skew and fat tails widen the Sharpe's error, so the same Sharpe is less convincing
    assert probabilistic_sharpe(0.2, 0.05, 253, -1.0, 6.0) < probabilistic_sharpe(0.2, 0.05, 253, 0.0, 3.0)


def test_psr_at_the_benchmark_is_one_half_and_rejects_bad_input() -> None:
    assert probabilistic_sharpe(0.07, 0.07, 500, 0.3, 5.0) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="at least 2 observations"):
        probabilistic_sharpe(0.1, 0.0, 1, 0.0, 3.0)
    with pytest.raises(ValueError, match="non-positive Sharpe variance"):
        probabilistic_sharpe(1.0, 0.0, 100, 4.0, 1.0)


def test_expected_max_sharpe_matches_the_simulated_maximum_of_normals() -> None:
    rng = np.random.default_rng(7)
    simulated = rng.standard_normal((20_000, 100)).max(axis=1).mean()  # ≈ 2.508
    assert expected_max_sharpe(100, 1.0) == pytest.approx(simulated, rel=0.02)
    assert expected_max_sharpe(100, 0.04) == pytest.approx(0.2 * expected_max_sharpe(100, 1.0))


def test_expected_max_sharpe_grows_with_the_number_of_trials() -> None:
    values = [expected_max_sharpe(n, 0.01) for n in (1, 2, 10, 100, 1000, 10_000)]
    assert values[0] == 0.0
    assert all(a < b for a, b in itertools.pairwise(values))
    assert expected_max_sharpe(50, 0.0) == 0.0
    with pytest.raises(ValueError, match="at least 1 trial"):
        expected_max_sharpe(0, 0.01)


def test_deflated_sharpe_recomputes_the_moments(btc_returns: np.ndarray) -> None:
    trials = np.array([0.0, 0.01, -0.01, 0.02])
    dsr = deflated_sharpe(btc_returns, trials, HOURS_PER_YEAR)
    r = btc_returns
    sharpe = r.mean() / r.std(ddof=1)
    d = r - r.mean()
    skew = np.mean(d**3) / np.mean(d**2) ** 1.5
    kurt = np.mean(d**4) / np.mean(d**2) ** 2
    bench = expected_max_sharpe(4, float(np.var(trials, ddof=1)))
    assert dsr.sharpe == pytest.approx(sharpe)
    assert dsr.sharpe_annual == pytest.approx(sharpe * math.sqrt(HOURS_PER_YEAR))
    assert dsr.kurtosis > 10  # hourly crypto returns are far from normal
    assert (dsr.skew, dsr.kurtosis) == pytest.approx((skew, kurt))
    assert dsr.benchmark == pytest.approx(bench)
    assert dsr.probability == pytest.approx(probabilistic_sharpe(sharpe, bench, r.size, skew, kurt))
    assert (dsr.n_trials, dsr.n_obs) == (4, r.size)


def test_deflated_sharpe_falls_as_trials_grow(btc_returns: np.ndarray) -> None:
    sigma = 0.01
    probabilities = []
    for n in (1, 2, 10, 100, 1000):
        trials = np.where(np.arange(n) % 2 == 0, sigma, -sigma)
        dsr = deflated_sharpe(btc_returns, trials, HOURS_PER_YEAR)
        probabilities.append(dsr.probability)
    assert probabilities[0] > 0.95  # a single trial: BTC's own hourly Sharpe over 6.5 years
    assert all(a > b for a, b in itertools.pairwise(probabilities))
    assert probabilities[-1] < 0.5


def test_deflated_sharpe_one_trial_or_equal_trials_has_zero_benchmark(btc_returns: np.ndarray) -> None:
    assert deflated_sharpe(btc_returns, np.array([0.02]), HOURS_PER_YEAR).benchmark == 0.0
    assert deflated_sharpe(btc_returns, np.full(30, 0.02), HOURS_PER_YEAR).benchmark == 0.0


def test_deflated_sharpe_degenerate_input_raises() -> None:
    with pytest.raises(ValueError, match="at least 3 returns"):
        deflated_sharpe(np.array([0.01, 0.02]), np.array([0.1]), 365.0)
    with pytest.raises(ValueError, match="zero standard deviation"):
        deflated_sharpe(np.zeros(50), np.array([0.1]), 365.0)
    with pytest.raises(ValueError, match="finite trial Sharpe"):
        deflated_sharpe(np.array([0.01, -0.02, 0.03]), np.array([]), 365.0)


def _two_block_case() -> np.ndarray:
    # columns A, B, C; rows 0-1 are block 0, rows 2-3 block 1
    return np.array(
        [
            [0.01, 0.00, -0.02],
            [0.03, 0.02, 0.00],
            [-0.01, 0.02, 0.00],
            [0.01, 0.04, 0.02],
        ]
    )


def test_pbo_two_splits_by_hand() -> None:
    # Sharpes per block (mean / std, std = 0.01414 for every pair here):
    #   block 0: A 1.414, B 0.707, C -1.414     block 1: A 0.0, B 2.121, C 0.707
    # IS block 0 -> A wins, OOS A ranks 1 of 3: ω = 1/4, λ = ln(1/3)
    # IS block 1 -> B wins, OOS B ranks 2 of 3: ω = 2/4, λ = 0 (counts as overfit)
    result = pbo_cscv(_two_block_case(), n_splits=2)
    assert result.n_combinations == 2
    assert result.n_splits == 2
    assert sorted(result.logits) == pytest.approx([math.log(1 / 3), 0.0])
    assert result.pbo == 1.0
    assert result.prob_oos_loss == 0.0  # chosen OOS Sharpes are 0.0 and 0.707, neither below 0
    # points (IS, OOS): (√2, 0) and (1.5√2, √2/2): slope 1, intercept -√2
    assert result.degradation_slope == pytest.approx(1.0)
    assert result.degradation_intercept == pytest.approx(-math.sqrt(2))


def test_pbo_drops_the_remainder_rows_at_the_start() -> None:
    padded = np.vstack([np.full((1, 3), 5.0), _two_block_case()])
    result = pbo_cscv(padded, n_splits=2)
    assert sorted(result.logits) == pytest.approx([math.log(1 / 3), 0.0])


def test_pbo_counts_every_combination_of_sixteen_blocks() -> None:
    rng = np.random.default_rng(3)
    result = pbo_cscv(rng.normal(0.0, 0.01, (64, 4)), n_splits=16)
    assert result.n_combinations == math.comb(16, 8) == 12_870
    assert result.logits.shape == (12_870,)
    assert np.all(np.isfinite(result.logits))
    assert result.pbo == pytest.approx(np.mean(result.logits <= 0.0))


def test_pbo_sampled_combinations_are_reproducible() -> None:
    perf = np.random.default_rng(4).normal(0.0, 0.01, (320, 6))
    a = pbo_cscv(perf, max_combinations=300, seed=11)
    b = pbo_cscv(perf, max_combinations=300, seed=11)
    assert a.n_combinations == 300
    np.testing.assert_array_equal(a.logits, b.logits)
    assert pbo_cscv(perf, max_combinations=20_000).n_combinations == 12_870  # cap above C(16, 8)


def test_pbo_near_zero_when_one_trial_is_truly_better() -> None:
    rng = np.random.default_rng(1)
    perf = rng.normal(0.0, 0.01, (1600, 10))
    perf[:, 0] += 0.002  # per-bar Sharpe 0.2 against noise of 1/sqrt(800) per half
    result = pbo_cscv(perf)
    assert result.pbo == 0.0
    assert result.prob_oos_loss == 0.0
    assert np.all(result.logits == pytest.approx(math.log(10.0)))  # always ranks N of N


def test_pbo_of_pure_noise_is_around_or_above_one_half() -> None:
    pbos = [
        pbo_cscv(np.random.default_rng(seed).normal(0.0, 0.01, (800, 20)), max_combinations=400).pbo
        for seed in range(8)
    ]
    assert np.mean(pbos) >= 0.45
    # with nothing to find, IS and OOS performance of the pick are unrelated or inversely related
    noise = pbo_cscv(np.random.default_rng(0).normal(0.0, 0.01, (800, 20)), max_combinations=400)
    assert noise.degradation_slope < 0.0


def test_pbo_flat_trial_is_not_a_winner() -> None:
    # a trial flat in one half (no position) must score Sharpe 0 there, not rounding noise / 0
    rng = np.random.default_rng(5)
    perf = rng.normal(0.0, 0.01, (400, 5))
    perf[:200, 0] = 0.0
    perf[200:, 0] = 0.001
    result = pbo_cscv(perf, n_splits=2)
    assert np.all(np.isfinite(result.logits))
    assert abs(result.degradation_slope) < 1e3


@pytest.mark.parametrize(
    ("shape", "splits", "message"),
    [
        ((100, 4), 3, "even"),
        ((100, 4), 0, "even"),
        ((100, 1), 4, "at least 2 trials"),
        ((31, 4), 16, "at least 2 x n_splits = 32 bars"),
        ((100,), 4, "2-D"),
    ],
)
def test_pbo_rejects_bad_shapes(shape: tuple[int, ...], splits: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pbo_cscv(np.zeros(shape), n_splits=splits)


def test_pbo_refuses_huge_enumeration_but_samples_it() -> None:
    perf = np.random.default_rng(6).normal(0.0, 0.01, (200, 3))
    with pytest.raises(ValueError, match="pass max_combinations"):
        pbo_cscv(perf, n_splits=30)
    result = pbo_cscv(perf, n_splits=30, max_combinations=50)
    assert result.n_combinations == 50


def _dsr(probability: float) -> DeflatedSharpe:
    return DeflatedSharpe(0.05, 4.7, 0.04, probability, 500, 8000, 0.0, 3.0)


def _pbo(value: float) -> PBOResult:
    return PBOResult(value, np.zeros(4), 4, 4, 0.1, 0.5, 0.0)


def test_warnings_follow_the_thresholds() -> None:
    assert overfitting_warnings(500, _dsr(0.99), _pbo(0.1), n_trades=200) == []
    assert overfitting_warnings(500, None, None) == []
    assert overfitting_warnings(500, _dsr(0.30), None) == [
        "best of 500 trials; deflated Sharpe 0.30: probably overfit"
    ]
    assert overfitting_warnings(500, _dsr(0.80), None) == [
        "best of 500 trials; deflated Sharpe 0.80: not significant at 95%"
    ]
    assert overfitting_warnings(5, None, _pbo(0.62)) == [
        "PBO 0.62: the best in-sample choice ranks below the median out of sample more often than not"
    ]
    (caution,) = overfitting_warnings(5, None, _pbo(0.3))
    assert caution.startswith("PBO 0.30: caution")
    assert overfitting_warnings(5, None, None, n_trades=12) == ["only 12 trades: too few to judge"]
    assert len(overfitting_warnings(500, _dsr(0.1), _pbo(0.9), n_trades=3)) == 3
