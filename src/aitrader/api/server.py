"""uvicorn serving the app on a socket bound beforehand (`api.listen`), in whatever loop runs it.

uvicorn's access log is off (a WebSocket's `?token=` is in its request line, and a secret never
reaches a log) and its own log lines go through the process's logging, at warnings only, so they
never scribble over the terminal view. At most `LIMIT_CONCURRENCY` connections and tasks at once
(uvicorn answers 503 past it) and WebSocket frames of at most `WS_MAX_SIZE` bytes: the in-process
server shares the run's event loop. `EmbeddedServer` leaves SIGINT/SIGTERM to the run it serves
(the run stops on Ctrl-C and the server with it); `aitrader serve` uses uvicorn's own handling.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib.util import find_spec

import uvicorn
from fastapi import FastAPI

LIMIT_CONCURRENCY = 32
WS_MAX_SIZE = 4096


def missing_websocket() -> str | None:
    """uvicorn speaks WebSocket through `websockets` or `wsproto`; without either, /ws is refused."""
    if find_spec("websockets") is not None or find_spec("wsproto") is not None:
        return None
    return "no WebSocket library is installed (pip install websockets): /ws will refuse every client"


class EmbeddedServer(uvicorn.Server):
    """uvicorn inside a run's loop: the run owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def server_for(app: FastAPI, embedded: bool) -> uvicorn.Server:
    config = uvicorn.Config(
        app,
        log_config=None,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
        server_header=False,
        limit_concurrency=LIMIT_CONCURRENCY,  # more at once: 503 (the run's loop is shared)
        ws_max_size=WS_MAX_SIZE,  # the server ignores what a client sends: small frames only
    )
    return EmbeddedServer(config) if embedded else uvicorn.Server(config)
