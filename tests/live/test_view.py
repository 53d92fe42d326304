"""The terminal view and the run summary render every part of the live state."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console

from aitrader.domain import Candle
from aitrader.live.runner import RunSummary
from aitrader.live.state import LiveState
from aitrader.live.view import render, summary_table


def _state() -> LiveState:
    st = LiveState("BTCUSDT", "1m", "live", "local exchange", connection="connected")
    d = Decimal
    st.candles.append(
        Candle(1_679_250_840_000, d("28000.1"), d("28100"), d("27950"), d("28044.05"), d("12.5"))
    )
    st.forming = Candle(
        1_679_250_900_000, d("28044.05"), d("28050"), d("28040"), d("28046"), d("1.2"), closed=False
    )
    st.indicators = {"rsi": 61.2345, "ema_fast_above_slow": True}
    st.proposal = "Enter BUY breakout with volume"
    st.verdict = "approved open plan P v1 qty 0.178"
    st.position = "BUY 0.178 @ 28044.05"
    st.protection = "stop 27940.42 / targets 28251.30, 28406.74 (2 OCO on the venue)"
    st.start_equity, st.equity = d(10000), d("10035.5")
    st.latencies_us = [8000.0, 12000.0]
    st.event("entry filled")
    return st


def test_view_shows_connection_candles_decision_position_and_events() -> None:
    console = Console(record=True, width=140)
    console.print(render(_state()))
    text = console.export_text()
    for needle in ("BTCUSDT 1m", "connected", "28044.05", "rsi", "Enter BUY", "approved", "stop 27940.42",
                   "+35.50", "entry filled"):  # fmt: skip
        assert needle in text, needle


def test_summary_reports_latency_and_pnl() -> None:
    console = Console(record=True, width=140)
    console.print(summary_table(RunSummary("max runtime 60s reached", _state(), None)))
    text = console.export_text()
    assert "max runtime 60s reached" in text
    assert "10000.00 → 10035.50 (+35.50)" in text
    assert "10.00 ms" in text
