"""Klines and rolling statistics answered from a tape: only what has happened by the replay clock.

Higher intervals are aggregated from the replayed base candles; the forming candle is included as it
stands so far. Fields the sample files do not carry are synthetic: quote volume = volume x typical
price, trades = ticks replayed, taker-buy volume = half the volume.
"""

from __future__ import annotations

import re

import numpy as np
import numpy.typing as npt

from aitrader.domain import Timeframe
from aitrader.venues.local.errors import BinanceError
from aitrader.venues.local.tape import SymbolTape
from aitrader.venues.local.wire import f8

_MONDAY = 4 * 86_400_000
_WEEK = 7 * 86_400_000
_DAY = 86_400_000
Row = list[object]


def parse_time_zone(text: str | None) -> int:
    """Binance `timeZone` (hours "+08:00", "-1:00", "5") to an offset in ms; range -12:00..+14:00."""
    if text is None or text in ("", "0"):
        return 0
    m = re.fullmatch(r"([+-]?)(\d{1,2})(?::(\d{2}))?", text.strip())
    if not m:
        raise BinanceError(
            -1100, f"Illegal characters found in parameter 'timeZone'; legal range is '{text}'."
        )
    sign = -1 if m.group(1) == "-" else 1
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    offset = sign * minutes
    if not -12 * 60 <= offset <= 14 * 60:
        raise BinanceError(-1100, "Invalid timeZone: must be in range [-12:00 to +14:00].")
    return offset * 60_000


def bucket_open(interval: Timeframe, t: npt.NDArray[np.int64], offset: int) -> npt.NDArray[np.int64]:
    """Open time of the `interval` candle containing each time in `t`, in a zone `offset` ms from UTC."""
    s = t + offset
    if interval is Timeframe.MN1:
        b = s.astype("datetime64[ms]").astype("datetime64[M]").astype("datetime64[ms]").astype(np.int64)
    elif interval is Timeframe.W1:
        b = (s - _MONDAY) // _WEEK * _WEEK + _MONDAY
    else:
        d = interval.duration_ms
        b = s // d * d
    return np.asarray(b - offset, dtype=np.int64)


def _close_time(interval: Timeframe, open_ms: int, offset: int) -> int:
    return interval.next_open(open_ms + offset) - offset - 1


def kline_rows(
    tape: SymbolTape,
    interval: Timeframe,
    start: int | None = None,
    end: int | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[Row]:
    """Binance kline rows for `interval` (empty when the base interval cannot build it)."""
    base = tape.tf
    if not base.divides(interval):
        return []
    c = tape.candles
    hi = tape.visible_rows
    ratio = max(1, (31 * _DAY if interval is Timeframe.MN1 else interval.duration_ms) // base.duration_ms)
    t_all = c.open_time
    if end is not None:
        end_bucket = int(bucket_open(interval, np.array([end], dtype=np.int64), offset)[0])
        nxt = interval.next_open(end_bucket + offset) - offset
        hi = min(hi, int(np.searchsorted(t_all, nxt, side="left")))
    if start is not None:
        sb = int(bucket_open(interval, np.array([start], dtype=np.int64), offset)[0])
        lo = int(np.searchsorted(t_all, sb, side="left"))
        hi = min(hi, lo + (limit + 1) * ratio)
    else:
        lo = max(0, hi - (limit + 1) * ratio)
    if hi <= lo:
        return []
    t = t_all[lo:hi]
    o, h, lw, cl, v = (
        np.array(a[lo:hi], dtype=np.float64) for a in (c.open, c.high, c.low, c.close, c.volume)
    )
    ticks = np.full(hi - lo, tape.n, dtype=np.int64)
    forming = tape.forming_values()
    if forming is not None and hi == tape.visible_rows:
        h[-1], lw[-1], cl[-1], v[-1] = forming
        ticks[-1] = tape.k + 1
    keys = bucket_open(interval, t, offset)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    q = v * (o + h + lw + cl) / 4.0
    agg_o = o[starts]
    agg_h = np.maximum.reduceat(h, starts)
    agg_l = np.minimum.reduceat(lw, starts)
    ends = np.r_[starts[1:], len(t)] - 1
    agg_c = cl[ends]
    agg_v = np.add.reduceat(v, starts)
    agg_q = np.add.reduceat(q, starts)
    agg_n = np.add.reduceat(ticks, starts)
    rows: list[Row] = []
    for j, s in enumerate(starts):
        open_ms = int(keys[s])
        if start is not None and open_ms < start:
            continue
        if end is not None and open_ms > end:
            continue
        rows.append(
            [
                open_ms,
                f8(agg_o[j]),
                f8(agg_h[j]),
                f8(agg_l[j]),
                f8(agg_c[j]),
                f8(agg_v[j]),
                _close_time(interval, open_ms, offset),
                f8(agg_q[j]),
                int(agg_n[j]),
                f8(agg_v[j] / 2),
                f8(agg_q[j] / 2),
                "0",
            ]
        )
    return rows[:limit] if start is not None else rows[-limit:]


def rolling_window(tape: SymbolTape, now: int, window_ms: int) -> dict[str, float] | None:
    """Open/high/low/volume/quote volume/ticks over base candles opened in (now - window, now]."""
    hi = tape.visible_rows
    c = tape.candles
    lo = int(np.searchsorted(c.open_time[:hi], now - window_ms, side="right"))
    if hi <= lo:
        return None
    o, h, lw, cl, v = (
        np.array(a[lo:hi], dtype=np.float64) for a in (c.open, c.high, c.low, c.close, c.volume)
    )
    count = (hi - lo) * tape.n
    forming = tape.forming_values()
    if forming is not None:
        h[-1], lw[-1], cl[-1], v[-1] = forming
        count -= tape.n - tape.k - 1
    q = v * (o + h + lw + cl) / 4.0
    vol = float(v.sum())
    return {
        "open": float(o[0]),
        "high": float(h.max()),
        "low": float(lw.min()),
        "volume": vol,
        "quote": float(q.sum()),
        "vwap": float((cl * v).sum() / vol) if vol > 0 else float(cl[-1]),
        "count": float(count),
        "open_time": float(c.open_time[lo]),
    }
