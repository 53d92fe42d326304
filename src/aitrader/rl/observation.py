"""What an RL policy observes: z-scored market columns (causal, finite windows) and the account.

Market columns at bar i use bars i-window+1 .. i only, every one through a finite window, so a
trailing window of `ObsSpec.warmup` bars gives exactly the values the whole history gives (live
trading recomputes them over such a window; tests/rl check both properties). Each column is a
rolling z-score over `zscore_window` bars, clipped to +-`clip`:

- open_z, high_z, low_z, close_z: the price against its own rolling mean and deviation (the PRD's
  normalised OHLC), volume_z: log volume;
- ret_1, ret_n: one-bar and `ret_bars`-bar log returns;
- range: (high - low) / close; the four regime columns the gating network reads:
  trend (least-squares slope over `trend_bars` per ATR), volatility (log ATR / close),
  reversion (distance of close from its `reversion_bars` mean, in ATRs), compression (the
  `reversion_bars` high-low channel width in ATRs).

Account columns (per environment, appended after the market ones): position sign, unrealised
return of the open position (x 10), the distance from the close to the position's stop in ATRs
(0 when flat) and bars held / 100 (each clipped to +-`clip`). Every one of them is what a running
strategy sees of its own position (entry price, stop, opening time), so a policy observes the
same thing in training, backtest, paper and live. Account equity is deliberately not among
them: how much of the account a trade risks is the gate's decision, not the policy's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field

from aitrader.domain import Candles
from aitrader.domain.position import Position

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]

MARKET_COLUMNS = (
    "open_z", "high_z", "low_z", "close_z", "volume_z", "ret_1", "ret_n", "range",
    "trend", "volatility", "reversion", "compression",
)  # fmt: skip
REGIME_COLUMNS = ("trend", "volatility", "reversion", "compression")
ACCOUNT_COLUMNS = ("position", "unrealised", "stop_distance", "bars_held")
N_MARKET = len(MARKET_COLUMNS)
N_ACCOUNT = len(ACCOUNT_COLUMNS)
REGIME_INDEX = tuple(MARKET_COLUMNS.index(c) for c in REGIME_COLUMNS)


class ObsSpec(BaseModel):
    """Windows of the observation columns (a checkpoint stores them with the policy)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    zscore_window: int = Field(default=256, ge=16, le=10_000)
    atr_bars: int = Field(default=14, ge=2, le=500)
    ret_bars: int = Field(default=12, ge=2, le=500)
    trend_bars: int = Field(default=48, ge=4, le=2_000)
    reversion_bars: int = Field(default=20, ge=4, le=2_000)
    clip: float = Field(default=5.0, gt=0, le=100)

    @property
    def obs_dim(self) -> int:
        return N_MARKET + N_ACCOUNT

    @property
    def warmup(self) -> int:
        """Bars of history, the decision bar included, before the first complete observation."""
        raw = max(self.atr_bars + 1, self.ret_bars + 1, self.trend_bars, self.reversion_bars)
        return raw + self.zscore_window - 1


@dataclass(frozen=True)
class MarketFeatures:
    """The market columns of one series and the ATR the entries' stops use."""

    matrix: F32  # (n, N_MARKET); rows before `first_valid` are zeros
    atr: F64  # (n,) simple mean of the true range over `atr_bars` (NaN while warming up)
    first_valid: int  # first bar whose observation is complete


def _rolling_mean(x: F64, n: int) -> F64:
    """Mean of x[i-n+1 .. i] (NaN before bar n-1 or where the window holds a NaN), summed per window
    so that a trailing window gives bit-for-bit the value the whole history gives (a running sum
    would not: its rounding depends on where the series starts, and stop prices would differ)."""
    out = np.full(len(x), np.nan)
    if len(x) >= n:
        out[n - 1 :] = np.lib.stride_tricks.sliding_window_view(x, n).mean(axis=1)
    return out


def _rolling_zscore(x: F64, n: int, clip: float) -> F64:
    """(x - mean) / std over the trailing n values, computed on windows (exact, no running sums
    that would make a trailing window differ from the whole history)."""
    out = np.full(len(x), np.nan)
    if len(x) >= n:
        w = np.lib.stride_tricks.sliding_window_view(x, n)
        mean = w.mean(axis=1)
        std = w.std(axis=1)
        z = np.divide(x[n - 1 :] - mean, std, out=np.zeros_like(mean), where=std > 1e-12)
        out[n - 1 :] = np.clip(z, -clip, clip)
    return out


