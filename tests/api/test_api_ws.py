"""The WebSocket `/ws` on a real uvicorn at 127.0.0.1: connect, receive, disconnect, reconnect with
`since` and resume exactly, a reset when `since` is too old, one event to two clients, a refused
token, a bad `since`. Events are published on the hub by hand; every wait is on a condition."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from api_helpers import HubSource, serving

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.hub import EventHub


async def _frames(ws: aiohttp.ClientWebSocketResponse, n: int) -> list[dict[str, Any]]:
    out = []
    while len(out) < n:
        msg = await asyncio.wait_for(ws.receive(), 30)
        assert msg.type is aiohttp.WSMsgType.TEXT, msg
        out.append(json.loads(msg.data))
    return out


def _publish(hub: EventHub, n: int) -> None:
    for i in range(n):
        hub.publish("candle", {"symbol": "BTCUSDT", "interval": "1m", "open_time": i, "close": 28000.0 + i})


def test_connect_receive_disconnect_and_resume_exactly() -> None:
    async def main() -> None:
        hub = EventHub()
        app = create_app(HubSource(hub))
        async with serving(app) as url, aiohttp.ClientSession() as http:
            _publish(hub, 3)
            async with http.ws_connect(f"{url}/ws?since=0") as ws:
                first = await _frames(ws, 3)  # the buffer
                assert [f["seq"] for f in first] == [1, 2, 3]
                assert set(first[0]) == {"seq", "kind", "time_ms", "data"}
                hub.publish("fill", {"symbol": "BTCUSDT", "role": "entry"})  # live
                (live,) = await _frames(ws, 1)
                assert (live["seq"], live["kind"]) == (4, "fill")
            _publish(hub, 2)  # missed while away
            async with http.ws_connect(f"{url}/ws?since={live['seq']}") as ws:
                missed = await _frames(ws, 2)
                assert [f["seq"] for f in missed] == [5, 6]
                hub.publish("alarm", {"message": "x", "severity": "warning"})
                (after,) = await _frames(ws, 1)
                assert after["seq"] == 7

    asyncio.run(main())


def test_without_since_only_new_events_come() -> None:
    async def main() -> None:
        hub = EventHub()
        async with serving(create_app(HubSource(hub))) as url, aiohttp.ClientSession() as http:
            _publish(hub, 2)
            async with http.ws_connect(f"{url}/ws") as ws:
                await _until_subscribed(hub, ws)
                (frame,) = await _frames(ws, 1)
                assert frame["seq"] > 2

    asyncio.run(main())


async def _until_subscribed(hub: EventHub, ws: aiohttp.ClientWebSocketResponse) -> None:
    """Publish a marker until the fresh connection hears one (its stream starts "from now")."""
    while True:
        hub.publish("stream", {"connected": True, "reconnects": 0})
        try:
            msg = await asyncio.wait_for(ws.receive(), 0.5)
        except TimeoutError:
            continue
        assert json.loads(msg.data)["kind"] == "stream"
        hub.publish("fill", {"symbol": "BTCUSDT"})
        return


def test_a_since_older_than_the_buffer_gets_a_reset_first() -> None:
    async def main() -> None:
        hub = EventHub(capacity=4)
        async with serving(create_app(HubSource(hub))) as url, aiohttp.ClientSession() as http:
            _publish(hub, 10)
            async with http.ws_connect(f"{url}/ws?since=2") as ws:
                (reset,) = await _frames(ws, 1)
                assert (reset["kind"], reset["seq"]) == ("reset", 10)
                hub.publish("fill", {})
                (nxt,) = await _frames(ws, 1)
                assert nxt["seq"] == 11
            async with http.ws_connect(f"{url}/ws?since=500") as ws:  # from a server that restarted
                (reset,) = await _frames(ws, 1)
                assert (reset["kind"], reset["seq"]) == ("reset", 11)

    asyncio.run(main())


def test_one_event_reaches_two_clients() -> None:
    async def main() -> None:
        hub = EventHub()
        async with serving(create_app(HubSource(hub))) as url, aiohttp.ClientSession() as http:
            hub.publish("run", {"status": "started"})
            async with http.ws_connect(f"{url}/ws?since=1") as a, http.ws_connect(f"{url}/ws?since=1") as b:
                hub.publish("fill", {"symbol": "BTCUSDT", "qty": 0.1})
                got_a, got_b = await asyncio.gather(_frames(a, 1), _frames(b, 1))
                assert got_a == got_b
                assert got_a[0]["kind"] == "fill"

    asyncio.run(main())


def test_a_bad_token_is_refused_and_a_good_one_accepted() -> None:
    async def main() -> None:
        hub = EventHub()
        app = create_app(HubSource(hub), AuthConfig("127.0.0.1", token="read-secret-abcdefghijklmn"))
        async with serving(app) as url, aiohttp.ClientSession() as http:
            for query in ("", "?token=wrong", "?token=read-secret-abcdefghijklm"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(f"{url}/ws{query}")
                assert refused.value.status == 403
            hub.publish("fill", {})
            async with http.ws_connect(f"{url}/ws?since=0&token=read-secret-abcdefghijklmn") as ws:
                assert (await _frames(ws, 1))[0]["kind"] == "fill"
            headers = {"Authorization": "Bearer read-secret-abcdefghijklmn"}
            async with http.ws_connect(f"{url}/ws?since=0", headers=headers) as ws:
                assert (await _frames(ws, 1))[0]["seq"] == 1

    asyncio.run(main())


def test_a_foreign_origin_and_a_bad_since_are_refused() -> None:
    async def main() -> None:
        async with serving(create_app(HubSource())) as url, aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await http.ws_connect(f"{url}/ws", headers={"Origin": "http://evil.example"})
            async with http.ws_connect(f"{url}/ws?since=minus") as ws:
                msg = await asyncio.wait_for(ws.receive(), 30)
                assert msg.type is aiohttp.WSMsgType.CLOSE
                assert ws.close_code == 1008

    asyncio.run(main())
