"""The decision deadline: a slow decider never holds up a candle for longer than its deadline, a miss
is recorded as "no decision: deadline" (bus, then journal), and a backtest fed the recorded answers
decides exactly as the run did, without calling the decider."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from aitrader.backtest.engine import default_instrument
from aitrader.data import load_sample
from aitrader.domain.candles import Candles
from aitrader.domain.position import PositionBook
from aitrader.domain.proposal import Proposal
from aitrader.engine.deadline import RecordedAnswers, WithDeadline
from aitrader.engine.events import DecisionMissed, VerdictGiven
from aitrader.engine.journaling import JournalRecorder
from aitrader.engine.kernel import Kernel
from aitrader.execution.fill_model import FillModel
from aitrader.execution.journal import Journal
from aitrader.execution.journal_reader import JournalReader
from aitrader.execution.sim_broker import SimBroker
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies import get_strategy
from aitrader.strategies.base import MarketView, Strategy

DEADLINE_S = 0.05
STALL_S = 0.4  # how long the slow decider takes on the bars it stalls on (8 deadlines)


class Stalling(RecordedAnswers):
    """Confluence that, like an LLM adviser behind a slow network, stalls now and then.

    (`RecordedAnswers` with no record is plain delegation: `on_bar` is the inner one.)"""

    def __init__(self, inner: Strategy) -> None:
        super().__init__(inner, {})
        self.calls = 0
        self.stalled: list[int] = []
        self.answered_late: list[int] = []  # stalled bars whose answer has come (after the deadline)

    def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
        self.calls += 1
        if self.calls % 97 == 0:
            self.stalled.append(view.time_ms)
            time.sleep(STALL_S)
            self.answered_late.append(view.time_ms)
        return self.inner.on_bar(view, book)


def _candles() -> tuple[Candles, Candles]:
    full = load_sample("BTCUSDT", "1m")
    return full.slice(23_200, 25_600), full.slice(25_600, 27_100)  # an active stretch


def _kernel(strategy: Strategy, warm: Candles) -> tuple[Kernel, list[tuple[int, str, str]]]:
    inst = default_instrument("BTCUSDT", float(warm.close[-1]))
    broker = SimBroker(fill_model=FillModel.LIVE, interval_ms=60_000)
    kernel = Kernel(strategy, RiskGate(RiskConfig(risk_fraction=0.01)), broker, inst, 10_000.0)
    verdicts: list[tuple[int, str, str]] = []
    kernel.bus.subscribe(
        VerdictGiven, lambda e: verdicts.append((e.time_ms, type(e.proposal).__name__, str(e.approved)))
    )
    kernel.warm(warm)
    return kernel, verdicts


def test_a_late_answer_is_no_decision_and_is_recorded_and_a_backtest_replays_the_answers(
    tmp_path: Path,
) -> None:
    warm, stream = _candles()
    slow = Stalling(get_strategy("confluence"))
    missed: list[DecisionMissed] = []
    timed = WithDeadline(slow, DEADLINE_S)
    kernel, live_verdicts = _kernel(timed, warm)
    timed.on_miss = kernel.bus.publish  # as live.kernel_build wires it
    kernel.bus.subscribe(DecisionMissed, missed.append)
    journal = Journal(tmp_path / "j.sqlite", batch=1)
    journal.start_run("r1", "paper", "confluence", "BTCUSDT", "1m", 10_000.0)
    JournalRecorder(kernel.bus, journal, "r1")
    returned_before_the_answer = []
    for candle in stream:
        stalls = len(slow.stalled)
        kernel.push(candle)
        if len(slow.stalled) > stalls:  # this candle stalled: the loop went on before its answer came
            returned_before_the_answer.append(slow.stalled[-1] not in slow.answered_late)
            while slow.stalled[-1] not in slow.answered_late:  # live, the next candle is a minute away
                time.sleep(0.01)
    journal.flush()
    assert slow.stalled, "the stretch never stalled: pick a busier one"
    # every stalled bar was missed, and only those
    assert [m.time_ms for m in missed] == slow.stalled
    assert all(m.reason.startswith("deadline") for m in missed)
    assert all(timed.answers[m.time_ms] is None for m in missed)
    # the candle loop never waited for a stalled answer
    assert returned_before_the_answer
    assert all(returned_before_the_answer)
    events = JournalReader(tmp_path / "j.sqlite").events("r1", kind="no_decision", limit=1_000)
    assert sorted(e["payload"]["bar_open_ms"] for e in events) == sorted(m.time_ms for m in missed)
    assert live_verdicts, "no decision at all: the stretch is too quiet"

    # a backtest on the same candles fed the recorded answers decides exactly as the run did, and
    # never calls the decider (only_recorded: a bar the record does not cover gets no decision)
    class Uncallable(RecordedAnswers):
        def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
            raise AssertionError("the recorded run must not call the decider")

    replay = RecordedAnswers(Uncallable(get_strategy("confluence"), {}), timed.answers, only_recorded=True)
    kernel2, replay_verdicts = _kernel(replay, warm)
    for candle in stream:
        kernel2.push(candle)
    assert replay_verdicts == live_verdicts
    timed.close()


def test_a_call_while_the_previous_answer_is_pending_is_missed_at_once() -> None:
    release = threading.Event()

    class Hanging(RecordedAnswers):
        def on_bar(self, view: MarketView, book: PositionBook) -> Sequence[Proposal]:
            release.wait(5)
            return ()

    warm, stream = _candles()
    missed: list[DecisionMissed] = []
    timed = WithDeadline(Hanging(get_strategy("confluence"), {}), DEADLINE_S, on_miss=missed.append)
    kernel, _ = _kernel(timed, warm)
    first, second, *_ = list(stream)
    kernel.push(first)
    kernel.push(second)  # returns although the first call still hangs: not queued behind it
    assert not release.is_set()
    release.set()
    assert [m.reason.split(":")[0] for m in missed] == ["deadline", "deadline"]
    assert "still being worked out" in missed[1].reason
    timed.close()


def test_the_deadline_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        WithDeadline(get_strategy("confluence"), 0.0)
