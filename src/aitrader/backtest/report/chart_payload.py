"""Every bar of a backtest, packed compactly for the report's zoom script (see chart_script).

The chart ships a decimated view (at most `max_candles` candles, `max_points` line points); the
script re-decimates the visible range from these full arrays on every zoom, so a view of fewer
than `max_candles` bars shows the real individual candles. Packing, base64 of little-endian arrays:

- times as int32 multiples of the bar duration from the first open (float64 ms if not whole);
- prices as int32 counts of 10**-d for the smallest d <= 8 that holds every price exactly (float64
  when none does, e.g. prices above 21 million at 2 decimals);
- the equity curves (from the first tradable bar) as float32: a chart line, not the record (the
  JSON report has them exactly).
For the 71k-bar 1m sample that is about 2.6 MB of text beside plotly.js's 4.8 MB.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import numpy as np

from aitrader.domain.candles import Candles, FloatArray
from aitrader.domain.timeframe import Timeframe

_INT32_MAX = 2**31 - 1
_U16_MAX = 2**16 - 1
STACK_SCALE = 10_000.0  # stacked shares as uint16 counts of 0.01% (up to 655%)


def b64(values: Any, dtype: str) -> str:
    """`values` as base64 of a little-endian array of `dtype` ("<i4", "<f4", "<f8")."""
    return base64.b64encode(np.ascontiguousarray(values, dtype=dtype).tobytes()).decode("ascii")


def unb64(text: str, dtype: str) -> np.ndarray[Any, Any]:
    """The inverse of `b64` (tests and readers of the page)."""
    return np.frombuffer(base64.b64decode(text), dtype=dtype)


def price_decimals(*arrays: FloatArray) -> int | None:
    """The smallest d in 0..8 with every price a whole count of 10**-d that fits an int32."""
    values = np.concatenate([np.asarray(a, dtype=np.float64) for a in arrays])
    if len(values) == 0:
        return 0
    if not np.all(np.isfinite(values)):
        return None
    for d in range(9):
        scaled = np.round(values * 10.0**d)
        if np.max(np.abs(scaled)) > _INT32_MAX:
            return None
        if np.array_equal(scaled / 10.0**d, values):  # exact: the script divides the same way
            return d
    return None


def pack_prices(candles: Candles) -> dict[str, Any]:
    arrays = {"o": candles.open, "h": candles.high, "l": candles.low, "c": candles.close}
    d = price_decimals(*arrays.values())
    if d is None:
        return {"scale": None, **{k: b64(v, "<f8") for k, v in arrays.items()}}
    scale = 10.0**d
    return {"scale": scale, **{k: b64(np.round(np.asarray(v) * scale), "<i4") for k, v in arrays.items()}}


def pack_times(times: Any, step_ms: int) -> dict[str, Any]:
    t = np.asarray(times, dtype=np.int64)
    if len(t) == 0:
        return {"t0": 0, "step": step_ms, "idx": b64([], "<i4")}
    offsets = t - t[0]
    if step_ms > 0 and np.all(offsets % step_ms == 0) and offsets[-1] // step_ms <= _INT32_MAX:
        return {"t0": int(t[0]), "step": step_ms, "idx": b64(offsets // step_ms, "<i4")}
    return {"t0": 0, "step": 1, "ms": b64(t, "<f8")}


@dataclass(frozen=True)
class LineSeries:
    """The curves of the lower panels, one point per measured bar (from `first`)."""

    first: int
    initial: float
    equity: FloatArray
    hold: FloatArray | None  # buy-and-hold, or None without a benchmark
    vol: FloatArray | None = None  # the volatility-targeted buy-and-hold, or None


def payload(
    candles: Candles, lines: LineSeries, traces: dict[str, int], max_candles: int, max_points: int
) -> dict[str, Any]:
    """What the zoom script reads: the packed bars and curves, the trace indices it restyles and
    the decimation limits (the same as the figure's first view)."""
    return {
        "n": len(candles),
        "time": pack_times(candles.open_time, candles.timeframe.duration_ms),
        "prices": pack_prices(candles),
        "tf": candles.timeframe.value,
        "dur": candles.timeframe.duration_ms,
        "first": lines.first,
        "initial": lines.initial,
        "equity": b64(lines.equity, "<f4"),
        "hold": b64(lines.hold, "<f4") if lines.hold is not None else None,
        "vol": b64(lines.vol, "<f4") if lines.vol is not None else None,
        "traces": traces,
        "maxCandles": max_candles,
        "maxPoints": max_points,
    }


def lines_payload(
    times: Any,
    timeframe: Timeframe,
    lines: LineSeries,
    stack: list[FloatArray],
    traces: dict[str, Any],
    axes: dict[str, str],
    max_points: int,
) -> dict[str, Any]:
    """`payload` for a chart without candles (the portfolio's): the curves on the bars opening at
    `times`, stacked shares (`stack`, from the first tradable bar as the curves; packed as uint16
    counts of 1 / `STACK_SCALE`, clipped to 0..655%) and the y axis of each panel (`axes`:
    "equity", "drawdown")."""
    return {
        "n": len(times),
        "time": pack_times(times, timeframe.duration_ms),
        "tf": timeframe.value,
        "dur": timeframe.duration_ms,
        "first": lines.first,
        "initial": lines.initial,
        "equity": b64(lines.equity, "<f4"),
        "hold": b64(lines.hold, "<f4") if lines.hold is not None else None,
        "vol": b64(lines.vol, "<f4") if lines.vol is not None else None,
        "stack": [b64(np.round(np.clip(s, 0.0, _U16_MAX / STACK_SCALE) * STACK_SCALE), "<u2") for s in stack],
        "stackScale": STACK_SCALE,
        "axes": axes,
        "traces": traces,
        "maxCandles": max_points,
        "maxPoints": max_points,
    }


def unpack_times(data: dict[str, Any]) -> np.ndarray[Any, Any]:
    """Open times in ms from `payload(...)["time"]` (what the script computes)."""
    if "ms" in data:
        return unb64(data["ms"], "<f8").astype(np.int64)
    return int(data["t0"]) + unb64(data["idx"], "<i4").astype(np.int64) * int(data["step"])


def unpack_prices(data: dict[str, Any]) -> dict[str, np.ndarray[Any, Any]]:
    """open/high/low/close ("o", "h", "l", "c") from `payload(...)["prices"]`."""
    scale = data["scale"]
    if scale is None:
        return {k: unb64(data[k], "<f8") for k in "ohlc"}
    return {k: unb64(data[k], "<i4").astype(np.float64) / scale for k in "ohlc"}


def unpack_stack(data: dict[str, Any]) -> list[np.ndarray[Any, Any]]:
    """The stacked shares from `lines_payload(...)` (what the script computes)."""
    scale = float(data["stackScale"])
    return [unb64(s, "<u2").astype(np.float64) / scale for s in data.get("stack", [])]
