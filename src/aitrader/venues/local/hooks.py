"""Hooks that act before a reply is sent: kill the client, delay the answer, or answer an error.

The fault matrix needs a bot killed at an exact step of an order's life: "the entry executed but the
bot never heard", "the first OCO is on the book, the second never left". A hook names the step by
what the exchange sees (a new order, an order list, a cancel, a resting order's fill), picks the
request by client id, side and type, and acts `before` the exchange acts or `after` it acted and
before the reply leaves (for a fill: before any event about it is sent).

- `kill`: `os.kill(pid, signal)` (SIGKILL by default), then wait until the process is dead or a
  zombie (at most 1 s). The request itself still executes: it was already sent. With `drop=True`
  (and `when="before"`) it does not, as if the process had died just before sending it.
- `delay`: answer `delay_ms` later (requests only).
- `error`: answer with HTTP `status` (503 -> -1008, 429 -> -1003), or with Binance's `code` and
  `msg` when given (400, -2010: the venue refuses the order). With `when="after"` the exchange has
  acted and the client is told something went wrong: "execution status unknown".

`nth` skips the first nth-1 matches; `times` is how often it fires in all. Every firing is recorded
with its wall time. See docs/local-exchange.md ("Hooks, protection monitor, external actions").
"""

from __future__ import annotations

import asyncio
import os
import re
import signal as signals
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from aitrader.venues.local.errors import BinanceError
from aitrader.venues.local.faults import status_error

KINDS = ("order", "order_list", "cancel", "cancel_list", "fill")
WHENS = ("before", "after")
ACTIONS = ("kill", "delay", "error")


@dataclass(frozen=True)
class HookEvent:
    """A request or a fill as hooks see it: its kind, the client ids it names, its side and types."""

    on: str
    symbol: str
    ids: tuple[str, ...]
    side: str | None = None
    types: tuple[str, ...] = ()


@dataclass
class Hook:
    on: str
    match: str = ""  # regex searched in the event's client ids; "" matches any
    side: str | None = None
    type: str | None = None  # an order type (MARKET, LIMIT_MAKER, STOP_LOSS...) or OCO
    when: str = "before"
    action: str = "kill"
    pid: int | None = None
    signal: int = int(signals.SIGKILL)
    drop: bool = False
    delay_ms: int = 0
    status: int = 503
    code: int | None = None  # with `error`: answer this Binance code (e.g. 400 and -2010, a refusal)
    msg: str = ""
    nth: int = 1
    times: int = 1
    hook_id: int = 0
    seen: int = 0
    fired: int = 0

    def check(self) -> None:
        """ValueError naming the field when the hook cannot work."""
        if self.on not in KINDS:
            raise ValueError(f"hook 'on' must be one of {KINDS}, not {self.on!r}")
        if self.when not in WHENS:
            raise ValueError(f"hook 'when' must be one of {WHENS}, not {self.when!r}")
        if self.action not in ACTIONS:
            raise ValueError(f"hook 'action' must be one of {ACTIONS}, not {self.action!r}")
        if self.action == "kill" and (self.pid is None or self.pid <= 1):
            raise ValueError("a kill hook needs the client's 'pid'")
        if self.on == "fill" and self.action != "kill":
            raise ValueError("fill hooks can only kill (a replay tick has no reply to delay or fail)")
        if self.on == "fill":
            self.when = "after"  # a fill is only seen once it happened
        if self.drop and (self.action != "kill" or self.when != "before"):
            raise ValueError("'drop' goes with action 'kill' and when 'before'")
        if self.nth < 1 or self.times < 1:
            raise ValueError("'nth' and 'times' start at 1")
        re.compile(self.match)

    def matches(self, ev: HookEvent) -> bool:
        if ev.on != self.on:
            return False
        if self.side is not None and ev.side != self.side.upper():
            return False
        if self.type is not None and self.type.upper() not in ev.types:
            return False
        return not self.match or any(re.search(self.match, cid) for cid in ev.ids)

    @property
    def spent(self) -> bool:
        return self.fired >= self.times

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Hook:
        known = {"on", "match", "side", "type", "when", "action", "pid", "signal", "drop",
                 "delay_ms", "status", "code", "msg", "nth", "times"}  # fmt: skip
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown hook field(s) {unknown}: use {sorted(known)}")
        kw: dict[str, Any] = dict(d)
        if isinstance(kw.get("signal"), str):
            kw["signal"] = int(signals.Signals[kw["signal"].upper()])
        for name in ("pid", "signal", "delay_ms", "status", "code", "nth", "times"):
            if kw.get(name) is not None:
                kw[name] = int(kw[name])
        if "drop" in kw:
            kw["drop"] = kw["drop"] in (True, "true", "1", 1)
        return cls(**kw)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Firing:
    hook_id: int
    on: str
    when: str
    action: str
    ids: tuple[str, ...]
    wall: float  # time.time() when it acted
    outcome: str  # "killed pid 123", "delayed 200 ms", "answered 503"...

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "ids": list(self.ids)}


