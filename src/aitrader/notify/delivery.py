"""Sends one target's messages from a background thread, so the caller never waits on the network.

Why a thread and not an asyncio task: hub callbacks are synchronous and may run on the event loop
or on the runner's thread; a thread needs no running loop, and a slow or rate-limited service
stalls only its own queue (one `Delivery` per target), never the loop nor the other targets.

The queue is bounded: when it is full `submit` drops the message at once, counts it and logs a
warning (the first drop and every 100th). Each message is tried up to `max_attempts` times; a 429
or 5xx is retried after the wait the service asked for (`retry_after`, `Retry-After`) or else an
exponential backoff; any other refusal fails at once. Failures are counted and logged with every
credential scrubbed (see `redact`).
"""

from __future__ import annotations

import http.client
import json
import logging
import queue
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from aitrader.notify.redact import scrub
from aitrader.notify.targets import Outcome, Target

log = logging.getLogger(__name__)

_DROP_LOG_EVERY = 100


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes


def post_json(url: str, payload: object, timeout_s: float) -> Reply:
    """One JSON POST. An HTTP error status is a `Reply`; a network failure raises `OSError`."""
    data = json.dumps(payload, separators=(",", ":")).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "aitrader-notify"}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return Reply(response.status, dict(response.headers.items()), response.read())
    except urllib.error.HTTPError as exc:  # a status >= 400: still the service's answer
        with exc:
            return Reply(exc.code, dict(exc.headers.items()), exc.read())


@dataclass
class DeliveryStats:
    """Counters of one target (read them with `snapshot`)."""

    sent: int = 0
    failed: int = 0
    dropped: int = 0
    retried: int = 0
    last_error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def failure(self, reason: str) -> None:
        with self._lock:
            self.failed += 1
            self.last_error = reason

    def snapshot(self) -> DeliveryStats:
        with self._lock:
            return DeliveryStats(self.sent, self.failed, self.dropped, self.retried, self.last_error)


Poster = Callable[[str, object, float], Reply]


class Delivery:
    """A bounded queue of messages for one target, emptied by its own daemon thread.

    `sleep(seconds)` waits between attempts and returns True when the wait was cut short by
    `close` (the default waits on the stop event); tests pass one that records the waits."""

    def __init__(
        self,
        target: Target,
        *,
        queue_size: int = 100,
        max_attempts: int = 5,
        backoff_s: float = 1.0,
        max_backoff_s: float = 60.0,
        max_retry_after_s: float = 300.0,
        timeout_s: float = 10.0,
        post: Poster = post_json,
        sleep: Callable[[float], bool] | None = None,
    ) -> None:
        self.target = target
        self.stats = DeliveryStats()
        self._size = queue_size
        self._max_attempts = max_attempts
        self._backoff_s = backoff_s
        self._max_backoff_s = max_backoff_s
        self._max_retry_after_s = max_retry_after_s
        self._timeout_s = timeout_s
        self._post = post
        self._stop = threading.Event()
        self._sleep = sleep if sleep is not None else self._stop.wait
        # unbounded underneath, bounded by `_pending`: close's sentinel always fits
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=f"notify:{target.name}", daemon=True)
        self._thread.start()

    def submit(self, text: str) -> bool:
        """Queue `text`; never blocks. False when the queue was full (or closed) and it was dropped."""
        with self._lock:
            accepted = not self._closed and self._pending < self._size
            if accepted:
                self._pending += 1
                self._queue.put(text)
        if not accepted:
            self.stats.add(dropped=1)
            dropped = self.stats.snapshot().dropped
            if dropped == 1 or dropped % _DROP_LOG_EVERY == 0:
                log.warning(
                    "notifications to %s: queue full (%d waiting), dropped a message (%d dropped so far)",
                    self.target.name,
                    self._size,
                    dropped,
                )
        return accepted

    def close(self, timeout_s: float = 5.0, *, drain: bool = True) -> None:
        """Stop; later submits are dropped. `drain`: send what is queued first, for up to
        `timeout_s`; else (or once that time is up) cut any wait short and drop what is left.
        The thread is a daemon: one stuck in a request never holds the process."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._queue.put(None)
        if drain:
            self._thread.join(timeout_s)
        self._stop.set()
        self._thread.join(timeout_s if not drain else 1.0)

    def _run(self) -> None:
        while (text := self._queue.get()) is not None:
            with self._lock:
                self._pending -= 1
            if self._stop.is_set():
                self.stats.add(dropped=1)
                continue
            try:
                self._deliver(text)
            except Exception as exc:  # never let one message kill the worker
                self._fail(f"unexpected {type(exc).__name__}", 1)

    def _deliver(self, text: str) -> None:
        url, payload = self.target.request(text)
        for attempt in range(1, self._max_attempts + 1):
            outcome = self._attempt(url, payload)
            if outcome.delivered:
                self.stats.add(sent=1)
                return
            if not outcome.retry or attempt == self._max_attempts:
                self._fail(outcome.reason, attempt)
                return
            wait = self._wait(outcome, attempt)
            if wait is None:
                self._fail(
                    f"{outcome.reason}; asked to wait longer than {self._max_retry_after_s:g} s", attempt
                )
                return
            self.stats.add(retried=1)
            if self._sleep(wait):
                self._fail(f"{outcome.reason}; closed while waiting to retry", attempt)
                return

    def _attempt(self, url: str, payload: object) -> Outcome:
        try:
            reply = self._post(url, payload, self._timeout_s)
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out: try again
            detail = scrub(str(getattr(exc, "reason", "") or type(exc).__name__), self.target.secrets)
            return Outcome(False, retry=True, reason=f"connection failed: {detail}")
        return self.target.outcome(reply.status, reply.headers, reply.body)

    def _wait(self, outcome: Outcome, attempt: int) -> float | None:
        """Seconds before the next attempt; None when the service asks for more than we wait."""
        if outcome.retry_after_s is not None:
            return outcome.retry_after_s if outcome.retry_after_s <= self._max_retry_after_s else None
        return min(self._backoff_s * 2.0 ** (attempt - 1), self._max_backoff_s)

    def _fail(self, reason: str, attempts: int) -> None:
        reason = scrub(reason, self.target.secrets)
        self.stats.failure(reason)
        log.warning("notification to %s failed after %d attempt(s): %s", self.target.name, attempts, reason)
