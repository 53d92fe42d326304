"""The API beside a run, from its journal (`aitrader serve`): a running session's, or any journal.

Every `poll_s` a worker thread reads what the journal gained (`JournalTail`), the open positions
(`journal_positions`) and the equity rebuilt from the fills and closes; the loop publishes it. The
balances come from the venue, read-only, when the session's keys are known (a demo's public local
exchange keys, or BINANCE_API_KEY/SECRET for the session's venue), as `aitrader chat` reads them.
Nothing here writes to the journal: it is opened read-only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aitrader.api.hub import EventHub
from aitrader.api.sources.base import ATTACHED, ChatTarget, run_symbols
from aitrader.api.sources.position_events import PositionEvents

if TYPE_CHECKING:
    from aitrader.agents.chat.bot_journal import BotJournal
    from aitrader.api.control import Controls
    from aitrader.api.sources.journal_tail import Item, JournalTail
    from aitrader.api.sources.journal_view import JournalView
    from aitrader.live.session_file import SessionInfo

log = logging.getLogger(__name__)


class AttachedSource:
    kind = ATTACHED

    def __init__(
        self,
        target: str | Path,
        session: SessionInfo | None = None,
        hub: EventHub | None = None,
        poll_s: float = 0.5,
        keys: tuple[str, str] | None = None,
    ) -> None:
        self.target = target
        self.session = session
        self.hub = hub if hub is not None else EventHub()
        self.poll_s = poll_s
        self.keys = keys if keys is not None else _session_keys(session)
        self._view: JournalView | None = None
        self._tail: JournalTail | None = None
        self._book: BotJournal | None = None
        self._positions = PositionEvents(self.hub)
        self._equity: float | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = time.monotonic()
        self._account: Any = None
        self._account_lock = threading.Lock()

    async def start(self) -> None:
        """Open the journal (raises `DatabaseOpenError`/`SourceError` when it cannot be read), take
        its state, then follow it."""
        await asyncio.to_thread(self._open)
        await self._publish(await asyncio.to_thread(self._step))
        self._task = asyncio.create_task(self._poll())

    def _open(self) -> None:
        from aitrader.agents.chat.bot_journal import BotJournal
        from aitrader.api.sources.journal_tail import JournalTail
        from aitrader.api.sources.journal_view import JournalView

        self._view = JournalView(self.target)
        self._tail = JournalTail(self._view)
        self._book = BotJournal(self.target)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._view is not None:
            self._view.close()
        if self._book is not None:
            self._book.engine.dispose()

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_s)
            try:
                found = await asyncio.to_thread(self._step)
            except Exception as exc:  # a busy or briefly unreadable journal: try again next time
                log.warning("could not read the journal: %s", type(exc).__name__)
                continue
            await self._publish(found)

    def _step(self) -> tuple[list[Item], list[dict[str, Any]], float | None]:
        assert self._tail is not None
        assert self._view is not None
        assert self._book is not None
        from aitrader.api.sources.journal_positions import journal_positions

        items = self._tail.step()
        run = self._tail.run
        if run is None:
            return items, [], None
        run_id = str(run["run_id"])
        orders = self._view.order_list(run_id, limit=500)
        positions = journal_positions(self._book, self._view, run["mode"] == "live", orders)
        points = self._view.equity_points(run_id, limit=1)
        return items, positions, points[-1]["equity"] if points else None

    async def _publish(self, found: tuple[list[Item], list[dict[str, Any]], float | None]) -> None:
        items, positions, equity = found
        for kind, data in items:
            self.hub.publish(kind, data)
        run = self._tail.run if self._tail is not None else None
        self._positions.update(positions, run_symbols(run))
        if equity is not None and equity != self._equity:
            self._equity = equity
            self.hub.publish("equity", {"equity": equity, "cash": None, "unrealized": None})

    # ---- Source ----------------------------------------------------------------------------------
    @property
    def controls(self) -> Controls | None:
        return None  # control acts on a kernel: only in-process

    def _run(self) -> dict[str, Any] | None:
        return self._tail.run if self._tail is not None else None

    def status(self) -> dict[str, Any]:
        run, session = self._run(), self.session
        running = run is not None and run["status"] == "running" and (session is None or session.is_live())
        return {
            "mode": session.mode if session else (run["mode"] if run else None),
            "venue": session.venue if session else None,
            "strategy": run["strategy"] if run else None,
            "symbols": run_symbols(run),
            "interval": run["timeframe"] if run else None,
            "run_id": run["run_id"] if run else None,
            "started_ms": run["started_ms"] if run else None,
            "connected": running, "paused": False, "source": ATTACHED, "control": False,
            "equity": self._equity,
        }  # fmt: skip

    def positions(self) -> list[dict[str, Any]]:
        return self._positions.open_positions()

    def balances(self) -> list[dict[str, Any]]:
        """The venue's balances when this source has keys for it (blocking: the thread pool)."""
        target = self.chat_target()
        if not (target.api_key and target.api_secret and target.rest_url):
            return []
        with self._account_lock:  # asked from the thread pool: one client, one request at a time
            if self._account is None:
                from aitrader.agents.chat.rest_source import RestAccountSource

                self._account = RestAccountSource(target.api_key, target.api_secret, rest_url=target.rest_url)
            rows = [b for b in self._account.balances() if b.total > 0]
        return [{"asset": b.asset, "free": float(b.free), "locked": float(b.locked)} for b in rows]

    def equity(self, limit: int) -> list[dict[str, Any]]:
        run = self._run()
        return self._view.equity_points(str(run["run_id"]), limit) if run and self._view else []

    def run_id(self) -> str | None:
        run = self._run()
        return str(run["run_id"]) if run else None

    def journal(self) -> JournalView | None:
        return self._view

    def chat_target(self) -> ChatTarget:
        s, run = self.session, self._run()
        key, secret = self.keys if self.keys is not None else (None, None)
        return ChatTarget(
            s.rest_url if s else None, key, secret, self.target,
            s.strategy if s else (run["strategy"] if run else None),
            s.interval if s else (run["timeframe"] if run else None),
            tuple(s.symbols) if s else tuple(run_symbols(run)),
        )  # fmt: skip

    def health(self) -> dict[str, Any]:
        status = self.status()
        return {
            "mode": status["mode"],
            "session": status["run_id"],
            "uptime_s": round(time.monotonic() - self._started, 3),
        }


def _session_keys(session: SessionInfo | None) -> tuple[str, str] | None:
    """A demo session's keys: the local exchange's public test keys, written in its session file."""
    if session is None or not session.demo_keys:
        return None
    return session.demo_keys["api_key"], session.demo_keys["api_secret"]
