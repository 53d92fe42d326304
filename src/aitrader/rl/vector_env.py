"""`VectorTradingEnv`: n trading episodes at once, in numpy, under the kernel environment's rules.

Each environment holds one position at most; all of them step together, one bar per step, with the
semantics of `KernelTradingEnv` (notes/rl_design.md, "Environment semantics"), which a parity test
holds it to, trade for trade:

- the action is decided at bar i's close; an invalid one (`actions.valid_actions`) is a HOLD with
  `invalid_penalty` taken off the reward, and so is an entry the risk gate would refuse (among
  others one whose target's reward:risk net of fees and slippage is under `MIN_REWARD_RISK`, as
  `risk.entry_review` computes it: on 1m, where stops are tight, the costs refuse many entries);
- an entry is sized as `risk.entry_review` sizes it (risk budget at the stop with percentage fees
  and slippage, notional and free-balance caps, the venue's tick, lot step and minimum size),
  fills at open[i+1] +/- slippage, and its stop and target (an OCO) are matched on bar i+1's whole
  range onward: a stop fills at its price (the open when the bar gapped through it) less
  slippage, a target at its own price without slippage; both in one bar: the stop;
- a close exits at open[i+1] less slippage; every fill pays fee_rate x notional plus the fixed fee
  of its leg; equity = cash + qty x close; the account row of the observation is computed from
  the position (entry price, stop, opening time) as the kernel environment computes it.

What the numpy simulator leaves out (the gate still checks it, and it never binds with the
EnvConfig bounds on real data): the venue's price-band filters and maximum notional.

Speed: all environments live in flat arrays and every series is concatenated into one array per
column, so a step is a fixed number of whole-array numpy operations whatever the mix of series;
entries, exits and protective fills only touch the few environments concerned (`flatnonzero`);
action kinds and valid-action masks are table lookups rather than per-step comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from aitrader.domain import Instrument
from aitrader.rl.actions import N_ACTIONS, Action, valid_actions
from aitrader.rl.env_config import EnvConfig
from aitrader.rl.observation import account_features
from aitrader.rl.series import EnvSeries, env_instrument

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
B = npt.NDArray[np.bool_]
_BUY = int(Action.BUY_LONG)
_ENTER, _CLOSE = 1, 2  # what a valid action does (an array lookup per step, no Enum access)
_KIND = np.zeros(N_ACTIONS, dtype=np.int64)
_KIND[[Action.BUY_LONG, Action.SELL_SHORT]] = _ENTER
_KIND[[Action.CLOSE_LONG, Action.CLOSE_SHORT]] = _CLOSE
MIN_REWARD_RISK = 1.0  # the environments' gate floor, net of fees and slippage (kernel_env.env_risk_config)


@dataclass(frozen=True)
class LotRules:
    """An instrument's rounding and size rules as floats (inf where the venue sets no maximum)."""

    tick: float
    step: float  # LOT_SIZE step (minimum sizes round up to it)
    lot: float  # the step market quantities round down to: the coarser of LOT_SIZE and MARKET_LOT_SIZE
    min_qty: float
    min_notional: float
    max_qty: float

    @classmethod
    def of(cls, inst: Instrument) -> LotRules:
        def most(x: object) -> float:
            v = float(str(x))
            return v if v > 0 else np.inf

        step, market_step = float(inst.step_size), float(inst.market_step_size)
        return cls(
            float(inst.tick_size), step, max(step, market_step), float(inst.min_qty),
            float(inst.min_notional), min(most(inst.max_qty), most(inst.market_max_qty)),
        )  # fmt: skip

    def row(self) -> list[float]:
        """[tick, step, lot] as grids (step, multiplier, divisor), then min_qty, min_notional, max_qty."""
        grids = [(g, *_grid_factors(g)) for g in (self.tick, self.step, self.lot)]
        return [x for g in grids for x in g] + [self.min_qty, self.min_notional, self.max_qty]


_TICK, _STEP, _LOT = 0, 3, 6  # column of each grid in LotRules.row (step, multiplier, divisor)
_MIN_QTY, _MIN_NOTIONAL, _MAX_QTY = 9, 10, 11


