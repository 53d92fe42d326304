"""What the gate refused an agent lately: the risk analyst and the LLM adviser read it.

The kernel hands every agent strategy its bus (`Kernel` calls `watch_rejections(bus)` on a strategy
that has it), and `RejectionMemory` keeps the rejections of that strategy's own proposals. A
snapshot then carries the recent ones for its symbol (`Snapshot.rejections`): repeated refusals
make the risk analyst cautious and start the adviser's cooldown. Thread-safe: behind the live
deadline, `on_bar` runs on a worker thread while verdicts arrive on the loop's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from aitrader.domain.plan import Rejection
from aitrader.engine.bus import EventBus
from aitrader.engine.events import VerdictGiven
from aitrader.strategies.base import MarketView

KEEP = 100  # rejections remembered at most (per strategy)


class RejectionMemory:
    """The gate's refusals of `strategy`'s proposals, newest last."""

    def __init__(self, strategy: str) -> None:
        self.strategy = strategy
        self._lock = threading.Lock()
        self._kept: list[tuple[int, str, str]] = []  # (time_ms, symbol, "code: message")

    def note(self, rejection: Rejection) -> None:
        with self._lock:
            self._kept.append((rejection.time_ms, rejection.symbol, str(rejection)))
            del self._kept[: max(0, len(self._kept) - KEEP)]

    def watch(self, bus: EventBus) -> Callable[[], None]:
        """Keep the kernel's rejections of this strategy's proposals; returns the unsubscribe."""

        def on_verdict(e: VerdictGiven) -> None:
            if isinstance(e.verdict, Rejection) and getattr(e.proposal, "strategy", "") == self.strategy:
                self.note(e.verdict)

        return bus.subscribe(VerdictGiven, on_verdict)

    def recent(self, view: MarketView, bars: int) -> tuple[str, ...]:
        """The refusals about `view`'s symbol in its last `bars` bars, up to its close."""
        since = view.close_ms - bars * view.timeframe.duration_ms
        with self._lock:
            return tuple(
                why for t, sym, why in self._kept if sym == view.symbol and since < t <= view.close_ms
            )
