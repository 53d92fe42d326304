"""`RuleStream`: a `RuleStrategy`'s features one closed candle at a time, equal to the batch.

`warm(candles)` computes the batch features once over the history and starts the strategy's input
stream (`_input_stream`: TA-Lib streaming handles, running block sums, swing and higher-timeframe
state) and the regime stream on the same candles. Each `push(candle)` then advances them by one bar,
runs the strategy's own element-wise `_rules` on the new row, the volatility (`VolatilityStream`),
the plan guards (placement and costs: `_stop` and `_targets` on a `MarketView` of the new bar) and
the regime and warm-up gates, and appends the row to a `ColumnTail`. The result equals
`strategy.features` over the whole history (everything given to `warm` plus every candle pushed
since) at that bar: bit for bit on the real samples, which tests/strategies/test_feature_stream.py
checks column by column and decision by decision.

That is the full history, not a trailing window: an EMA seeded 2,400 bars back (or a 15m EMA over
160 higher candles) differs from the full-history value in the last digits or more, and the stream
does not. The returned `Features` holds the last max(window, warmup) bars: `on_bar` reads the
current bar only, and `explain` tells warm-up from `index < warmup - 1`, which a tail of at least
`warmup` rows keeps true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from aitrader.domain import Candle, Candles, Side
from aitrader.features.stream import Bar, RegimeStream
from aitrader.strategies.base import Features, MarketView
from aitrader.strategies.kit_volatility import VolatilityStream, bars_per_year
from aitrader.strategies.placement_guard import market_keys, plan_guards
from aitrader.strategies.regime import STRATEGY_REGIME
from aitrader.strategies.stream import NOT_WARM
from aitrader.strategies.tail import ColumnTail

if TYPE_CHECKING:
    from aitrader.strategies.rule import RuleStrategy


class InputStream(Protocol):
    """A strategy's `_indicators`, one bar at a time."""

    def warm(self, candles: Candles) -> None:
        """Start over on `candles` (the whole history so far)."""
        ...

    def push(self, bar: Bar) -> dict[str, float]:
        """Advance by one closed bar; every input at that bar, keyed as `_indicators` keys them."""
        ...


class RuleStream:
    """The `FeatureStream` of a `RuleStrategy` (build it with `strategy.feature_stream(window)`)."""

    def __init__(self, strategy: RuleStrategy[Any], window: int) -> None:
        self.strategy = strategy
        self.rows = max(int(window), strategy.warmup, 1)
        self._inputs = strategy._input_stream()
        self._regime = RegimeStream(STRATEGY_REGIME)
        self._volatility = VolatilityStream(strategy.volatility_window, bars_per_year(strategy.timeframe))
        self._others = {
            prefix: [f"{prefix}_{key}" for key in market_keys(strategy)] for prefix in ("long", "short")
        }
        self._tail: ColumnTail | None = None
        self._bars = 0  # bars seen: warm history plus pushed candles
        self._last_open: int | None = None

    def warm(self, candles: Candles) -> Features:
        """Start from `candles` (may be empty); the batch features' last rows."""
        if candles.timeframe is not self.strategy.timeframe:
            raise ValueError(
                f"{self.strategy.name} runs on {self.strategy.timeframe.value} candles, got "
                f"{candles.timeframe.value}: build the strategy with timeframe={candles.timeframe.value}"
            )
        features = self.strategy.features(candles)
        self._inputs.warm(candles)
        self._regime.warm(candles)
        self._volatility.warm(candles.close)
        self._tail = ColumnTail(features, self.rows)
        self._bars = len(candles)
        self._last_open = int(candles.open_time[-1]) if len(candles) else None
        return self._tail.features()

    def push(self, candle: Candle) -> Features:
        """Append one closed candle; features whose last row is that candle."""
        if not candle.closed:
            raise ValueError("push takes closed candles only (this one is still forming)")
        return self.push_bar(Bar.of(candle))

    def push_bar(self, bar: Bar) -> Features:
        """`push` for a candle already converted to floats."""
        tail = self._tail
        if tail is None:
            raise RuntimeError(NOT_WARM)
        if self._last_open is not None and bar.open_time <= self._last_open:
            raise ValueError(f"candle at {bar.open_time} does not come after {self._last_open}")
        strategy = self.strategy
        inputs = self._inputs.push(bar)
        codes = np.array([self._regime.push(bar)], dtype=np.int8)
        tail.append(bar)
        self._last_open = bar.open_time
        ready = np.array([self._bars >= strategy.warmup - 1])
        self._bars += 1
        x = {name: np.array([value]) for name, value in inputs.items()}
        row = strategy._rules(tail.last_candle(), x, codes)
        row["volatility"] = np.array([self._volatility.push(bar.close)])
        for name in ("long_placement", "short_placement", "long_costs", "short_costs"):
            row[name] = np.ones(1, dtype=bool)
        strategy._gate(row, codes, ready)
        tail.write(row)
        features = tail.features()
        view = MarketView(features, len(features) - 1)
        changed = False
        for prefix, side in (("long", Side.BUY), ("short", Side.SELL)):
            if not all(row[name][0] for name in self._others[prefix]):
                continue  # there is no plan to check
            valid, paid = plan_guards(strategy, view, side)
            if not (valid and paid):
                row[f"{prefix}_placement"] = np.array([valid])
                row[f"{prefix}_costs"] = np.array([paid])
                changed = True
        if changed:  # a plan guard failed: gate again (the features see the row in place)
            strategy._gate(row, codes, ready)
            tail.write(row)
        return features


__all__ = ["InputStream", "RuleStream"]
