"""Levels: prior-day high/low breakouts and their retests.

Long on a breakout: the bar closes above the prior UTC day's high after the previous bar closed
at or below it, on above-average volume. Long on a retest: within `retest_bars` after such a
breakout, price dips back to the level (low within a fraction of ATR of it) and closes above it
on a rising bar. Short mirrored at the prior day's low. Stop just beyond the level on the far
side; targets at reward:risk multiples. Exits when the breakout fails (close back through the
level by a margin).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field
from talib import stream as ta

from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.proposal import Target
from aitrader.features.indicators import atr, relative_volume
from aitrader.features.stream import Bar, Lag, RelativeVolume, TalibHandle
from aitrader.risk.placement import rr_targets, structure_stop
from aitrader.strategies.base import MarketView
from aitrader.strategies.cost_guard import COSTS
from aitrader.strategies.kit import finite, prev, prior_day_levels
from aitrader.strategies.kit_stream import PriorDayLevels
from aitrader.strategies.placement_guard import PLACEMENT
from aitrader.strategies.regime import CodeArray, Regime
from aitrader.strategies.rule import RuleStrategy
from aitrader.strategies.search import search


class LevelsParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    volume_ratio: float = Field(
        default=1.5,
        ge=0,
        le=20,
        description="breakout volume at least this x its mean",
        json_schema_extra=search(1.0, 3.0, step=0.25),
    )
    retest_bars: int = Field(
        default=240,
        ge=1,
        le=5000,
        description="bars after a breakout a retest may come",
        json_schema_extra=search(24, 480, step=24),
    )
    retest_atr: float = Field(
        default=0.5, ge=0, le=10, description="retest: low within this many ATR of the level"
    )
    atr_period: int = Field(default=14, ge=2, le=200, description="ATR period")
    stop_buffer_atr: float = Field(
        default=1.0, ge=0, le=10, description="stop this many ATR beyond the level"
    )
    stop_min_atr: float = Field(default=1.5, gt=0, le=20, description="stop at least this many ATR away")
    stop_max_atr: float = Field(
        default=6.0,
        gt=0,
        le=50,
        description="stop at most this many ATR away",
        json_schema_extra=search(3.0, 10.0, step=1.0),
    )
    fail_atr: float = Field(
        default=1.0, ge=0, le=10, description="exit when close is this many ATR back through"
    )
    rr1: float = Field(
        default=2.0,
        gt=0,
        le=20,
        description="first target, reward:risk (half)",
        json_schema_extra=search(1.0, 4.0, step=0.5),
    )
    rr2: float = Field(
        default=4.0,
        gt=0,
        le=50,
        description="second target, reward:risk (the rest)",
        json_schema_extra=search(2.0, 8.0, step=0.5),
    )


def _breaks(
    close: npt.NDArray[np.float64], x: Mapping[str, npt.NDArray[Any]]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(close broke above the prior-day high, below the prior-day low) on this bar, inputs warm."""
    pdh, pdl, pc = x["prior_day_high"], x["prior_day_low"], x["close_prev"]
    ok = finite(pdh, pdl, x["atr"], x["rvol"], pc)
    with np.errstate(invalid="ignore"):
        return ok & (close > pdh) & (pc <= pdh), ok & (close < pdl) & (pc >= pdl)


def _recent(event: npt.NDArray[np.bool_], window: int) -> npt.NDArray[np.bool_]:
    """True on bars 1..window after an `event` bar (the event bar itself excluded)."""
    idx = np.arange(len(event))
    last = np.maximum.accumulate(np.where(event, idx, -1))
    last_before = prev(last.astype(np.float64))
    with np.errstate(invalid="ignore"):
        return (last_before >= 0) & (idx - last_before <= window)


