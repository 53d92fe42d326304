"""The event hub: one numbered stream of the contract's events for every face of the API.

Sources (a running `LiveRunner` in this process, or a journal being polled) publish here; the
WebSocket, the metrics and the notifications read from here, never from the kernel's bus, so they
work the same in both modes. Each event gets the next sequence number (1, 2, ...); the last
`capacity` events are kept, so a client that reconnects with the last number it saw gets exactly
what it missed, or a `reset` when that is no longer held.

Stdlib only: `trade --serve` builds the hub before the journal is reconciled.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

log = logging.getLogger(__name__)

CAPACITY = 10_000
RESET = "reset"


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class Event:
    """`{"seq", "kind", "time_ms", "data"}`: `time_ms` is the server's clock when it was published."""

    seq: int
    kind: str
    time_ms: int
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "time_ms": self.time_ms, "data": dict(self.data)}

    def to_json(self) -> str:
        try:
            return json.dumps(self.to_dict(), separators=(",", ":"), allow_nan=False, default=str)
        except ValueError:  # a NaN or an infinity: JSON has none, they go as null
            return json.dumps(_finite(self.to_dict()), separators=(",", ":"), default=str)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


Callback = Callable[[Event], None]


class EventHub:
    """Numbered events, a ring buffer of the last `capacity`, sync callbacks and async streams.

    `publish` may be called from any thread (the loop's own is the usual one); callbacks run inside
    it, in order, and an exception in one is logged and never reaches the publisher (in-process the
    publisher is the candle loop).
    """

    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = max(1, capacity)
        self._buffer: deque[Event] = deque(maxlen=self.capacity)
        self._seq = 0
        self._callbacks: list[Callback] = []
        self._lock = threading.Lock()
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def last_seq(self) -> int:
        return self._seq

    def publish(self, kind: str, data: Mapping[str, Any], time_ms: int | None = None) -> Event:
        with self._lock:
            self._seq += 1
            event = Event(self._seq, kind, wall_ms() if time_ms is None else time_ms, data)
            self._buffer.append(event)
            callbacks = list(self._callbacks)
        for callback in callbacks:
            try:
                callback(event)
            except Exception:  # a subscriber's bug never reaches the publisher
                log.exception("an event hub subscriber failed on a %s event", kind)
        self._notify()
        return event

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call `callback(event)` for every event published from now on. Returns an unsubscribe."""
        with self._lock:
            self._callbacks.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return unsubscribe

    def after(self, seq: int) -> list[Event] | None:
        """Buffered events with a number above `seq`, oldest first; None when some of them are no
        longer held (or `seq` is ahead of this hub: it came from another server process)."""
        with self._lock:
            if seq > self._seq or seq < 0:
                return None
            if seq == self._seq:
                return []
            first = self._buffer[0].seq if self._buffer else self._seq + 1
            if seq + 1 < first:
                return None
            return list(islice(self._buffer, seq + 1 - first, None))

    def reset_event(self) -> Event:
        """What a client whose `since` cannot be honoured gets first: refetch the REST snapshots."""
        return Event(self._seq, RESET, wall_ms(), {})

    async def stream(self, since: int | None = None) -> AsyncIterator[Event]:
        """Events with a number above `since` (None: from now on), then each new one as it comes.

        When `since` is too old (or from another process), or the reader falls more than `capacity`
        events behind, a `reset` event comes first and the stream goes on after the current number."""
        self._bind_loop()
        cursor = self._seq if since is None else since
        while True:
            wake = self._wake
            assert wake is not None
            events = self.after(cursor)
            if events is None:
                reset = self.reset_event()
                cursor = reset.seq
                yield reset
                continue
            if not events:
                await wake.wait()
                continue
            for event in events:
                cursor = event.seq
                yield event

    def _bind_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop = loop
            self._wake = asyncio.Event()

    def _notify(self) -> None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._swap()
        else:
            loop.call_soon_threadsafe(self._swap)

    def _swap(self) -> None:
        """Wake every stream waiting now; later waits use a fresh event."""
        wake, self._wake = self._wake, asyncio.Event()
        if wake is not None:
            wake.set()