def _grid_factors(step: float) -> tuple[float, float]:
    """(multiplier, divisor) giving grid point k as k * m / d: k / 100 rather than k * 0.01 where 1 /
    step is a whole number, so the point is the float nearest its decimal value (as Decimal's)."""
    inv = round(1.0 / step)
    return (1.0, float(inv)) if abs(1.0 / step - inv) < 1e-6 * inv else (step, 1.0)


def entry_levels(close: F64, atr: F64, sign: F64, stop_atr: float, reward_risk: float) -> tuple[F64, F64]:
    """(stop, target) of entries decided at `close`: the arithmetic of `proposals.enter_for`,
    operation for operation, so both environments start from the same floats."""
    risk = stop_atr * atr
    stop: F64 = close - sign * risk
    target: F64 = close + sign * reward_risk * risk
    return stop, target


def floor_to(x: F64, grid: F64) -> F64:
    """x rounded down to a grid (`grid`: columns step, multiplier, divisor) as `Instrument` rounds
    Decimal(repr(x)): exactly, comparing x with the grid points' nearest floats (a float equals one
    only when its repr is the point's decimal)."""
    step, m, d = grid[:, 0], grid[:, 1], grid[:, 2]
    k = np.floor(x / step)
    k = np.where((k + 1.0) * m / d <= x, k + 1.0, np.where(k * m / d > x, k - 1.0, k))
    out: F64 = k * m / d
    return out


def ceil_to(x: F64, grid: F64) -> F64:
    """x rounded up to a grid (see `floor_to`)."""
    step, m, d = grid[:, 0], grid[:, 1], grid[:, 2]
    k = np.ceil(x / step)
    k = np.where((k - 1.0) * m / d >= x, k - 1.0, np.where(k * m / d < x, k + 1.0, k))
    out: F64 = k * m / d
    return out


