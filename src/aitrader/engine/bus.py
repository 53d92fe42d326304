"""In-process event bus: synchronous publish/subscribe with a bounded history an auditor can read."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

E = TypeVar("E")
Handler = Callable[[Any], None]


class EventBus:
    """Publish events to subscribers by type (or to every subscriber of `None`).

    Handlers run synchronously, in subscription order, inside `publish`. The last `history`
    events are kept in a ring buffer (`recent`) so an auditor, a dashboard or a test can read
    what happened without having subscribed beforehand.

    `listening` is False while no event would reach anyone (no subscriber, no history kept): a hot
    publisher checks it first and skips building the event (a backtest publishes ~4 events per
    order). `published` counts `publish` calls (events skipped that way are not counted).
    """

    __slots__ = ("_any", "_by_type", "_history", "listening", "published")

    def __init__(self, history: int = 10_000) -> None:
        self._by_type: dict[type, list[Handler]] = {}
        self._any: list[Handler] = []
        self._history: deque[Any] = deque(maxlen=max(history, 0))
        self.published = 0
        self.listening = bool(self._history.maxlen)

    def subscribe(self, event_type: type[E] | None, handler: Callable[[E], None]) -> Callable[[], None]:
        """Call `handler` for every event of `event_type` (every event for None). Returns an unsubscribe."""
        bucket = self._any if event_type is None else self._by_type.setdefault(event_type, [])
        bucket.append(handler)
        self.listening = True

        def unsubscribe() -> None:
            if handler in bucket:
                bucket.remove(handler)
            self.listening = bool(self._history.maxlen or self._any or any(self._by_type.values()))

        return unsubscribe

    def publish(self, event: object) -> None:
        self.published += 1
        self._history.append(event)
        if self._by_type:
            handlers = self._by_type.get(type(event))
            if handlers:
                for h in handlers:
                    h(event)
        if self._any:
            for h in self._any:
                h(event)

    def recent(self, n: int | None = None, event_type: type[E] | None = None) -> list[Any]:
        """The last `n` events kept (all kept when None), oldest first, optionally of one type."""
        events = list(self._history)
        if event_type is not None:
            events = [e for e in events if isinstance(e, event_type)]
        return events if n is None else events[-n:]

    def clear_history(self) -> None:
        self._history.clear()
