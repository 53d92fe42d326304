"""The read-only REST endpoints (`/api/...`): the run's live state from its source, the rest from
its journal. Plain `def` handlers: FastAPI runs them in its thread pool, so a journal read never
holds up an in-process run's event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query

from aitrader.api.sources.base import Source
from aitrader.api.sources.journal_view import MAX_LIMIT, JournalView

Rows = list[dict[str, Any]]
Limit = Query(100, ge=1, le=MAX_LIMIT, description="How many, newest first (at most 10,000).")


def read_router(source: Source) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["read"])

    def journal() -> tuple[JournalView, str]:
        view, run_id = source.journal(), source.run_id()
        if view is None or run_id is None:
            raise HTTPException(503, "the run has not started yet: no journal to read")
        return view, run_id

    def from_journal(read: Callable[[JournalView, str], Rows]) -> Rows:
        view, run_id = journal()
        return read(view, run_id)

    @router.get("/status", summary="Mode, venue, strategy, symbols, run, connection, paused, seq")
    def status() -> dict[str, Any]:
        """`seq` is the hub's number read before the rest: `/ws?since=<seq>` then misses nothing
        between this snapshot and the socket (it may repeat what the snapshot already shows)."""
        seq = source.hub.last_seq
        return {**source.status(), "seq": seq}

    @router.get("/balances", summary="The account's balances (free, locked)")
    def balances() -> Rows:
        try:
            return source.balances()
        except Exception as exc:  # the venue cannot be read now: one line, never a secret
            raise HTTPException(
                503, f"the venue's balances cannot be read now ({type(exc).__name__})"
            ) from None

    @router.get("/positions", summary="Open positions, each with whether it is protected")
    def positions() -> Rows:
        return source.positions()

    @router.get("/orders", summary="The run's orders (status=open: still working)")
    def orders(status: Literal["open", "all"] = "open", limit: int = Limit) -> Rows:
        return from_journal(lambda v, r: v.order_list(r, open_only=status == "open", limit=limit))

    @router.get("/plans", summary="The newest version of each of the run's plans")
    def plans() -> Rows:
        return from_journal(lambda v, r: v.plan_list(r))

    @router.get("/decisions", summary="Proposals with their rationale and the gate's verdict")
    def decisions(limit: int = Limit) -> Rows:
        rows = from_journal(lambda v, r: v.decision_list(r, limit))
        for row in rows:
            row.pop("id", None)
        return rows

    def traded(symbol: str | None) -> str | None:
        """`symbol` as the run names it; 404 for one it does not trade."""
        if symbol is None or not symbol.strip():
            return None
        wanted = symbol.strip().upper()[:40]
        symbols = [str(x).upper() for x in source.status().get("symbols") or []]
        if wanted not in symbols:
            raise HTTPException(404, f"{wanted} is not traded by this run ({', '.join(symbols) or 'none'})")
        return wanted

    @router.get("/rejections", summary="Rejected proposals counted by reason (and by symbol)")
    def rejections(
        symbol: str | None = Query(None, max_length=40, description="Only this symbol's (default: all)."),
    ) -> Rows:
        wanted = traded(symbol)
        return from_journal(lambda v, r: v.rejection_counts(r, wanted))

    @router.get("/rejections/latest", summary="The newest rejections: symbol, code and the gate's sentence")
    def latest_rejections(
        symbol: str | None = Query(None, max_length=40, description="Only this symbol's (default: all)."),
        code: str | None = Query(None, max_length=40, description="Only this rejection code's."),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
    ) -> Rows:
        wanted = traded(symbol)
        return from_journal(lambda v, r: v.rejection_list(r, limit, wanted, code))

    @router.get("/trades", summary="Closed trades with their rationale")
    def trades(limit: int = Limit) -> Rows:
        return from_journal(lambda v, r: v.trade_list(r, limit))

    @router.get("/equity", summary="Equity over time, oldest first")
    def equity(limit: int = Query(1000, ge=1, le=MAX_LIMIT)) -> Rows:
        return source.equity(limit)

    @router.get("/candles", summary="The run's candles, oldest first")
    def candles(
        symbol: str | None = Query(
            None, max_length=40, description="One of the run's symbols (default: the first)."
        ),
        limit: int = Query(500, ge=1, le=MAX_LIMIT),
    ) -> Rows:
        wanted = traded(symbol)
        return from_journal(lambda v, r: v.candle_list(r, limit, symbol=wanted))

    return router