class VectorTradingEnv:
    """`num_envs` episodes over one or several series (env k trades series k mod len(series)).

    `start`/`stop` bound the bars episodes use (one value for every series, or one per series),
    e.g. a split from `rl.splits`; episodes start at a random bar in [start, stop - episode_bars).
    """

    def __init__(
        self,
        series: EnvSeries | Sequence[EnvSeries],
        config: EnvConfig | None = None,
        n_envs: int = 1,
        start: int | Sequence[int] = 0,
        stop: int | Sequence[int] | None = None,
        seed: int = 0,
    ) -> None:
        self.series: tuple[EnvSeries, ...] = (series,) if isinstance(series, EnvSeries) else tuple(series)
        if not self.series or n_envs < 1:
            raise ValueError("give at least one series and one environment")
        dims = {s.obs_dim for s in self.series}
        if len(dims) != 1:
            raise ValueError(f"the series have different observation specs ({sorted(dims)} columns)")
        self.config = cfg = config or EnvConfig()
        self.num_envs = n_envs
        self.obs_dim = dims.pop()
        self.n_actions = N_ACTIONS
        self._clip = self.series[0].spec.clip
        k = len(self.series)
        starts = [start] * k if isinstance(start, int) else list(start)
        stops = [stop] * k if stop is None or isinstance(stop, int) else list(stop)
        if len(starts) != k or len(stops) != k:
            raise ValueError(f"give one start and one stop per series ({k})")
        lengths = np.array([len(s) for s in self.series], dtype=np.int64)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        lo = np.array([max(int(a), s.first_valid) for a, s in zip(starts, self.series, strict=True)])
        hi_stop = np.array(
            [len(s) if b is None else min(int(b), len(s)) for b, s in zip(stops, self.series, strict=True)]
        )
        if np.any(hi_stop - lo < 2):
            raise ValueError(
                f"a series has fewer than 2 usable bars in [start, stop): {list(zip(lo, hi_stop, strict=True))}"
            )
        cat = np.concatenate
        self._O, self._H, self._L, self._C, self._A = (cat([getattr(s, a) for s in self.series]) for a in ("open", "high", "low", "close", "atr"))  # fmt: skip
        self._M = cat([s.features.matrix for s in self.series])
        self._T: I64 = cat([np.asarray(s.candles.open_time, dtype=np.int64) for s in self.series])
        ser = np.arange(n_envs) % k
        self.series_index: I64 = ser
        self._off: I64 = offsets[ser]
        self._dur: I64 = np.array([s.timeframe.duration_ms for s in self.series], dtype=np.int64)[ser]
        self._lo: I64 = lo[ser]
        self._stop: I64 = hi_stop[ser]
        self._hi: I64 = np.maximum(hi_stop - cfg.episode_bars, lo + 1)[ser]  # exclusive bound of starts
        rules = [
            LotRules.of(env_instrument(s.symbol, float(s.close[0]), cfg.allows_short)) for s in self.series
        ]
        self._rules: F64 = np.array([r.row() for r in rules])[ser]  # (n_envs, 12), see LotRules.row
        self._rng = np.random.default_rng(seed)
        z = np.zeros(n_envs)
        self._bar: I64 = np.zeros(n_envs, dtype=np.int64)
        self._cash, self._qty, self._entry, self._sl, self._tp, self._prev, self._ret = (
            z.copy() for _ in range(7)
        )
        self._opened: I64 = np.zeros(n_envs, dtype=np.int64)  # open time of the entry's fill bar
        self._steps: I64 = np.zeros(n_envs, dtype=np.int64)
        self._trades: I64 = np.zeros(n_envs, dtype=np.int64)
        self.valid: B = np.zeros((n_envs, N_ACTIONS), dtype=np.bool_)
        self._masks = valid_actions(np.array([-1, 0, 1], dtype=np.int8), cfg.allows_short)  # by position + 1
        self._all = np.arange(n_envs)
        self.reset()

    # ---- gym-like API ----------------------------------------------------------------------------
    def reset(self, seed: int | None = None, options: dict[str, Any] | None = None) -> F32:
        """Start every environment anew: observations (num_envs, obs_dim). `options={"start": bar}`
        (an int or one per environment) fixes the start bars."""
        if seed is not None:
            self._rng = np.random.default_rng(seed)
        forced = (
            None
            if not options or options.get("start") is None
            else np.broadcast_to(np.asarray(options["start"], dtype=np.int64), (self.num_envs,))
        )
        self._restart(self._all, forced)
        return self._observe(self._off + self._bar)

    def step(self, actions: npt.ArrayLike) -> tuple[F32, F32, B, B, dict[str, Any]]:
        """Act in every environment: (obs, reward, terminated, truncated, info); an environment
        whose episode ended is reset within the step (its obs is the new episode's first one, the
        episode_* entries of info describe the one that ended, `final_obs` (only on a step where one
        ended) holds the observations before the resets; the other entries of info describe this
        step's outcome before any reset, except `valid`, the mask of the returned obs)."""
        cfg = self.config
        a = np.asarray(actions, dtype=np.int64).reshape(self.num_envs)
        if np.any((a < 0) | (a >= N_ACTIONS)):
            raise ValueError(f"actions must lie in 0..{N_ACTIONS - 1}")
        g = self._off + self._bar  # the decision bars (global)
        ok = self.valid[self._all, a]
        invalid = ~ok
        kind = np.where(ok, _KIND[a], 0)
        entering = np.flatnonzero(kind == _ENTER)
        exiting = np.flatnonzero(kind == _CLOSE)
        if entering.size:
            sign = np.where(a[entering] == _BUY, 1.0, -1.0)
            approved, q, sl, tp = self._size(entering, g[entering], sign)
            invalid[entering[~approved]] = True
            entering = entering[approved]
            sign, q, sl, tp = sign[approved], q[approved], sl[approved], tp[approved]
        j = g + 1  # the bar the orders arrive at
        o, c = self._O[j], self._C[j]
        s = cfg.slippage_bps / 10_000.0
        if exiting.size:  # market exits at the open (the OCO was cancelled at the decision)
            oe = o[exiting]
            self._close(exiting, np.where(self._qty[exiting] > 0, oe * (1.0 - s), oe * (1.0 + s)))
        if entering.size:  # market entries at the open
            oe = o[entering]
            px = np.where(sign > 0, oe * (1.0 + s), oe * (1.0 - s))
            signed = sign * q
            self._cash[entering] -= signed * px + (np.abs(px * q) * cfg.fee_rate + cfg.fee_entry)
            self._qty[entering], self._entry[entering] = signed, px
            self._sl[entering], self._tp[entering] = sl, tp
            self._opened[entering] = self._T[j[entering]]
        held = np.flatnonzero(self._qty != 0.0)
        if held.size:  # the OCO on bar j (the whole bar after an entry at its open)
            self._protect(held, j[held], s)
        eq = self._cash + self._qty * c
        reward = cfg.reward_scale * (eq - self._prev) / cfg.cash - cfg.invalid_penalty * invalid
        self._prev = eq.copy()  # info keeps `eq`; a reset below rewrites _prev in place
        self._ret += reward
        self._steps += 1
        self._bar += 1
        terminated = eq < cfg.ruin_fraction * cfg.cash
        truncated = ~terminated & ((self._steps >= cfg.episode_bars) | (self._bar >= self._stop - 1))
        done = terminated | truncated
        info: dict[str, Any] = {
            "equity": eq, "position": np.sign(self._qty).astype(np.int8), "invalid": invalid,
            "bar": self._bar.copy(), "trades": self._trades.copy(), "series": self.series_index,
        }  # fmt: skip
        nan, none = np.full(self.num_envs, np.nan), np.full(self.num_envs, -1)
        ended = np.flatnonzero(done)
        if ended.size:
            info.update(
                episode_return=np.where(done, self._ret, nan), episode_equity=np.where(done, eq / cfg.cash, nan),
                episode_trades=np.where(done, self._trades, none), episode_bars=np.where(done, self._steps, none),
            )  # fmt: skip
            # what followed the last step of every env (a truncated episode's value bootstraps from it)
            info["final_obs"] = self._observe(self._off + self._bar)
            self._restart(ended, None)
        else:
            info.update(
                episode_return=nan, episode_equity=nan.copy(), episode_trades=none, episode_bars=none.copy()
            )
        obs = self._observe(self._off + self._bar)
        info["valid"] = self.valid
        return obs, reward.astype(np.float32), terminated, truncated, info

    # ---- internals -------------------------------------------------------------------------------
    def _restart(self, idx: I64, forced: I64 | None) -> None:
        if forced is not None:
            start = forced[idx]
            bad = (start < self._lo[idx]) | (start > self._stop[idx] - 2)
            if np.any(bad):
                raise ValueError(f"start bars {start[bad].tolist()} lie outside the episodes' range")
        else:
            start = self._rng.integers(self._lo[idx], self._hi[idx])
        cash = self.config.cash
        self._bar[idx] = start
        self._cash[idx] = self._prev[idx] = cash
        self._qty[idx] = self._ret[idx] = 0.0
        self._entry[idx] = 1.0  # flat: any positive price (unrealised is 0 without a position)
        self._sl[idx] = self._tp[idx] = np.nan
        self._opened[idx], self._steps[idx], self._trades[idx] = 0, 0, 0

    def _observe(self, g: I64) -> F32:
        """Market row of each environment's bar with its account row, computed as the policy
        strategy computes it from the position it holds (see `observation`)."""
        c = self._C[g]
        qty = self._qty
        pos = np.sign(qty)
        held = qty != 0.0
        atr = self._A[g]  # positive from first_valid on; a flat env's NaN stop only makes NaNs
        unrealised = np.where(held, (c / self._entry - 1.0) * pos, 0.0)
        distance = np.where(held & (self._sl > 0) & (atr > 0), np.abs(c - self._sl) / atr, 0.0)
        bars = np.where(held, np.maximum((self._T[g] - self._opened) // self._dur + 1, 1), 0)
        self.valid = self._masks[pos.astype(np.int64) + 1]
        account = account_features(pos, unrealised, distance, bars, self._clip)
        return np.concatenate((self._M[g], account), axis=1)

    def _close(self, idx: I64, px: F64) -> None:
        """Book exit fills of the whole position at `px` (fee: the rate plus the exit's fixed fee)."""
        q = self._qty[idx]
        self._cash[idx] -= -q * px + (np.abs(px * np.abs(q)) * self.config.fee_rate + self.config.fee_exit)
        self._qty[idx] = 0.0
        self._sl[idx], self._tp[idx], self._entry[idx] = np.nan, np.nan, 1.0
        self._trades[idx] += 1

    def _protect(self, idx: I64, j: I64, s: float) -> None:
        """Match each held position's stop and target on bar j (`execution.matching` rules)."""
        long = self._qty[idx] > 0
        o, h, lo = self._O[j], self._H[j], self._L[j]
        sl, tp = self._sl[idx], self._tp[idx]
        gap = np.where(long, o <= sl, o >= sl)
        stop_hit = gap | np.where(long, lo <= sl, h >= sl)
        ref = np.where(gap, o, sl)
        hit = np.flatnonzero(stop_hit)
        if hit.size:
            r = ref[hit]
            self._close(idx[hit], np.where(long[hit], r * (1.0 - s), r * (1.0 + s)))
        took = np.flatnonzero(~stop_hit & np.where(long, h >= tp, lo <= tp))
        if took.size:  # a resting limit: its own price, maker, no slippage
            self._close(idx[took], tp[took])

    def _size(self, idx: I64, g: I64, sign: F64) -> tuple[B, F64, F64, F64]:
        """(approved, qty, stop, target) of entries decided at global bars g, as the gate sizes them
        (`risk.entry_review`; the account is flat, so equity = free quote = cash)."""
        cfg = self.config
        r = self._rules[idx]
        tick = r[:, _TICK : _TICK + 3]
        close = self._C[g]
        with np.errstate(invalid="ignore", divide="ignore"):
            atr = self._A[g]
            stop_raw, tgt_raw = entry_levels(close, atr, sign, cfg.stop_atr, cfg.reward_risk)
            ok = (
                (atr > 0) & (close > 0) & (stop_raw > 0) & (tgt_raw > 0)
            )  # enter_for makes no Enter otherwise
            long = sign > 0
            sl = np.where(long, floor_to(stop_raw, tick), ceil_to(stop_raw, tick))
            tp = np.where(long, floor_to(tgt_raw, tick), ceil_to(tgt_raw, tick))
            risk, reward = (close - sl) * sign, (tp - close) * sign
            ok &= (sl > 0) & (risk > 0) & (reward > 0)
            s, f, eq = cfg.slippage_bps / 10_000.0, cfg.fee_rate, self._cash[idx]
            entry_fill, stop_fill = close * (1.0 + sign * s), sl * (1.0 - sign * s)
            unit = (
                risk
                + ((entry_fill - close) * sign + (sl - stop_fill) * sign)
                + (entry_fill * f + stop_fill * f)
            )  # `risk.sizing.unit_risk`: market entry and stop, taker fee (fee_rate) and slippage
            # the gate's floor is on the NET reward:risk (`risk.sizing.net_reward_risk`): the target
            # (a resting limit: maker fee, here fee_rate too, no slippage) less the entry's costs
            net = ((tp - entry_fill) * sign - entry_fill * f - tp * f) / unit
            ok &= net >= MIN_REWARD_RISK
            cap = np.minimum(cfg.risk_fraction * eq / unit, cfg.max_position_fraction * eq / entry_fill)
            cap = np.where(long, np.minimum(cap, eq / (entry_fill * (1.0 + f))), cap)
            cap = np.minimum(cap, r[:, _MAX_QTY])
            q = floor_to(np.maximum(np.nan_to_num(cap), 0.0), r[:, _LOT : _LOT + 3])
            lowest = np.minimum(np.minimum(close, sl), tp)
            min_q = ceil_to(np.maximum(r[:, _MIN_NOTIONAL] / lowest, r[:, _MIN_QTY]), r[:, _STEP : _STEP + 3])
            small = q < min_q  # the gate sizes up to the venue's minimum when the caps allow it
            ok &= ~small | (min_q <= cap)
            q = np.where(small, min_q, q)
            ok &= q > 0
        return ok, q, sl, tp

    # ---- read access -----------------------------------------------------------------------------
    @property
    def bars(self) -> I64:
        """Each environment's current bar (index within its series)."""
        return self._bar.copy()

    def equity(self) -> F64:
        """Each environment's cash plus its position marked at its current bar's close."""
        eq: F64 = self._cash + self._qty * self._C[self._off + self._bar]
        return eq
