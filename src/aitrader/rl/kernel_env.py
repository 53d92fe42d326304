"""`KernelTradingEnv`: a gymnasium environment whose every decision goes through the real kernel.

The environment builds `engine.Kernel` with `backtest.engine.build_kernel` (SimBroker, NEXT_OPEN
fills, `PercentPlusFixedFee` for the EnvConfig's percentage and fixed fees, `FixedBps` slippage,
the real `RiskGate`) around `ActionStrategy`, a strategy whose `on_bar` proposes what the agent
chose. One step is one bar:

- the agent sees the observation of bar i (market row i, and the account row computed from the
  position the kernel holds after bar i closed, as the policy strategy computes it live: stops and
  targets hit on bar i already filled) and picks an action;
- an invalid action (`actions.valid_actions`) is a HOLD with `invalid_penalty` taken off the
  reward; an entry or exit the risk gate refuses counts as invalid too (same penalty,
  info["invalid"] True, the gate's sentence in info["verdict"]);
- `kernel.run(i, i+1, every_bar=True)` asks the strategy at bar i's close: BUY_LONG/SELL_SHORT
  propose the `Enter` of `proposals.enter_for` (stop `stop_atr` ATRs away, one target
  `reward_risk` times that distance) that the gate sizes, CLOSE_* the `Exit` of
  `proposals.exit_for`; the orders arrive at bar i+1's open;
- the environment then hands bar i+1 to the kernel's broker, so the entry fills, the OCO is
  matched on the bar, and the next observation shows it. The next step's `kernel.run(i+1, i+2)`
  presents bar i+1 to the broker again, which changes nothing (every order that could act on the
  bar already did; a test holds the environment to the vectorised one, which has no such step).
- reward = reward_scale x (equity[i+1] - equity[i]) / cash - penalty; equity = cash + qty x close.

The gate's configuration (`env_risk_config`) is the EnvConfig's risk sizing with the account locks
relaxed: the daily-loss circuit breaker and the losing-streak lockout never engage (an episode
ends at `ruin_fraction` instead), and the exposure caps equal `max_position_fraction`, so an
entry's fate depends only on the bar and the account, as in `VectorTradingEnv`. The reward:risk
floor is 1.0 on the gate's net figure (after fees and slippage, as `VectorTradingEnv` checks it
too): targets are `reward_risk` >= 1.5 stop distances by construction, but on tight stops (1m bars)
the costs bring most entries below 1.0 and the gate refuses them. The gate sizes with the percentage fee only; fixed fees are paid on the
fills but not budgeted in the size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import gymnasium as gym
import numpy as np
import numpy.typing as npt
from gymnasium import spaces
from pydantic import BaseModel, ConfigDict

from aitrader.backtest.engine import BacktestConfig, build_kernel
from aitrader.domain import Candles, Timeframe
from aitrader.domain.plan import Rejection
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Enter, Proposal
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven
from aitrader.engine.kernel import Kernel
from aitrader.execution.fees import PercentPlusFixedFee
from aitrader.execution.fill_model import FillModel
from aitrader.risk import RiskConfig, RiskGate
from aitrader.rl.actions import N_ACTIONS, Action, valid_actions
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.observation import position_row
from aitrader.rl.proposals import enter_for, exit_for
from aitrader.rl.series import EnvSeries, env_instrument
from aitrader.rl.vector_env import MIN_REWARD_RISK
from aitrader.strategies.base import Features, MarketView, Signals
from aitrader.strategies.regime import Regime
from aitrader.strategies.stream import FeatureStream, WindowStream

F32 = npt.NDArray[np.float32]
STRATEGY_NAME = "rl-env"


def env_risk_config(config: EnvConfig) -> RiskConfig:
    """The RiskGate configuration of the environments (see the module docstring)."""
    return RiskConfig(
        risk_fraction=config.risk_fraction,
        max_position_fraction=config.max_position_fraction,
        max_symbol_exposure=1.0,
        max_total_exposure=1.0,
        slippage=config.slippage_bps / 10_000.0,
        min_reward_risk=MIN_REWARD_RISK,
        max_daily_loss=1.0,
        breaker_cooldown_ms=0,
        max_consecutive_losses=2**62,
        lockout_ms=0,
    )


class _NoParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ActionStrategy:
    """A `Strategy` that proposes the pending action once (set `pending` before the bar is run).

    Its masks are all True, so the kernel asks it on every bar (the skip contract holds: it may
    propose anything anywhere)."""

    name: ClassVar[str] = STRATEGY_NAME
    description: ClassVar[str] = "the RL environment's agent: proposes the action it was given"
    regimes: ClassVar[frozenset[Regime]] = frozenset(Regime)

    def __init__(self, timeframe: Timeframe, warmup: int) -> None:
        self.timeframe = timeframe
        self.timeframes: tuple[Timeframe, ...] = (timeframe,)
        self.warmup = warmup
        self.params: BaseModel = _NoParams()
        self.pending: Proposal | None = None

    def features(self, candles: Candles) -> Features:
        return Features(candles, {})

    def signals(self, features: Features) -> Signals:
        every = np.ones(len(features), dtype=np.bool_)
        return Signals(every, every, every, every)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        p, self.pending = self.pending, None
        return () if p is None else (p,)

    def feature_stream(self, window: int) -> FeatureStream:
        return WindowStream(self, window)


class KernelTradingEnv(gym.Env[F32, np.int64]):
    """One episode at a time over bars [start, stop) of `series` (a split), through the kernel."""

    metadata = {"render_modes": []}  # noqa: RUF012 (gymnasium declares it an instance attribute)

    def __init__(
        self, series: EnvSeries, config: EnvConfig | None = None, start: int = 0, stop: int | None = None
    ) -> None:
        self.series = series
        self.config = cfg = config or EnvConfig()
        self.start = max(start, series.first_valid)
        self.stop = len(series) if stop is None else min(stop, len(series))
        if self.stop - self.start < 2:
            raise ValueError(f"{series.describe()}: fewer than 2 usable bars in [{self.start}, {self.stop})")
        self.instrument = env_instrument(series.symbol, float(series.close[0]), cfg.allows_short)
        clip = series.spec.clip
        self.observation_space = spaces.Box(-clip, clip, (series.obs_dim,), np.float32)
        self.action_space = spaces.Discrete(N_ACTIONS)
        self._time = np.ascontiguousarray(series.candles.open_time, dtype=np.int64)
        self._dur = series.timeframe.duration_ms
        self._strategy = ActionStrategy(series.timeframe, series.spec.warmup)
        self._bt = BacktestConfig(
            cash=cfg.cash,
            fee=cfg.fee_rate,
            slippage_bps=cfg.slippage_bps,
            fee_model=PercentPlusFixedFee(cfg.fee_rate, cfg.fee_entry, cfg.fee_exit),
            fill_model=FillModel.NEXT_OPEN,
        )
        self._kernel: Kernel | None = None
        self._verdict: Rejection | None = None
        self._bar = self.start
        self._steps = 0
        self._prev = cfg.cash
        self._return = 0.0

    # ---- gymnasium API ---------------------------------------------------------------------------
    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[F32, dict[str, Any]]:
        """A new episode at a random bar in [start, stop - episode_bars), or at options["start"]."""
        super().reset(seed=seed)
        cfg = self.config
        forced = None if options is None else options.get("start")
        if forced is not None:
            s = int(forced)
            if not self.start <= s <= self.stop - 2:
                raise ValueError(f"start bar {s} lies outside [{self.start}, {self.stop - 2}]")
        else:
            hi = max(self.stop - cfg.episode_bars, self.start + 1)
            s = int(self.np_random.integers(self.start, hi))
        end = min(self.stop, s + cfg.episode_bars + 1)  # the last bar an order of this episode can reach
        gate = RiskGate(env_risk_config(cfg))
        bus = EventBus(0)
        self._kernel = build_kernel(
            self._strategy, self.series.candles.slice(0, end), self._bt, gate, self.instrument, bus
        )
        bus.subscribe(VerdictGiven, self._on_verdict)
        self._bar, self._steps, self._prev, self._return = s, 0, cfg.cash, 0.0
        obs, valid = self._observe(s)
        return obs, {"equity": cfg.cash, "position": 0, "valid": valid, "bar": s, "trades": 0}

    def step(self, action: np.int64 | int) -> tuple[F32, float, bool, bool, dict[str, Any]]:
        kernel = self._kernel
        if kernel is None:
            raise RuntimeError("call reset() before step()")
        a = int(action)
        if not 0 <= a < N_ACTIONS:
            raise ValueError(f"action {a} is not one of 0..{N_ACTIONS - 1}")
        cfg, i = self.config, self._bar
        invalid, verdict = False, ""
        pos = self._position()
        if not valid_actions(np.array([pos], dtype=np.int8), cfg.allows_short)[0, a]:
            invalid = True
        elif a in (Action.BUY_LONG, Action.SELL_SHORT):
            proposal = self._enter(i, Action(a))
            if isinstance(proposal, str):
                invalid, verdict = True, proposal
            else:
                self._strategy.pending = proposal
        elif a in (Action.CLOSE_LONG, Action.CLOSE_SHORT):
            close = float(self.series.close[i])
            reason = f"agent: {Action(a).name}"
            self._strategy.pending = exit_for(
                self.series.symbol, close, int(self._time[i]), STRATEGY_NAME, reason
            )
        self._verdict = None
        kernel.run(i, i + 1, every_bar=True)
        self._strategy.pending = None
        rejection = self._take_verdict()
        if rejection is not None:
            invalid, verdict = True, str(rejection)
        j = i + 1  # hand bar j to the broker now: its fills belong to this step (module docstring)
        s = self.series
        kernel.clock.set(int(self._time[j]) + self._dur)
        kernel.broker.on_bar(
            j, int(self._time[j]), float(s.open[j]), float(s.high[j]), float(s.low[j]), float(s.close[j])
        )
        self._bar, self._steps = j, self._steps + 1
        eq = self.equity()
        reward = cfg.reward_scale * (eq - self._prev) / cfg.cash - (cfg.invalid_penalty if invalid else 0.0)
        self._prev = eq
        self._return += reward
        terminated = eq < cfg.ruin_fraction * cfg.cash
        truncated = not terminated and (self._steps >= cfg.episode_bars or j >= self.stop - 1)
        obs, valid = self._observe(j)
        trades = len(kernel.portfolio.trades)
        info: dict[str, Any] = {
            "equity": eq, "position": self._position(), "invalid": invalid, "verdict": verdict,
            "valid": valid, "bar": j, "trades": trades,
        }  # fmt: skip
        if terminated or truncated:
            info.update(episode_return=self._return, episode_equity=eq / cfg.cash, episode_trades=trades, episode_bars=self._steps)  # fmt: skip
        return obs, float(reward), bool(terminated), bool(truncated), info

    # ---- internals -------------------------------------------------------------------------------
    def _enter(self, i: int, action: Action) -> Enter | str:
        """The entry proposal at bar i's close, or why none can be made (no positive stop/target)."""
        s = self.series
        close, atr = float(s.close[i]), float(s.atr[i])
        enter = enter_for(action, s.symbol, close, atr, int(self._time[i]), self.config, STRATEGY_NAME)
        return (
            enter if enter is not None else f"no entry: ATR {atr:g} at close {close:g} gives no positive stop"
        )

    def _take_verdict(self) -> Rejection | None:
        rejection, self._verdict = self._verdict, None
        return rejection

    def _on_verdict(self, event: VerdictGiven) -> None:
        if isinstance(event.verdict, Rejection):
            self._verdict = event.verdict

    def _position(self) -> int:
        assert self._kernel is not None
        q = self._kernel.portfolio.qty(self.series.symbol)
        return 1 if q > 0 else -1 if q < 0 else 0

    def _observe(self, bar: int) -> tuple[F32, npt.NDArray[np.bool_]]:
        """Market row `bar` and the account row from the position the kernel holds, as the policy
        strategy computes it (`rl.strategy`: what a running strategy sees of its position)."""
        s, clip = self.series, self.series.spec.clip
        position = self.kernel.portfolio.get(s.symbol)
        close, atr, time_ms = float(s.close[bar]), float(s.atr[bar]), int(self._time[bar])
        account = position_row(position, close, atr, time_ms, self._dur, clip)
        obs = np.concatenate((s.features.matrix[bar], account))
        pos = 0 if position is None else 1 if position.is_long else -1
        return obs, valid_actions(np.array([pos], dtype=np.int8), self.config.allows_short)[0]

    # ---- read access -----------------------------------------------------------------------------
    @property
    def kernel(self) -> Kernel:
        if self._kernel is None:
            raise RuntimeError("call reset() first")
        return self._kernel

    @property
    def bar(self) -> int:
        return self._bar

    def equity(self) -> float:
        """Cash plus the position marked at the current bar's close."""
        p = self.kernel.portfolio
        return p.cash + p.qty(self.series.symbol) * float(self.series.close[self._bar])
