"""Holds on the day's LLM budget for the calls in flight, so concurrent calls cannot overspend it.

`DailyBudget.check` compares a call's worst case with what was charged so far; calls running at the
same time (one decider per lane, in threads) would each pass the check before any of them is
charged, and together spend about one call each past the budget. `hold(budget, tokens, usd)`
checks the worst case plus the worst cases of every call still in flight on the same budget (the
same file, in this process) and holds it until the call is settled (charged with what it really
cost, or failed) and the hold released.

Only calls within one process see each other's holds: processes sharing a budget file still check
against what the others have charged, not what they have in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from aitrader.agents.chat.llm_budget import DailyBudget


@dataclass
class _Held:
    tokens: int = 0
    usd: float = 0.0
    calls: int = 0


_lock = threading.Lock()
_held: dict[object, _Held] = {}


def _key(budget: DailyBudget) -> object:
    return str(budget.path.resolve()) if budget.path is not None else id(budget)


def held(budget: DailyBudget) -> tuple[int, float]:
    """The tokens and USD held now for calls in flight on `budget`'s day."""
    with _lock:
        h = _held.get(_key(budget))
        return (h.tokens, h.usd) if h is not None else (0, 0.0)


def hold(budget: DailyBudget, tokens: int, usd: float) -> Callable[[], None]:
    """Check `tokens` and `usd` (a call's worst case) plus what is held against `budget`
    (`BudgetSpent` / `LlmFallback` as `DailyBudget.check`), then hold them; the function returned
    releases the hold (call it once the call is charged or failed: `try: … finally: release()`)."""
    key = _key(budget)
    with _lock:
        h = _held.setdefault(key, _Held())
        try:
            budget.check(tokens + h.tokens, usd + h.usd)
        except BaseException:
            if h.calls == 0:
                del _held[key]
            raise
        h.tokens, h.usd, h.calls = h.tokens + tokens, h.usd + usd, h.calls + 1
    released = False

    def release() -> None:
        nonlocal released
        with _lock:
            if released:
                return
            released = True
            h.tokens, h.usd, h.calls = h.tokens - tokens, h.usd - usd, h.calls - 1
            if h.calls == 0:
                _held.pop(key, None)

    return release
