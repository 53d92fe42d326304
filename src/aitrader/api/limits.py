"""What keeps the web face from holding up the run it serves (it shares the run's event loop in
`demo --serve` and `trade --serve`): request bodies of at most `MAX_BODY` bytes, refused before
anything reads or parses them; security headers on every answer; a token bucket for the costly
endpoints (the chat reads the venue over REST, with the bot's own request weight); a cap on
simultaneous WebSocket clients. uvicorn's own limits (concurrency, WebSocket frame size) are in
`api.server`.

Plain ASGI middleware (no Starlette `BaseHTTPMiddleware`): the body check runs before routing, so
FastAPI never parses a body that is too large and no dependency or handler runs for it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 16 * 1024
MAX_WEBSOCKETS = 16
TRY_AGAIN_LATER = 1013  # the WebSocket close code for "server busy"

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a streamed body passes the limit (FastAPI re-raises an
    HTTPException as it is, so the answer is 413 and never a 400 "error parsing the body")."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """413 for a request whose `Content-Length` (or streamed body) is over `limit` bytes."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await _answer(send, 400, "Content-Length is not a whole number")
                return
            if length > self.limit:
                await _answer(send, 413, f"request body over {self.limit} bytes")
                return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, watched)
        except BodyTooLarge as exc:  # read outside FastAPI's own handling (a mounted app, a stream)
            if started:
                raise
            await _answer(send, 413, str(exc.detail))


class SecurityHeaders:
    """Content-Security-Policy (same origin only: no CDN, no inline script), nosniff and
    no-referrer on every HTTP answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {bytes(k).lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)


class TokenBucket:
    """`rate_s` seconds per token, at most `burst` saved up. `take()` is None when a token was
    taken, else the seconds until the next one. Thread-safe; `clock` is for tests."""

    def __init__(self, rate_s: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate_s = rate_s
        self.burst = burst
        self.clock = clock
        self._tokens = float(burst)
        self._at = clock()
        self._lock = threading.Lock()

    def take(self) -> float | None:
        with self._lock:
            now = self.clock()
            self._tokens = min(float(self.burst), self._tokens + max(0.0, now - self._at) / self.rate_s)
            self._at = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return None
            return (1.0 - self._tokens) * self.rate_s


class Slots:
    """At most `size` holders at once (the WebSocket clients; used on the event loop only)."""

    def __init__(self, size: int = MAX_WEBSOCKETS) -> None:
        self.size = size
        self.taken = 0

    def take(self) -> bool:
        if self.taken >= self.size:
            return False
        self.taken += 1
        return True

    def give(self) -> None:
        self.taken = max(0, self.taken - 1)
