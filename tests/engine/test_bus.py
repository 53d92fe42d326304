from __future__ import annotations

from typing import NamedTuple

from aitrader.engine.bus import EventBus
from aitrader.engine.clock import SimClock, WallClock


class Ping(NamedTuple):
    n: int


class Pong(NamedTuple):
    n: int


def test_subscribers_get_their_type_and_wildcards_get_everything() -> None:
    bus = EventBus(history=3)
    pings: list[Ping] = []
    everything: list[object] = []
    unsubscribe = bus.subscribe(Ping, pings.append)
    bus.subscribe(None, everything.append)
    bus.publish(Ping(1))
    bus.publish(Pong(2))
    unsubscribe()
    bus.publish(Ping(3))
    assert pings == [Ping(1)]
    assert everything == [Ping(1), Pong(2), Ping(3)]


def test_history_is_bounded_and_filterable() -> None:
    bus = EventBus(history=3)
    for k in range(5):
        bus.publish(Ping(k) if k % 2 == 0 else Pong(k))
    assert bus.recent() == [Ping(2), Pong(3), Ping(4)]
    assert bus.recent(event_type=Ping) == [Ping(2), Ping(4)]
    assert bus.recent(1) == [Ping(4)]
    assert bus.published == 5


def test_clocks() -> None:
    c = SimClock(5)
    c.set(1_700_000_000_000)
    assert c.now_ms() == 1_700_000_000_000
    assert WallClock().now_ms() > 1_600_000_000_000


def test_listening_says_whether_an_event_would_reach_anyone() -> None:
    quiet = EventBus(history=0)
    assert not quiet.listening
    unsubscribe = quiet.subscribe(Ping, lambda e: None)
    assert quiet.listening
    unsubscribe()
    assert not quiet.listening
    assert EventBus(history=5).listening  # the history keeps every event
