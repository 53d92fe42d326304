"""`Bar`: what a user strategy's `next` sees — this bar, its indicators, their past, the position.

It reads through a `MarketView`, so nothing after the current bar is reachable: `bar["rsi"]` is
this bar's value, `bar["rsi", 1]` the bar before's; a negative look-back is refused.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from aitrader.domain.position import Position
from aitrader.strategies.base import MarketView

_CANDLE_FIELDS = frozenset({"open", "high", "low", "close", "volume"})


class Bar:
    """The current (just closed) bar of one symbol, as a user strategy sees it."""

    __slots__ = ("position", "view")

    def __init__(self, view: MarketView, position: Position | None) -> None:
        self.view = view
        self.position = position  # the open position in this symbol, or None when flat

    # ---- the candle ------------------------------------------------------------------------------
    @property
    def index(self) -> int:
        """This bar's position in the history the run holds: a backtest's whole series, live a
        trailing window (so it stays the same live). For time rules use `bar.time`."""
        return self.view.index

    @property
    def symbol(self) -> str:
        return self.view.symbol

    @property
    def time_ms(self) -> int:
        """Open time of this bar in UTC epoch milliseconds (the decision happens at its close)."""
        return self.view.time_ms

    @property
    def time(self) -> datetime:
        """Open time of this bar as an aware UTC datetime."""
        return datetime.fromtimestamp(self.view.time_ms / 1000, tz=UTC)

    @property
    def open(self) -> float:
        return float(self.view.features.candles.open[self.view.index])

    @property
    def high(self) -> float:
        return self.view.high

    @property
    def low(self) -> float:
        return self.view.low

    @property
    def close(self) -> float:
        return self.view.close

    @property
    def volume(self) -> float:
        return float(self.view.features.candles.volume[self.view.index])

    # ---- the position ----------------------------------------------------------------------------
    @property
    def is_flat(self) -> bool:
        return self.position is None

    @property
    def is_long(self) -> bool:
        return self.position is not None and self.position.is_long

    @property
    def is_short(self) -> bool:
        return self.position is not None and not self.position.is_long

    # ---- indicators ------------------------------------------------------------------------------
    def __getitem__(self, key: str | tuple[str, int]) -> float:
        """`bar["fast"]`: indicator `fast` on this bar; `bar["fast", 2]`: two bars back (NaN before
        the series starts or during an indicator's warm-up). "open", "high", "low", "close" and
        "volume" read the candles unless an indicator has that name."""
        if isinstance(key, tuple):
            return self._value(*key)
        return self._value(key, 0)

    def prev(self, name: str, back: int = 1) -> float:
        """Indicator (or candle field) `name`, `back` bars before this one."""
        return self._value(name, back)

    def _value(self, name: str, back: int) -> float:
        if name in _CANDLE_FIELDS and name not in self.view.features.columns:
            if back < 0:
                raise ValueError("back must be >= 0: a MarketView cannot look ahead")
            j = self.view.index - back
            return float(getattr(self.view.features.candles, name)[j]) if j >= 0 else float("nan")
        return self.view.value(name, back)

    def _pair(self, a: str | float, b: str | float, back: int) -> tuple[float, float]:
        va = self._value(a, back) if isinstance(a, str) else float(a)
        vb = self._value(b, back) if isinstance(b, str) else float(b)
        return va, vb

    def crossed_above(self, a: str | float, b: str | float) -> bool:
        """`a` closed above `b` on this bar after being below it on the previous one (as
        backtesting.py's `crossover`); `a`/`b` are indicator or candle field names ("close"), or
        numbers (a number is the same on both bars). False while either is NaN."""
        a0, b0 = self._pair(a, b, 1)
        a1, b1 = self._pair(a, b, 0)
        return a0 < b0 and a1 > b1  # NaN compares False: no cross during warm-up

    def crossed_below(self, a: str | float, b: str | float) -> bool:
        """`a` closed below `b` on this bar after being above it on the previous one."""
        a0, b0 = self._pair(a, b, 1)
        a1, b1 = self._pair(a, b, 0)
        return a0 > b0 and a1 < b1

    def ready(self, *names: str) -> bool:
        """True when every named indicator (all of them when none is named) has a value on this bar."""
        cols = names or tuple(self.view.features.columns)
        return all(math.isfinite(self.view.value(n)) for n in cols)

    # ---- other symbols of a portfolio --------------------------------------------------------------
    def peer(self, symbol: str) -> Bar | None:
        """Another symbol the run trades (`--symbols`), at its last bar closed by this bar's close:
        its candle and the indicators your strategy computed for it (BTC's trend for an altcoin's
        entry), never a later bar. None when the run does not trade `symbol` or has no closed bar of
        it yet. Its `position` is not filled in (read your own symbol's)."""
        view = self.view.peer(symbol)
        return None if view is None else Bar(view, None)

    def __repr__(self) -> str:
        return f"Bar({self.symbol} #{self.index} {self.time:%Y-%m-%d %H:%M} close={self.close:g})"


__all__ = ["Bar"]
