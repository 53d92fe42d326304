"""One symbol's replayed market: real candles walked along their intrabar path, tick by tick.

Each candle is replayed as `matching.path_of_bar` (O→L→H→C for an up bar, O→H→L→C for a down bar);
with more than 4 ticks per candle the extra points are spread evenly along the legs (rounded to the
tick). A tick moves the last price; the move from the previous price is one monotonic segment, which
is what resting orders are matched against.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from aitrader.domain import Candles
from aitrader.domain.decimals import to_decimal
from aitrader.domain.instrument import Rounding, round_to_step
from aitrader.execution.matching import Bar, path_of_bar


@dataclass(frozen=True, slots=True)
class Tick:
    """One replay step of one symbol."""

    symbol: str
    time: int
    price: Decimal
    segment: Bar[Decimal]  # previous price → this price (monotonic)
    candle_open_time: int
    closes_candle: bool
    qty: float  # synthetic trade size (the candle's volume spread over its ticks)
    trade_id: int
    buyer_is_maker: bool


class SymbolTape:
    """Position of the replay in one symbol's candles: candle `i`, tick `k` (-1 = not started)."""

    def __init__(self, candles: Candles, start_ms: int, ticks_per_candle: int, tick_size: Decimal) -> None:
        if len(candles) == 0:
            raise ValueError(f"no candles to replay for {candles.symbol}")
        self.candles = candles
        self.symbol = candles.symbol
        self.tf = candles.timeframe
        self.n = max(int(ticks_per_candle), 4)
        self.tick_size = tick_size
        self.i = int(np.searchsorted(candles.open_time, start_ms, side="left"))
        self.k = -1
        first = candles.close[self.i - 1] if self.i > 0 else candles.open[0]
        self.last_price = to_decimal(first)
        self.last_qty = 0.0
        self.trade_id = 0
        self._path_cache: tuple[int, list[Decimal]] = (-1, [])

    # ---- position ----------------------------------------------------------------------------
    @property
    def exhausted(self) -> bool:
        return self.i >= len(self.candles) or (self.i == len(self.candles) - 1 and self.k == self.n - 1)

    @property
    def visible_rows(self) -> int:
        """Base candles that have begun by the replay clock (the last one may be forming)."""
        return min(self.i + (1 if self.k >= 0 else 0), len(self.candles))

    @property
    def forming(self) -> bool:
        return 0 <= self.k < self.n - 1

    def tick_time(self, i: int, k: int) -> int:
        t = int(self.candles.open_time[i])
        span = self.tf.next_open(t) - t - 1
        return t + (k * span) // (self.n - 1)

    def _next_pos(self) -> tuple[int, int]:
        return (self.i + 1, 0) if self.k == self.n - 1 else (self.i, self.k + 1)

    def next_time(self) -> int | None:
        if self.exhausted:
            return None
        i, k = self._next_pos()
        return self.tick_time(i, k)

    def close_time_after(self, candles: int) -> int | None:
        """Time of the tick that completes the `candles`-th candle from now (None past the data)."""
        target = (self.i + 1 if self.k == self.n - 1 else self.i) + candles - 1
        if target >= len(self.candles):
            return None
        return self.tick_time(target, self.n - 1)

    # ---- path --------------------------------------------------------------------------------
    def path(self, i: int) -> list[Decimal]:
        if self._path_cache[0] == i:
            return self._path_cache[1]
        c = self.candles
        bar = Bar(to_decimal(c.open[i]), to_decimal(c.high[i]), to_decimal(c.low[i]), to_decimal(c.close[i]))
        corners = list(path_of_bar(bar))
        points = corners
        extra = self.n - 4
        if extra > 0:
            points = [corners[0]]
            per_leg = [extra // 3 + (1 if j < extra % 3 else 0) for j in range(3)]
            for j in range(3):
                a, b, m = corners[j], corners[j + 1], per_leg[j]
                for s in range(1, m + 1):
                    mid = a + (b - a) * Decimal(s) / Decimal(m + 1)
                    points.append(round_to_step(mid, self.tick_size, Rounding.NEAREST))
                points.append(b)
        self._path_cache = (i, points)
        return points

    def forming_values(self) -> tuple[float, float, float, float] | None:
        """(high, low, close, volume) of the forming candle so far, or None if none is forming."""
        if not self.forming:
            return None
        pts = self.path(self.i)[: self.k + 1]
        vol = float(self.candles.volume[self.i]) * (self.k + 1) / self.n
        return float(max(pts)), float(min(pts)), float(pts[-1]), vol

    # ---- stepping ----------------------------------------------------------------------------
    def advance(self) -> Tick:
        if self.exhausted:
            raise RuntimeError(f"{self.symbol}: replay data exhausted")
        self.i, self.k = self._next_pos()
        price = self.path(self.i)[self.k]
        prev = self.last_price
        seg = Bar(prev, max(prev, price), min(prev, price), price)
        self.last_price = price
        self.trade_id += 1
        qty = float(self.candles.volume[self.i]) / self.n
        self.last_qty = qty
        return Tick(
            symbol=self.symbol,
            time=self.tick_time(self.i, self.k),
            price=price,
            segment=seg,
            candle_open_time=int(self.candles.open_time[self.i]),
            closes_candle=self.k == self.n - 1,
            qty=qty,
            trade_id=self.trade_id,
            buyer_is_maker=price < prev,
        )

    # ---- persistence -------------------------------------------------------------------------
    def position(self) -> dict[str, object]:
        return {"i": self.i, "k": self.k, "last_price": str(self.last_price), "trade_id": self.trade_id}

    def restore(self, pos: dict[str, object]) -> None:
        self.i, self.k = int(str(pos["i"])), int(str(pos["k"]))
        self.last_price = Decimal(str(pos["last_price"]))
        self.trade_id = int(str(pos["trade_id"]))
