"""`RuleStrategy`: the shared skeleton of the built-in rule strategies.

A rule strategy names its entry conditions (boolean feature columns `long_<name>` and
`short_<name>`, the regime gate among them); the entry masks are their AND after warm-up, so
`on_bar` can only enter where a mask is True (the skip contract holds by construction: `on_bar`
reads the very masks `signals` returns). `explain` lists which conditions held on a bar.

Its features come in two steps so that live code can advance them one candle at a time
(`feature_stream`, see `rule_stream`): `_indicators` gives the numeric inputs per bar (each
carrying whatever history it needs: EMAs, prior values, swing levels, ...), and `_rules` turns
them into the feature columns element-wise. The stream computes the same inputs incrementally
(`_input_stream`) and runs the very same `_rules`, plan guards and gates on the new row.

Two entry conditions check the plan rather than the market (`placement_guard`): `placement` (stop
and targets are valid prices) and `costs` (`cost_guard`: the targets' expected move is at least
`cost_multiple` round trips of fees and slippage). A strategy lists them among its `conditions` to
be gated by them; the built-in ones all do. The costs are the run's: `fee_rate` and `slippage` (per
fill, fractions of the price) are constructor arguments, which `get_strategy` and
`backtest.inputs.build_strategy` pass from the run's --fee and --slippage. The defaults (0.1% fee,
5 bps slippage: the runs' own defaults) apply where a strategy is built without a run.

Every rule strategy also carries a `volatility` column (`kit_volatility`: annualised standard
deviation of log returns over 30 days of bars) and hands it to the gate as `Enter.volatility`.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from aitrader.domain import Candles, Side, Timeframe
from aitrader.domain.position import Position, PositionBook
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal, Target
from aitrader.strategies.base import BoolArray, Features, MarketView, Signals
from aitrader.strategies.cost_guard import (
    COSTS,
    DEFAULT_COST_MULTIPLE,
    DEFAULT_FEE_RATE,
    DEFAULT_SLIPPAGE,
    Costs,
)
from aitrader.strategies.kit_volatility import bars_per_year, trailing_volatility, volatility_window
from aitrader.strategies.placement_guard import guard_columns, market_keys, planned
from aitrader.strategies.regime import (
    STRATEGY_REGIME,
    CodeArray,
    Regime,
    classify,
    in_regimes,
    regime_name,
    regime_of,
)

if TYPE_CHECKING:
    from aitrader.strategies.rule_stream import InputStream
    from aitrader.strategies.stream import FeatureStream

P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Condition:
    """One entry condition on one bar: did it hold, and what it says in words."""

    key: str
    text: str
    held: bool


class RuleStrategy(ABC, Generic[P]):
    """Subclasses set the ClassVars and implement `_indicators`, `_input_stream`, `_rules`, `_stop`,
    `_targets` (and may override `_confidence`, `_adjust`, `rationale`)."""

    name: ClassVar[str]
    description: ClassVar[str]
    params_model: ClassVar[type[BaseModel]]
    long_regimes: ClassVar[frozenset[Regime]]
    short_regimes: ClassVar[frozenset[Regime]]
    conditions: ClassVar[tuple[tuple[str, str], ...]]  # (key, text with {side}); the regime gate is implicit
    evidence_columns: ClassVar[tuple[str, ...]]
    exit_text: ClassVar[str] = "exit rule"
    higher_timeframes: ClassVar[tuple[Timeframe, ...]] = ()

    def __init__(
        self,
        params: P | None = None,
        timeframe: Timeframe = Timeframe.M1,
        *,
        fee_rate: float = DEFAULT_FEE_RATE,
        slippage: float = DEFAULT_SLIPPAGE,
        cost_multiple: float = DEFAULT_COST_MULTIPLE,
    ) -> None:
        """`fee_rate` and `slippage`: what each fill costs, as fractions of the price (0.001 = 0.1%,
        0.0005 = 5 bps); `cost_multiple`: how many round trips of them a plan's expected move must
        be worth for the `costs` condition to hold. 3 by default: a target is hit only part of the
        time but every trade pays the full costs, so a target worth three round trips keeps the costs
        at most a third of the gross win (see `cost_guard`)."""
        self.params: P = params if params is not None else self.params_model()  # type: ignore[assignment]
        self.timeframe = timeframe
        self.costs = Costs(fee_rate, slippage, cost_multiple)
        self.volatility_window = volatility_window(timeframe)
        self.timeframes = (timeframe, *(tf for tf in self._higher_timeframes() if tf != timeframe))
        self.warmup = max(self._warmup(), STRATEGY_REGIME.window())

    @classmethod
    def regimes_traded(cls) -> frozenset[Regime]:
        return cls.long_regimes | cls.short_regimes

    @property
    def regimes(self) -> frozenset[Regime]:  # the Strategy protocol's attribute
        return self.regimes_traded()

    # ---- what subclasses provide ----------------------------------------------------------------
    def _higher_timeframes(self) -> tuple[Timeframe, ...]:
        return self.higher_timeframes

    @abstractmethod
    def _warmup(self) -> int:
        """Bars needed before the first decision."""

    @abstractmethod
    def _indicators(self, candles: Candles) -> dict[str, npt.NDArray[Any]]:
        """The numeric inputs of `_rules`, one value per bar, over the whole series."""

    @abstractmethod
    def _input_stream(self) -> InputStream:
        """The same inputs one closed bar at a time, equal to `_indicators` over the whole history."""

    @abstractmethod
    def _rules(
        self, candles: Candles, x: Mapping[str, npt.NDArray[Any]], regime: CodeArray
    ) -> dict[str, npt.NDArray[Any]]:
        """Every feature column from the candles, the inputs `x` and the regime codes, element-wise
        (row i from row i only, so the stream can run it on the new row alone), including
        `long_<cond>`/`short_<cond>` booleans (not the regime, placement and costs conditions, added
        here), `exit_long`, `exit_short` and `atr`."""

    @abstractmethod
    def _stop(self, view: MarketView, side: Side) -> float:
        """The protective stop price for an entry on `side` at this bar."""

    @abstractmethod
    def _targets(self, view: MarketView, side: Side, stop: float) -> tuple[Target, ...]:
        """Take-profit targets (prices and fractions) for an entry on `side` with `stop`."""

    def _confidence(self, view: MarketView, side: Side) -> float:
        return 0.6

    def _adjust(self, view: MarketView, pos: Position) -> Adjust | None:
        """Trail/breakeven logic for strategies with `adjusts_every_bar`."""
        return None

    adjusts_every_bar: ClassVar[bool] = False

    # ---- the Strategy protocol -------------------------------------------------------------------
    def features(self, candles: Candles) -> Features:
        codes = classify(candles)
        cols = self._columns(candles, codes)
        ready = np.arange(len(candles)) >= self.warmup - 1  # a window of `warmup` bars decides
        self._gate(cols, codes, ready)
        return Features(candles, cols)

    def feature_stream(self, window: int) -> FeatureStream:
        """Features one closed candle at a time, equal to `features` over the whole history (see
        `rule_stream.RuleStream`); each `Features` it returns holds the last max(window, warmup) bars."""
        from aitrader.strategies.rule_stream import RuleStream

        return RuleStream(self, window)

    def _columns(self, candles: Candles, regime: CodeArray) -> dict[str, npt.NDArray[Any]]:
        """The rule columns, the volatility and the plan guards over a whole series."""
        cols = self._rules(candles, self._indicators(candles), regime)
        cols["volatility"] = trailing_volatility(
            candles.close, self.volatility_window, bars_per_year(self.timeframe)
        )
        cols.update(guard_columns(self, candles, cols))
        return cols

    def _gate(self, cols: dict[str, npt.NDArray[Any]], codes: CodeArray, ready: BoolArray) -> None:
        """Add the regime columns and the entry/exit masks (conditions AND regime AND warm-up) to `cols`."""
        cols["regime"] = codes
        cols["long_regime"] = in_regimes(codes, self.long_regimes)
        cols["short_regime"] = in_regimes(codes, self.short_regimes)
        for side in ("long", "short"):
            mask = ready & np.asarray(cols[f"{side}_regime"], dtype=bool)
            for key, _ in self.conditions:
                mask &= np.asarray(cols[f"{side}_{key}"], dtype=bool)
            cols[f"entry_{side}"] = mask
            cols[f"exit_{side}"] = ready & np.asarray(cols[f"exit_{side}"], dtype=bool)

    def signals(self, features: Features) -> Signals:
        return Signals(
            entry_long=features["entry_long"],
            entry_short=features["entry_short"],
            exit_long=features["exit_long"],
            exit_short=features["exit_short"],
            adjusts_every_bar=self.adjusts_every_bar,
        )

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        pos = book.get(view.symbol)
        i = view.index
        f = view.features
        if pos is None:
            if f["entry_long"][i]:
                return [self.enter(view, Side.BUY)]
            if f["entry_short"][i]:
                return [self.enter(view, Side.SELL)]
            return []
        exit_key = "exit_long" if pos.is_long else "exit_short"
        if f[exit_key][i]:
            return [
                Exit(
                    view.symbol,
                    f"{self.name}: {self.exit_text} on the {'long' if pos.is_long else 'short'} "
                    f"({self._evidence_text(view)})",
                    view.close,
                    view.time_ms,
                    strategy=self.name,
                    evidence=self.evidence(view),
                )
            ]
        if self.adjusts_every_bar:
            adj = self._adjust(view, pos)
            if adj is not None:
                return [adj]
        return []

    # ---- helpers ---------------------------------------------------------------------------------
    def enter(self, view: MarketView, side: Side) -> Enter:
        """The Enter proposal for `side` at this bar (call only where the entry mask holds)."""
        stop = self._stop(view, side)
        targets = self._targets(view, side, stop)
        return Enter(
            symbol=view.symbol,
            side=side,
            price=view.close,
            stop=stop,
            targets=targets,
            confidence=self._confidence(view, side),
            rationale=self.rationale(view, side, stop, targets),
            time_ms=view.time_ms,
            strategy=self.name,
            evidence=self.evidence(view),
            atr=view.value("atr"),
            volatility=self.volatility_at(view),
        )

    @staticmethod
    def volatility_at(view: MarketView) -> float | None:
        """The annualised volatility at this bar; None while it is warming up (or zero)."""
        v = view.value("volatility")
        return v if math.isfinite(v) and v > 0 else None

    def evidence(self, view: MarketView) -> Mapping[str, float | int | str | bool]:
        ev: dict[str, float | int | str | bool] = {
            name: round(view.value(name), 6) for name in self.evidence_columns
        }
        ev["regime"] = regime_name(regime_of(int(view.value("regime"))))
        return ev

    def _evidence_text(self, view: MarketView) -> str:
        parts = [
            f"{k}={v:.8g}" if isinstance(v, float) else f"{k}={v}" for k, v in self.evidence(view).items()
        ]
        return ", ".join(parts)

    def rationale(self, view: MarketView, side: Side, stop: float, targets: tuple[Target, ...]) -> str:
        word = "long" if side is Side.BUY else "short"
        held = "; ".join(c.text for c in self.explain(view, side))
        tps = ", ".join(f"{t.price:.2f} ({t.fraction:.0%})" for t in targets)
        return (
            f"{self.name} {word} at {view.close:.2f}: {held}. Stop {stop:.2f}, targets {tps}. "
            f"Evidence: {self._evidence_text(view)}."
        )

    def _cost_words(self, view: MarketView, side: Side, words: str) -> str:
        """The cost condition with its figures where it was weighed (the market conditions held and
        the plan is valid); else its plain statement with the multiple."""
        prefix = "long" if side is Side.BUY else "short"
        weighed = all(view.flag(f"{prefix}_{key}") for key in market_keys(self))
        plan = planned(self, view, side) if weighed else None
        if plan is None:
            return words.replace("the cost multiple", f"{self.costs.multiple:g}")
        return self.costs.text(view.close, plan[1])

    def explain(self, view: MarketView, side: Side) -> list[Condition]:
        """Each entry condition for `side` on this bar, held or not (regime first)."""
        prefix = "long" if side is Side.BUY else "short"
        regimes = self.long_regimes if side is Side.BUY else self.short_regimes
        now = regime_name(regime_of(int(view.value("regime"))))
        out = [
            Condition(
                "regime",
                f"regime {now} ({'traded' if now in {regime_name(r) for r in regimes} else 'sat out'}: "
                f"{prefix}s trade {', '.join(sorted(regime_name(r) for r in regimes)) or 'none'})",
                view.flag(f"{prefix}_regime"),
            )
        ]
        for key, text in self.conditions:
            held = view.flag(f"{prefix}_{key}")
            words = text.format(side=prefix)
            if key == COSTS[0]:
                words = self._cost_words(view, side, words)
            out.append(Condition(key, words, held))
        if view.index < self.warmup - 1:
            out.append(Condition("warmup", f"needs {self.warmup} bars of history", False))
        return out
