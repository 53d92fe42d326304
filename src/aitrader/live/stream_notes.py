"""What the market stream says about itself (connection changes, data quality) for the view and
the journal."""

from __future__ import annotations

from aitrader.live.journal import LiveJournal
from aitrader.live.state import LiveState
from aitrader.venues.binance.market_stream import ConnectionEvent, DataQualityEvent


def note_stream_event(ev: object, st: LiveState, journal: LiveJournal) -> None:
    if isinstance(ev, ConnectionEvent):
        st.connection = ev.state
        if ev.state == "connected" and ev.attempt > 1:
            st.reconnects += 1
        if ev.state in ("disconnected", "stale"):
            st.event(f"market stream {ev.state}: {ev.detail}")
    elif isinstance(ev, DataQualityEvent):
        journal.event(f"dq_{ev.kind}", from_ms=ev.from_ms, to_ms=ev.to_ms, count=ev.count, detail=ev.detail)
        if ev.kind == "gap_filled":
            st.gaps_filled += ev.count
        if ev.kind == "duplicate_dropped":
            st.duplicates_dropped += 1
        elif ev.kind != "gap_filled" or ev.count:
            who = f"{ev.symbol}: " if st.portfolio else ""
            st.event(f"{who}data {ev.kind}: {ev.count} candle(s)")
