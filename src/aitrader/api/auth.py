"""Who may read and who may act.

- Reading (REST, the WebSocket, /metrics): on a loopback host no token is needed unless one is set;
  on any other host the server refuses to start without one. A request then sends
  `Authorization: Bearer <token>` (the WebSocket may send `?token=`, which browsers need). Without
  a token, requests must name a loopback host (`Host:`, and a WebSocket's `Origin:` when sent), so a
  web page elsewhere cannot read the API through the browser (DNS rebinding, cross-site sockets),
  and must carry no proxy header (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`): a reverse proxy that
  sets `Host: 127.0.0.1` would otherwise make the API public. Behind a proxy, set a token.
- Acting (the control endpoints): off unless the server was started with `--allow-control`, and
  then only with the control token (`AITRADER_API_CONTROL_TOKEN`), which must differ from the read
  token. It also grants reading.

Tokens are compared in constant time (`hmac.compare_digest`) and never logged, echoed or put in an
error message. `/health`, the OpenAPI schema and the static dashboard files need no token.

`read` and `control` are `async def`: they do no I/O, and a sync dependency would wait for a thread
of the pool behind slow handlers (the chat).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, WebSocket

from aitrader.api.auth_config import AuthConfig, is_loopback, token_matches


def _host_name(value: str) -> str:
    """`127.0.0.1:8765` -> `127.0.0.1`; `[::1]:80` -> `::1`; an Origin URL -> its host."""
    return urlsplit(value if "://" in value else f"//{value}").hostname or ""


PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip")
PROXIED = (
    "without a token this API refuses proxied requests (Forwarded, X-Forwarded-*, X-Real-IP): "
    "behind a proxy, set AITRADER_API_TOKEN"
)


def bearer(headers: Mapping[str, str]) -> str | None:
    scheme, _, value = (headers.get("authorization") or "").partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


class Auth:
    """The dependencies the routes declare: `read` (REST), `control`, and `websocket_ok`."""

    def __init__(self, config: AuthConfig) -> None:
        self.config = config

    def _read_ok(self, given: str | None, headers: Mapping[str, str], websocket: bool) -> None:
        cfg = self.config
        host_header = headers.get("host", "")
        origin = headers.get("origin") if websocket else None
        if cfg.token:
            if token_matches(given, cfg.token) or token_matches(given, cfg.control_token):
                return
            detail = (
                "invalid token" if given else "this API needs a token: send Authorization: Bearer <token>"
            )
            raise HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})
        if any(name in headers for name in PROXY_HEADERS):
            raise HTTPException(403, PROXIED)
        if not is_loopback(_host_name(host_header)) or (origin and not is_loopback(_host_name(origin))):
            raise HTTPException(
                403, "without a token this API answers loopback names only (127.0.0.1, localhost)"
            )

    async def read(self, request: Request) -> None:
        self._read_ok(bearer(request.headers), request.headers, websocket=False)

    async def control(self, request: Request) -> None:
        cfg = self.config
        if not cfg.allow_control or not cfg.control_token:
            raise HTTPException(403, "control is off: start the server with --allow-control")
        given = bearer(request.headers)
        if not token_matches(given, cfg.control_token):
            detail = (
                "invalid control token" if given else "control needs Authorization: Bearer <control token>"
            )
            raise HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})

    def websocket_ok(self, ws: WebSocket) -> bool:
        given = ws.query_params.get("token") or bearer(ws.headers)
        try:
            self._read_ok(given, ws.headers, websocket=True)
        except HTTPException:
            return False
        return True
