"""One trial: a strategy's parameters backtested on a window of a series, metrics only.

A position still open on the window's last bar is closed there, fee and slippage paid
(`closeout`): in-sample and out-of-sample figures count every trade and no free exit.

A trial is the ordinary backtest (the one kernel, the risk gate or the research sizer, the
simulator's fills and fees) without a journal, a report or kept events. The strategy's warm-up
comes from the bars before the window, as `backtest --from` takes it, so every trial on a window
is scored on the same bars whatever its indicator lengths. What comes back is small enough to
send between processes: the metrics and the equity sampled on a fixed grid of the window (the same
grid for every trial on it, which the overfitting statistics compare across trials).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from aitrader.domain.candles import Candles
from aitrader.domain.instrument import Instrument
from aitrader.domain.timeframe import Timeframe
from aitrader.features.memo import IndicatorCache, indicator_cache
from aitrader.optimize.closeout import close_out

if TYPE_CHECKING:
    from aitrader.backtest.result import BacktestResult

SAMPLE_POINTS = 2_000  # equity samples per window kept per trial (per-bar curves of 500 trials would not fit)
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Window:
    """Bars [start, end) of the series a trial is scored on (warm-up is taken from before start)."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class TrialSetup:
    """Everything about a trial except its parameters and window; picklable for worker processes."""

    strategy: str
    timeframe: Timeframe
    cash: float = 10_000.0
    fee: float = 0.001
    slippage_bps: float = 0.0
    risk: float = 0.01  # the gate's risk per trade (fraction of equity)
    all_in: bool = False  # research sizer instead of the gate
    fixed_qty: float | None = None  # with all_in: buy this many base units per entry (benchmarks)
    # bars before each window fed to every trial at least (the most any point of the space needs):
    # every trial then reads the same input arrays, so indicators computed once serve all of them
    lead: int = 0
    # sell what is open on the window's last bar, fee paid (False: mark it to market, as a
    # backtest and backtesting.py do; the benchmark's parity case compares on that footing)
    close_at_end: bool = True
    # the gate's other limits by RiskConfig field (`RunSettings.risk_limits`: aitrader.toml's [risk])
    risk_limits: Mapping[str, Any] = field(default_factory=dict)
    # a built-in strategy's `cost_multiple` (`--param cost_multiple=0`), held for every trial and
    # never searched (`space.take_cost_multiple`); None keeps the strategies' default
    cost_multiple: float | None = None

    def strategy_params(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """A trial's parameters as the strategy is built with them: `cost_multiple` added when set."""
        from aitrader.strategies.registry import COST_MULTIPLE_PARAM

        out = dict(params)
        if self.cost_multiple is not None:
            out[COST_MULTIPLE_PARAM] = self.cost_multiple
        return out


@dataclass
class TrialOutcome:
    """A trial's metrics (`Metrics.to_dict()`), its sampled equity (1.0 at the window's start) and
    its per-trade returns; `error` instead when the backtest could not run."""

    metrics: dict[str, Any] = field(default_factory=dict)
    curve: FloatArray = field(default_factory=lambda: np.empty(0))
    trade_returns: FloatArray = field(default_factory=lambda: np.empty(0))
    error: str | None = None


def sample_grid(n_bars: int, points: int = SAMPLE_POINTS) -> npt.NDArray[np.int64]:
    """Indices of the bars whose closing equity is kept: every bar up to `points`, else evenly spread
    (always the last bar)."""
    if n_bars <= points:
        return np.arange(n_bars, dtype=np.int64)
    return np.unique(np.linspace(0, n_bars - 1, points).round().astype(np.int64))


class Evaluator:
    """Runs trials on one series in this process (each worker of a pool holds one)."""

    def __init__(self, setup: TrialSetup, candles: Candles) -> None:
        from aitrader.data.instrument_guess import instrument_for

        if len(candles) == 0:
            raise ValueError("no candles to optimise on")
        self.setup = setup
        self.candles = candles
        inst, assumptions = instrument_for(candles.symbol or "BTCUSDT", float(candles.close[0]))
        self.instrument: Instrument | None = inst if assumptions else None  # None: Binance rules
        self.assumptions = assumptions
        self.cache = IndicatorCache()  # indicators shared by this evaluator's trials (features.memo)

    def run(self, params: Mapping[str, Any], window: Window) -> TrialOutcome:
        try:
            return self._run(params, window)
        except Exception as exc:  # a trial that breaks is reported, the study goes on
            return TrialOutcome(error=f"{type(exc).__name__}: {exc}")

    def _run(self, params: Mapping[str, Any], window: Window) -> TrialOutcome:
        from aitrader.backtest.metrics import compute_metrics

        result, trade_returns = self.full(params, window)
        metrics = compute_metrics(result).to_dict()
        grid = sample_grid(len(result.equity))
        curve = np.asarray(result.equity, dtype=np.float64)[grid] / result.initial_equity
        return TrialOutcome(metrics, curve, trade_returns)

    def flat(self, window: Window) -> BacktestResult:
        """A window with no trade (no parameters were acceptable): cash all along."""
        from aitrader.backtest.result import BacktestResult

        c = self.candles.slice(window.start, window.end)
        n = len(c)
        return BacktestResult(
            c.symbol,
            c.timeframe,
            self.setup.strategy,
            self.setup.cash,
            c.open_time,
            np.full(n, self.setup.cash),
            np.zeros(n, dtype=bool),
            [],
            0.0,
            c,
            {"flat": True},
        )

    def full(self, params: Mapping[str, Any], window: Window) -> tuple[BacktestResult, FloatArray]:
        from aitrader.backtest.engine import BacktestConfig, run_backtest
        from aitrader.backtest.inputs import build_strategy
        from aitrader.backtest.result import trim_warmup

        s = self.setup
        strategy = build_strategy(
            s.strategy, s.strategy_params(params), s.timeframe, fee=s.fee, slippage_bps=s.slippage_bps
        )
        first = max(0, window.start - max(strategy.warmup, s.lead))
        candles = self.candles.slice(first, window.end)
        config = BacktestConfig(
            cash=s.cash, fee=s.fee, slippage_bps=s.slippage_bps, first_bar=window.start - first
        )
        with indicator_cache(self.cache):
            result = run_backtest(strategy, candles, config, gate=self.gate(), instrument=self.instrument)
        if s.close_at_end:  # nothing is left open for free at the end
            result = close_out(result, s.fee, s.slippage_bps)
        trade_returns = _trade_returns(result.trades, result.equity, result.initial_equity)
        return trim_warmup(result, window.start - first), trade_returns

    def gate(self) -> Any:
        if self.setup.all_in:
            from aitrader.backtest.all_in import AllInSizer

            return AllInSizer(fixed_qty=self.setup.fixed_qty)
        from aitrader.risk import RiskConfig, RiskGate

        s = self.setup
        return RiskGate(RiskConfig(risk_fraction=s.risk, slippage=s.slippage_bps / 10_000.0, **s.risk_limits))


def _trade_returns(trades: list[Any], equity: FloatArray, initial: float) -> FloatArray:
    """Each closed trade's P&L as a share of the account's equity before its entry bar (what a
    Monte Carlo over trades compounds)."""
    if not trades:
        return np.empty(0, dtype=np.float64)
    bars = np.array([t.entry_bar for t in trades], dtype=np.int64)
    before = np.where(bars > 0, np.asarray(equity)[np.maximum(bars - 1, 0)], initial)
    pnl = np.array([t.pnl for t in trades], dtype=np.float64)
    out: FloatArray = pnl / before
    return out
