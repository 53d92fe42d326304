"""The event hub: numbering, the ring buffer, callbacks in order, streams that resume exactly or reset."""

from __future__ import annotations

import asyncio
import json
import logging
import math

import pytest

from aitrader.api.hub import RESET, Event, EventHub


def test_events_are_numbered_from_one_and_kept_up_to_the_capacity() -> None:
    hub = EventHub(capacity=3)
    events = [hub.publish("candle", {"close": i}) for i in range(5)]
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert hub.last_seq == 5
    assert [e.seq for e in hub.after(2) or []] == [3, 4, 5]
    assert hub.after(5) == []
    assert hub.after(1) is None  # seq 2 is no longer held
    assert hub.after(6) is None  # a number from another server process


def test_an_event_is_the_contract_shape_in_json() -> None:
    event = EventHub().publish("fill", {"symbol": "BTCUSDT", "price": 27883.44}, time_ms=1_679_250_480_000)
    assert json.loads(event.to_json()) == {
        "seq": 1, "kind": "fill", "time_ms": 1_679_250_480_000, "data": {"symbol": "BTCUSDT", "price": 27883.44}
    }  # fmt: skip
    odd = Event(2, "equity", 1, {"equity": math.nan, "nested": [math.inf]})
    assert json.loads(odd.to_json())["data"] == {"equity": None, "nested": [None]}  # JSON has no NaN


def test_callbacks_run_in_order_and_one_that_fails_harms_no_one(caplog: pytest.LogCaptureFixture) -> None:
    hub = EventHub()
    seen: list[tuple[str, int]] = []

    def broken(event: Event) -> None:
        raise RuntimeError("a subscriber's bug")

    hub.subscribe(lambda e: seen.append(("first", e.seq)))
    hub.subscribe(broken)
    unsubscribe = hub.subscribe(lambda e: seen.append(("last", e.seq)))
    with caplog.at_level(logging.ERROR):
        hub.publish("alarm", {"message": "x", "severity": "warning"})
    unsubscribe()
    hub.publish("alarm", {"message": "y", "severity": "warning"})
    assert seen == [("first", 1), ("last", 1), ("first", 2)]
    assert "subscriber failed" in caplog.text


async def _take(hub: EventHub, since: int | None, n: int) -> list[Event]:
    out = []
    async for event in hub.stream(since):
        out.append(event)
        if len(out) == n:
            return out
    return out


def test_a_stream_resumes_exactly_after_the_last_number_seen() -> None:
    async def main() -> None:
        hub = EventHub()
        for i in range(5):
            hub.publish("candle", {"i": i})
        assert [e.seq for e in await _take(hub, 2, 3)] == [3, 4, 5]
        later = asyncio.create_task(_take(hub, 5, 2))  # waits for what comes next
        await asyncio.sleep(0)
        hub.publish("candle", {"i": 5})
        hub.publish("candle", {"i": 6})
        assert [e.seq for e in await later] == [6, 7]

    asyncio.run(main())


def test_without_since_a_stream_starts_from_now() -> None:
    async def main() -> None:
        hub = EventHub()
        hub.publish("candle", {})
        task = asyncio.create_task(_take(hub, None, 1))
        await asyncio.sleep(0)
        hub.publish("fill", {})
        assert [(e.seq, e.kind) for e in await task] == [(2, "fill")]

    asyncio.run(main())


def test_a_number_no_longer_held_gets_a_reset_then_only_newer_events() -> None:
    async def main() -> None:
        hub = EventHub(capacity=2)
        for i in range(5):
            hub.publish("candle", {"i": i})
        task = asyncio.create_task(_take(hub, 1, 2))
        await asyncio.sleep(0)
        hub.publish("candle", {"i": 5})
        reset, nxt = await task
        assert (reset.kind, reset.seq) == (RESET, 5)
        assert nxt.seq == 6
        ahead = await _take(hub, 99, 1)  # a client of a server that restarted
        assert (ahead[0].kind, ahead[0].seq) == (RESET, 6)

    asyncio.run(main())


def test_a_reader_that_falls_a_whole_buffer_behind_is_reset() -> None:
    async def main() -> None:
        hub = EventHub(capacity=3)
        hub.publish("candle", {})
        stream = hub.stream(0)
        first = await anext(stream)
        assert first.seq == 1
        for _ in range(10):  # published while the reader is away
            hub.publish("candle", {})
        reset = await anext(stream)
        assert (reset.kind, reset.seq) == (RESET, 11)
        hub.publish("fill", {})
        after = await anext(stream)
        assert (after.kind, after.seq) == ("fill", 12)
        await stream.aclose()

    asyncio.run(main())


def test_publishing_from_another_thread_wakes_a_stream() -> None:
    async def main() -> None:
        hub = EventHub()
        task = asyncio.create_task(_take(hub, 0, 1))
        await asyncio.sleep(0)
        await asyncio.to_thread(hub.publish, "fill", {"from": "a thread"})
        assert (await task)[0].data == {"from": "a thread"}

    asyncio.run(main())
