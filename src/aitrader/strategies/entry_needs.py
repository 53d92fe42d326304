"""The comparisons behind each entry condition of the built-in strategies, with the figures on a bar.

`RuleStrategy.explain` says whether a condition held; this says what it compares: "close above the
30-bar high (64,500 vs 64,012)", "RSI 14 below 80". A market view turns the failed ones into what
would have to change for the strategy to enter.

Each builder mirrors its strategy's `_rules` (same inputs, same operators, same parameters);
`tests/strategies/test_entry_needs.py` holds them to it: on every warmed-up bar of real samples a
requirement holds exactly when the strategy's own condition column does. A strategy without a
builder still gets one requirement per condition: a plain statement, held or not.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from aitrader.domain import Side
from aitrader.strategies.base import MarketView
from aitrader.strategies.confluence import ConfluenceStrategy
from aitrader.strategies.kit import body_ratio
from aitrader.strategies.levels import LevelsStrategy
from aitrader.strategies.momentum import MomentumStrategy
from aitrader.strategies.range_reversion import RangeStrategy
from aitrader.strategies.regime import Regime, regime_name, regime_of
from aitrader.strategies.rule import RuleStrategy

Unit = Literal["price", "level", "ratio"]  # quote currency; an oscillator on 0..100; a plain ratio
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">": operator.gt,
    ">=": operator.ge,
    "<": operator.lt,
    "<=": operator.le,
}


@dataclass(frozen=True, slots=True)
class Need:
    """`subject op threshold` on this bar (e.g. close > EMA 50), or a plain statement when `op` is ''."""

    subject: str
    held: bool
    op: str = ""  # ">", ">=", "<", "<=" or "" (a statement)
    value: float = math.nan
    threshold: float = math.nan
    threshold_name: str = ""  # what the threshold is ("EMA 50", "30-bar high"); "" for a fixed figure
    unit: Unit = "price"


Group = tuple[Need, ...]


@dataclass(frozen=True, slots=True)
class Requirement:
    """What one entry condition needs: any one of `groups` holding in full (most have one group)."""

    key: str
    groups: tuple[Group, ...]

    @property
    def held(self) -> bool:
        return any(all(n.held for n in g) for g in self.groups)


def _cmp(subject: str, op: str, value: float, threshold: float, name: str = "", unit: Unit = "price") -> Need:
    held = bool(_OPS[op](value, threshold))  # NaN compares False: a warming input never holds
    return Need(subject, held, op, float(value), float(threshold), name, unit)


class _Row:
    """The strategy's columns and inputs at the view's bar (inputs computed once, on the bars seen)."""

    def __init__(self, strategy: RuleStrategy[Any], view: MarketView) -> None:
        self.strategy, self.view = strategy, view
        self._inputs: dict[str, npt.NDArray[Any]] | None = None
        c, i = view.features.candles, view.index
        self.open, self.high, self.low, self.close = (
            float(c.open[i]), float(c.high[i]), float(c.low[i]), float(c.close[i]),
        )  # fmt: skip

    def __call__(self, name: str, back: int = 0) -> float:
        if name in self.view.features:
            return self.view.value(name, back)
        if self._inputs is None:  # `_rules` reads inputs that are not feature columns (DI, prior values)
            self._inputs = self.strategy._indicators(self.view.candles)
        col = self._inputs[name]
        j = len(col) - 1 - back
        return float(col[j]) if j >= 0 else math.nan

    def body(self) -> float:
        o, h, lo, c = (np.array([v], dtype=np.float64) for v in (self.open, self.high, self.low, self.close))
        return float(body_ratio(o, h, lo, c)[0])


def _confluence(s: ConfluenceStrategy, x: _Row, side: Side) -> dict[str, tuple[Group, ...]]:
    p = s.params
    up = side is Side.BUY
    gt, lt = (">", "<") if up else ("<", ">")
    fast, slow = f"EMA {p.ema_fast}", f"EMA {p.ema_slow}"
    htf = f"{s.htf.value} EMA {p.htf_ema}"
    extreme = f"{p.breakout_bars}-bar {'high' if up else 'low'}"
    rsi = f"RSI {p.rsi_period}"
    floor, cap = (p.rsi_floor, p.rsi_cap) if up else (100 - p.rsi_floor, 100 - p.rsi_cap)
    return {
        "trend": ((_cmp(fast, gt, x("ema_fast"), x("ema_slow"), slow),
                   _cmp("close", gt, x.close, x("htf_ema"), htf)),),
        "momentum": ((_cmp("MACD histogram", gt, x("macd_hist"), 0.0),),),
        "rsi": ((_cmp(rsi, gt, x("rsi"), floor, unit="level"), _cmp(rsi, lt, x("rsi"), cap, unit="level")),),
        "breakout": ((_cmp("close", gt, x.close, x("range_high" if up else "range_low"), extreme),
                      _cmp("close", gt, x.close, x.open, "the bar's open"),
                      _cmp("candle body / range", ">=", x.body(), p.min_body, unit="ratio")),),
        "volume": ((_cmp("volume / 20-bar average", ">=", x("rvol"), p.volume_ratio, unit="ratio"),),),
    }  # fmt: skip


def _momentum(s: MomentumStrategy, x: _Row, side: Side) -> dict[str, tuple[Group, ...]]:
    p = s.params
    up = side is Side.BUY
    gt = ">" if up else "<"
    ema = f"EMA {p.ema_slow}"
    lead, lag = ("+DI", "-DI") if up else ("-DI", "+DI")
    di = {"+DI": x("plus_di"), "-DI": x("minus_di")}
    rsi = f"RSI {p.rsi_period}"
    trigger = p.rsi_trigger if up else 100 - p.rsi_trigger
    return {
        "trend": ((_cmp("close", gt, x.close, x("ema_slow"), ema),
                   _cmp(ema, gt, x("ema_slow"), x("ema_slow_before"), f"{ema} {p.slope_bars} bars ago")),),
        "strength": ((_cmp(f"ADX {p.adx_period}", ">=", x("adx"), p.adx_min, unit="level"),
                      _cmp(lead, ">", di[lead], di[lag], lag, unit="level")),),
        "impulse": ((_cmp(rsi, gt, x("rsi"), trigger, unit="level"),
                     _cmp(f"previous bar's {rsi}", "<=" if up else ">=", x("rsi_prev"), trigger,
                          unit="level")),),
        "volume": ((_cmp("volume / 20-bar average", ">=", x("rvol"), p.volume_ratio, unit="ratio"),),),
    }  # fmt: skip


def _range(s: RangeStrategy, x: _Row, side: Side) -> dict[str, tuple[Group, ...]]:
    p = s.params
    up = side is Side.BUY
    gt, lt = (">", "<") if up else ("<", ">")
    band, other = ("lower", "upper") if up else ("upper", "lower")
    rsi = f"previous bar's RSI {p.rsi_period}"
    return {
        "stretch": ((_cmp("previous close", lt, x("close_prev"), x(f"bb_{band}_prev"),
                          f"the previous {band} Bollinger band"),
                     _cmp(rsi, lt, x("rsi_prev"), p.rsi_extreme if up else 100 - p.rsi_extreme,
                          unit="level")),),
        "reversal": ((_cmp("close", gt, x.close, x(f"bb_{band}"), f"the {band} Bollinger band"),
                      _cmp("close", gt, x.close, x.open, "the bar's open"),
                      _cmp("close", lt, x.close, x("bb_mid"), f"the middle band (toward the {other})")),),
    }  # fmt: skip


def _levels(s: LevelsStrategy, x: _Row, side: Side) -> dict[str, tuple[Group, ...]]:
    p = s.params
    up = side is Side.BUY
    gt = ">" if up else "<"
    level, name = (x("prior_day_high"), "prior-day high") if up else (x("prior_day_low"), "prior-day low")
    reach = level + p.retest_atr * x("atr") if up else level - p.retest_atr * x("atr")
    recent = x("recent_break_up" if up else "recent_break_down") > 0
    breakout = (
        _cmp("close", gt, x.close, level, name),
        _cmp("previous close", "<=" if up else ">=", x("close_prev"), level, name),
        _cmp("volume / 20-bar average", ">=", x("rvol"), p.volume_ratio, unit="ratio"),
    )
    retest = (
        Need(f"a break of the {name} in the last {p.retest_bars} bars", recent),
        _cmp("low" if up else "high", "<=" if up else ">=", x.low if up else x.high, reach,
             f"{name} {'+' if up else '-'} {p.retest_atr:g} ATR"),
        _cmp("close", gt, x.close, level, name),
        _cmp("close", gt, x.close, x.open, "the bar's open"),
        _cmp("previous close", gt, x("close_prev"), level, name),
    )  # fmt: skip
    return {"level": (breakout, retest)}


_BUILDERS: dict[type[RuleStrategy[Any]], Callable[[Any, _Row, Side], dict[str, tuple[Group, ...]]]] = {
    ConfluenceStrategy: _confluence,
    MomentumStrategy: _momentum,
    RangeStrategy: _range,
    LevelsStrategy: _levels,
}


def entry_requirements(strategy: RuleStrategy[Any], view: MarketView, side: Side) -> list[Requirement]:
    """One requirement per entry condition of `side` on this bar, in `explain`'s order (regime first)."""
    prefix = "long" if side is Side.BUY else "short"
    wanted = strategy.long_regimes if side is Side.BUY else strategy.short_regimes
    now = regime_name(strategy_regime(view))
    names = " or ".join(sorted(regime_name(r) for r in wanted)) or "none"
    gate = Need(
        f"{strategy.name}'s regime gate to read {names} (it reads {now})", view.flag(f"{prefix}_regime")
    )
    out = [Requirement("regime", ((gate,),))]
    builder = _BUILDERS.get(type(strategy))
    built = builder(strategy, _Row(strategy, view), side) if builder is not None else {}
    for key, text in strategy.conditions:
        held = view.flag(f"{prefix}_{key}")
        groups = built.get(key) or ((Need(text.format(side=prefix), held),),)
        if key == "placement":
            groups = ((Need(f"a valid stop and targets for the {prefix}", held),),)
        out.append(Requirement(key, groups))
    return out


def strategy_regime(view: MarketView) -> Regime:
    """The strategy's own regime label on this bar (its gate's settings, not the features layer's)."""
    return regime_of(int(view.value("regime")))


__all__ = ["Need", "Requirement", "Unit", "entry_requirements", "strategy_regime"]
