"""`Bar`: one closed candle as plain Python numbers, the unit every stream advances by."""

from __future__ import annotations

from typing import NamedTuple

from aitrader.domain import Candle, Candles


class Bar(NamedTuple):
    open_time: int
    open: float
    high: float
    low: float
    close: float
    volume: float

    @classmethod
    def of(cls, candle: Candle) -> Bar:
        """The floats `Candles.from_candles` would hold for `candle` (same conversions)."""
        return cls(
            int(candle.open_time),
            float(candle.open),
            float(candle.high),
            float(candle.low),
            float(candle.close),
            float(candle.volume),
        )

    @classmethod
    def at(cls, candles: Candles, i: int) -> Bar:
        """Row `i` of a series."""
        return cls(
            int(candles.open_time[i]),
            float(candles.open[i]),
            float(candles.high[i]),
            float(candles.low[i]),
            float(candles.close[i]),
            float(candles.volume[i]),
        )
