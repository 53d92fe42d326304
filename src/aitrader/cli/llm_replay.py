"""The line a backtest of an LLM strategy ends with: where its model answers came from."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from aitrader.strategies.base import Strategy


def replay_summary(console: Console, strat: Strategy) -> None:
    """An LLM strategy's answers: how many came from the recording, which were missing or differed
    (a replay that misses answers must not pass for a faithful one)."""
    caller = getattr(strat, "caller", None)
    if caller is None:
        return
    from aitrader.agents.llm.recordings import RecordingCaller, replay_line

    line = replay_line(caller)
    if line:
        clean = isinstance(caller, RecordingCaller) and caller.replay_report().clean
        console.print(line, style=None if clean else "yellow", markup=False, highlight=False, soft_wrap=True)
