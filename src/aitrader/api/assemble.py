"""The whole web face over one source: the app, Prometheus metrics on `/metrics` and the
notifications, both fed by the source's hub (never by the kernel's bus), as `aitrader serve` and
the `--serve` modes run it.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from aitrader.api.app import create_app
from aitrader.api.auth_config import AuthConfig
from aitrader.api.metrics import Metrics, metrics_router
from aitrader.api.sources.base import Source


def build_app(source: Source, auth: AuthConfig, reports_dir: Path | None = None) -> FastAPI:
    """The app with its metrics. The metrics first count what the hub already holds, then follow it
    (on the hub's loop, with nothing in between: no event is missed or counted twice)."""
    metrics = Metrics()
    for event in source.hub.after(0) or []:
        metrics.on_event(event)
    metrics.attach(source.hub)
    return create_app(source, auth, metrics_router=metrics_router(metrics), reports_dir=reports_dir)
