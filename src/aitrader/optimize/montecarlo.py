"""Monte Carlo robustness: how much of a backtest's result is the luck of the order and the sample.

- `trade_monte_carlo` reorders (shuffle) or resamples with replacement (bootstrap) the per-trade
  returns on equity and compounds them. Shuffling keeps the final return (a product does not care
  about order) and shows only how deep the drawdowns could have been; bootstrapping varies both.
- `block_bootstrap` resamples per-bar returns in circular moving blocks, so short-range dependence
  (volatility clusters) survives inside each block.

Equity bands are pointwise percentiles across simulations at every step, not any single path.
Simulations run in column chunks with the running equity and peak carried over, so memory stays
bounded (a 2,000 x 50,000-bar bootstrap never holds the full matrix).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from aitrader.domain.candles import FloatArray

DEFAULT_PERCENTILES: tuple[float, ...] = (5.0, 25.0, 50.0, 75.0, 95.0)
_CHUNK_ELEMENTS = 1_000_000  # simulations x steps held at once (8 MB of float64)


@dataclass(frozen=True)
class Bands:
    """Percentile bands of simulated equity paths (equity normalised to start at 1.0).

    `final_return` and `max_drawdown` map each percentile to a fraction; drawdowns are positive,
    so their high percentiles are the bad tail. `equity` is len(percentiles) x (steps + 1).
    """

    percentiles: tuple[float, ...]
    final_return: dict[float, float]
    max_drawdown: dict[float, float]
    equity: FloatArray
    n_sims: int
    method: str
    prob_loss: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form: lists aligned with `percentiles` (JSON keys cannot be floats)."""
        return {
            "percentiles": list(self.percentiles),
            "final_return": [self.final_return[p] for p in self.percentiles],
            "max_drawdown": [self.max_drawdown[p] for p in self.percentiles],
            "equity": self.equity.tolist(),
            "n_sims": self.n_sims,
            "method": self.method,
            "prob_loss": self.prob_loss,
        }


def trade_monte_carlo(
    trade_returns: FloatArray,
    n_sims: int = 5000,
    method: Literal["shuffle", "bootstrap"] = "bootstrap",
    seed: int = 0,
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
) -> Bands:
    """Bands of `n_sims` reorderings or resamplings of per-trade returns on equity (compounding)."""
    r = _validate_returns(trade_returns, "trade_returns")
    _validate_run(n_sims, percentiles)
    rng = np.random.default_rng(seed)
    n = r.size
    # int32 halves the largest array (sims x trades); no trade list comes near 2**31 entries.
    index: npt.NDArray[np.int32]
    if method == "shuffle":
        index = rng.permuted(np.broadcast_to(np.arange(n, dtype=np.int32), (n_sims, n)), axis=1)
    elif method == "bootstrap":
        index = rng.integers(0, n, size=(n_sims, n), dtype=np.int32)
    else:
        raise ValueError(f"trade_monte_carlo: method must be 'shuffle' or 'bootstrap', got {method!r}")
    return _simulate(lambda lo, hi: r[index[:, lo:hi].T], n_sims, n, method, percentiles)


def block_bootstrap(
    bar_returns: FloatArray,
    n_sims: int = 2000,
    block: int | None = None,
    seed: int = 0,
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
) -> Bands:
    """Bands of `n_sims` circular moving-block bootstraps of per-bar returns, each T bars long.

    Each path strings together blocks of `block` consecutive bars (default round(T ** (1/3)), at
    least 1) starting at uniform random bars and wrapping past the end, cut to T bars.
    """
    r = _validate_returns(bar_returns, "bar_returns")
    _validate_run(n_sims, percentiles)
    t = r.size
    size = default_block(t) if block is None else block
    if size < 1:
        raise ValueError(f"block_bootstrap: block must be >= 1, got {size}")
    n_blocks = -(-t // size)
    starts = np.random.default_rng(seed).integers(0, t, size=(n_sims, n_blocks), dtype=np.int64)

    def gather(lo: int, hi: int) -> FloatArray:
        steps = np.arange(lo, hi)
        index = (starts[:, steps // size].T + (steps % size)[:, None]) % t
        picked: FloatArray = r[index]
        return picked

    return _simulate(gather, n_sims, t, "block_bootstrap", percentiles)


def default_block(n_bars: int) -> int:
    """Block length `block_bootstrap` uses when none is given: round(T ** (1/3)), at least 1."""
    return max(1, round(math.cbrt(n_bars)))


def _simulate(
    gather: Callable[[int, int], FloatArray],
    n_sims: int,
    steps: int,
    method: str,
    percentiles: Sequence[float],
) -> Bands:
    """Compound the returns `gather(lo, hi)` gives: steps lo..hi-1 (rows) of every simulation (columns)."""
    q = tuple(float(p) for p in percentiles)
    equity_bands = np.empty((len(q), steps + 1), dtype=np.float64)
    equity_bands[:, 0] = 1.0
    level = np.ones(n_sims, dtype=np.float64)
    peak = np.ones(n_sims, dtype=np.float64)
    worst = np.zeros(n_sims, dtype=np.float64)
    chunk = max(1, _CHUNK_ELEMENTS // n_sims)
    for lo in range(0, steps, chunk):
        hi = min(steps, lo + chunk)
        equity = gather(lo, hi)  # steps x sims: accumulating down rows is the fast direction
        equity += 1.0
        np.multiply.accumulate(equity, axis=0, out=equity)
        equity *= level
        running_peak = np.maximum.accumulate(equity, axis=0)
        np.maximum(running_peak, peak, out=running_peak)
        np.maximum(worst, (1.0 - equity / running_peak).max(axis=0), out=worst)
        equity_bands[:, lo + 1 : hi + 1] = np.percentile(equity, q, axis=1)
        level = equity[-1].copy()
        peak = running_peak[-1].copy()
    final = level - 1.0
    final_q = np.percentile(final, q)
    drawdown_q = np.percentile(worst, q)
    return Bands(
        percentiles=q,
        final_return={p: float(v) for p, v in zip(q, final_q, strict=True)},
        max_drawdown={p: float(v) for p, v in zip(q, drawdown_q, strict=True)},
        equity=equity_bands,
        n_sims=n_sims,
        method=method,
        prob_loss=float(np.mean(final < 0.0)),
    )


def _validate_returns(returns: FloatArray, name: str) -> FloatArray:
    r = np.asarray(returns, dtype=np.float64)
    if r.ndim != 1 or r.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D array of returns, got shape {r.shape}")
    if not np.all(np.isfinite(r)):
        raise ValueError(f"{name} contains NaN or inf")
    if np.any(r < -1.0):
        raise ValueError(f"{name} has a return below -100% ({float(r.min())}); returns are fractions")
    return r


def _validate_run(n_sims: int, percentiles: Sequence[float]) -> None:
    if n_sims < 1:
        raise ValueError(f"n_sims must be >= 1, got {n_sims}")
    if not percentiles or any(not 0.0 <= float(p) <= 100.0 for p in percentiles):
        raise ValueError(f"percentiles must be a non-empty sequence within [0, 100], got {percentiles}")
