"""backtesting.py's `Backtest.optimize()` over the grids of bench_optimize.py.

Two strategies, both module-level classes so `optimize()` can pickle the `Backtest` to its workers:

- `SmaCrossGrid`: the SMA(fast)/SMA(slow) crossover of backtest_peers.py (the same rule and the same
  SMAs, from aitrader's indicator code on the unscaled closes), made optimisable: the rule
  bench_backtest.py shows trading identically to aitrader's `sma_cross`.
- `ConfluencePort`: aitrader's `confluence` replayed inside backtesting.py. `init` computes the
  strategy's own features and masks for the trial's parameters (aitrader's code); `next` enters
  where aitrader's long entry mask holds while flat, with the stop and the two targets of
  aitrader's own `Enter` proposal (one backtesting.py trade per target, each with `sl`/`tp`), and
  closes on aitrader's exit mask. The risk gate is approximated: size from the 1% risk budget at
  the stop (fees included) capped at 50% of equity and at the cash, the minimum reward:risk, the
  daily-loss breaker with its cooldown and the losing-streak lockout. NOT identical to aitrader:
  quantities are whole satoshis instead of the venue's lot step, the fill model (gaps, a stop and
  a target inside one bar, the bar of entry) is backtesting.py's, and the breaker's clock is
  approximate. Its total returns came within ~1e-5 of aitrader's on bench_optimize.py's grids
  (one year of 1h, 100k real-shaped 1m bars), not exactly equal.

Both read the candles from `PEER_INPUT`, set before `optimize()`: backtesting.py's workers are
forked (see `fork_pool`) and inherit it. FractionalBacktest trades whole units of 1e-8 BTC on
prices scaled by 1e-8; the strategies decide on the unscaled series and scale stop and targets.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from backtesting import Strategy
from backtesting.lib import crossover

from aitrader.domain import Candles, Side
from aitrader.features.indicators.trend import sma

SATS = 100_000_000  # FractionalBacktest's unit: 1e-8 BTC
DAY_MS = 86_400_000


@dataclass
class PeerInput:
    candles: Candles | None = None
    sma_size: float = 0.9999999999  # < 1: share of equity (all-in); >= 1: whole satoshis per entry
    fee: float = 0.001
    risk: float = 0.01


PEER_INPUT = PeerInput()


@contextmanager
def fork_pool(jobs: int) -> Iterator[None]:
    """Make `optimize()` use `jobs` forked worker processes.

    backtesting.py 0.6.6 calls `backtesting.Pool()` (its overridable hook): on Linux that is
    `multiprocessing.Pool(os.cpu_count())` with the fork start method. We keep fork and only fix
    the process count; `_batch` still cuts the grid into os.cpu_count() batches.
    """
    import backtesting

    saved = backtesting.Pool

    def pool(processes: int | None = None, initializer: Any = None, initargs: Any = ()) -> Any:
        del processes  # backtesting.py passes none (it would mean os.cpu_count())
        return mp.get_context("fork").Pool(jobs, initializer, initargs)

    backtesting.Pool = pool
    try:
        yield
    finally:
        backtesting.Pool = saved


def run_optimize(
    strategy: type[Strategy],
    candles: Candles,
    grid: Mapping[str, Sequence[Any]],
    constraint: Callable[[Any], bool] | None,
    cash: float,
    fee: float,
    jobs: int,
) -> dict[tuple[Any, ...], float]:
    """`FractionalBacktest(...).optimize(**grid, maximize="Return [%]", return_heatmap=True)` on
    `jobs` processes: the objective per point (grid order) as a fraction; NaN where backtesting.py
    closed no trade."""
    from backtesting.lib import FractionalBacktest

    from backtest_peers import _frame

    PEER_INPUT.candles = candles
    PEER_INPUT.fee = fee
    with warnings.catch_warnings(), fork_pool(jobs):
        warnings.simplefilter("ignore")
        bt = FractionalBacktest(
            _frame(candles),
            strategy,
            cash=cash,
            commission=fee,
            trade_on_close=False,
            # an open position is marked to market at the end (its finalize_trades=True would sell
            # it at the last bar's open); aitrader's side runs with close_at_end=False to match
            finalize_trades=False,
        )
        _, heat = bt.optimize(
            **{k: list(v) for k, v in grid.items()},
            maximize="Return [%]",
            constraint=constraint,
            return_heatmap=True,
        )
    return {tuple(k if isinstance(k, tuple) else (k,)): float(v) / 100.0 for k, v in heat.items()}


class SmaCrossGrid(Strategy):  # type: ignore[misc]
    """SMA(fast)/SMA(slow) long-only crossover: buy on the cross up, close on the cross down."""

    fast = 10
    slow = 30
    stop_pct = 0.5  # in the grid so both sides get the same keys; the port has no stop or target
    target_pct = 4.0

    def init(self) -> None:
        c = PEER_INPUT.candles
        assert c is not None
        f_arr, s_arr = sma(c.close, self.fast), sma(c.close, self.slow)
        self.f = self.I(lambda: f_arr, name="sma_fast")
        self.s = self.I(lambda: s_arr, name="sma_slow")
        self.size = PEER_INPUT.sma_size

    def next(self) -> None:
        if crossover(self.f, self.s):
            if not self.position:
                self.buy(size=self.size)
        elif crossover(self.s, self.f):
            self.position.close()


class ConfluencePort(Strategy):  # type: ignore[misc]
    """aitrader's `confluence` decisions replayed in backtesting.py (see the module docstring)."""

    # the searchable fields of ConfluenceParams, at their defaults (optimize() sets them per trial)
    ema_fast = 20
    ema_slow = 50
    breakout_bars = 30
    volume_ratio = 1.8
    stop_min_atr = 1.5
    rr1 = 2.0
    rr2 = 3.5
    PARAMS = ("ema_fast", "ema_slow", "breakout_bars", "volume_ratio", "stop_min_atr", "rr1", "rr2")

    def init(self) -> None:
        from aitrader.backtest.inputs import build_strategy
        from aitrader.risk import RiskConfig

        c = PEER_INPUT.candles
        assert c is not None
        params = {k: getattr(self, k) for k in self.PARAMS}
        self._strategy = build_strategy("confluence", params, c.timeframe)
        self._features = self._strategy.features(c)
        self._entry = np.asarray(self._features["entry_long"], dtype=bool).tolist()
        self._exit = np.asarray(self._features["exit_long"], dtype=bool).tolist()
        times = np.asarray(c.open_time, dtype=np.int64)
        self._times = times
        self._bar_ms = c.timeframe.duration_ms
        self._day_first = np.searchsorted(times, (times // DAY_MS) * DAY_MS).tolist()
        self._cfg = RiskConfig(risk_fraction=PEER_INPUT.risk, slippage=0.0)
        self._fee = PEER_INPUT.fee
        self._tripped: int | None = None  # the daily-loss breaker's trip time (ms)
        self._streak = 0
        self._last_loss: int | None = None
        self._seen = 0  # closed trades already counted into the streak
        self._cash0 = float(self.equity)

    def next(self) -> None:
        i = len(self.data) - 1
        if self.position:
            if self._exit[i]:
                self.position.close()
        elif self._entry[i]:
            self._enter(i)

    def _enter(self, i: int) -> None:
        from aitrader.strategies.base import MarketView

        now = int(self._times[i]) + self._bar_ms  # the kernel's clock: the decision bar's close
        if self._locked(i, now):
            return
        proposal = self._strategy.enter(MarketView(self._features, i), Side.BUY)
        close, stop, fee = proposal.price, proposal.stop, self._fee
        if not stop < close:
            return
        rr = sum((t.price - close) * t.fraction for t in proposal.targets) / (close - stop)
        if rr < self._cfg.min_reward_risk:
            return
        equity = self.equity  # flat: all of it is free cash
        unit = (close - stop) + fee * close + fee * stop  # loss per BTC at the stop, fees included
        qty = min(
            self._cfg.risk_fraction * equity / unit,
            self._cfg.max_position_fraction * equity / close,
            equity / (close * (1 + fee)),
        )
        units = math.floor(qty * SATS)
        scale = 1.0 / SATS  # FractionalBacktest's price scale
        left = units
        for k, target in enumerate(proposal.targets):
            part = left if k == len(proposal.targets) - 1 else math.floor(units * target.fraction)
            left -= part
            if part > 0 and close < target.price:
                self.buy(size=part, sl=stop * scale, tp=target.price * scale)

    def _locked(self, i: int, now: int) -> bool:
        """The gate's daily-loss breaker (with cooldown) and losing-streak lockout, checked as the gate
        checks them: only when an entry is reviewed."""
        cfg = self._cfg
        first = self._day_first[i]
        # equity at the close of the day's last bar (NaN there: still warming up, nothing traded yet)
        start = float(self._broker._equity[first - 1]) if first > 0 else math.nan
        if math.isnan(start):
            start = self._cash0
        equity = self.equity
        loss = (start - equity) / start if start > 0 else 0.0
        if loss >= cfg.max_daily_loss:
            if self._tripped is None:
                self._tripped = now
            return True
        if self._tripped is not None:
            if now < self._tripped + cfg.breaker_cooldown_ms:
                return True
            self._tripped = None
        self._count_streak()
        return (
            self._streak >= cfg.max_consecutive_losses
            and self._last_loss is not None
            and now < self._last_loss + cfg.lockout_ms
        )

    def _count_streak(self) -> None:
        """Fold newly closed positions (the trades of one entry bar) into the losing streak."""
        closed = self._broker.closed_trades  # the list itself (the public property copies it)
        rounds: dict[int, tuple[float, int]] = {}
        for t in closed[self._seen :]:
            pl, exit_bar = rounds.get(t.entry_bar, (0.0, 0))
            rounds[t.entry_bar] = (pl + t.pl, max(exit_bar, t.exit_bar))
        self._seen = len(closed)
        for pl, exit_bar in rounds.values():
            if pl < 0:
                self._streak += 1
                self._last_loss = int(self._times[exit_bar])
            else:
                self._streak = 0
