"""`Lane`: one symbol inside the kernel — its strategy, instrument, broker and order manager, and the
candles and features it decides on (the whole history in a backtest, a sliding window live).

The kernel holds one lane per symbol around one portfolio and one gate. A lane numbers its own bars
(`index`: 0 for its first candle, counting the live warm-up); the kernel numbers the steps of its
time grid (`Kernel.bar`), which are the same numbers when there is one lane.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

import numpy as np

from aitrader.domain.candles import Candle, Candles
from aitrader.domain.deliberation import Deliberation
from aitrader.domain.instrument import Instrument
from aitrader.engine.account import ordered_view
from aitrader.execution.broker import Broker
from aitrader.execution.order_manager import OrderManager
from aitrader.strategies.base import Features, MarketView, PeerReader, Signals, Strategy
from aitrader.strategies.stream import FeatureStream


class Lane:
    """One symbol's share of the kernel (see the module docstring)."""

    def __init__(
        self, strategy: Strategy, instrument: Instrument, broker: Broker, orders: OrderManager, window: int
    ) -> None:
        self.strategy = strategy
        # a slow decider hands over what it deliberated (`domain.deliberation`); rule strategies do not
        self.deliberations: Callable[[], Sequence[Deliberation]] | None = getattr(
            strategy, "drain_deliberations", None
        )
        self.instrument = instrument
        self.symbol = instrument.symbol
        self.broker = broker
        self.orders = orders
        self.window = max(window, strategy.warmup + 1)
        self.candles: Candles = Candles.empty(self.symbol, strategy.timeframe)
        self.features: Features | None = None
        self.signals: Signals | None = None
        self.offset = 0  # lane index of the first candle held (live windows slide)
        self.seen = 0  # live: closed candles seen (warm-up history included)
        self.stream: FeatureStream | None = None
        self.close_view: memoryview = memoryview(b"")  # closes as Python floats, no numpy scalars
        self.times_view: memoryview = memoryview(b"")  # open times (ascending)
        self.idx_flat: list[int] = []
        self.idx_long: list[int] = []
        self.idx_short: list[int] = []
        # (entry long|short, exit long, exit short) by bar: can on_bar propose there, given what is open
        self.masks: tuple[memoryview, ...] = ()
        self.adjusts_every_bar = False

    # ---- backtest: the whole history -------------------------------------------------------------
    def load(self, candles: Candles, offset: int = 0) -> None:
        """Features and candidate masks over `candles` (vectorised, once)."""
        self.candles = candles
        self.offset = offset
        features = self.strategy.features(candles)
        signals = self.strategy.signals(features)
        self.features, self.signals = features, signals
        self.idx_flat = np.flatnonzero(signals.entry_long | signals.entry_short).tolist()
        self.idx_long = np.flatnonzero(signals.exit_long).tolist()
        self.idx_short = np.flatnonzero(signals.exit_short).tolist()
        masks = (signals.entry_long | signals.entry_short, signals.exit_long, signals.exit_short)
        self.masks = tuple(np.ascontiguousarray(m, dtype=np.bool_).data for m in masks)
        self.adjusts_every_bar = signals.adjusts_every_bar
        self._views(candles)

    def can_propose(self, local: int, held: float) -> bool:
        """Whether the strategy's masks allow a proposal on local bar `local` given the signed
        quantity held (the skip contract: elsewhere `on_bar` proposes nothing)."""
        entry, exit_long, exit_short = self.masks
        if held == 0.0:
            return bool(entry[local])
        return self.adjusts_every_bar or bool(exit_long[local] if held > 0 else exit_short[local])

    # ---- live: one closed candle at a time -------------------------------------------------------
    def warm(self, history: Candles) -> None:
        """The strategy's feature stream over the closed candles before the stream."""
        self.stream = self.strategy.feature_stream(self.window)
        self.seen = len(history)
        self.set_live(self.stream.warm(history))

    def advance(self, candle: Candle) -> bool:
        """Take the next closed candle into the features; False for a forming candle or one that
        does not come after the last (nothing changes then)."""
        if self.stream is None:
            self.warm(Candles.empty(self.symbol, self.strategy.timeframe))
        assert self.stream is not None
        old = self.candles
        if not candle.closed or (len(old) and candle.open_time <= int(old.open_time[-1])):
            return False
        self.seen += 1
        self.set_live(self.stream.push(candle))
        return True

    def set_live(self, features: Features) -> None:
        """The features a stream returned: the last rows up to the newest bar (lane index seen-1)."""
        self.candles = features.candles
        self.features = features
        self.offset = self.seen - len(features.candles)
        self._views(features.candles)

    def _views(self, candles: Candles) -> None:
        self.close_view = ordered_view(candles.close, np.float64)
        self.times_view = ordered_view(candles.open_time, np.int64)

    # ---- reading ---------------------------------------------------------------------------------
    @property
    def last(self) -> int:
        """Lane index of the newest candle held (-1 before the first)."""
        return self.offset + len(self.candles) - 1

    def close_at(self, index: int) -> float:
        value: float = self.close_view[index - self.offset]
        return value

    def view(self, index: int, peers: PeerReader | None) -> MarketView:
        features = self.features
        assert features is not None
        return MarketView(features, index - self.offset, peers)

    def visible(self, until_ms: int) -> int:
        """Local position (in the candles held) of the last bar closed at or before `until_ms`;
        -1 when none is."""
        dur = self.candles.timeframe.duration_ms
        return bisect_right(self.times_view, until_ms - dur) - 1


class Peers:
    """What `MarketView.peer` reads: another lane's features at its last bar closed by the current
    bar's close — never a later bar (a test walks every decision of a portfolio run)."""

    __slots__ = ("_lanes",)

    def __init__(self, lanes: dict[str, Lane]) -> None:
        self._lanes = lanes

    def view(self, symbol: str, until_ms: int) -> MarketView | None:
        lane = self._lanes.get(symbol.upper())
        if lane is None or lane.features is None:
            return None
        local = lane.visible(until_ms)
        if local < 0:
            return None
        return MarketView(lane.features, local, self)
