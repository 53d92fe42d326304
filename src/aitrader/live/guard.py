"""The protection guard, the order worker and the lateness rule: the candle loop never waits on the venue.

- `OrderWorker` runs order-manager work (entries, exits, stop moves, refreshes) one job at a time
  in its own task. The candle loop hands a job over and waits for it at most `wait_s`: on a healthy
  venue every job is done by then, so decisions see the same state as before; in a 429/418 storm
  the retries keep going in the worker while candles keep being processed (orders are delayed,
  candles are not).
- `ProtectionGuard` re-checks protection of every symbol traded (`VenueOrders.refresh`: the order manager re-protects what is uncovered) as soon as a user-data event
  says one of our orders or lists changed (an OCO cancelled by hand, a leg filled or expired) and
  on a timer, so an external cancel is re-protected within a second, and a position is never
  reported protected on the strength of an old check.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

from aitrader.domain import Candle
from aitrader.domain.client_ids import is_ours
from aitrader.venues.binance.parse import ExecutionReport
from aitrader.venues.binance.user_stream import UserDataStream, UserEvent

if TYPE_CHECKING:
    from aitrader.live.venue_orders import VenueOrders

log = logging.getLogger(__name__)
Job = Callable[[], Awaitable[None]]


def late_reason(candle: Candle, step_ms: int, newest_closed_ms: int | None, recv_ns: int) -> str | None:
    """Why a decision on `candle` would come too late (None when it is fresh enough): a newer
    candle already closed (the loop fell behind, or the candle was backfilled), or its message
    arrived more than one interval ago (`recv_ns`, perf_counter_ns; 0 when unknown)."""
    if newest_closed_ms is not None and newest_closed_ms > candle.open_time:
        return f"a newer candle ({(newest_closed_ms - candle.open_time) // step_ms} interval(s) later) already closed"
    age_ms = (time.perf_counter_ns() - recv_ns) / 1e6 if recv_ns else 0.0
    if age_ms > step_ms:
        return f"received {age_ms / 1000:.1f}s ago, more than one interval"
    return None


class OrderWorker:
    def __init__(self, on_error: Callable[[str, BaseException], None]) -> None:
        self._queue: asyncio.Queue[tuple[str, Job, str | None]] = asyncio.Queue()
        self._idle = asyncio.Event()
        self._idle.set()
        self._pending = 0
        self._by_key: dict[str | None, int] = {}  # pending jobs per symbol (None: the whole account)
        self._task: asyncio.Task[None] | None = None
        self._on_error = on_error

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    def submit(self, what: str, job: Job, key: str | None = None) -> None:
        """Queue `job`; `key` is the symbol it works for (None: the whole account, e.g. a protection
        check of every symbol)."""
        self.start()
        self._pending += 1
        self._by_key[key] = self._by_key.get(key, 0) + 1
        self._idle.clear()
        self._queue.put_nowait((what, job, key))

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def busy_for(self, symbol: str) -> bool:
        """Work for `symbol`, or for the whole account, is still pending."""
        return self._by_key.get(symbol, 0) > 0 or self._by_key.get(None, 0) > 0

    def died_of(self) -> BaseException | None:
        """What stopped the worker, if something other than a failing job did (a job's exception is
        reported and the worker goes on; a BaseException such as SystemExit ends it)."""
        task = self._task
        if task is None or not task.done() or task.cancelled():
            return None
        return task.exception()

    async def wait_idle(self, timeout_s: float | None) -> bool:
        """Wait until every job handed over so far is done, at most `timeout_s`; True when idle.
        A worker that died (see `died_of`) does no more work: waiting for it ends at once."""
        if not self.busy:
            return True
        idle = asyncio.ensure_future(self._idle.wait())
        waiting: set[asyncio.Future[Any]] = {idle}
        if self._task is not None:
            waiting.add(self._task)
        try:
            await asyncio.wait(waiting, timeout=timeout_s, return_when=asyncio.FIRST_COMPLETED)
        finally:
            idle.cancel()
        return not self.busy

    async def _run(self) -> None:
        while True:
            what, job, key = await self._queue.get()
            try:
                await job()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a venue failure must not stop the worker: report, go on
                log.exception("%s failed", what)
                self._on_error(what, exc)
            finally:
                self._pending -= 1
                self._by_key[key] -= 1
                if self._pending == 0:
                    self._idle.set()

    async def stop(self, drain_s: float = 5.0) -> None:
        await self.wait_idle(drain_s)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None


class ProtectionGuard:
    """Re-checks protection of every symbol (`desks`: symbol -> that symbol's venue side, or one
    `VenueOrders` and its `symbol`) on user-data events about our orders and on a timer."""

    def __init__(
        self,
        om: VenueOrders | Mapping[str, VenueOrders],
        worker: OrderWorker,
        symbol: str = "",
        poll_s: float = 10.0,
        poll_without_user_stream_s: float = 2.0,
    ) -> None:
        self.desks: dict[str, VenueOrders] = dict(om) if isinstance(om, Mapping) else {symbol: om}
        self.om = next(iter(self.desks.values()))
        self.worker = worker
        self.symbol = next(iter(self.desks))
        self.poll_s = poll_s
        self.poll_without_user_stream_s = poll_without_user_stream_s
        self.user_stream_up: Callable[[], bool] = lambda: False
        self.on_change: Callable[[], None] = lambda: None  # e.g. redraw the protection line of the view
        self.after_check: Callable[[], Awaitable[None]] | None = None  # e.g. read the balances again
        self._queued = False
        self._last = time.monotonic()
        self._task: asyncio.Task[None] | None = None

    def check_soon(self, why: str) -> None:
        """Queue one protection check (several events before it runs share it)."""
        if self._queued:
            return
        self._queued = True

        async def job() -> None:
            self._queued = False
            self._last = time.monotonic()
            try:
                failed: list[Exception] = []
                for symbol, orders in self.desks.items():  # one symbol's failure never skips another's
                    try:
                        await orders.refresh(symbol)
                    except Exception as exc:
                        failed.append(exc)
                if failed:
                    raise failed[0]
                if self.after_check is not None:
                    await self.after_check()
            finally:
                self.on_change()

        self.worker.submit(f"protection check ({why})", job)

    async def on_user_event(self, event: UserEvent) -> None:
        if isinstance(event, ExecutionReport):
            cid = event.orig_client_order_id if is_ours(event.orig_client_order_id) else event.client_order_id
            if not is_ours(cid) or event.execution_type == "NEW":
                return
            if event.order_list_id >= 0:  # a leg of one of our OCOs was cancelled, expired or traded
                self._mark_unprotected(event.symbol)
                self.on_change()
            self.check_soon(f"{cid} {event.execution_type}")
        elif (
            isinstance(event, dict)
            and event.get("e") == "listStatus"
            and is_ours(str(event.get("C", "")))
            and event.get("L") != "EXECUTING"
        ):
            self._mark_unprotected(str(event.get("s", "")))
            self.on_change()
            self.check_soon(f"list {event.get('C')} {event.get('L')}")

    async def follow(self, user: UserDataStream) -> None:
        """Run the user-data stream whose events this guard reacts to (polls faster while it is down)."""
        self.user_stream_up = lambda: user.connected
        await user.run()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._timer())

    async def _timer(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            every = self.poll_s if self.user_stream_up() else self.poll_without_user_stream_s
            due = [o.io.recheck_due() for o in self.desks.values()]  # asking resets each one's due time
            if any(due):
                self.check_soon("an order in doubt is settled")
            elif time.monotonic() - self._last >= every and self.holds_a_position():
                self.check_soon("timer")

    def holds_a_position(self) -> bool:
        return any(o.position(s) is not None for s, o in self.desks.items())

    def _mark_unprotected(self, symbol: str) -> None:
        """The symbol's protection is unknown until re-checked (every symbol's, if it is not ours)."""
        desk = self.desks.get(symbol)
        for orders in (desk,) if desk is not None else self.desks.values():
            orders.mark_unprotected()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task
            self._task = None
