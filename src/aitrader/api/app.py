"""`create_app`: the FastAPI application over one source (in-process or attached).

Routes: `/health` (no token), the read endpoints (`routes_read`, `reports`, `chat`), the control
endpoints (`routes_control`, their own permission), the WebSocket `/ws`, `/metrics` when a metrics
router is given (`api.metrics.metrics_router`; mounted behind the read permission), and the
dashboard's static files at `/` when `api/static/` exists. The OpenAPI schema is at
`/openapi.json`; there are no `/docs` or `/redoc` pages (they load Swagger UI from a CDN onto this
origin, where a typed control token could be read). Every answer carries a same-origin
Content-Security-Policy, and no request body over 16 KiB is read (`api.limits`). See docs/api.md.

The app neither starts nor stops the source: whoever builds both does (`aitrader serve`, the
`--serve` modes, the tests), so a bad journal or port is refused before anything listens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from aitrader.api.auth import Auth
from aitrader.api.auth_config import AuthConfig
from aitrader.api.chat import chat_router
from aitrader.api.limits import BodyLimit, SecurityHeaders
from aitrader.api.reports import reports_router
from aitrader.api.routes_control import control_router
from aitrader.api.routes_read import read_router
from aitrader.api.sources.base import Source
from aitrader.api.ws import ws_router

STATIC_DIR = Path(__file__).resolve().parent / "static"


def create_app(
    source: Source,
    auth: AuthConfig | None = None,
    *,
    metrics_router: APIRouter | None = None,
    reports_dir: Path | None = None,
    static_dir: Path | None = STATIC_DIR,
) -> FastAPI:
    """The API over `source`. `auth` is checked here (`AuthSetupError` when it would expose the bot)."""
    config = auth or AuthConfig()
    config.check()
    guard = Auth(config)
    app = FastAPI(
        title="aitrader",
        summary="The trading bot's state, decisions and events (read-only unless control is allowed).",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(BodyLimit)  # added last = outermost: SecurityHeaders, then BodyLimit
    app.add_middleware(SecurityHeaders)
    read = [Depends(guard.read)]

    @app.get("/health", tags=["health"], summary="Liveness: mode, session and uptime (no token needed)")
    def health() -> dict[str, Any]:
        return {"status": "ok", **source.health()}

    app.include_router(read_router(source), dependencies=read)
    app.include_router(reports_router(reports_dir), dependencies=read)
    app.include_router(chat_router(source), dependencies=read)
    app.include_router(control_router(source, guard))
    if metrics_router is not None:
        app.include_router(metrics_router, dependencies=read)
    app.include_router(ws_router(source.hub, guard))
    if static_dir is not None and static_dir.is_dir():
        app.mount("/", StaticFiles(directory=static_dir, html=True), name="dashboard")
    app.state.source = source
    app.state.auth = config
    return app
