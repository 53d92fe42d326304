"""Ensemble: one long-only rule per market regime, for 1h and 4h bars.

Fees and slippage eat every edge on 1m/5m bars (issue 22), so this strategy is meant for 1h and 4h
bars; its parameters are in bars, with defaults for 1h (`ensemble_inputs`). It is LONG ONLY (spot:
no shorts) and asks the regime of the bar which rule may fire:

- TREND_UP, trend leg: close above a rising trend EMA and above the highest high of the last
  `donchian_bars` bars (a Donchian breakout). Stop `stop_atr` ATR below the close, one far target at
  `trend_rr` R: most of the gain is meant to come from the trailing stop.
- RANGE, mean-reversion leg: in a longer-term uptrend (close above the context EMA) the close falls
  below the lower Bollinger band with RSI oversold. Target the middle band; stop `revert_stop_atr`
  ATR below the entry.
- RANGE, squeeze breakout leg: the band's width was in the lowest `squeeze_pct` of its trailing
  distribution within the last `squeeze_bars` bars, and the close clears the upper band on
  `volume_ratio` x average volume, above the context EMA (long only: a breakout against the
  longer-term trend is the one that fails most). Stop below the low of the squeeze bars (kept
  between 1 and `stop_atr` ATR), targets at `breakout_rr1`/`breakout_rr2` R.
- TREND_DOWN, HIGH_VOLATILITY, ILLIQUID: no entries. A long-only book has nothing to gain in a
  down-trend; the top 5% of volatility on these bars are mostly liquidation cascades, where stops
  slip and a rule's ATR is stale; an illiquid market's prices are not to be trusted. UNKNOWN only
  labels bars whose regime inputs are still warming up, which the warm-up excludes anyway.

The leg that fired is the `leg` column (`Leg`), so the stop, the targets, the confidence, the
rationale and the evidence name the rule and its figures. `RuleStrategy` ANDs its conditions, so
the ensemble is one `setup` condition ("one rule of this regime held") plus the placement check;
`explain` says which leg held, or what each leg of the regime was missing.

Exits. The resting stop and targets do most of the work, and every position's stop trails (Adjust
on every bar, as in `momentum`): `trail_atr` ATR behind the close, and at least to breakeven (fees
paid) once the close is `stop_atr` ATR in profit. `exit_long` says the trend context was lost: the regime turned
TREND_DOWN (for a dip bought in a range too: the range broke down), or the close CROSSED below the
trend EMA on this bar. A crossing, not a level: a mean-reversion long is bought below the trend EMA
on purpose, and a level rule would close it on the next bar. A column cannot know which leg opened a
position (a `Position` carries its entry, stop, targets and plan, not the proposal that opened it),
but it does not need to: trend entries are above the EMA, so a crossing is the first close below
it; a dip bought below it meets a crossing only once price has come back above the EMA and fallen
through it again short of the middle-band target (which sits above the EMA in 78 of the 80 such
dips on BTCUSDT 1h 2017-2022): the bounce failed, and closing it then is right. So the exit stays a
plain column, stream-equal, with no per-position state in `on_bar`.

Sizing is the gate's: with `Sizing.VOL_TARGET` each position carries about the same volatility,
always inside the risk budget (at most 10% of equity lost at the stop).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any, ClassVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from aitrader.domain import Candles, Side
from aitrader.domain.position import Position
from aitrader.domain.proposal import Adjust, AdjustKind, Target
from aitrader.risk.placement import atr_stop, breakeven_stop, chandelier_stop, rr_targets, structure_stop
from aitrader.strategies.base import MarketView
from aitrader.strategies.cost_guard import COSTS
from aitrader.strategies.ensemble_inputs import EnsembleInputs, EnsembleParams, ensemble_indicators
from aitrader.strategies.placement_guard import PLACEMENT
from aitrader.strategies.regime import CodeArray, Regime, regime_name, regime_of
from aitrader.strategies.rule import Condition, RuleStrategy
from aitrader.strategies.trailing import stop_move

BoolArray = npt.NDArray[np.bool_]


class Leg(IntEnum):
    """Which rule fired on a bar (the `leg` column)."""

    NONE = 0
    TREND = 1
    REVERSION = 2
    BREAKOUT = 3

    @property
    def label(self) -> str:
        return {0: "no", 1: "trend", 2: "mean-reversion", 3: "squeeze breakout"}[int(self)]


LEG_REGIME = {Leg.TREND: Regime.TREND_UP, Leg.REVERSION: Regime.RANGE, Leg.BREAKOUT: Regime.RANGE}
LEG_EVIDENCE: dict[Leg, tuple[str, ...]] = {
    Leg.TREND: ("ema_trend_before", "donchian_high"),
    Leg.REVERSION: ("bb_lower", "bb_mid", "rsi"),
    Leg.BREAKOUT: ("bb_upper", "squeeze_rank", "bars_since_squeeze", "squeeze_low", "rvol"),
}


def rule_checks(
    p: EnsembleParams, close: npt.NDArray[Any], x: Mapping[str, npt.NDArray[Any]]
) -> dict[Leg, tuple[BoolArray, ...]]:
    """Each leg's comparisons, element-wise (NaN compares False: a warming input never holds).
    `_rules` ANDs them; `explain` reads them one by one, so its words cannot drift from the rule."""
    with np.errstate(invalid="ignore"):
        above_context = close > x["ema_context"]
        return {
            Leg.TREND: (
                close > x["ema_trend"],
                x["ema_trend"] > x["ema_trend_before"],
                close > x["donchian_high"],
            ),
            Leg.REVERSION: (above_context, close < x["bb_lower"], x["rsi"] < p.rsi_oversold),
            Leg.BREAKOUT: (
                above_context,
                x["bars_since_squeeze"] <= p.squeeze_bars,
                close > x["bb_upper"],
                x["rvol"] >= p.volume_ratio,
            ),
        }


def _all(parts: tuple[BoolArray, ...]) -> BoolArray:
    return np.asarray(np.logical_and.reduce(parts), dtype=bool)


class EnsembleStrategy(RuleStrategy[EnsembleParams]):
    name: ClassVar[str] = "ensemble"
    description: ClassVar[str] = (
        "long-only, one rule per regime: trend breakout, dip reversion in a range, squeeze breakout"
    )
    params_model: ClassVar[type[BaseModel]] = EnsembleParams
    long_regimes: ClassVar[frozenset[Regime]] = frozenset({Regime.TREND_UP, Regime.RANGE})
    short_regimes: ClassVar[frozenset[Regime]] = frozenset()
    conditions: ClassVar[tuple[tuple[str, str], ...]] = (
        ("setup", "setup: one rule of this regime held for a {side} (trend_up: trend; range: "
                  "mean reversion or squeeze breakout)"),
        PLACEMENT,
        COSTS,
    )  # fmt: skip
    evidence_columns: ClassVar[tuple[str, ...]] = ("close", "ema_trend", "ema_context", "atr")
    exit_text: ClassVar[str] = (
        "trend context lost (regime trend_down, or the close crossed below the trend EMA)"
    )
    adjusts_every_bar: ClassVar[bool] = True

    def _warmup(self) -> int:
        p = self.params
        return max(
            p.context_ema * 3,
            p.trend_ema * 3 + p.slope_bars,
            p.bb_period + p.squeeze_lookback + p.squeeze_bars,
            p.rsi_period * 6,
            p.atr_period * 6,
            p.donchian_bars + 1,
            480,
        )

    def _indicators(self, c: Candles) -> dict[str, npt.NDArray[Any]]:
        return ensemble_indicators(c, self.params)

    def _input_stream(self) -> EnsembleInputs:
        return EnsembleInputs(self.params)

    def _rules(
        self, c: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        checks = rule_checks(self.params, c.close, x)
        rules = {leg: _all(parts) for leg, parts in checks.items()}
        leg = np.zeros(len(c), dtype=np.int8)
        for which in (Leg.BREAKOUT, Leg.REVERSION, Leg.TREND):  # later wins (they never overlap)
            leg[rules[which] & (regime == int(LEG_REGIME[which]))] = int(which)
        with np.errstate(invalid="ignore"):
            crossed_down = (c.close < x["ema_trend"]) & (x["close_prev"] >= x["ema_trend_prev"])
        cols: dict[str, npt.NDArray[Any]] = {"close": c.close, **x}
        cols.update(
            {
                "leg": leg,
                "rule_trend": rules[Leg.TREND],
                "rule_reversion": rules[Leg.REVERSION],
                "rule_breakout": rules[Leg.BREAKOUT],
                "long_setup": leg > 0,
                "short_setup": np.zeros(len(c), dtype=bool),
                "exit_long": (regime == int(Regime.TREND_DOWN)) | crossed_down,
                "exit_short": np.zeros(len(c), dtype=bool),
            }
        )
        return cols

    # ---- the plan of the leg that fired -----------------------------------------------------------
    def leg(self, view: MarketView) -> Leg:
        return Leg(int(view.value("leg")))

    def _stop(self, view: MarketView, side: Side) -> float:
        p, leg, a = self.params, self.leg(view), view.value("atr")
        if leg is Leg.REVERSION:
            return atr_stop(view.close, a, side, p.revert_stop_atr)
        if leg is Leg.BREAKOUT:
            return structure_stop(view.close, side, view.value("squeeze_low"), a, 0.25, 1.0, p.stop_atr)
        return chandelier_stop(view.close, a, side, p.stop_atr)

    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        p, leg = self.params, self.leg(view)
        if leg is Leg.REVERSION:
            return (Target(view.value("bb_mid"), 1.0),)
        if leg is Leg.BREAKOUT:
            return rr_targets(view.close, stop, side, (p.breakout_rr1, p.breakout_rr2), (0.5, 0.5))
        return rr_targets(view.close, stop, side, (p.trend_rr,), (1.0,))

    def _confidence(self, view: MarketView, side: Side) -> float:
        """Trend 0.65, breakout 0.6, reversion 0.55, each up to +0.3 by how strongly the bar said it
        (volume for the breakouts, how oversold for the dip)."""
        p, leg = self.params, self.leg(view)
        if leg is Leg.REVERSION:
            base, strength = 0.55, (p.rsi_oversold - view.value("rsi")) / p.rsi_oversold
        elif leg is Leg.BREAKOUT:
            base, strength = 0.6, (view.value("rvol") - p.volume_ratio) / (2 * max(p.volume_ratio, 0.5))
        else:
            base, strength = 0.65, (view.value("rvol") - 1.0) / 2
        strength = strength if strength == strength else 0.0  # NaN: no bonus
        return round(base + 0.3 * min(1.0, max(0.0, strength)), 3)

    def _adjust(self, view: MarketView, pos: Position) -> Adjust | None:
        """A chandelier `trail_atr` ATR behind the close, and at least breakeven (the fees paid) once
        the close is `stop_atr` ATR (1R of a trend entry) in profit; the stop only ever moves up, by
        `min_step_atr` ATR at least, and stays below the close."""
        p, a = self.params, view.value("atr")
        if not a > 0:
            return None
        sign = pos.side.sign
        entry, close = float(pos.entry_price), view.close
        kind = AdjustKind.TRAIL
        target = chandelier_stop(close, a, pos.side, p.trail_atr)
        if (close - entry) * sign >= p.stop_atr * a:  # 1R in profit: at least breakeven, fees paid
            even = breakeven_stop(entry, pos.side, p.breakeven_fee)
            if (even - target) * sign > 0:
                target, kind = even, AdjustKind.BREAKEVEN
        return stop_move(self.name, view, pos, target, kind, p.min_step_atr * a)

    # ---- words ------------------------------------------------------------------------------------
    def evidence(self, view: MarketView) -> Mapping[str, float | int | str | bool]:
        ev = dict(super().evidence(view))
        leg = self.leg(view)
        ev["leg"] = leg.label
        for name in LEG_EVIDENCE.get(leg, ()):
            ev[name] = round(view.value(name), 6)
        return ev

    def explain(self, view: MarketView, side: Side) -> list[Condition]:
        """`RuleStrategy.explain`, with the setup saying which leg held, or what each leg of this
        bar's regime was missing."""
        out = super().explain(view, side)
        return [
            Condition(c.key, self._setup_text(view, side), c.held) if c.key == "setup" else c for c in out
        ]

    def _setup_text(self, view: MarketView, side: Side) -> str:
        if side is Side.SELL:
            return "setup: none for a short (the ensemble is long only: spot)"
        regime = regime_of(int(view.value("regime")))
        legs = [leg for leg, r in LEG_REGIME.items() if r is regime]
        if not legs:
            return f"setup: no rule trades regime {regime_name(regime)} (the ensemble sits it out)"
        p = self.params
        x = {name: np.array([view.value(name)]) for name in ensemble_names()}
        checks = rule_checks(p, np.array([view.close]), x)
        words = self._check_words(view)
        leg = self.leg(view)
        if leg is not Leg.NONE:
            return f"setup: {leg.label} leg held ({', '.join(words[leg])})"
        missing = []
        for which in legs:
            failed = [w for w, ok in zip(words[which], checks[which], strict=True) if not ok[0]]
            missing.append(f"{which.label} needs {' and '.join(failed)}")
        return f"setup: no rule of regime {regime_name(regime)} held: {'; '.join(missing)}"

    def _check_words(self, view: MarketView) -> dict[Leg, tuple[str, ...]]:
        """What each comparison of `rule_checks` says, with this bar's figures (same order)."""
        p, v = self.params, view.value
        close = f"close {view.close:.8g}"
        context = f"{close} above the context EMA {p.context_ema} ({v('ema_context'):.8g})"
        return {
            Leg.TREND: (
                f"{close} above the trend EMA {p.trend_ema} ({v('ema_trend'):.8g})",
                f"the trend EMA rising ({v('ema_trend'):.8g} vs {v('ema_trend_before'):.8g} "
                f"{p.slope_bars} bars ago)",
                f"{close} above the {p.donchian_bars}-bar high {v('donchian_high'):.8g}",
            ),
            Leg.REVERSION: (
                context,
                f"{close} below the lower Bollinger band {v('bb_lower'):.8g}",
                f"RSI {p.rsi_period} {v('rsi'):.4g} below {p.rsi_oversold:g}",
            ),
            Leg.BREAKOUT: (
                context,
                f"a squeeze (bandwidth percentile <= {p.squeeze_pct:g} of {p.squeeze_lookback} bars) within "
                f"{p.squeeze_bars} bars (now {v('squeeze_rank'):.3g}, "
                f"{_since_text(v('bars_since_squeeze'), p.squeeze_bars)})",
                f"{close} above the upper Bollinger band {v('bb_upper'):.8g}",
                f"volume {v('rvol'):.3g}x its 20-bar average, at least {p.volume_ratio:g}x",
            ),
        }


def _since_text(since: float, within: int) -> str:
    if since != since:
        return "no squeeze measured yet"
    return f"none in the last {within} bars" if since > within else f"last one {since:.0f} bars ago"


def ensemble_names() -> tuple[str, ...]:
    """The input columns `rule_checks` reads."""
    return (
        "ema_trend", "ema_trend_before", "ema_context", "donchian_high", "bb_lower", "bb_upper", "rsi",
        "bars_since_squeeze", "rvol",
    )  # fmt: skip


__all__ = ["EnsembleStrategy", "Leg", "rule_checks"]