@dataclass
class Outcome:
    """What the request path still has to do after the hooks acted."""

    delay_s: float = 0.0
    error: BinanceError | None = None


@dataclass
class Hooks:
    """The registry. `before_act` runs before a hook acts (the server updates its protection monitor)."""

    before_act: Callable[[], None] = lambda: None
    hooks: list[Hook] = field(default_factory=list)
    firings: list[Firing] = field(default_factory=list)
    next_id: int = 1

    def add(self, hook: Hook) -> Hook:
        hook.check()
        hook.hook_id, self.next_id = self.next_id, self.next_id + 1
        self.hooks.append(hook)
        return hook

    def remove(self, hook_id: int) -> bool:
        before = len(self.hooks)
        self.hooks = [h for h in self.hooks if h.hook_id != hook_id]
        return len(self.hooks) < before

    def clear(self) -> int:
        n = len(self.hooks)
        self.hooks.clear()
        return n

    def armed(self, on: str | None = None) -> bool:
        return any(not h.spent and (on is None or h.on == on) for h in self.hooks)

    def fire(self, ev: HookEvent, when: str) -> Outcome:
        """Run every hook that matches `ev` at `when` now (kills happen here); say what is left to do."""
        out = Outcome()
        for hook in self.hooks:
            if hook.spent or hook.when != when or not hook.matches(ev):
                continue
            hook.seen += 1
            if hook.seen < hook.nth:
                continue
            hook.fired += 1
            self.before_act()
            if hook.action == "kill":
                assert hook.pid is not None
                outcome = kill_and_wait(hook.pid, hook.signal)
                if hook.drop:
                    out.error = BinanceError(
                        -1008, f"request dropped by hook {hook.hook_id}: its sender was killed first", 503
                    )
            elif hook.action == "delay":
                out.delay_s += hook.delay_ms / 1000
                outcome = f"delayed {hook.delay_ms} ms"
            elif hook.code is not None:
                out.error = BinanceError(
                    hook.code, hook.msg or f"refused by hook {hook.hook_id}", hook.status
                )
                outcome = f"answered {hook.status} {hook.code}"
            else:
                out.error = status_error(hook.status)
                outcome = f"answered {hook.status}"
            self.firings.append(Firing(hook.hook_id, ev.on, when, hook.action, ev.ids, time.time(), outcome))
        return out

    async def act(self, ev: HookEvent, when: str) -> None:
        """`fire`, then wait out the delays and raise the error the request must answer with."""
        out = self.fire(ev, when)
        if out.delay_s > 0:
            await asyncio.sleep(out.delay_s)
        if out.error is not None:
            raise out.error


def kill_and_wait(pid: int, sig: int = int(signals.SIGKILL), timeout_s: float = 1.0) -> str:
    """Signal `pid`, then wait until it is dead or a zombie (SIGKILL cannot be caught, so this is quick)."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return f"pid {pid} was already gone"
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        if _dead(pid):
            return f"killed pid {pid}"
        time.sleep(0.001)
    return f"signalled pid {pid}; still running after {timeout_s:.0f} s"


def _dead(pid: int) -> bool:
    if os.path.isdir("/proc"):
        try:
            with open(f"/proc/{pid}/stat") as f:
                return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
        except (FileNotFoundError, ProcessLookupError):  # reaped meanwhile (ESRCH on read)
            return True
    try:  # no procfs: ask the kernel whether the pid still exists (a zombie still does)
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
