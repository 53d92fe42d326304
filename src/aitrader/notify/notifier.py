"""Tells people what they must know at once: fills, unprotected positions, alarms, the breaker.

`Notifier` subscribes to the hub (never to the kernel's bus, so it works the same in-process and on
a journal), turns the events worth a message into plain words (`messages`) and hands each one to
every target's `Delivery`, which sends it from its own thread. `on_event` never blocks and never
raises: the hub's other subscribers are not held up by a slow chat service.

Protection events repeat while a position stays naked; only the change is told: once when the
position loses its stop, once when it is protected again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from aitrader.notify import messages
from aitrader.notify.delivery import Delivery, DeliveryStats

log = logging.getLogger(__name__)


class EventLike(Protocol):
    """The contract's hub event (`api.hub.Event` satisfies it); only kind and data are read."""

    @property
    def kind(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any]: ...


class EventSource(Protocol):
    """What `attach` needs of the hub: `EventHub.subscribe(callback)`."""

    def subscribe(self, callback: Callable[[EventLike], None], /) -> object: ...


class Notifier:
    """Sends every notification to every delivery (one per webhook or Telegram chat)."""

    def __init__(self, deliveries: Sequence[Delivery]) -> None:
        self.deliveries = list(deliveries)
        self._naked: dict[str, float] = {}  # symbol -> naked seconds last reported

    def attach(self, hub: EventSource) -> None:
        """Subscribe to the hub: from now on fills, protection changes, alarms and breaker trips
        are sent."""
        hub.subscribe(self.on_event)

    def on_event(self, event: EventLike) -> None:
        try:
            text = self.message_for(event.kind, event.data)
        except Exception as exc:  # a malformed event must not break the hub's other subscribers
            log.warning("notifier skipped a malformed %s event: %s", event.kind, type(exc).__name__)
            return
        if text is not None:
            self.notify(text)

    def message_for(self, kind: str, data: Mapping[str, Any]) -> str | None:
        """The message an event deserves, or None (most events deserve none)."""
        if kind == "fill":
            return messages.fill(data)
        if kind == "alarm":
            return messages.alarm(data)
        if kind == "breaker":
            return messages.breaker(data)
        if kind == "protection":
            return self._protection(data)
        return None

    def _protection(self, data: Mapping[str, Any]) -> str | None:
        symbol = str(data.get("symbol", "?"))
        naked = symbol in self._naked
        if not data.get("protected"):
            self._naked[symbol] = _float(data.get("naked_seconds"))
            return None if naked else messages.unprotected(data)
        if not naked:
            return None
        last = self._naked.pop(symbol)
        return messages.protected_again(data, max(last, _float(data.get("naked_seconds"))))

    def notify(self, text: str) -> None:
        """Queue `text` for every target; returns at once (a full queue drops and counts)."""
        for delivery in self.deliveries:
            delivery.submit(text)

    def stats(self) -> dict[str, DeliveryStats]:
        """Counters per target name (sent, failed, dropped, retried, last error)."""
        return {d.target.name: d.stats.snapshot() for d in self.deliveries}

    def close(self, timeout_s: float = 5.0, *, drain: bool = True) -> None:
        """Stop every target's thread; `drain`: send what is queued first (each up to `timeout_s`)."""
        for delivery in self.deliveries:
            delivery.close(timeout_s, drain=drain)

    async def aclose(self, timeout_s: float = 5.0, *, drain: bool = True) -> None:
        """`close` for async code: the joins run on a worker thread, so the event loop keeps
        serving while what is queued is sent."""
        await asyncio.to_thread(self.close, timeout_s, drain=drain)


def _float(value: object) -> float:
    try:
        return max(0.0, float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
