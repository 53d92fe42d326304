"""`FeatureStream`: a strategy's features advanced one closed candle at a time (the live path).

A backtest computes `strategy.features(candles)` once over the whole history. Live code gets one
closed candle at a time and needs the features at that candle, fast (candle in, order out within a
few milliseconds). A stream starts from history with `warm(candles)` and then takes each closed
candle with `push(candle)`; both return a `Features` whose LAST row is the latest bar, holding enough
earlier rows for `on_bar` there: `on_bar(MarketView(f, len(f) - 1), book)`.

- The built-in rule strategies stream incrementally (`rule_stream.RuleStream`), equal to the batch
  features over the whole history.
- `WindowStream` is the generic answer for any strategy that only implements `features()`: it
  recomputes them over the trailing window on every candle. That is correct for any causal
  strategy whose window covers its warm-up, and exactly what live code did before streams.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from aitrader.domain import Candle, Candles
from aitrader.features.stream import Bar
from aitrader.strategies.base import Features, Strategy
from aitrader.strategies.tail import ColumnTail

NOT_WARM = "warm the stream first (with the history, or Candles.empty(symbol, timeframe))"


@runtime_checkable
class FeatureStream(Protocol):
    """Features one closed candle at a time (see the module docstring)."""

    def warm(self, candles: Candles) -> Features:
        """Start from `candles` (the history so far, possibly empty: it also sets the symbol and
        timeframe); features whose last row is their last candle."""
        ...

    def push(self, candle: Candle) -> Features:
        """Append one CLOSED candle (after the last one); features whose last row is that candle."""
        ...


class WindowStream:
    """Recompute `strategy.features` over the last max(window, warmup) candles on every push."""

    def __init__(self, strategy: Strategy, window: int) -> None:
        self.strategy = strategy
        self.rows = max(int(window), strategy.warmup, 1)
        self._candles: ColumnTail | None = None

    def warm(self, candles: Candles) -> Features:
        tail = candles.tail(self.rows)
        self._candles = ColumnTail(Features(tail, {}), self.rows)
        return self.strategy.features(tail)

    def push(self, candle: Candle) -> Features:
        if not candle.closed:
            raise ValueError("push takes closed candles only (this one is still forming)")
        window = self._candles
        if window is None:
            raise RuntimeError(NOT_WARM)
        if len(window) and candle.open_time <= int(window.last_candle().open_time[0]):
            raise ValueError(
                f"candle at {candle.open_time} does not come after {int(window.last_candle().open_time[0])}"
            )
        window.append(Bar.of(candle))
        return self.strategy.features(window.features().candles)


__all__ = ["FeatureStream", "WindowStream"]
