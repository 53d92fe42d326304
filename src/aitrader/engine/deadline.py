"""A decision step with a deadline, and the recorded answers a backtest can feed back.

A rule strategy answers in microseconds; an analyst ensemble or an LLM adviser may take seconds,
or hang. `WithDeadline` wraps any `Strategy`: its `on_bar` runs on a worker thread and the kernel
waits at most `deadline_s` for it. A late answer is never acted on: the bar gets no decision, the
miss is recorded as "no decision: deadline" (`DecisionMissed` on the kernel's bus, then in the
journal), and the answer, when it comes, is dropped. While an earlier answer is still being worked
out, a new bar is not queued behind it (that would only make it later): it is missed at once. A
decider with a `answered_late(close_ms)` method is told which bar's answer came too late (an agent then
journals that deliberation as not acted on and counts nothing it proposed there).

Every answer given in time is recorded with its bar (`answers`), so a backtest can replay exactly
what the slow decider said live, without calling it (`RecordedAnswers`): proposals where it
answered, nothing where it missed the deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from aitrader.domain.candles import Candles
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.engine.events import DecisionMissed
from aitrader.strategies.base import Features, MarketView, Signals, Strategy

DEADLINE = "deadline"


class _Delegate:
    """A `Strategy` that is another one in every respect but `on_bar`."""

    def __init__(self, inner: Strategy) -> None:
        self.inner = inner
        self.name = inner.name
        self.description = inner.description
        self.regimes = inner.regimes
        self.timeframe = inner.timeframe
        self.timeframes = inner.timeframes
        self.warmup = inner.warmup
        self.params = inner.params

    def features(self, candles: Candles) -> Features:
        return self.inner.features(candles)

    def signals(self, features: Features) -> Signals:
        return self.inner.signals(features)

    def __getattr__(self, name: str) -> Any:  # e.g. `evidence`, which the live view shows
        return getattr(self.inner, name)


class WithDeadline(_Delegate):
    """`inner`, whose `on_bar` must answer within `deadline_s` seconds (see the module docstring)."""

    def __init__(
        self, inner: Strategy, deadline_s: float, on_miss: Callable[[DecisionMissed], None] | None = None
    ) -> None:
        super().__init__(inner)
        if deadline_s <= 0:
            raise ValueError(f"the deadline must be positive, got {deadline_s}")
        self.deadline_s = deadline_s
        self.on_miss = on_miss
        self.answers: dict[int, tuple[Proposal, ...] | None] = {}  # bar open time -> proposals | missed
        self.missed = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"decider-{inner.name}")
        self._pending: Future[Sequence[Proposal]] | None = None

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        t = view.time_ms
        if self._pending is not None and not self._pending.done():
            return self._miss(view, "the previous answer is still being worked out")
        self._pending = self._pool.submit(self.inner.on_bar, view, book)
        try:
            proposals = tuple(self._pending.result(timeout=self.deadline_s))
        except FutureTimeout:
            late = getattr(self.inner, "answered_late", None)  # it finishes anyway: tell it not to count
            if callable(late):
                late(view.close_ms)
            return self._miss(view, f"no answer within {self.deadline_s:g}s")
        self.answers[t] = proposals
        return proposals

    def _miss(self, view: MarketView, why: str) -> tuple[Proposal, ...]:
        self.missed += 1
        self.answers[view.time_ms] = None
        if self.on_miss is not None:
            self.on_miss(DecisionMissed(view.index, view.time_ms, self.name, f"{DEADLINE}: {why}"))
        return ()

    def close(self) -> None:
        """Stop waiting for a late answer (the thread ends when the decider returns)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


class RecordedAnswers(_Delegate):
    """`inner` as it answered live: the recorded proposals per bar, nothing where it missed the
    deadline, and — for a bar the record does not cover — `inner` itself (or nothing when
    `only_recorded`, for a decider too slow or costly to call in a backtest)."""

    def __init__(
        self,
        inner: Strategy,
        answers: Mapping[int, Sequence[Proposal] | None],
        only_recorded: bool = False,
    ) -> None:
        super().__init__(inner)
        self.recorded = dict(answers)
        self.only_recorded = only_recorded

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        t = view.time_ms
        if t in self.recorded:
            answer = self.recorded[t]
            return () if answer is None else tuple(answer)
        return () if self.only_recorded else self.inner.on_bar(view, book)
