"""`GET /ws?since=N`: the hub's events pushed as they come, one JSON text frame each.

The server first sends every buffered event after `since` (none given: only what comes from now),
then each new one; a `reset` frame comes first when `since` is no longer held (or is ahead of this
server: it restarted), and after it only newer events (the client refetches the REST snapshots).
A client that reads too slowly to keep within the buffer gets a `reset` the same way, so one slow
client never holds up the hub or the others. Messages from the client are read and ignored.

A refused token closes the handshake (HTTP 403 before the upgrade); a bad `since` closes the socket
with code 1008 and a one-line reason; past `MAX_WEBSOCKETS` clients at once, a new one is closed with
code 1013 (try again later). A replay yields the event loop every `YIELD_EVERY` events, so a
`since=0` of the whole buffer never holds up the run the server shares its loop with.
"""

from __future__ import annotations

import asyncio
import contextlib

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from aitrader.api.auth import Auth
from aitrader.api.hub import EventHub
from aitrader.api.limits import TRY_AGAIN_LATER, Slots

POLICY_VIOLATION = 1008
YIELD_EVERY = 100


def _since(raw: str | None) -> int | None:
    if raw is None or raw == "":
        return None
    value = int(raw)
    if value < 0:
        raise ValueError(raw)
    return value


async def _push(ws: WebSocket, hub: EventHub, since: int | None) -> None:
    sent = 0
    async for event in hub.stream(since):
        await ws.send_text(event.to_json())
        sent += 1
        if sent % YIELD_EVERY == 0:
            await asyncio.sleep(0)  # a send may not yield: let the run's loop go on


def ws_router(hub: EventHub, auth: Auth, slots: Slots | None = None) -> APIRouter:
    router = APIRouter()
    clients = slots if slots is not None else Slots()

    @router.websocket("/ws")
    async def events(websocket: WebSocket) -> None:
        if not auth.websocket_ok(websocket):
            await websocket.close(code=POLICY_VIOLATION)
            return
        try:
            since = _since(websocket.query_params.get("since"))
        except ValueError:
            await websocket.accept()
            await websocket.close(code=POLICY_VIOLATION, reason="since must be a whole number >= 0")
            return
        if not clients.take():
            await websocket.accept()
            await websocket.close(code=TRY_AGAIN_LATER, reason=f"at most {clients.size} clients at once")
            return
        try:
            await websocket.accept()
            await _serve(websocket, hub, since)
        finally:
            clients.give()

    return router


async def _serve(websocket: WebSocket, hub: EventHub, since: int | None) -> None:
    pusher = asyncio.create_task(_push(websocket, hub, since))
    reader = asyncio.create_task(_drain(websocket))
    try:
        await asyncio.wait({pusher, reader}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (pusher, reader):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # the client went: nothing to tell
                await task
        with contextlib.suppress(RuntimeError, OSError, WebSocketDisconnect):  # closing a gone client
            await websocket.close()


async def _drain(ws: WebSocket) -> None:
    """Read until the client goes (what it sends means nothing to the server)."""
    while True:
        message = await ws.receive()
        if message["type"] == "websocket.disconnect":
            return
