"""The `Strategy` protocol and what it works on: `Features`, `Signals`, `MarketView`.

How the kernel drives a strategy (backtest, paper and live alike):

1. ``features = strategy.features(candles)`` once over the whole base-timeframe history
   (backtest), or, live, one closed candle at a time through ``strategy.feature_stream(window)``
   (``warm(history)``, then ``push(candle)`` per candle; see `aitrader.strategies.stream`). The
   built-in strategies' streams equal the full-history features at every bar; the generic one
   recomputes them over a trailing window of at least ``strategy.warmup`` bars (the last bar of
   such a window decides exactly as the full history does at that bar; a test checks it). Every
   column is causal: its value at bar i depends on bars 0..i only (higher timeframes enter only
   once their candle has closed). Tests check this by recomputing on prefixes.
2. ``signals = strategy.signals(features)`` once: vectorised boolean candidate masks.
3. ``strategy.on_bar(MarketView(features, i), book)`` on the bars where something can happen.

Skip contract (the kernel relies on it to jump over quiet bars):

- ``on_bar`` returns an ``Enter`` with side BUY only on a bar where ``signals.entry_long[i]``
  is True, and with side SELL only where ``signals.entry_short[i]`` is True;
- an ``Exit`` of a long only where ``signals.exit_long[i]``, of a short only where
  ``signals.exit_short[i]``;
- an ``Adjust`` only when ``signals.adjusts_every_bar`` is True (then the kernel calls
  ``on_bar`` on every bar while a position is open).

So the kernel may call ``on_bar`` only on ``signals.candidates(long_open, short_open)`` bars
and get the same decisions as calling it on every bar. Stops and targets themselves are resting
orders handled by the broker, not by ``on_bar``. Entries are proposed only when flat in the
symbol. Masks include short entries even for spot symbols; the RiskGate rejects those
(``SHORT_NOT_ALLOWED``), so a spot kernel may ignore ``entry_short`` up front.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel

from aitrader.domain import Candles, Timeframe
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.strategies.regime import Regime

if TYPE_CHECKING:
    from aitrader.strategies.stream import FeatureStream

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Features:
    """Precomputed, causal feature columns aligned with `candles` (one value per base bar)."""

    candles: Candles
    columns: Mapping[str, npt.NDArray[Any]]
    n_bars: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = len(self.candles)
        for name, col in self.columns.items():
            if len(col) != n:
                raise ValueError(f"feature {name!r} has {len(col)} rows, candles have {n}")
        object.__setattr__(self, "n_bars", n)  # MarketView checks its index against it on every bar

    def __getitem__(self, name: str) -> npt.NDArray[Any]:
        try:
            return self.columns[name]
        except KeyError:
            raise KeyError(f"no feature {name!r}; have {', '.join(sorted(self.columns))}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def __len__(self) -> int:
        return self.n_bars


@dataclass(frozen=True)
class Signals:
    """Vectorised candidate masks (see the module docstring for the contract they carry)."""

    entry_long: BoolArray
    entry_short: BoolArray
    exit_long: BoolArray
    exit_short: BoolArray
    adjusts_every_bar: bool = False

    def __post_init__(self) -> None:
        n = len(self.entry_long)
        for name in ("entry_short", "exit_long", "exit_short"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"signal mask {name!r} has {len(getattr(self, name))} rows, expected {n}")

    def __len__(self) -> int:
        return len(self.entry_long)

    def candidates(self, long_open: bool = False, short_open: bool = False) -> IntArray:
        """Bar indices where `on_bar` can propose something, given what is open in the symbol."""
        n = len(self)
        if (long_open or short_open) and self.adjusts_every_bar:
            return np.arange(n, dtype=np.int64)
        if long_open:
            mask = self.exit_long
        elif short_open:
            mask = self.exit_short
        else:
            mask = self.entry_long | self.entry_short
        return np.flatnonzero(mask).astype(np.int64)


class PeerReader(Protocol):
    """Another symbol's history as the kernel holds it (`engine.lane.Peers`)."""

    def view(self, symbol: str, until_ms: int) -> MarketView | None: ...


