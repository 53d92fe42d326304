"""Binance kline payloads (WebSocket events and REST rows) parsed into Decimal-exact `Candle`s.

Prices and volumes are read from the payload strings, never through float, so a live candle is
bit-identical to the one in a downloaded file. A WebSocket kline is closed when its `x` flag is
true; earlier updates of the same open time are in-progress candles (`closed=False`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aitrader.domain import Candle, Timeframe


class KlinePayloadError(ValueError):
    """A kline message did not have the shape Binance documents."""


@dataclass(frozen=True, slots=True)
class KlineUpdate:
    """One kline event: which stream it belongs to, the candle, and when the venue sent it."""

    symbol: str
    timeframe: Timeframe
    candle: Candle
    event_ms: int

    @property
    def key(self) -> tuple[str, Timeframe]:
        return (self.symbol, self.timeframe)


def stream_name(symbol: str, timeframe: Timeframe) -> str:
    """Binance stream name, e.g. 'btcusdt@kline_1m' (symbols are lower-case in stream names)."""
    return f"{symbol.lower()}@kline_{timeframe.value}"


def parse_kline_event(message: Mapping[str, Any]) -> KlineUpdate | None:
    """Parse a raw or combined-stream kline message; None for anything that is not a kline event."""
    payload: Any = message.get("data", message) if "stream" in message else message
    if not isinstance(payload, Mapping) or payload.get("e") != "kline":
        return None
    k = payload.get("k")
    if not isinstance(k, Mapping):
        raise KlinePayloadError("kline event without a 'k' object")
    try:
        candle = Candle(
            open_time=int(k["t"]),
            open=Decimal(str(k["o"])),
            high=Decimal(str(k["h"])),
            low=Decimal(str(k["l"])),
            close=Decimal(str(k["c"])),
            volume=Decimal(str(k["v"])),
            closed=bool(k["x"]),
        )
        return KlineUpdate(
            symbol=str(k["s"]).upper(),
            timeframe=Timeframe.parse(str(k["i"])),
            candle=candle,
            event_ms=int(payload.get("E", 0)),
        )
    except (KeyError, ArithmeticError, ValueError, TypeError) as exc:
        raise KlinePayloadError(f"malformed kline event: {exc!r}") from exc


def parse_rest_kline(row: Sequence[Any]) -> Candle:
    """One row of GET /api/v3/klines: [openTime, "open", "high", "low", "close", "volume", ...]."""
    if len(row) < 6:
        raise KlinePayloadError(f"kline row has {len(row)} fields, expected at least 6")
    try:
        return Candle(
            open_time=int(row[0]),
            open=Decimal(str(row[1])),
            high=Decimal(str(row[2])),
            low=Decimal(str(row[3])),
            close=Decimal(str(row[4])),
            volume=Decimal(str(row[5])),
            closed=True,
        )
    except (ArithmeticError, ValueError, TypeError) as exc:
        raise KlinePayloadError(f"malformed kline row: {exc!r}") from exc