def _rolling_extreme(x: F64, n: int, high: bool) -> F64:
    out = np.full(len(x), np.nan)
    if len(x) >= n:
        w = np.lib.stride_tricks.sliding_window_view(x, n)
        out[n - 1 :] = w.max(axis=1) if high else w.min(axis=1)
    return out


def _slope(x: F64, n: int) -> F64:
    """Least-squares slope of x over the trailing n bars (per bar)."""
    out = np.full(len(x), np.nan)
    if len(x) >= n:
        t = np.arange(n, dtype=np.float64) - (n - 1) / 2.0
        w = np.lib.stride_tricks.sliding_window_view(x, n)
        out[n - 1 :] = (w - w.mean(axis=1, keepdims=True)) @ t / float(t @ t)
    return out


def market_features(candles: Candles, spec: ObsSpec | None = None) -> MarketFeatures:
    """The market columns over `candles` (see the module docstring)."""
    s = spec or ObsSpec()
    o, h, lo, c, v = (
        np.asarray(a, dtype=np.float64)
        for a in (candles.open, candles.high, candles.low, candles.close, candles.volume)
    )
    n = len(c)
    prev = np.concatenate(([np.nan], c[:-1]))
    tr = np.fmax(h - lo, np.fmax(np.abs(h - prev), np.abs(lo - prev)))
    tr[0] = np.nan
    atr = _rolling_mean(tr, s.atr_bars)
    logc = np.log(c)
    ret1 = np.concatenate(([np.nan], np.diff(logc)))
    retn = np.full(n, np.nan)
    if n > s.ret_bars:
        retn[s.ret_bars :] = logc[s.ret_bars :] - logc[: -s.ret_bars]
    safe_atr = np.where(atr > 0, atr, np.nan)
    raw = {
        "open_z": o, "high_z": h, "low_z": lo, "close_z": c,
        "volume_z": np.log1p(np.maximum(v, 0.0)),
        "ret_1": ret1, "ret_n": retn, "range": (h - lo) / c,
        "trend": _slope(c, s.trend_bars) / safe_atr,
        "volatility": np.log(safe_atr / c),
        "reversion": (c - _rolling_mean(c, s.reversion_bars)) / safe_atr,
        "compression": (_rolling_extreme(h, s.reversion_bars, True) - _rolling_extreme(lo, s.reversion_bars, False)) / safe_atr,
    }  # fmt: skip
    cols = [_rolling_zscore(raw[name], s.zscore_window, s.clip) for name in MARKET_COLUMNS]
    m = np.stack(cols, axis=1) if n else np.zeros((0, N_MARKET))
    complete = np.isfinite(m).all(axis=1)
    first = int(np.argmax(complete)) if complete.any() else n
    first = max(first, s.warmup - 1) if first < n else n
    matrix = np.nan_to_num(m, nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    matrix[:first] = 0.0
    return MarketFeatures(matrix, atr, first)


def account_features(
    position: npt.ArrayLike,
    unrealised: npt.ArrayLike,
    stop_distance: npt.ArrayLike,
    bars_held: npt.ArrayLike,
    clip: float = 5.0,
) -> F32:
    """(n, N_ACCOUNT) account columns for n environments (see the module docstring).

    `unrealised`: (close / entry - 1) x side; `stop_distance`: |close - stop| / ATR (0 when flat)."""
    pos = np.asarray(position, dtype=np.float64)
    cols = (
        np.sign(pos),
        10.0 * np.asarray(unrealised, dtype=np.float64),
        np.asarray(stop_distance, dtype=np.float64),
        np.asarray(bars_held, dtype=np.float64) / 100.0,
    )
    out: F32 = np.clip(np.stack(cols, axis=-1), -clip, clip).astype(np.float32)
    return out


def position_row(
    position: Position | None, close: float, atr: float, time_ms: int, bar_ms: int, clip: float = 5.0
) -> F32:
    """The account columns of one open `position` (or none) at the close of the bar opening at
    `time_ms` — what a running strategy sees of its own position; the kernel environment and the
    policy strategy both call this, the vectorised environment computes the same columns in bulk."""
    if position is None:
        flat: F32 = account_features([0.0], [0.0], [0.0], [0.0], clip)[0]
        return flat
    sign = 1.0 if position.is_long else -1.0
    entry, stop = float(position.entry_price), float(position.stop)
    unrealised = (close / entry - 1.0) * sign if entry > 0 else 0.0
    distance = abs(close - stop) / atr if stop > 0 and atr > 0 else 0.0
    held = max((time_ms - position.opened_ms) // bar_ms + 1, 1) if position.opened_ms else 1
    row: F32 = account_features([sign], [unrealised], [distance], [held], clip)[0]
    return row
