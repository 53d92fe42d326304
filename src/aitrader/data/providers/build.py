"""Rows from a provider's reply → validated `Candles` cut to the requested window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np

from aitrader.data.errors import DataError
from aitrader.data.providers.base import ProviderError
from aitrader.data.validate import validate_candles
from aitrader.domain import Candles, Timeframe

Row = tuple[int, float, float, float, float, float]  # open time ms, open, high, low, close, volume


def make_candles(
    provider: str,
    symbol: str,
    timeframe: Timeframe,
    rows: Sequence[Row],
    start_ms: int,
    end_ms: int,
    source: str,
) -> Candles:
    """Sorted rows with open time in [start_ms, end_ms) as `Candles`, checked by `validate_candles`;
    bad values become a `ProviderError` naming the provider (so a failover chain goes on)."""
    kept = sorted(r for r in rows if start_ms <= r[0] < end_ms)
    if kept:
        a = np.asarray(kept, dtype=np.float64)
        c = Candles.from_arrays(
            np.asarray([r[0] for r in kept], dtype=np.int64), a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 5],
            symbol=symbol, timeframe=timeframe, source=source,
        )  # fmt: skip
    else:
        c = Candles.empty(symbol, timeframe).with_meta(source=source)
    try:
        return validate_candles(c, source=f"{provider} {symbol} {timeframe.value}")
    except DataError as exc:
        raise ProviderError(provider, f"sent bad candles ({exc})", "use another provider") from None


def day_ms(date_text: str) -> int:
    """'2023-08-01' → that date at 00:00 UTC in epoch ms (daily bars are keyed by session date)."""
    d = dt.date.fromisoformat(date_text[:10])
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC).timestamp()) * 1000


def utc_ms(text: str) -> int:
    """'2023-08-01 15:30:00' (UTC) or '2023-08-01' → epoch ms."""
    if len(text.strip()) <= 10:
        return day_ms(text)
    d = dt.datetime.fromisoformat(text.strip())
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return int(d.timestamp() * 1000)


def iso_time(ms: int) -> str:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


@contextmanager
def reply_parsing(provider: str) -> Iterator[None]:
    """Turn a reply that breaks the documented shape (a missing key, a non-number) into a
    `ProviderError`, so a failover chain goes on to the next provider."""
    try:
        yield
    except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ProviderError(
            provider,
            f"unexpected reply ({type(exc).__name__}: {exc})",
            "the provider's format may have changed",
        ) from None
