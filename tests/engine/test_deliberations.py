"""A slow decider's deliberations reach the bus and the journal through the kernel, with the bar
they were made on — in a backtest and behind the live deadline wrapper alike."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from aitrader.backtest.engine import BacktestConfig, run_backtest
from aitrader.data.sample import load_sample
from aitrader.domain.deliberation import Deliberation
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.engine.deadline import WithDeadline
from aitrader.engine.events import Deliberated
from aitrader.engine.journaling import DELIBERATION
from aitrader.execution.journal import Journal
from aitrader.execution.journal_reader import JournalReader
from aitrader.strategies.base import MarketView, Strategy
from aitrader.strategies.registry import get_strategy


class Thinking:
    """Confluence that writes down a deliberation on every bar it is asked about."""

    def __init__(self, inner: Strategy) -> None:
        self.inner = inner
        self.name, self.description, self.regimes = "thinking", inner.description, inner.regimes
        self.timeframe, self.timeframes, self.warmup, self.params = (
            inner.timeframe, inner.timeframes, inner.warmup, inner.params,
        )  # fmt: skip
        self.features, self.signals, self.feature_stream = inner.features, inner.signals, inner.feature_stream
        self._notes: list[Deliberation] = []
        self.asked: list[int] = []

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        proposals = self.inner.on_bar(view, book)
        self.asked.append(view.close_ms)
        verdict = f"{len(proposals)} proposal(s)"
        record = json.dumps({"close": view.close, "proposals": len(proposals)})
        self._notes.append(
            Deliberation("thinking", view.symbol, view.close_ms, f"s{view.index}", verdict, record)
        )
        return proposals

    def drain_deliberations(self) -> list[Deliberation]:
        out, self._notes = self._notes, []
        return out


def test_deliberations_are_published_per_bar_and_journaled(tmp_path: Path) -> None:
    candles = load_sample("BTCUSDT", "1m").slice(20_000, 24_000)
    strat = Thinking(get_strategy("confluence"))
    journal = Journal(tmp_path / "j.sqlite", batch=1)
    seen: list[Deliberated] = []
    from aitrader.engine.bus import EventBus

    bus = EventBus()
    bus.subscribe(Deliberated, seen.append)
    run_backtest(strat, candles, BacktestConfig(), bus=bus, journal=journal, run_id="r1")  # type: ignore[arg-type]
    journal.flush()
    assert strat.asked, "the strategy was never asked"
    # one event per question, in order, each at the bar the question was asked on
    assert [e.deliberation.time_ms for e in seen] == strat.asked
    for e in seen:
        assert int(candles.open_time[e.bar]) + 60_000 == e.deliberation.time_ms
    events = JournalReader(tmp_path / "j.sqlite").events("r1", kind=DELIBERATION, limit=100_000)
    assert len(events) == len(strat.asked)
    first = events[-1]  # newest first
    assert first["time_ms"] == strat.asked[0]
    payload = first["payload"] if isinstance(first["payload"], dict) else json.loads(first["payload"])
    assert payload["decider"] == "thinking"
    assert payload["record"]["close"] == float(candles.close[seen[0].bar])


def test_a_deadline_wrapped_decider_still_hands_over_its_deliberations() -> None:
    candles = load_sample("BTCUSDT", "1m").slice(20_000, 24_000)
    inner = Thinking(get_strategy("confluence"))
    timed = WithDeadline(inner, 30.0)  # type: ignore[arg-type]
    bus_seen: list[Deliberated] = []
    from aitrader.engine.bus import EventBus

    bus = EventBus()
    bus.subscribe(Deliberated, bus_seen.append)
    try:
        run_backtest(timed, candles, BacktestConfig(), bus=bus)
    finally:
        timed.close()
    assert inner.asked
    assert [e.deliberation.time_ms for e in bus_seen] == inner.asked
