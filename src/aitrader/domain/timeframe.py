"""Candle intervals as Binance names them, with exact flooring of epoch-ms timestamps.

Times are UTC epoch milliseconds everywhere inside aitrader; `to_epoch_ms` is the one rule that
reads epoch seconds and microseconds given from outside as such (by magnitude). Weekly candles open on Monday
00:00 UTC and monthly candles on the first day of the month, as on Binance. Three-day candles
are aligned to the Unix epoch.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import Enum

import numpy as np
import numpy.typing as npt

_SECOND = 1_000
_MINUTE = 60 * _SECOND
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR
_WEEK = 7 * _DAY
_MONDAY_OFFSET = 4 * _DAY  # 1970-01-01 was a Thursday; the first Monday is 4 days later
_NOMINAL_MONTH = 30 * _DAY


class Timeframe(Enum):
    """A Binance kline interval. The value is the exact Binance spelling (case-sensitive)."""

    S1 = "1s"
    M1 = "1m"
    M3 = "3m"
    M5 = "5m"
    M15 = "15m"
    M30 = "30m"
    H1 = "1h"
    H2 = "2h"
    H4 = "4h"
    H6 = "6h"
    H8 = "8h"
    H12 = "12h"
    D1 = "1d"
    D3 = "3d"
    W1 = "1w"
    MN1 = "1M"

    @classmethod
    def parse(cls, text: str | Timeframe) -> Timeframe:
        """Parse a Binance interval name ("1m", "4h", "1M"). Minutes vs months is case-sensitive."""
        if isinstance(text, Timeframe):
            return text
        cleaned = text.strip()
        for tf in cls:
            if tf.value == cleaned:
                return tf
        # Accept common lower-case spellings for everything but the 1m/1M ambiguity.
        lowered = cleaned.lower()
        aliases = {
            "1min": "1m",
            "1h": "1h",
            "1d": "1d",
            "1w": "1w",
            "1mo": "1M",
            "1mon": "1M",
            "1month": "1M",
        }
        if lowered in aliases:
            return cls(aliases[lowered])
        for tf in cls:
            if tf.value.lower() == lowered and tf.value != "1M":
                return tf
        valid = ", ".join(tf.value for tf in cls)
        raise ValueError(f"unknown timeframe {text!r}: use one of {valid}")

    def __str__(self) -> str:
        return self.value

    @property
    def is_calendar(self) -> bool:
        """True for 1M, whose length in ms depends on the month."""
        return self is Timeframe.MN1

    @property
    def duration_ms(self) -> int:
        """Length in ms. For 1M this is a nominal 30 days: use `next_open` for exact month ends."""
        return _DURATIONS[self]

    def floor(self, ts_ms: int) -> int:
        """Open time of the candle of this timeframe that contains `ts_ms`."""
        if self is Timeframe.MN1:
            d = dt.datetime.fromtimestamp(ts_ms // 1000, tz=dt.UTC)
            return int(dt.datetime(d.year, d.month, 1, tzinfo=dt.UTC).timestamp()) * 1000
        if self is Timeframe.W1:
            return (ts_ms - _MONDAY_OFFSET) // _WEEK * _WEEK + _MONDAY_OFFSET
        step = self.duration_ms
        return ts_ms // step * step

    def next_open(self, open_ms: int) -> int:
        """Open time of the candle after the one that contains `open_ms`."""
        start = self.floor(open_ms)
        if self is Timeframe.MN1:
            d = dt.datetime.fromtimestamp(start // 1000, tz=dt.UTC)
            days = calendar.monthrange(d.year, d.month)[1]
            return start + days * _DAY
        return start + self.duration_ms

    def close_time(self, open_ms: int) -> int:
        """Binance close time of the candle opening at `open_ms`: next open minus 1 ms."""
        return self.next_open(open_ms) - 1

    def divides(self, other: Timeframe) -> bool:
        """True when candles of `other` are built from whole candles of this timeframe."""
        if other is Timeframe.MN1:
            return self.duration_ms <= _DAY and _DAY % self.duration_ms == 0
        if self is Timeframe.MN1:
            return False
        if other is Timeframe.W1 and self.duration_ms > _DAY:
            return self is Timeframe.W1
        return other.duration_ms % self.duration_ms == 0 and other.duration_ms >= self.duration_ms


_DURATIONS: dict[Timeframe, int] = {
    Timeframe.S1: _SECOND,
    Timeframe.M1: _MINUTE,
    Timeframe.M3: 3 * _MINUTE,
    Timeframe.M5: 5 * _MINUTE,
    Timeframe.M15: 15 * _MINUTE,
    Timeframe.M30: 30 * _MINUTE,
    Timeframe.H1: _HOUR,
    Timeframe.H2: 2 * _HOUR,
    Timeframe.H4: 4 * _HOUR,
    Timeframe.H6: 6 * _HOUR,
    Timeframe.H8: 8 * _HOUR,
    Timeframe.H12: 12 * _HOUR,
    Timeframe.D1: _DAY,
    Timeframe.D3: 3 * _DAY,
    Timeframe.W1: _WEEK,
    Timeframe.MN1: _NOMINAL_MONTH,
}


def format_ms(ts_ms: int) -> str:
    """Human-readable UTC time of an epoch-ms timestamp, e.g. '2023-03-16 22:15'."""
    d = dt.datetime.fromtimestamp(ts_ms / 1000, tz=dt.UTC)
    return d.strftime("%Y-%m-%d %H:%M:%S" if ts_ms % _MINUTE else "%Y-%m-%d %H:%M")


def format_duration(ms: int | float) -> str:
    """A span in its two largest units, rounded down: '3d 4h', '2h 15m', '45m' or '30s'."""
    seconds = int(ms) // 1000
    days, rem = divmod(seconds, 86_400)
    hours, rem = divmod(rem, 3_600)
    minutes, secs = divmod(rem, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


MS_PER_YEAR = 31_557_600_000  # a year of 365.25 days: what metrics and volatilities annualise with
MIN_EPOCH_MS = 946_684_800_000  # 2000-01-01 00:00 UTC
MAX_EPOCH_MS = 4_102_444_800_000  # 2100-01-01 00:00 UTC


def to_epoch_ms(t: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """Epoch seconds and microseconds as epoch ms, value by value, told apart by magnitude: between
    2000 and 2100 the three units never overlap (s < 4.2e9 < ms < 4.2e12 < µs). Other values stay
    as they are, for the caller to refuse (the one rule for CSV columns, stores and `parse_time`)."""
    a = np.asarray(t, dtype=np.int64)
    secs = (a >= MIN_EPOCH_MS // 1000) & (a < MAX_EPOCH_MS // 1000)
    micros = (a >= MIN_EPOCH_MS * 1000) & (a < MAX_EPOCH_MS * 1000)
    if not (secs.any() or micros.any()):
        return a
    out: npt.NDArray[np.int64] = np.where(secs, a * 1000, np.where(micros, a // 1000, a))
    return out


def parse_time(text: str) -> int:
    """Parse '2023-04-01', '2023-04-01 12:30' or an epoch time in seconds, ms or µs (told apart by
    magnitude, `to_epoch_ms`) into UTC epoch ms. A number that is no epoch time between 2000 and
    2100 in any of those units is refused."""
    stripped = text.strip()
    if stripped.isdigit():
        value = int(stripped)
        ms = int(to_epoch_ms(np.array([value], dtype=np.int64))[0]) if value < 2**63 else value
        if not MIN_EPOCH_MS <= ms < MAX_EPOCH_MS:
            raise ValueError(
                f"cannot read time {text!r}: {value} is no epoch time between 2000-01-01 and 2100-01-01 "
                "in seconds, milliseconds or microseconds: pass YYYY-MM-DD[ HH:MM] (UTC) or epoch "
                "seconds or ms, e.g. 2023-04-01 or 1680307200"
            )
        return ms
    try:
        d = dt.datetime.fromisoformat(stripped.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f"cannot read time {text!r}: use YYYY-MM-DD[ HH:MM] (UTC) or epoch seconds or ms"
        ) from exc
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.UTC)
    return int(d.timestamp() * 1000)
