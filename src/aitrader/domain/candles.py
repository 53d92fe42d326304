"""One candle (`Candle`, Decimal-exact, for live feeds) and a columnar series (`Candles`, float64).

Candles are keyed by open time (UTC epoch ms). Analysis and backtests read the numpy columns of
`Candles`; prices sent to an exchange never come from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from aitrader.domain.decimals import to_decimal
from aitrader.domain.timeframe import Timeframe

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

COLUMNS = ("open_time", "open", "high", "low", "close", "volume")


@dataclass(frozen=True, slots=True)
class Candle:
    """A single candle. `closed` is False for a candle still forming (a live in-progress update)."""

    open_time: int
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal
    volume: Decimal
    closed: bool = True

    @classmethod
    def from_floats(
        cls, open_time: int, o: float, h: float, lo: float, c: float, v: float, closed: bool = True
    ) -> Candle:
        """Build from floats via their shortest repr, so 24899.18 stays exactly 24899.18."""
        return cls(
            int(open_time),
            to_decimal(o),
            to_decimal(h),
            to_decimal(lo),
            to_decimal(c),
            to_decimal(v),
            closed,
        )


@dataclass(frozen=True, eq=False)
class Candles:
    """A time-ordered candle series as parallel numpy arrays, for one symbol and timeframe.

    Equality compares symbol, timeframe and every column element-wise; a series is not hashable.
    """

    open_time: IntArray
    open: FloatArray
    high: FloatArray
    low: FloatArray
    close: FloatArray
    volume: FloatArray
    symbol: str = ""
    timeframe: Timeframe = Timeframe.M1
    source: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        n = len(self.open_time)
        for name in COLUMNS[1:]:
            if len(getattr(self, name)) != n:
                raise ValueError(f"column {name!r} has {len(getattr(self, name))} rows, open_time has {n}")

    @classmethod
    def from_arrays(
        cls,
        open_time: Sequence[int] | npt.ArrayLike,
        open: npt.ArrayLike,
        high: npt.ArrayLike,
        low: npt.ArrayLike,
        close: npt.ArrayLike,
        volume: npt.ArrayLike,
        symbol: str = "",
        timeframe: Timeframe = Timeframe.M1,
        source: str = "",
    ) -> Candles:
        return cls(
            np.ascontiguousarray(open_time, dtype=np.int64),
            np.ascontiguousarray(open, dtype=np.float64),
            np.ascontiguousarray(high, dtype=np.float64),
            np.ascontiguousarray(low, dtype=np.float64),
            np.ascontiguousarray(close, dtype=np.float64),
            np.ascontiguousarray(volume, dtype=np.float64),
            symbol,
            timeframe,
            source,
        )

    @classmethod
    def from_candles(
        cls, candles: Iterable[Candle], symbol: str = "", timeframe: Timeframe = Timeframe.M1
    ) -> Candles:
        rows = list(candles)
        return cls.from_arrays(
            [c.open_time for c in rows],
            [float(c.open) for c in rows],
            [float(c.high) for c in rows],
            [float(c.low) for c in rows],
            [float(c.close) for c in rows],
            [float(c.volume) for c in rows],
            symbol,
            timeframe,
        )

    @classmethod
    def empty(cls, symbol: str = "", timeframe: Timeframe = Timeframe.M1) -> Candles:
        return cls.from_arrays([], [], [], [], [], [], symbol, timeframe)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Candles):
            return NotImplemented
        return (self.symbol, self.timeframe) == (other.symbol, other.timeframe) and all(
            np.array_equal(getattr(self, k), getattr(other, k)) for k in COLUMNS
        )

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self.open_time)

    def __iter__(self) -> Iterator[Candle]:
        for i in range(len(self)):
            yield self.row(i)

    def row(self, i: int) -> Candle:
        return Candle.from_floats(
            int(self.open_time[i]),
            float(self.open[i]),
            float(self.high[i]),
            float(self.low[i]),
            float(self.close[i]),
            float(self.volume[i]),
        )

    def slice(self, start: int | None = None, stop: int | None = None) -> Candles:
        """Rows [start, stop) by position (views, no copy)."""
        s = slice(start, stop)
        return Candles(
            self.open_time[s],
            self.open[s],
            self.high[s],
            self.low[s],
            self.close[s],
            self.volume[s],
            self.symbol,
            self.timeframe,
            self.source,
        )

    def between(self, start_ms: int | None = None, end_ms: int | None = None) -> Candles:
        """Rows whose open time lies in [start_ms, end_ms)."""
        lo = 0 if start_ms is None else int(np.searchsorted(self.open_time, start_ms, side="left"))
        hi = len(self) if end_ms is None else int(np.searchsorted(self.open_time, end_ms, side="left"))
        return self.slice(lo, hi)

    def tail(self, n: int) -> Candles:
        return self.slice(max(0, len(self) - n), None)

    def append(self, candle: Candle) -> Candles:
        """A new series with `candle` added at the end (it must open after the last one)."""
        if len(self) and candle.open_time <= int(self.open_time[-1]):
            raise ValueError(f"candle at {candle.open_time} does not come after {int(self.open_time[-1])}")
        return Candles.concat([self, Candles.from_candles([candle], self.symbol, self.timeframe)])

    @staticmethod
    def concat(parts: Sequence[Candles]) -> Candles:
        if not parts:
            return Candles.empty()
        first = parts[0]
        return Candles(
            np.concatenate([p.open_time for p in parts]),
            np.concatenate([p.open for p in parts]),
            np.concatenate([p.high for p in parts]),
            np.concatenate([p.low for p in parts]),
            np.concatenate([p.close for p in parts]),
            np.concatenate([p.volume for p in parts]),
            first.symbol,
            first.timeframe,
            first.source,
        )

    def with_meta(
        self, symbol: str | None = None, timeframe: Timeframe | None = None, source: str | None = None
    ) -> Candles:
        return Candles(
            self.open_time,
            self.open,
            self.high,
            self.low,
            self.close,
            self.volume,
            self.symbol if symbol is None else symbol,
            self.timeframe if timeframe is None else timeframe,
            self.source if source is None else source,
        )

    @property
    def start_ms(self) -> int:
        return int(self.open_time[0])

    @property
    def end_ms(self) -> int:
        """Open time of the last candle."""
        return int(self.open_time[-1])
