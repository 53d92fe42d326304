"""The control endpoints (`/api/control/...`): a separate permission (`Auth.control`), in-process
only, each acting through the gate and the order manager (`api.control`).

Async handlers on purpose: they run on the run's own event loop, between two of its steps, so they
never race the candle loop for the kernel (reading the settings again, which touches files, goes
to the thread pool first).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.concurrency import run_in_threadpool

from aitrader.api.auth import Auth
from aitrader.api.control import ControlError, Controls
from aitrader.api.sources.base import Source


def control_router(source: Source, auth: Auth) -> APIRouter:
    router = APIRouter(prefix="/api/control", tags=["control"], dependencies=[Depends(auth.control)])

    def controls() -> Controls:
        found = source.controls
        if found is None:
            raise HTTPException(
                403, "control acts on a run in this process only: demo --serve or trade --serve"
            )
        return found

    def done(action: Any) -> dict[str, Any]:
        try:
            result: dict[str, Any] = action()
        except ControlError as exc:
            raise HTTPException(exc.status, exc.message) from None
        return result

    @router.post("/pause", summary="Pause new entries (exits and protection go on)")
    async def pause() -> dict[str, Any]:
        return done(controls().pause)

    @router.post("/resume", summary="Resume new entries")
    async def resume() -> dict[str, Any]:
        return done(controls().resume)

    @router.post("/close/{symbol}", summary="Close the position in SYMBOL: an exit through the gate")
    async def close(symbol: str) -> dict[str, Any]:
        c = controls()
        return done(lambda: c.close(symbol))

    @router.post("/reload", summary="Read the run settings again (the risk fraction applies at once)")
    async def reload() -> dict[str, Any]:
        c = controls()
        try:
            now = await run_in_threadpool(c.read_again)
        except ControlError as exc:
            raise HTTPException(exc.status, exc.message) from None
        return done(lambda: c.apply(now))

    return router
