"""The live/paper loop: stream → closed candle → `engine.Kernel` (strategy, risk gate) → broker.

Start-up is protection first: build the venue, reconcile the journal with it and re-protect any
position, and only then load the strategy, download history and compute features. Then follow
the kline stream from the last warm-up candle (the stream backfills anything in between). Each
closed candle gives one decision loop and one telemetry line; a candle that is more than one
interval old by the time it is processed is not decided on (the reason is recorded). Venue work
runs in the order worker (`guard.OrderWorker`), which the loop waits for only briefly, and the
protection guard re-checks protection on every user-data event about our orders and on a timer.
Stopping (Ctrl-C, --max-runtime, --max-candles) leaves protective orders on the exchange.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aitrader.domain import Candle, Candles, Instrument
from aitrader.domain.timeframe import format_duration, format_ms
from aitrader.live.account_book import AccountBook
from aitrader.live.candle_log import CandleLog, loop_latency
from aitrader.live.config import RunConfig, build_venue, describe_balances, fetch_instrument
from aitrader.live.entry_rules import EntryRules
from aitrader.live.guard import OrderWorker, ProtectionGuard, late_reason
from aitrader.live.journal import LiveJournal, now_ms
from aitrader.live.live_orders import live_orders
from aitrader.live.reconcile import ReconcileReport, reconcile
from aitrader.live.run_record import RunRecord
from aitrader.live.state import LiveState
from aitrader.live.stream_notes import note_stream_event
from aitrader.live.summary import RunSummary
from aitrader.live.telemetry import LoopRecord, TelemetryWriter, plain
from aitrader.live.uptime import process_age_s
from aitrader.live.venue import Venue
from aitrader.live.venue_orders import VenueOrders
from aitrader.live.view_lines import show_paper, snapshot
from aitrader.venues.binance.klines import KlineUpdate
from aitrader.venues.binance.market_stream import MarketStream
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.binance.user_stream import UserDataStream

if TYPE_CHECKING:
    from aitrader.engine.journaling import JournalRecorder
    from aitrader.engine.kernel import Kernel
    from aitrader.execution.order_manager import OrderManager
    from aitrader.live.venue_broker import VenueBroker


class LiveRunner:
    def __init__(self, cfg: RunConfig, state: LiveState | None = None) -> None:
        self.cfg = cfg
        self.state = state or LiveState(
            cfg.symbol, cfg.interval.value, "paper" if cfg.paper else "live", cfg.venue_name
        )
        self.journal = LiveJournal(cfg.journal_path)
        self.telemetry = TelemetryWriter(cfg.telemetry_path, self.journal)
        self.public = PublicRest(cfg.rest_url)
        self.venue: Venue | None = None
        self.om: VenueOrders | None = None  # live: the venue's side of the order manager
        self.guard: ProtectionGuard | None = None
        self.worker = OrderWorker(self._work_failed)
        self.stream: MarketStream | None = None
        self.user: UserDataStream | None = None
        self.account = AccountBook()
        self.seen_closed: list[int] = []  # open times of every closed candle the strategy saw
        self.loops_done = 0  # decision loops finished (orders sent, telemetry written)
        self.protected_after_s: float | None = None  # process start -> protection checked
        self._stop = asyncio.Event()
        self._reason = "stopped"
        self._created = time.monotonic()  # --max-runtime counts from here (start-up included)
        self.record: RunRecord | None = None
        self.recorder: JournalRecorder | None = None  # the run record as a subscriber of the kernel's bus
        self.dispatch: EntryRules | None = None  # live: why new entries are refused
        self.kernel: Kernel  # built by `prepare`, after protection
        self.instrument: Instrument
        self.venue_broker: VenueBroker | None = None  # live: the kernel's venue adapter
        self.order_manager: OrderManager | None = None  # live: built at start, before the kernel
        self.candle_log: CandleLog | None = None
        self._last_candle: Candle | None = None
        self._last_close = Decimal(0)
        self._watch_after_protection = False  # `_start` sets it: offline replays have no streams
        self._tasks: list[asyncio.Task[None]] = []
        self.on_kernel: Callable[[Kernel], None] | None = None  # told once the kernel is built (the API)

    def request_stop(self, reason: str = "interrupted") -> None:
        self._reason = reason
        self._stop.set()
        if self.stream is not None:
            asyncio.get_event_loop().create_task(self.stream.stop())

    async def run(self) -> RunSummary:
        report: ReconcileReport | None = None
        try:
            report = await self._start()
            if not self.cfg.reconcile_only:
                await self._loop()
            else:
                self._reason = "reconciled"
        finally:
            await self._shutdown()
        return RunSummary(self._reason, self.state, report, tuple(self.om.alarms if self.om else ()))

    # ---- start-up -----------------------------------------------------------------------------
    async def protect_first(self, venue: Venue) -> ReconcileReport:
        """Reconcile the journal with the venue and re-protect every position: the first thing a
        start does, before any history is loaded or any feature computed."""
        cfg, st = self.cfg, self.state
        self.venue = venue
        inst = await venue.instrument(cfg.symbol)
        w = live_orders(venue, self.journal, self.worker, st, inst, self._refresh_balances)
        self.om, self.dispatch, self.venue_broker, self.order_manager = w.orders, w.rules, w.broker, w.om
        self.guard = ProtectionGuard(self.om, self.worker, cfg.symbol)
        self.guard.after_check = self._refresh_balances
        report = await reconcile(venue, self.journal, self.om, cfg.symbol)
        self.protected_after_s = process_age_s()
        self.journal.event("protection_checked", after_s=round(self.protected_after_s, 3), ok=report.ok)
        for line in report.lines():
            st.event(line)
        st.event(f"journal and venue reconciled {self.protected_after_s:.2f}s after start")
        self.dispatch.reconcile_ok = report.ok
        self.dispatch.update()
        return report

    async def prepare(
        self,
        venue: Venue | None,
        fetch_history: Callable[[int], Awaitable[list[Candle]]],
        instrument: Instrument | None = None,
    ) -> tuple[ReconcileReport | None, list[Candle]]:
        """Start-up up to the streams: protection first (live), then fees, the kernel, warm-up, run record.

        `venue` is None on paper (`instrument`: its trading rules, else read from the venue's
        exchangeInfo). `fetch_history(n)` gives the newest `n` klines (the last may
        still be forming and is dropped). `_start` passes REST; an offline replay
        (tests/live/test_long_parity.py) passes candles it holds and then calls `on_closed` itself.
        """
        report = await self.protect_first(venue) if venue is not None else None
        self._watch()
        cfg, st = self.cfg, self.state
        # after protection: the kernel, the strategies and TA-Lib load here
        from aitrader.backtest.inputs import build_strategy
        from aitrader.engine.journaling import JournalRecorder
        from aitrader.live.kernel_build import live_kernel, paper_kernel, session_params

        strategy = build_strategy(cfg.strategy, dict(cfg.strategy_params), cfg.interval)
        if venue is not None:
            assert self.venue_broker is not None
            assert self.order_manager is not None
            inst = self.venue_broker.instrument
            await self.account.read_fees(venue, cfg.symbol, st, self.journal)
            await self.account.refresh(venue)
            self.kernel = live_kernel(
                cfg, strategy, inst, self.order_manager, self.venue_broker, self.account, self.journal
            )
        else:
            inst = instrument or await fetch_instrument(self.public, cfg)
            self.kernel = paper_kernel(cfg, strategy, inst)
            st.event(f"paper trading on the simulator: {describe_balances(cfg)}, fee 0.1% as Binance")
        self.instrument = inst
        self.candle_log = CandleLog(self.kernel.bus, st, cfg.interval.duration_ms)
        if self.on_kernel is not None:  # before any decision: a subscriber of its bus misses none
            self.on_kernel(self.kernel)
        history = (await fetch_history(self.kernel.window + 1))[:-1]  # the newest may still be forming
        self.kernel.warm(Candles.from_candles(history, cfg.symbol, cfg.interval))
        st.candles.extend(history[-8:])
        st.event(f"warmed up on {len(history)} candles from REST history")
        missing = strategy.warmup + 1 - len(history)
        if missing > 0:
            wait = format_duration(missing * cfg.interval.duration_ms)
            st.event(
                f"{strategy.name} needs {strategy.warmup + 1} candles of history, the venue gave "
                f"{len(history)}: the first decision comes in {missing} candles (~{wait})"
            )
        price = history[-1].close if history else Decimal(0)
        self._last_close = price
        self._show(price)
        st.start_equity = st.equity
        if self.om is not None and self.guard is not None:
            self.guard.on_change = lambda: self._show(self._last_close)
        self.record = RunRecord(cfg.journal_path, f"{st.mode}-{cfg.symbol}-{int(time.time() * 1000)}")
        self.record.start(
            st.mode,
            cfg.strategy,
            cfg.symbol,
            cfg.interval.value,
            float(st.start_equity),
            session_params(cfg, self.kernel, self.account.fees if venue is not None else None),
        )
        self.record.candles(history, "warm")
        self.record.flush()
        self.recorder = JournalRecorder(self.kernel.bus, self.record.journal, self.record.run_id)
        return report, history

    async def _start(self) -> ReconcileReport | None:
        cfg = self.cfg
        venue = None if cfg.paper else await build_venue(cfg)
        if cfg.reconcile_only:
            if venue is None:
                raise ValueError(
                    "--reconcile-only checks a live account: a paper run has nothing to reconcile"
                )
            return await self.protect_first(venue)

        async def fetch(n: int) -> list[Candle]:
            return await self.public.recent(cfg.symbol, cfg.interval, n)

        self._watch_after_protection = True
        report, history = await self.prepare(venue, fetch)
        self.stream = MarketStream(
            cfg.ws_url, [(cfg.symbol, cfg.interval)], self.public, stale_after_s=cfg.stale_after_s
        )
        if history:
            self.stream.resume_from(cfg.symbol, cfg.interval, history[-1].open_time)
        return report

    def _watch(self) -> None:
        """Right after protection, before history and features: the user-data stream and the guard's
        timer, so an OCO cancelled or filled during warm-up is handled at once."""
        cfg = self.cfg
        if self.guard is None or not self._watch_after_protection:
            return
        if not cfg.paper and cfg.user_stream:
            offset = getattr(self.venue, "clock_offset_ms", None)
            self.user = UserDataStream(
                cfg.ws_api_url, cfg.api_key, cfg.secret, self.guard.on_user_event, cfg.recv_window_ms,
                time_offset_ms=offset if callable(offset) else (lambda: 0),
            )  # fmt: skip
            self._tasks.append(asyncio.create_task(self.guard.follow(self.user)))
        self.guard.start()

    # ---- main loop ----------------------------------------------------------------------------
    async def _loop(self) -> None:
        assert self.stream is not None
        tasks: list[asyncio.Task[None]] = []
        if self.cfg.max_runtime_s is not None:
            tasks.append(asyncio.create_task(self._deadline(self.cfg.max_runtime_s)))
        try:
            async for ev in self.stream.events():
                if self._stop.is_set():
                    break
                await self._on_stream_event(ev)
                if self.cfg.max_candles is not None and self.state.candles_seen >= self.cfg.max_candles:
                    self._reason = f"processed {self.state.candles_seen} candles"
                    break
        finally:
            for t in tasks:
                t.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await t

    async def _deadline(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds - (time.monotonic() - self._created)))
        self.request_stop(f"max runtime {seconds:.0f}s reached")

    async def _on_stream_event(self, ev: object) -> None:
        if isinstance(ev, KlineUpdate):
            if ev.candle.closed:
                recv_ns = self.stream.last_message_recv_ns if (self.stream and ev.event_ms) else 0
                await self.on_closed(ev.candle, recv_ns)
            else:
                self.state.forming = ev.candle
        else:
            note_stream_event(ev, self.state, self.journal)

    async def on_closed(self, candle: Candle, recv_ns: int) -> None:
        """One decision loop for a closed candle: the kernel decides, the venue work follows."""
        assert self.record is not None
        assert self.candle_log is not None
        kernel, om, cfg, st = self.kernel, self.om, self.cfg, self.state
        if not candle.closed or (
            len(kernel.candles) and candle.open_time <= int(kernel.candles.open_time[-1])
        ):
            return
        if om is not None:
            self.account.roll_day(self.instrument, candle, self._last_candle, st.start_equity)
        self._last_candle = candle
        self._last_close = candle.close
        self.seen_closed.append(candle.open_time)
        st.candles.append(candle)
        st.forming = None
        st.candles_seen += 1
        if self.user is not None:
            st.user_stream = "connected" if self.user.connected else "down (polling REST)"
        newest = self.stream.last_closed.get((cfg.symbol, cfg.interval)) if self.stream else None
        stale = late_reason(candle, cfg.interval.duration_ms, newest, recv_ns)
        if stale is not None:  # features still see the candle; no decision is taken on it
            kernel.push(candle, decide=False)
            self.record.candles([candle], "live", decided=False, received_ms=now_ms())
            self.journal.event("decision_skipped", time=candle.open_time, reason=stale)
            st.event(f"no decision on the {format_ms(candle.open_time)} candle: {stale}")
            self._telemetry(candle, notes=[f"no decision: {stale}"])
            self.loops_done += 1
            return
        # REST is the truth about our position: with a position open, bring it in line (and re-protect)
        # before deciding. The wait is bounded: a venue that is slow or rate limiting delays orders,
        # never the candle loop (the work goes on in the worker, and entries wait for it).
        if om is not None and om.position(cfg.symbol) is not None and self.guard is not None:
            self.guard.check_soon("before the decision")  # one queued check at most, however slow the venue
        await self.worker.wait_idle(self._wait_s())
        sends_before = len(om.send_times_ns) if om is not None else 0
        t_decide = time.perf_counter_ns()
        decided = kernel.push(candle)
        t_decided = time.perf_counter_ns()
        st.decisions += int(decided)
        sent: list[dict[str, str]] | None = None  # live: every request sent, cancels included
        if self.venue_broker is not None:
            if not await self.worker.wait_idle(self._wait_s()):
                st.event("the venue is slow: orders are still being worked on; candles go on")
            sent = self.venue_broker.report(kernel.bar, candle.open_time + cfg.interval.duration_ms)
        features = kernel.features
        if features is not None and len(features):
            st.indicators = snapshot(kernel.strategy, features)
        loop = self.candle_log.take()
        sends = om.send_times_ns[sends_before:] if om is not None else ([t_decided] if loop.orders else [])
        latency = loop_latency(recv_ns, t_decide, t_decided, sends)  # paper: the simulator answers at once
        if "candle_to_order_us" in latency:
            st.latencies_us.append(latency["candle_to_order_us"])
        if self.dispatch is not None:
            self.dispatch.update()
        self._show(candle.close)
        self._telemetry(
            candle, indicators=dict(st.indicators), proposals=loop.proposals, verdicts=loop.verdicts,
            orders=loop.orders if sent is None else sent, fills=loop.fills, latency_us=latency, notes=loop.notes,
        )  # fmt: skip
        self.record.candles([candle], "live", decided=decided, received_ms=now_ms())
        self.record.flush()
        self._prefetch()
        self.loops_done += 1

    def _telemetry(self, candle: Candle, **record: Any) -> None:
        cfg = self.cfg
        record.update(symbol=cfg.symbol, interval=cfg.interval.value, mode=self.state.mode)
        self.telemetry.write(LoopRecord(time_ms=candle.open_time, candle=plain(candle), **record))

    @property
    def decisions(self) -> list[dict[str, object]]:
        """Compact log of every verdict: time, proposal type, verdict key (parity tests)."""
        return self.candle_log.decisions if self.candle_log is not None else []

    def _show(self, price: Decimal) -> None:
        """Equity, the position and its protection for the view (live: as the venue has them)."""
        if self.om is not None:
            self.account.show(self.state, self.om, self.instrument, price)
        else:
            show_paper(self.state, self.kernel, price)

    def _wait_s(self) -> float:
        """How long the candle loop waits for venue work: a healthy venue answers well within it."""
        return min(2.0, self.cfg.interval.duration_ms / 4000)

    def _work_failed(self, what: str, exc: BaseException) -> None:
        self.state.event(f"{what} failed: {type(exc).__name__}: {exc}")
        self.journal.event("work_failed", what=what, error=f"{type(exc).__name__}: {exc}")

    async def _refresh_balances(self) -> None:
        assert self.venue is not None
        await self.account.refresh(self.venue)
        self._prefetch()

    def _prefetch(self) -> None:
        """Read now, after venue work, what the next decision reads (the journal keeps the answers
        until its next write), so the next candle's order does not wait on the database."""
        if self.om is not None:
            self.om.position(self.cfg.symbol)
            self.journal.closed_results()

    async def close(self) -> None:
        """Finish the run record and close everything (an offline replay's end; `run` does it itself)."""
        await self._shutdown()

    async def _shutdown(self) -> None:
        if self.guard is not None:
            await self.guard.stop()
        for t in self._tasks:
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        await self.worker.stop()
        if self.venue_broker is not None and hasattr(self, "kernel"):  # the venue's news since the candle
            self.venue_broker.report(self.kernel.bar, now_ms())
        if self.recorder is not None:
            self.recorder.detach()
            self.recorder = None
        if self.record is not None:
            self.record.finish(float(self.state.equity), "finished" if self._reason != "failed" else "failed")
            self.record = None
        if self.stream is not None:
            await self.stream.stop()
        if self.user is not None:
            await self.user.stop()
        if self.venue is not None:
            await self.venue.close()
        await self.public.close()
        self.telemetry.close()
        self.journal.close()
