"""The statistics reported with a search: how much to believe the best trial.

- deflated Sharpe of the chosen trial given every trial evaluated (on the same sampled equity grid);
- probability of backtest overfitting by CSCV over all evaluated trials' sampled returns;
- Monte Carlo bands over the chosen result's trades (bootstrap and shuffle) and bar returns
  (block bootstrap);
- plain-language warnings from all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from aitrader.backtest.metrics import bar_returns
from aitrader.backtest.result import MS_PER_YEAR, BacktestResult
from aitrader.domain.timeframe import Timeframe
from aitrader.optimize.evaluate import FloatArray
from aitrader.optimize.montecarlo import Bands, block_bootstrap, trade_monte_carlo
from aitrader.optimize.overfitting import (
    DeflatedSharpe,
    PBOResult,
    deflated_sharpe,
    overfitting_warnings,
    pbo_cscv,
)
from aitrader.optimize.search import SearchResult, TrialRecord

MAX_CSCV_SPLITS = 16


@dataclass
class Overfitting:
    """Deflated Sharpe and PBO of one search; `notes` say why one could not be computed."""

    n_trials: int
    dsr: DeflatedSharpe | None
    pbo: PBOResult | None
    notes: list[str] = field(default_factory=list)


@dataclass
class MonteCarlo:
    trades_bootstrap: Bands | None
    trades_shuffle: Bands | None
    returns_block: Bands | None


def overfitting(
    search: SearchResult, chosen: TrialRecord | None, n_bars: int, timeframe: Timeframe
) -> Overfitting:
    """DSR and PBO of `search` over a window of `n_bars` bars (every trial sampled on one grid)."""
    trials = [t for t in search.evaluated if len(t.curve) >= 2]
    out = Overfitting(len(trials), None, None)
    if chosen is None or len(chosen.curve) < 4:
        out.notes.append("no feasible trial: nothing to deflate")
        return out
    length = len(chosen.curve)
    trials = [t for t in trials if len(t.curve) == length]
    samples_per_year = (length - 1) / max(n_bars * timeframe.duration_ms / MS_PER_YEAR, 1e-9)
    returns = np.vstack([_curve_returns(t.curve) for t in trials]).T  # samples x trials
    sharpes = _sharpes(returns)
    try:
        out.dsr = deflated_sharpe(
            _curve_returns(chosen.curve), sharpes[np.isfinite(sharpes)], samples_per_year
        )
    except ValueError as exc:
        out.notes.append(f"deflated Sharpe: {exc}")
    moving = returns[:, np.nanstd(returns, axis=0) > 0]  # a trial that never traded has no rank
    splits = min(MAX_CSCV_SPLITS, (len(moving) // 2) // 2 * 2)
    if moving.shape[1] < 2 or splits < 2:
        out.notes.append(f"PBO needs at least 2 trading trials and {2 * 2} samples; have {moving.shape[1]}")
    else:
        try:
            out.pbo = pbo_cscv(moving, n_splits=splits)
        except ValueError as exc:
            out.notes.append(f"PBO: {exc}")
    return out


def monte_carlo(result: BacktestResult, trade_returns: FloatArray, sims: int, seed: int = 0) -> MonteCarlo:
    """Bands over the trades and the bar returns of one full result (`sims` simulations each)."""
    if sims <= 0:
        return MonteCarlo(None, None, None)
    returns = bar_returns(result.initial_equity, np.asarray(result.equity, dtype=np.float64))
    returns = returns[np.isfinite(returns)]
    have_trades = len(trade_returns) >= 2
    return MonteCarlo(
        trade_monte_carlo(trade_returns, sims, "bootstrap", seed) if have_trades else None,
        trade_monte_carlo(trade_returns, sims, "shuffle", seed) if have_trades else None,
        block_bootstrap(returns, max(200, sims // 5), seed=seed) if len(returns) >= 2 else None,
    )


def warnings_for(fit: Overfitting | Sequence[Overfitting], n_trades: int | None) -> list[str]:
    """Plain warnings; for walk-forward, from the windows' mean DSR and PBO."""
    fits = [fit] if isinstance(fit, Overfitting) else list(fit)
    dsrs = [f.dsr for f in fits if f.dsr is not None]
    pbos = [f.pbo for f in fits if f.pbo is not None]
    n_trials = int(np.mean([f.n_trials for f in fits])) if fits else 0
    dsr = dsrs[0] if len(dsrs) == 1 else _mean_dsr(dsrs)
    pbo = pbos[0] if len(pbos) == 1 else _mean_pbo(pbos)
    return overfitting_warnings(n_trials, dsr, pbo, n_trades)


def _mean_dsr(items: Sequence[DeflatedSharpe]) -> DeflatedSharpe | None:
    if not items:
        return None
    from dataclasses import replace

    return replace(items[0], probability=float(np.mean([d.probability for d in items])))


def _mean_pbo(items: Sequence[PBOResult]) -> PBOResult | None:
    if not items:
        return None
    from dataclasses import replace

    return replace(items[0], pbo=float(np.mean([p.pbo for p in items])))


def _curve_returns(curve: FloatArray) -> FloatArray:
    c = np.asarray(curve, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = np.where(c[:-1] > 0, c[1:] / c[:-1] - 1.0, 0.0)
    return out


def _sharpes(returns: FloatArray) -> FloatArray:
    """Per-sample Sharpe of each column (NaN for a column that never moved)."""
    std = returns.std(axis=0, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out: FloatArray = np.where(std > 0, returns.mean(axis=0) / std, np.nan)
    return out


def to_dict(fit: Overfitting) -> dict[str, Any]:
    """JSON-friendly: the DSR fields and the PBO summary (the logits as a list for the histogram)."""
    from dataclasses import asdict

    pbo = None
    if fit.pbo is not None:
        p = fit.pbo
        pbo = {
            "pbo": p.pbo,
            "n_combinations": p.n_combinations,
            "n_splits": p.n_splits,
            "prob_oos_loss": p.prob_oos_loss,
            "degradation_slope": p.degradation_slope,
            "degradation_intercept": p.degradation_intercept,
            "logits": [float(x) for x in p.logits],
        }
    return {
        "n_trials": fit.n_trials,
        "deflated_sharpe": asdict(fit.dsr) if fit.dsr is not None else None,
        "pbo": pbo,
        "notes": list(fit.notes),
    }