class LevelsStrategy(RuleStrategy[LevelsParams]):
    name: ClassVar[str] = "levels"
    description: ClassVar[str] = "prior-day high/low breakouts and retests"
    params_model: ClassVar[type[BaseModel]] = LevelsParams
    long_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_UP, Regime.RANGE})
    short_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_DOWN, Regime.RANGE})
    conditions: ClassVar[tuple[tuple[str, str], ...]] = (
        ("level", "level: a {side} break of the prior day's extreme on volume, or a retest of it that held"),
        PLACEMENT,
        COSTS,
    )
    evidence_columns: ClassVar[tuple[str, ...]] = ("close", "prior_day_high", "prior_day_low", "rvol", "atr")
    exit_text: ClassVar[str] = "the breakout failed (close back through the prior-day level)"

    def _warmup(self) -> int:
        day_bars = -(-Timeframe.D1.duration_ms // self.timeframe.duration_ms)
        # the whole prior day must be inside a live window (up to two days of bars), plus the
        # bars a retest may follow its breakout by
        return max(self.params.atr_period * 6, 20 * 3, 2 * day_bars + self.params.retest_bars + 1)

    def _indicators(self, c: Candles) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        pdh, pdl = prior_day_levels(c)
        x: dict[str, npt.NDArray[Any]] = {
            "prior_day_high": pdh,
            "prior_day_low": pdl,
            "atr": atr(c.high, c.low, c.close, p.atr_period),
            "rvol": relative_volume(c.volume, 20),
            "close_prev": prev(c.close),
        }
        brk_up, brk_dn = _breaks(c.close, x)
        x["recent_break_up"] = _recent(brk_up, p.retest_bars)
        x["recent_break_down"] = _recent(brk_dn, p.retest_bars)
        return x

    def _input_stream(self) -> _LevelsInputs:
        return _LevelsInputs(self)

    def _rules(
        self, c: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        p = self.params
        pdh, pdl, a, rvol = x["prior_day_high"], x["prior_day_low"], x["atr"], x["rvol"]
        ok = finite(pdh, pdl, a, rvol, x["close_prev"])
        brk_up, brk_dn = _breaks(c.close, x)
        with np.errstate(invalid="ignore"):
            retest_up = (
                ok
                & x["recent_break_up"]
                & (c.low <= pdh + p.retest_atr * a)
                & (c.close > pdh)
                & (c.close > c.open)
                & ~brk_up
            )
            retest_dn = (
                ok
                & x["recent_break_down"]
                & (c.high >= pdl - p.retest_atr * a)
                & (c.close < pdl)
                & (c.close < c.open)
                & ~brk_dn
            )
            vol_ok = rvol >= p.volume_ratio
            return {
                "close": c.close,
                "prior_day_high": pdh,
                "prior_day_low": pdl,
                "rvol": rvol,
                "atr": a,
                "breakout_long": brk_up & vol_ok,
                "breakout_short": brk_dn & vol_ok,
                "retest_long": retest_up,
                "retest_short": retest_dn,
                "long_level": (brk_up & vol_ok) | retest_up,
                "short_level": (brk_dn & vol_ok) | retest_dn,
                "exit_long": ok & (c.close < pdh - p.fail_atr * a),
                "exit_short": ok & (c.close > pdl + p.fail_atr * a),
            }

    def _stop(self, view: MarketView, side: Side) -> float:
        p = self.params
        level = view.value("prior_day_high" if side is Side.BUY else "prior_day_low")
        return structure_stop(
            view.close, side, level, view.value("atr"), p.stop_buffer_atr, p.stop_min_atr, p.stop_max_atr
        )

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        return rr_targets(view.close, stop, side, (self.params.rr1, self.params.rr2), (0.5, 0.5))

    def rationale(self, view: MarketView, side: Side, stop: float, targets: tuple[Target, ...]) -> str:
        key = "long" if side is Side.BUY else "short"
        kind = "breakout" if view.flag(f"breakout_{key}") else "retest"
        level = view.value("prior_day_high" if side is Side.BUY else "prior_day_low")
        return (
            f"{kind} of the prior-day {'high' if side is Side.BUY else 'low'} {level:.2f}. "
            + super().rationale(view, side, stop, targets)
        )


class _LevelsInputs:
    """`LevelsStrategy._indicators`, one closed bar at a time (the breakouts' recency as the index
    of the last one)."""

    def __init__(self, strategy: LevelsStrategy) -> None:
        p = strategy.params
        self._strategy = strategy
        self._window = p.retest_bars
        self._days = PriorDayLevels(strategy.timeframe)
        self._atr = TalibHandle(ta.ATR, timeperiod=p.atr_period)
        self._rvol = RelativeVolume(20)
        self._close_prev = Lag(1)
        self._bar = 0  # index of the next bar
        self._last_up = self._last_down = -1  # index of the last breakout each way (-1: none)

    def warm(self, c: Candles) -> None:
        self._days.warm(c)
        self._atr.warm(c.high, c.low, c.close)
        self._rvol.warm(c.volume)
        self._close_prev.warm(c.close)
        self._bar = len(c)
        brk_up, brk_dn = _breaks(c.close, self._strategy._indicators(c))  # the last breakouts so far
        up, down = np.flatnonzero(brk_up), np.flatnonzero(brk_dn)
        self._last_up = int(up[-1]) if len(up) else -1
        self._last_down = int(down[-1]) if len(down) else -1

    def push(self, b: Bar) -> dict[str, float]:
        pdh, pdl = self._days.push(b)
        x = {
            "prior_day_high": pdh,
            "prior_day_low": pdl,
            "atr": self._atr.update(b.high, b.low, b.close)[0],
            "rvol": self._rvol.push(b.volume),
            "close_prev": self._close_prev.push(b.close),
        }
        i = self._bar
        self._bar = i + 1
        row = {name: np.array([value]) for name, value in x.items()}
        brk_up, brk_dn = _breaks(np.array([b.close]), row)
        x["recent_break_up"] = self._last_up >= 0 and i - self._last_up <= self._window
        x["recent_break_down"] = self._last_down >= 0 and i - self._last_down <= self._window
        if brk_up[0]:
            self._last_up = i
        if brk_dn[0]:
            self._last_down = i
        return x
