"""Overfitting statistics for a strategy picked out of many tried: PSR, DSR and PBO (CSCV).

- Probabilistic Sharpe ratio (Bailey & López de Prado, 2012): the probability that the true
  Sharpe exceeds a benchmark, given the sample Sharpe, its length and the skew and kurtosis of the
  returns. All Sharpe ratios here are per period (per bar), never annualised.
- Deflated Sharpe ratio (Bailey & López de Prado, 2014): the PSR against the Sharpe the best of N
  worthless trials would be expected to reach (the False Strategy Theorem), so trying more
  parameter sets raises the bar.
- Probability of backtest overfitting (Bailey, Borwein, López de Prado & Zhu, 2014), estimated by
  combinatorially symmetric cross-validation: how often the in-sample winner ranks at or below the
  median out of sample.

Sharpe = mean / std(ddof=1), risk-free 0, as in `backtest.metrics`. Skew and kurtosis are the
population moment ratios; kurtosis is Pearson's (3 for a normal distribution), not the excess.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from aitrader.domain.candles import FloatArray, IntArray

EULER_GAMMA = 0.5772156649015329
MAX_ENUMERATED_COMBINATIONS = 1_000_000
MIN_TRADES = 30
_STD = NormalDist()
_CHUNK_ELEMENTS = 2_000_000  # combinations x trials evaluated at once in `pbo_cscv`


def probabilistic_sharpe(sharpe: float, benchmark: float, n_obs: int, skew: float, kurtosis: float) -> float:
    """P(true Sharpe > benchmark): Φ((SR - SR*) √(n-1) / √(1 - γ3 SR + (γ4 - 1)/4 SR²)).

    Raises ValueError when `n_obs` < 2 or the moments make the variance term non-positive (which
    real samples cannot do, since kurtosis >= skew² + 1).
    """
    if n_obs < 2:
        raise ValueError(f"probabilistic_sharpe needs at least 2 observations, got {n_obs}")
    variance_term = 1.0 - skew * sharpe + (kurtosis - 1.0) / 4.0 * sharpe**2
    if not variance_term > 0.0:
        raise ValueError(
            f"skew {skew} and kurtosis {kurtosis} give a non-positive Sharpe variance at Sharpe {sharpe}"
        )
    z = (sharpe - benchmark) * math.sqrt(n_obs - 1) / math.sqrt(variance_term)
    return _STD.cdf(z)


def expected_max_sharpe(n_trials: int, variance: float) -> float:
    """Expected best per-period Sharpe of `n_trials` independent trials whose true Sharpe is 0.

    False Strategy Theorem: √V ((1-γ) Φ⁻¹(1 - 1/N) + γ Φ⁻¹(1 - 1/(N e))), γ the Euler–Mascheroni
    constant and V the variance of the trials' Sharpe ratios. One trial is not a search: 0.
    """
    if n_trials < 1:
        raise ValueError(f"expected_max_sharpe needs at least 1 trial, got {n_trials}")
    if variance < 0.0 or not math.isfinite(variance):
        raise ValueError(f"variance of trial Sharpes must be finite and >= 0, got {variance}")
    if n_trials == 1 or variance == 0.0:
        return 0.0
    n = float(n_trials)
    z = (1.0 - EULER_GAMMA) * _STD.inv_cdf(1.0 - 1.0 / n) + EULER_GAMMA * _STD.inv_cdf(
        1.0 - 1.0 / (n * math.e)
    )
    return math.sqrt(variance) * z


@dataclass(frozen=True)
class DeflatedSharpe:
    """The deflated Sharpe of the chosen strategy; `probability` is the DSR itself."""

    sharpe: float
    sharpe_annual: float
    benchmark: float
    probability: float
    n_trials: int
    n_obs: int
    skew: float
    kurtosis: float


def deflated_sharpe(returns: FloatArray, trial_sharpes: FloatArray, bars_per_year: float) -> DeflatedSharpe:
    """DSR of the strategy with per-bar simple `returns`, chosen among all `trial_sharpes`.

    `trial_sharpes` are the per-period Sharpes of every trial tried, the chosen one included; their
    sample variance sets the benchmark. Degenerate input (fewer than 3 returns, zero standard
    deviation, non-finite values) raises ValueError rather than inventing a probability: a strategy
    that never moved has no Sharpe to deflate.
    """
    r = np.asarray(returns, dtype=np.float64)
    trials = np.asarray(trial_sharpes, dtype=np.float64)
    if r.ndim != 1 or r.size < 3:
        raise ValueError(f"deflated_sharpe needs a 1-D series of at least 3 returns, got shape {r.shape}")
    if not np.all(np.isfinite(r)):
        raise ValueError("deflated_sharpe: returns contain NaN or inf")
    if trials.ndim != 1 or trials.size < 1 or not np.all(np.isfinite(trials)):
        raise ValueError("deflated_sharpe needs at least one finite trial Sharpe")
    if not bars_per_year > 0.0:
        raise ValueError(f"bars_per_year must be > 0, got {bars_per_year}")
    std = float(r.std(ddof=1))
    if not std > 0.0:
        raise ValueError("deflated_sharpe: returns have zero standard deviation, the Sharpe is undefined")
    sharpe = float(r.mean()) / std
    centred = r - r.mean()
    m2 = float(np.mean(centred**2))
    skew = float(np.mean(centred**3)) / m2**1.5
    kurtosis = float(np.mean(centred**4)) / m2**2
    # equal trial Sharpes have no spread; var() would leave ~1e-18 of rounding
    variance = float(trials.var(ddof=1)) if np.ptp(trials) > 0.0 else 0.0
    benchmark = expected_max_sharpe(int(trials.size), variance)
    return DeflatedSharpe(
        sharpe=sharpe,
        sharpe_annual=sharpe * math.sqrt(bars_per_year),
        benchmark=benchmark,
        probability=probabilistic_sharpe(sharpe, benchmark, int(r.size), skew, kurtosis),
        n_trials=int(trials.size),
        n_obs=int(r.size),
        skew=skew,
        kurtosis=kurtosis,
    )


@dataclass(frozen=True)
class PBOResult:
    """CSCV outcome. `logits` holds λ = ln(ω / (1 - ω)) per combination, ω the OOS relative rank.

    The degradation line regresses the chosen trial's OOS Sharpe on its IS Sharpe over the
    combinations; it is NaN when every combination chose a trial with the same IS Sharpe.
    """

    pbo: float
    logits: FloatArray
    n_combinations: int
    n_splits: int
    prob_oos_loss: float
    degradation_slope: float
    degradation_intercept: float


def pbo_cscv(
    performance: FloatArray,
    n_splits: int = 16,
    max_combinations: int | None = None,
    seed: int = 0,
) -> PBOResult:
    """Probability of backtest overfitting of picking the best-Sharpe column of `performance`.

    `performance` is T bars x N trials of per-bar returns. The T mod S oldest rows are dropped and
    the rest cut into S contiguous blocks; each of the C(S, S/2) choices of S/2 blocks is in
    sample, the rest out of sample. Above `max_combinations`, that many distinct combinations are drawn with `seed`.
    Without a cap, more than a million combinations is refused (pass `max_combinations`).
    """
    perf = np.asarray(performance, dtype=np.float64)
    _validate_cscv(perf, n_splits, max_combinations)
    t, n = perf.shape
    block = t // n_splits
    blocks = perf[t - block * n_splits :].reshape(n_splits, block, n)
    # Centre each trial first: the variance is shift-invariant and the sums of squares stay accurate.
    centre = blocks.mean(axis=(0, 1))
    deviations = blocks - centre
    block_sums = deviations.sum(axis=1)  # S x N
    block_squares = (deviations**2).sum(axis=1)  # S x N
    total_sums = block_sums.sum(axis=0)
    total_squares = block_squares.sum(axis=0)
    half_rows = block * (n_splits // 2)

    masks = _combination_masks(n_splits, max_combinations, seed)
    k = masks.shape[0]
    logits = np.empty(k, dtype=np.float64)
    chosen_is = np.empty(k, dtype=np.float64)
    chosen_oos = np.empty(k, dtype=np.float64)
    step = max(1, _CHUNK_ELEMENTS // n)
    for lo in range(0, k, step):
        m = masks[lo : lo + step]
        is_sums = m @ block_sums
        is_squares = m @ block_squares
        is_sharpe = _sharpe_from_sums(is_sums, is_squares, half_rows, centre)
        oos_sharpe = _sharpe_from_sums(total_sums - is_sums, total_squares - is_squares, half_rows, centre)
        rows = np.arange(m.shape[0])
        best = np.argmax(is_sharpe, axis=1)
        best_oos = oos_sharpe[rows, best]
        below = np.sum(oos_sharpe < best_oos[:, None], axis=1)
        ties = np.sum(oos_sharpe == best_oos[:, None], axis=1)  # includes the chosen trial
        rank = below + (ties + 1) / 2.0  # 1 = worst; ties share the average rank
        omega = rank / (n + 1.0)
        logits[lo : lo + step] = np.log(omega / (1.0 - omega))
        chosen_is[lo : lo + step] = is_sharpe[rows, best]
        chosen_oos[lo : lo + step] = best_oos
    slope, intercept = _line_fit(chosen_is, chosen_oos)
    return PBOResult(
        pbo=float(np.mean(logits <= 0.0)),
        logits=logits,
        n_combinations=k,
        n_splits=n_splits,
        prob_oos_loss=float(np.mean(chosen_oos < 0.0)),
        degradation_slope=slope,
        degradation_intercept=intercept,
    )


def overfitting_warnings(
    n_trials: int,
    dsr: DeflatedSharpe | None,
    pbo: PBOResult | None,
    n_trades: int | None = None,
) -> list[str]:
    """Plain-language warnings; an empty list means none of the checks objects.

    DSR < 0.5: probably overfit; DSR < 0.95: not significant at 95%. PBO > 0.5: probably
    overfit; PBO > 0.25: caution. Fewer than `MIN_TRADES` trades: too few to judge.
    """
    warnings: list[str] = []
    if dsr is not None:
        head = f"best of {n_trials} trials; deflated Sharpe {dsr.probability:.2f}"
        if dsr.probability < 0.5:
            warnings.append(f"{head}: probably overfit")
        elif dsr.probability < 0.95:
            warnings.append(f"{head}: not significant at 95%")
    if pbo is not None:
        if pbo.pbo > 0.5:
            warnings.append(
                f"PBO {pbo.pbo:.2f}: the best in-sample choice ranks below the median out of sample "
                "more often than not"
            )
        elif pbo.pbo > 0.25:
            warnings.append(
                f"PBO {pbo.pbo:.2f}: caution, the best in-sample choice ranks below the median out of "
                f"sample in {pbo.pbo:.0%} of splits"
            )
    if n_trades is not None and n_trades < MIN_TRADES:
        warnings.append(f"only {n_trades} trades: too few to judge")
    return warnings


def _validate_cscv(perf: FloatArray, n_splits: int, max_combinations: int | None) -> None:
    if perf.ndim != 2:
        raise ValueError(f"pbo_cscv needs a 2-D bars x trials matrix, got shape {perf.shape}")
    t, n = perf.shape
    if n_splits < 2 or n_splits % 2:
        raise ValueError(f"pbo_cscv: n_splits must be even and >= 2, got {n_splits}")
    if n < 2:
        raise ValueError(f"pbo_cscv needs at least 2 trials (columns), got {n}")
    if t < 2 * n_splits:
        raise ValueError(f"pbo_cscv needs at least 2 x n_splits = {2 * n_splits} bars, got {t}")
    if max_combinations is not None and max_combinations < 1:
        raise ValueError(f"pbo_cscv: max_combinations must be >= 1, got {max_combinations}")
    if not np.all(np.isfinite(perf)):
        raise ValueError("pbo_cscv: performance contains NaN or inf")
    total = math.comb(n_splits, n_splits // 2)
    if max_combinations is None and total > MAX_ENUMERATED_COMBINATIONS:
        raise ValueError(f"pbo_cscv: n_splits {n_splits} gives {total} combinations; pass max_combinations")


def _combination_masks(n_splits: int, max_combinations: int | None, seed: int) -> FloatArray:
    """K x S 0/1 matrix, one row per in-sample choice of S/2 blocks (all, or a seeded sample)."""
    half = n_splits // 2
    total = math.comb(n_splits, half)
    if max_combinations is None or total <= max_combinations:
        chosen = np.array(list(itertools.combinations(range(n_splits), half)), dtype=np.int64)
    elif total <= MAX_ENUMERATED_COMBINATIONS:
        every = np.array(list(itertools.combinations(range(n_splits), half)), dtype=np.int64)
        pick = np.random.default_rng(seed).choice(total, size=max_combinations, replace=False)
        chosen = every[np.sort(pick)]
    else:
        chosen = _draw_distinct(n_splits, half, max_combinations, seed)
    masks = np.zeros((chosen.shape[0], n_splits), dtype=np.float64)
    np.put_along_axis(masks, chosen, 1.0, axis=1)
    return masks


def _draw_distinct(n_splits: int, half: int, count: int, seed: int) -> IntArray:
    """`count` distinct random S/2-subsets, for S too large to list every combination."""
    rng = np.random.default_rng(seed)
    seen: set[tuple[int, ...]] = set()
    rows: list[tuple[int, ...]] = []
    while len(rows) < count:
        subset = tuple(sorted(int(i) for i in rng.choice(n_splits, size=half, replace=False)))
        if subset not in seen:
            seen.add(subset)
            rows.append(subset)
    return np.array(rows, dtype=np.int64)


def _sharpe_from_sums(sums: FloatArray, squares: FloatArray, rows: int, centre: FloatArray) -> FloatArray:
    """Per-period Sharpe from sums of centred returns; 0 where the returns do not vary.

    A trial flat over a split (no position) has deviations all equal, and the subtraction leaves
    rounding noise instead of 0: a variance below 1e-12 of the mean square counts as 0.
    """
    mean_dev = sums / rows
    variance = (squares - rows * mean_dev**2) / (rows - 1)
    variance = np.where(variance > 1e-12 * squares / rows, variance, 0.0)
    std = np.sqrt(variance)
    mean = mean_dev + centre
    out = np.zeros_like(mean)
    np.divide(mean, std, out=out, where=std > 0.0)
    return out


def _line_fit(x: FloatArray, y: FloatArray) -> tuple[float, float]:
    """Least-squares y = a x + b; NaN when x does not vary."""
    dx = x - x.mean()
    sxx = float(np.dot(dx, dx))
    if sxx <= 0.0:
        return math.nan, math.nan
    slope = float(np.dot(dx, y - y.mean())) / sxx
    return slope, float(y.mean()) - slope * float(x.mean())
