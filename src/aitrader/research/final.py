"""The one evaluation on the held-back parts: the chosen design per series and as one portfolio,
beside buy-and-hold and volatility-targeted buy-and-hold over the same bars, with its deflated
Sharpe against every design the design phase tried.

Each run loads the whole series, so the bars before the cut warm indicators up, and decides from
the first bar at or after the cut (or after its warm-up, if later): nothing it does depends on the
design part's outcome, only on the indicator history a live bot would also have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from aitrader.backtest.benchmark import benchmark_for
from aitrader.backtest.metrics import Metrics, compute_metrics
from aitrader.backtest.portfolio_run import run_portfolio
from aitrader.backtest.vol_target_basket import vol_target_basket_for
from aitrader.data.instrument_guess import instrument_for
from aitrader.domain import Candles, Instrument
from aitrader.optimize.overfitting import DeflatedSharpe, deflated_sharpe
from aitrader.research.designs import Design, run_config
from aitrader.research.holdout import split_at
from aitrader.research.runs import (
    FloatArray,
    Measured,
    daily_returns,
    run_design,
    strategy_for,
    warm_start_ms,
)
from aitrader.research.series import Source

Tick = Callable[[str], None]


@dataclass(frozen=True)
class Portfolio:
    """The design run on a basket of symbols against one account, and the basket's benchmarks."""

    symbols: tuple[str, ...]
    metrics: Metrics
    hold: Metrics | None
    vol_hold: Metrics | None


@dataclass
class Final:
    design: Design
    runs: dict[str, Measured]  # series label -> the design's held-back run
    portfolio: Portfolio | None
    deflated: DeflatedSharpe | None
    deflated_error: str | None = None

    def pooled_returns(self) -> FloatArray:
        """The design's held-back daily returns, series laid end to end (first/last days dropped)."""
        parts = [m.daily.returns[1:-1] for m in self.runs.values() if len(m.daily.returns) > 2]
        return np.concatenate(parts) if parts else np.zeros(0)


def held_back_start(design: Design, src: Source, candles: Candles) -> int:
    """Open time of the first bar `design` decides on in `candles` (`src` at the design's timeframe):
    the first held-back bar, or the end of its warm-up if later."""
    split = split_at(candles, src.cut_ms)
    return max(int(candles.open_time[split.held_from]), warm_start_ms(design, candles))


def run_final(
    sources: Sequence[Source],
    design: Design,
    trial_sharpes: FloatArray,
    basket: Sequence[Source] = (),
    tick: Tick | None = None,
) -> Final:
    """`design` on the held-back part of every source, and on `basket` as one portfolio."""
    runs: dict[str, Measured] = {}
    for src in sources:
        candles = src.derived(design.timeframe)
        runs[src.label] = run_design(design, candles, held_back_start(design, src, candles))
        if tick is not None:
            tick(f"{design.id} on {src.label}")
    portfolio = _portfolio(design, basket) if len(basket) > 1 else None
    if tick is not None and portfolio is not None:
        tick(f"{design.id} on the {len(basket)}-symbol portfolio")
    out = Final(design, runs, portfolio, None)
    try:
        out.deflated = deflated_sharpe(out.pooled_returns(), trial_sharpes, 365.0)
    except ValueError as exc:
        out.deflated_error = str(exc)
    return out


def _portfolio(design: Design, basket: Sequence[Source]) -> Portfolio:
    strategies = {s.symbol: strategy_for(design) for s in basket}
    candles = {s.symbol: s.derived(design.timeframe) for s in basket}
    instruments: dict[str, Instrument] = {}
    for sym, c in candles.items():
        inst, assumptions = instrument_for(sym, float(c.close[0]))
        if assumptions is None:
            instruments[sym] = inst
    start = max(held_back_start(design, s, candles[s.symbol]) for s in basket)
    result = run_portfolio(
        strategies, candles, run_config(0), gate=design.gate(), instruments=instruments, start_ms=start
    )
    account = result.account
    hold, vol_hold = benchmark_for(account), vol_target_basket_for(result)
    return Portfolio(
        tuple(candles),
        compute_metrics(account),
        None if hold is None else compute_metrics(hold),
        None if vol_hold is None else compute_metrics(vol_hold),
    )


def figures(final: Final) -> dict[str, Any]:
    """What the ledger records: per series and portfolio metrics beside both benchmarks, and the DSR."""

    def pick(m: Metrics | None) -> dict[str, Any] | None:
        if m is None:
            return None
        keys = (
            "total_return",
            "sharpe",
            "sortino",
            "max_drawdown",
            "exposure",
            "n_trades",
            "start_ms",
            "end_ms",
        )
        return {k: getattr(m, k) for k in keys}

    out: dict[str, Any] = {
        "series": {
            label: {
                "strategy": pick(m.metrics),
                "buy_and_hold": pick(m.hold),
                "vol_target_buy_and_hold": pick(m.vol_hold),
            }
            for label, m in final.runs.items()
        }
    }
    if final.portfolio is not None:
        p = final.portfolio
        out["portfolio"] = {
            "symbols": list(p.symbols),
            "strategy": pick(p.metrics),
            "buy_and_hold": pick(p.hold),
            "vol_target_buy_and_hold": pick(p.vol_hold),
        }
    d = final.deflated
    out["deflated_sharpe"] = (
        {
            "probability": d.probability,
            "sharpe_annual": d.sharpe_annual,
            "n_trials": d.n_trials,
            "n_obs": d.n_obs,
        }
        if d is not None
        else {"error": final.deflated_error}
    )
    return out


__all__ = ["Final", "Portfolio", "daily_returns", "figures", "held_back_start", "run_final"]
