"""The LLM token budget: per UTC day, kept in a small JSON file so one-shot commands add up.

The server's own usage report is trusted only when it is plausible: missing, negative, non-numeric
or far below our estimate (about 4 characters per token over the request and reply JSON), the
estimate is charged instead. A call whose request alone would pass the budget is never made.
Concurrent sessions share the file under a lock; a file that cannot be read stops the LLM (the
budget fails closed) until it is deleted. Optionally the same file also counts money (USD per UTC
day, `money_limit_usd`): the agents' caller charges what each call cost at the configured prices."""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aitrader.agents.chat.llm_fallback import LlmFallback
from aitrader.agents.chat.llm_files import open_private

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the file is still used, without a lock
    fcntl = None  # type: ignore[assignment]

CHARS_PER_TOKEN = 4
PLAUSIBLE_SHARE = 3  # a report under a third of our estimate is not believed


def estimate_tokens(chars: int) -> int:
    return math.ceil(chars / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Charge:
    reported: int | None
    estimated: int
    charged: int
    source: str  # "reported" or "estimate"


def charge_for(reported: int | None, estimated: int) -> Charge:
    """What one call costs: the server's count when plausible, else our estimate."""
    if reported is not None and reported * PLAUSIBLE_SHARE >= estimated:
        return Charge(reported, estimated, reported, "reported")
    return Charge(reported, estimated, estimated, "estimate")


class BudgetSpent(LlmFallback):
    """Today's budget is spent, or this request would pass it; `what` is "tokens" or "money"."""

    def __init__(self, message: str, what: str) -> None:
        super().__init__(message)
        self.what = what


def utc_day() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d")


class DailyBudget:
    """Tokens used today against `limit`; `path` None keeps the count in memory (tests, no trace)."""

    def __init__(
        self,
        limit: int,
        path: Path | None,
        today: Callable[[], str] = utc_day,
        money_limit_usd: float | None = None,
    ) -> None:
        self.limit = limit
        self.path = path
        self.money_limit_usd = money_limit_usd  # None: money is not budgeted (the chat)
        self._today = today
        self._memory: tuple[str, int, float] = (today(), 0, 0.0)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self.path is None or fcntl is None:
            yield
            return
        fd = open_private(self.path.with_name(self.path.name + ".lock"), os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def _read(self) -> int:
        return self._read_state()[0]

    def _read_state(self) -> tuple[int, float]:
        """(tokens, USD) used today."""
        day = self._today()
        if self.path is None:
            return self._memory[1:] if self._memory[0] == day else (0, 0.0)
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return 0, 0.0
        except OSError:
            raise LlmFallback(f"the token budget file {self.path} cannot be read") from None
        try:
            state = json.loads(raw)
            used = state["used"]
            if not isinstance(used, int) or isinstance(used, bool) or used < 0:
                raise ValueError
            usd = state.get("usd", 0.0)
            if isinstance(usd, bool) or not isinstance(usd, int | float) or not 0 <= usd < math.inf:
                raise ValueError
            return (used, float(usd)) if state["day"] == day else (0, 0.0)
        except (ValueError, KeyError, TypeError, AttributeError):
            raise LlmFallback(f"the token budget file {self.path} is damaged; delete it to reset") from None

    def _write(self, used: int, usd: float = 0.0) -> None:
        day = self._today()
        if self.path is None:
            self._memory = (day, used, usd)
            return
        state: dict[str, object] = {"day": day, "used": used}
        if self.money_limit_usd is not None or usd:
            state["usd"] = usd
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = open_private(tmp, os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(state, fh)
        os.replace(tmp, self.path)

    def used(self) -> int:
        with self._locked():
            return self._read()

    def spent_usd(self) -> float:
        """USD charged today (0 where money is not budgeted)."""
        with self._locked():
            return self._read_state()[1]

    def check(self, request_tokens: int, request_usd: float = 0.0) -> None:
        """BudgetSpent (an LlmFallback) when today's budget is spent or the request alone would pass
        it: tokens, then money where `money_limit_usd` is set."""
        with self._locked():
            used, usd = self._read_state()
        if used >= self.limit:
            raise BudgetSpent(f"the daily LLM token budget of {self.limit} is used up", "tokens")
        if used + request_tokens > self.limit:
            raise BudgetSpent(
                f"the request (~{request_tokens} tokens) would pass the daily LLM token budget "
                f"({self.limit - used} of {self.limit} left)",
                "tokens",
            )
        cap = self.money_limit_usd
        if cap is None:
            return
        if usd >= cap:
            raise BudgetSpent(f"the daily LLM money budget of ${cap:g} is used up", "money")
        if usd + request_usd > cap:
            raise BudgetSpent(
                f"the request (~${request_usd:.4f}) would pass the daily LLM money budget "
                f"(${cap - usd:.4f} of ${cap:g} left)",
                "money",
            )

    def charge(self, tokens: int, usd: float = 0.0) -> int:
        """Add `tokens` (and `usd`) to today's count; the new token count. A failed write keeps the LLM
        off (fails closed)."""
        with self._locked():
            used, spent = self._read_state()
            used += max(0, tokens)
            spent += usd if 0 < usd < math.inf else 0.0
            try:
                self._write(used, spent)
            except OSError:
                raise LlmFallback(f"the token budget file {self.path} cannot be written") from None
            return used
