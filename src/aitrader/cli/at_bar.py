"""`--at TIME` on one series: which bar a one-bar command (decide, debate) looks at, or one line
saying why none (an unreadable time, a time outside the data)."""

from __future__ import annotations

from aitrader.cli.errors import fail
from aitrader.domain.candles import Candles
from aitrader.domain.timeframe import Timeframe, parse_time


def bar_at(candles: Candles, tf: Timeframe, at: str | None, origin: str, closed_by: bool = False) -> int:
    """The index of the latest bar (no `at`), of the bar holding `at`, or — `closed_by` — of the last
    bar closed by `at` (the bar holding it closes after it, so it was not known then)."""
    if at is None:
        return len(candles) - 1
    from aitrader.data.source import span_text

    try:
        when = parse_time(at)
    except ValueError as exc:
        fail(str(exc))
    if when < candles.start_ms or when > tf.close_time(candles.end_ms):
        fail(
            f"--at {at} is outside the data: {candles.symbol} {tf.value} covers {span_text(candles)} UTC ({origin})"
        )
    last_open = when - tf.duration_ms if closed_by else when
    return int(candles.open_time.searchsorted(last_open, side="right")) - 1