class MarketView:
    """History up to and including bar `index`: a strategy cannot see the future through it.

    In a portfolio, `peer(symbol)` reads another symbol the kernel trades (BTC's trend for an
    altcoin's entry) up to its last bar closed by this bar's close, never later."""

    __slots__ = ("_peers", "features", "index")

    def __init__(self, features: Features, index: int, peers: PeerReader | None = None) -> None:
        if not 0 <= index < features.n_bars:
            raise IndexError(f"bar {index} is outside 0..{len(features) - 1}")
        self.features = features
        self.index = index
        self._peers = peers

    def peer(self, symbol: str) -> MarketView | None:
        """`symbol`'s view at its last bar closed at or before this bar's close; None when the
        kernel does not trade `symbol` or has no closed bar of it yet."""
        if self._peers is None:
            return None
        return self._peers.view(symbol, self.time_ms + self.timeframe.duration_ms)

    @property
    def close_ms(self) -> int:
        """When the current bar closed: the decision's time."""
        return self.time_ms + self.timeframe.duration_ms

    @property
    def symbol(self) -> str:
        return self.features.candles.symbol

    @property
    def timeframe(self) -> Timeframe:
        return self.features.candles.timeframe

    @property
    def time_ms(self) -> int:
        """Open time of the current bar (the decision happens at its close)."""
        return int(self.features.candles.open_time[self.index])

    @property
    def close(self) -> float:
        return float(self.features.candles.close[self.index])

    @property
    def high(self) -> float:
        return float(self.features.candles.high[self.index])

    @property
    def low(self) -> float:
        return float(self.features.candles.low[self.index])

    @property
    def candles(self) -> Candles:
        """Candles 0..index (a view, no copy)."""
        return self.features.candles.slice(0, self.index + 1)

    def value(self, name: str, back: int = 0) -> float:
        """Feature `name` at bar index-back (back >= 0: only the past is reachable)."""
        if back < 0:
            raise ValueError("back must be >= 0: a MarketView cannot look ahead")
        j = self.index - back
        if j < 0:
            return float("nan")
        return float(self.features[name][j])

    def flag(self, name: str, back: int = 0) -> bool:
        """Boolean feature `name` at bar index-back."""
        return bool(self.value(name, back))

    def series(self, name: str, n: int) -> npt.NDArray[Any]:
        """The last `n` values of feature `name` ending at the current bar (read-only view)."""
        col = self.features[name][max(0, self.index + 1 - n) : self.index + 1]
        col = col.view()
        col.flags.writeable = False
        return col


@runtime_checkable
class Strategy(Protocol):
    """A decision rule. See the module docstring for the skip contract it must honour.

    - `name`: registry key; `timeframe`: the base timeframe it expects; `timeframes`: base plus the
      higher timeframes it builds from the base feed (closed candles only).
    - `regimes`: the market regimes it trades; in the others it sits out (no entries).
    - `warmup`: bars of history, the decision bar included, needed for a decision; a trailing window
      of `warmup` bars decides exactly as the full history does (no decision before bar warmup-1).
    - `params`: its validated parameters (a pydantic model).
    Members are read-only here: a class variable, an instance attribute or a property satisfies them.
    """

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def regimes(self) -> frozenset[Regime]: ...

    @property
    def timeframe(self) -> Timeframe: ...

    @property
    def timeframes(self) -> tuple[Timeframe, ...]: ...

    @property
    def warmup(self) -> int: ...

    @property
    def params(self) -> BaseModel: ...

    def features(self, candles: Candles) -> Features:
        """Compute every feature once over `candles` (causal columns)."""
        ...

    def signals(self, features: Features) -> Signals:
        """Vectorised candidate masks over `features`."""
        ...

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        """Proposals for the bar `view.index`, given the open positions in `book`."""
        ...

    def feature_stream(self, window: int) -> FeatureStream:
        """Features one closed candle at a time (live), each `Features` ending at the latest candle
        and holding its last max(window, warmup) bars (fewer at first). A class that subclasses
        `Strategy` inherits this generic stream (recompute `features` over the trailing window);
        others can return `aitrader.strategies.stream.WindowStream(self, window)`."""
        from aitrader.strategies.stream import WindowStream

        return WindowStream(self, window)


def history_needed(strategy: Strategy) -> int:
    """Trailing bars for a decision equal to the one over the whole history: the warm-up, or more for
    a strategy that says its indicators remember further back (`history_bars`, as `UserStrategy`
    measures for EMAs): what live trading recomputes over and a backtest loads before `--from`."""
    return max(int(strategy.warmup), int(getattr(strategy, "history_bars", 0) or 0))
