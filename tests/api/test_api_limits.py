"""The web face cannot hold up the run it shares a loop with: bodies over 16 KiB are refused before
anything parses them (the handler never runs), a 17th WebSocket client is closed with 1013, the
chat answers 429 while a question is being answered and past its rate, and a `since=0` replay of a
full buffer yields the loop as it goes. Every wait is on a condition; a fake clock drives the rate."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
from api_helpers import HubSource, client_for, serving, until
from fastapi import FastAPI

from aitrader.api.app import create_app
from aitrader.api.chat import BUSY, chat_router
from aitrader.api.hub import EventHub
from aitrader.api.limits import MAX_BODY, MAX_WEBSOCKETS, TRY_AGAIN_LATER, TokenBucket
from aitrader.api.ws import YIELD_EVERY, _push


class ChatSpy(HubSource):
    """Counts the chat handler's calls; with `hold`, the first call waits for `go`."""

    def __init__(self, hold: bool = False) -> None:
        super().__init__()
        self.calls = 0
        self.hold = hold
        self.entered = threading.Event()
        self.go = threading.Event()

    def chat_target(self) -> Any:
        self.calls += 1
        if self.hold:
            self.entered.set()
            self.go.wait(30)
        raise RuntimeError("the test stops the chat here")


def test_a_body_over_16_kib_is_refused_before_the_handler_runs() -> None:
    async def main() -> list[Any]:
        spy = ChatSpy()
        app = create_app(spy)
        big = b'{"question": "' + b"x" * MAX_BODY + b'"}'

        async def stream() -> AsyncIterator[bytes]:  # no Content-Length: chunked
            for i in range(0, len(big), 4096):
                yield big[i : i + 4096]

        async with client_for(app) as c:
            declared = await c.post("/api/chat", content=big, headers={"Content-Type": "application/json"})
            streamed = await c.post(
                "/api/chat", content=stream(), headers={"Content-Type": "application/json"}
            )
            lying = await c.post("/api/chat", content=b"{}", headers={"Content-Length": "nope"})
        return [declared, streamed, lying, spy.calls]

    declared, streamed, lying, calls = asyncio.run(main())
    assert declared.status_code == 413
    assert "16384 bytes" in declared.json()["detail"]
    assert declared.headers["x-content-type-options"] == "nosniff"  # the refusal carries the headers too
    assert streamed.status_code == 413
    assert lying.status_code == 400
    assert calls == 0


def test_the_seventeenth_websocket_client_is_closed_with_1013() -> None:
    async def main() -> tuple[int | None, int | None, list[int]]:
        hub = EventHub()
        app = create_app(HubSource(hub))
        async with serving(app) as url, aiohttp.ClientSession() as http, contextlib.AsyncExitStack() as stack:
            clients = [
                await stack.enter_async_context(http.ws_connect(f"{url}/ws")) for _ in range(MAX_WEBSOCKETS)
            ]
            hub.publish("alarm", {"message": "x", "severity": "warning"})
            seqs = [json_seq(await asyncio.wait_for(ws.receive(), 30)) for ws in clients]
            async with http.ws_connect(f"{url}/ws") as extra:
                msg = await asyncio.wait_for(extra.receive(), 30)
                refused = extra.close_code if msg.type is aiohttp.WSMsgType.CLOSE else None
            await clients[0].close()  # one leaves: a newcomer is served again
            await until(lambda: clients[0].closed, "the first client to close")
            async with http.ws_connect(f"{url}/ws?since=0") as again:
                back = await asyncio.wait_for(again.receive(), 30)
            return refused, json_seq(back), seqs

    refused, back, seqs = asyncio.run(main())
    assert refused == TRY_AGAIN_LATER
    assert seqs == [1] * MAX_WEBSOCKETS
    assert back == 1


def json_seq(msg: aiohttp.WSMessage) -> int:
    assert msg.type is aiohttp.WSMsgType.TEXT, msg
    return int(msg.json()["seq"])


class _SentAllError(Exception):
    pass


class _QuietSocket:
    """A client whose sends never yield the loop (a fast local socket); stops after `n`."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.sent = 0

    async def send_text(self, text: str) -> None:
        self.sent += 1
        if self.sent == self.n:
            raise _SentAllError


def test_a_full_replay_lets_the_loop_run_while_it_is_sent() -> None:
    async def main() -> tuple[int, int]:
        hub = EventHub()
        for i in range(10_000):
            hub.publish("candle", {"open_time": i})
        ticks = 0

        async def other_work() -> None:  # another task of the loop: it runs only when the loop yields
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        other = asyncio.create_task(other_work())
        ws = _QuietSocket(10_000)
        with contextlib.suppress(_SentAllError):
            await _push(ws, hub, 0)  # type: ignore[arg-type]
        seen = ticks
        other.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await other
        return ws.sent, seen

    sent, ticks = asyncio.run(main())
    assert sent == 10_000
    assert ticks >= 10_000 // YIELD_EVERY - 1  # the other task ran every YIELD_EVERY events


def _chat_app(source: HubSource, bucket: TokenBucket | None = None) -> FastAPI:
    app = FastAPI()
    app.include_router(chat_router(source, bucket))
    return app


def test_a_question_while_another_is_answered_gets_429_at_once() -> None:
    async def main() -> tuple[int, str, int]:
        spy = ChatSpy(hold=True)
        async with client_for(_chat_app(spy)) as c:
            first = asyncio.create_task(c.post("/api/chat", json={"question": "balance?"}))
            await until(spy.entered.is_set, "the first question to be answered")
            second = await c.post("/api/chat", json={"question": "orders?"})
            spy.go.set()
            with contextlib.suppress(RuntimeError):  # the spy stops the first one
                await first
        return second.status_code, second.json()["detail"], spy.calls

    code, detail, calls = asyncio.run(main())
    assert (code, detail) == (429, BUSY)
    assert calls == 1


def test_questions_past_the_rate_get_429_with_retry_after() -> None:
    now = [100.0]
    bucket = TokenBucket(2.0, 3, clock=lambda: now[0])

    async def ask(c: Any) -> Any:
        with contextlib.suppress(RuntimeError):  # a question let through reaches the spy
            return await c.post("/api/chat", json={"question": "balance?"})
        return None

    async def main() -> tuple[list[Any], int]:
        spy = ChatSpy()
        async with client_for(_chat_app(spy, bucket)) as c:
            burst = [await ask(c) for _ in range(3)]
            refused = await ask(c)
            now[0] += 2.0  # one token back
            again = await ask(c)
            refused_again = await ask(c)
        return [burst, refused, again, refused_again], spy.calls

    (burst, refused, again, refused_again), calls = asyncio.run(main())
    assert burst == [None, None, None]  # let through (the spy raised)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "2"
    assert again is None
    assert refused_again.status_code == 429
    assert calls == 4


def test_the_bucket_refills_at_its_rate_and_never_past_its_burst() -> None:
    now = [0.0]
    bucket = TokenBucket(2.0, 3, clock=lambda: now[0])
    assert [bucket.take() for _ in range(4)] == [None, None, None, 2.0]
    now[0] = 1000.0
    assert [bucket.take() is None for _ in range(4)] == [True, True, True, False]
