"""Live, behind the decision deadline: an answer that comes too late is journaled as not acted on,
and the entry it proposed does not count toward the day's limit."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from adviser_kit import adviser, decision, entry_bars, make_caller, plan, view_at
from chat_scripted_llm import ScriptedLLM, text_reply

from aitrader.agents.late import LATE
from aitrader.domain.position import EMPTY_BOOK
from aitrader.domain.proposal import Enter
from aitrader.engine.deadline import WithDeadline


def _wait_for_deliberation(strategy: object, seconds: float = 20.0) -> list[object]:
    end = time.monotonic() + seconds
    got: list[object] = []
    while not got and time.monotonic() < end:
        got = list(strategy.drain_deliberations())  # type: ignore[attr-defined]
        time.sleep(0.02)
    return got


def test_a_late_answer_is_marked_and_its_entry_does_not_count(llm: ScriptedLLM, tmp_path: Path) -> None:
    first, second = next(
        (view_at(a), view_at(b))
        for a, b in itertools.pairwise(entry_bars())
        if view_at(a).close_ms // 86_400_000 == view_at(b).close_ms // 86_400_000
    )  # two screened bars of one UTC day
    llm.script = [text_reply(plan()), text_reply(decision(first.close))]
    llm.delay_s = 0.5  # each call: the decision takes over a second, the deadline is 0.2 s
    strategy = adviser(make_caller(llm.base_url, tmp_path), max_trades_per_day=1)  # type: ignore[attr-defined]
    timed = WithDeadline(strategy, 0.2)
    try:
        assert timed.on_bar(first, EMPTY_BOOK) == ()  # no decision: the deadline passed
        assert timed.missed == 1
        (late,) = _wait_for_deliberation(strategy)  # the worker finished it anyway
    finally:
        timed.close()
    assert late.verdict.startswith(LATE)  # type: ignore[attr-defined]
    assert "enter long" in late.verdict  # type: ignore[attr-defined]
    # the entry was never acted on: the day's count is still zero, so the next bar may enter
    llm.delay_s = 0.0
    llm.script = [text_reply(plan()), text_reply(decision(second.close))]
    assert isinstance(strategy.on_bar(second, EMPTY_BOOK)[0], Enter)
    (on_time,) = strategy.drain_deliberations()
    assert not on_time.verdict.startswith(LATE)
