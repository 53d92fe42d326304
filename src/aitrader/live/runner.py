"""The live/paper loop: stream → closed candle → decision → risk gate → order manager → journal.

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
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from aitrader.domain import Candle
from aitrader.domain.position import StaticBook
from aitrader.domain.timeframe import format_duration, format_ms
from aitrader.live.account_book import AccountBook, account_state
from aitrader.live.config import RunConfig, build_venue
from aitrader.live.dispatch import Dispatcher
from aitrader.live.guard import OrderWorker, ProtectionGuard, late_reason
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.paper_venue import PaperVenue
from aitrader.live.reconcile import ReconcileReport, reconcile
from aitrader.live.run_record import RunRecord
from aitrader.live.state import LiveState
from aitrader.live.telemetry import LoopRecord, TelemetryWriter, plain
from aitrader.live.uptime import process_age_s
from aitrader.live.venue import Venue
from aitrader.live.verdicts import to_position, verdict_json, verdict_key
from aitrader.venues.binance.klines import KlineUpdate
from aitrader.venues.binance.market_stream import ConnectionEvent, DataQualityEvent, MarketStream
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.binance.user_stream import UserDataStream

if TYPE_CHECKING:
    from aitrader.live.decider import Decider

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    reason: str
    state: LiveState
    reconcile: ReconcileReport | None
    alarms: tuple[str, ...] = ()


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
        self.om: LiveOrderManager | None = None
        self.guard: ProtectionGuard | None = None
        self.worker = OrderWorker(self._work_failed)
        self.stream: MarketStream | None = None
        self.user: UserDataStream | None = None
        self.account = AccountBook()
        self.decisions: list[dict[str, object]] = []  # compact decision log (parity tests)
        self.seen_closed: list[int] = []  # open times of every closed candle the strategy saw
        self.loops_done = 0  # decision loops finished (orders sent, telemetry written)
        self.protected_after_s: float | None = None  # process start -> protection checked
        self._stop = asyncio.Event()
        self._reason = "stopped"
        self._created = time.monotonic()  # --max-runtime counts from here (start-up included)
        self.record: RunRecord | None = None
        self.decider: Decider  # built by `prepare`, after protection
        self._last_close = Decimal(0)
        self._watch_after_protection = False  # `_start` sets it: offline replays have no streams
        self._tasks: list[asyncio.Task[None]] = []

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
        self.om = LiveOrderManager(venue, self.journal, notify=st.event)
        self.guard = ProtectionGuard(self.om, self.worker, cfg.symbol)
        self.guard.after_check = self._refresh_balances
        report = await reconcile(venue, self.journal, self.om, cfg.symbol)
        self.protected_after_s = process_age_s()
        self.journal.event("protection_checked", after_s=round(self.protected_after_s, 3), ok=report.ok)
        for line in report.lines():
            st.event(line)
        st.event(f"journal and venue reconciled {self.protected_after_s:.2f}s after start")
        self.dispatch = Dispatcher(self.om, self.worker, st, self._refresh_balances)
        self.dispatch.reconcile_ok = report.ok
        self.dispatch.update()
        return report

    async def prepare(
        self, venue: Venue, fetch_history: Callable[[int], Awaitable[list[Candle]]]
    ) -> tuple[ReconcileReport, list[Candle]]:
        """Start-up up to the streams: protection first, then fees, strategy warm-up, run record.

        `fetch_history(n)` gives the newest `n` klines (the last may still be forming and is
        dropped). `_start` passes REST; an offline replay (tests/live/test_long_parity.py) passes
        candles it holds and then calls `on_closed` itself, candle by candle, without sockets.
        """
        report = await self.protect_first(venue)
        self._watch()
        cfg, st = self.cfg, self.state
        from aitrader.live.decider import Decider  # after protection: these load TA-Lib and the features
        from aitrader.risk import RiskConfig, RiskGate
        from aitrader.strategies import get_strategy

        inst = await venue.instrument(cfg.symbol)
        await self.account.read_fees(venue, cfg.symbol, st, self.journal)
        strategy = get_strategy(cfg.strategy, cfg.strategy_params, cfg.interval)
        self.decider = Decider(
            strategy, RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction)), inst, cfg.window
        )
        history = await fetch_history(self.decider.window.size + 1)
        history = history[:-1]  # the newest kline may still be forming: the stream backfills it if not
        self.decider.warm(history)
        st.candles.extend(history[-8:])
        if isinstance(venue, PaperVenue) and history:
            venue.last_price = history[-1].close
            venue.now_ms = history[-1].open_time + cfg.interval.duration_ms
        st.event(f"warmed up on {len(history)} candles from REST history")
        missing = strategy.warmup + 1 - len(self.decider.window)
        if missing > 0:
            wait = format_duration(missing * cfg.interval.duration_ms)
            st.event(
                f"{strategy.name} needs {strategy.warmup + 1} candles of history, the venue gave "
                f"{len(self.decider.window)}: the first decision comes in {missing} candles (~{wait})"
            )
        await self.account.refresh(venue)
        price = history[-1].close if history else Decimal(0)
        st.start_equity = st.equity = self.account.equity(inst, price)
        self._last_close = price
        if self.om is not None and self.guard is not None:
            om, guard = self.om, self.guard
            self.account.show(st, om, inst, price)
            guard.on_change = lambda: self.account.show(st, om, inst, self._last_close)
        self.record = RunRecord(cfg.journal_path, f"{st.mode}-{cfg.symbol}-{int(time.time() * 1000)}")
        self.record.start(
            st.mode,
            cfg.strategy,
            cfg.symbol,
            cfg.interval.value,
            float(st.start_equity),
            {"venue": cfg.venue_name, "rest_url": cfg.rest_url, "risk_fraction": cfg.risk_fraction},
        )
        return report, history

    async def _start(self) -> ReconcileReport:
        cfg = self.cfg
        venue = await build_venue(cfg, self.public)
        if cfg.reconcile_only:
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
        st = self.state
        if isinstance(ev, ConnectionEvent):
            st.connection = ev.state
            if ev.state == "connected" and ev.attempt > 1:
                st.reconnects += 1
            if ev.state in ("disconnected", "stale"):
                st.event(f"market stream {ev.state}: {ev.detail}")
        elif isinstance(ev, DataQualityEvent):
            self.journal.event(
                f"dq_{ev.kind}", from_ms=ev.from_ms, to_ms=ev.to_ms, count=ev.count, detail=ev.detail
            )
            if ev.kind == "gap_filled":
                st.gaps_filled += ev.count
            if ev.kind == "duplicate_dropped":
                st.duplicates_dropped += 1
            elif ev.kind != "gap_filled" or ev.count:
                st.event(f"data {ev.kind}: {ev.count} candle(s)")
        elif isinstance(ev, KlineUpdate):
            if ev.candle.closed:
                recv_ns = self.stream.last_message_recv_ns if (self.stream and ev.event_ms) else 0
                await self.on_closed(ev.candle, recv_ns)
            else:
                st.forming = ev.candle

    async def on_closed(self, candle: Candle, recv_ns: int) -> None:
        """One decision loop for a closed candle."""
        assert self.venue is not None
        assert self.om is not None
        assert self.record is not None
        om, record = self.om, self.record
        cfg, st = self.cfg, self.state
        before = self.decider.window.last
        if not self.decider.window.push(candle):
            return
        self.account.roll_day(self.decider.instrument, candle, before, st.start_equity)
        self._last_close = candle.close
        self.seen_closed.append(candle.open_time)
        st.candles.append(candle)
        st.forming = None
        st.candles_seen += 1
        now = candle.open_time + cfg.interval.duration_ms
        if isinstance(self.venue, PaperVenue):
            self.venue.on_candle(candle, now)
        if self.user is not None:
            st.user_stream = "connected" if self.user.connected else "down (polling REST)"
        newest = self.stream.last_closed.get((cfg.symbol, cfg.interval)) if self.stream else None
        stale = late_reason(candle, cfg.interval.duration_ms, newest, recv_ns)
        if stale is not None:  # features still see the candle; no decision is taken on it
            self.journal.event("decision_skipped", time=candle.open_time, reason=stale)
            st.event(f"no decision on the {format_ms(candle.open_time)} candle: {stale}")
            self.telemetry.write(
                LoopRecord(
                    time_ms=candle.open_time, symbol=cfg.symbol, interval=cfg.interval.value, mode=st.mode,
                    candle=plain(candle), notes=[f"no decision: {stale}"],
                )
            )  # fmt: skip
            self.loops_done += 1
            return
        # REST is the truth about our position: with a position open, bring it in line (and re-protect)
        # before deciding. The wait is bounded: a venue that is slow or rate limiting delays orders,
        # never the candle loop (the work goes on in the worker, and entries wait for it).
        if om.position(cfg.symbol) is not None and self.guard is not None:
            self.guard.check_soon("before the decision")  # one queued check at most, however slow the venue
        await self.worker.wait_idle(self._wait_s())
        row = om.position(cfg.symbol)
        book = StaticBook([to_position(row)] if row is not None and row.qty > 0 else [])
        account = account_state(
            self.account.balances, self.decider.instrument, candle.close, now, book.open_positions(),
            self.account.day_start[1] or None, self.journal.closed_results(), self.account.fees,
        )  # fmt: skip
        t_decide = time.perf_counter_ns()
        decision = self.decider.decide(book, account)
        st.decisions += 1
        st.indicators = decision.indicators
        sends_before = len(om.send_times_ns)
        requests_before = len(om.sent_requests)
        for proposal, verdict in zip(decision.proposals, decision.verdicts, strict=True):
            side = getattr(proposal, "side", None)
            side_text = f" {side.value}" if side is not None else ""
            st.proposal = f"{type(proposal).__name__}{side_text}: {proposal.rationale[:110]}"
            self.dispatch.act(verdict, candle.close)
            record.decision(st.candles_seen, now, proposal, verdict)
            self.decisions.append(
                {
                    "time": candle.open_time,
                    "proposal": type(proposal).__name__,
                    "verdict": verdict_key(verdict),
                }
            )
        if not await self.worker.wait_idle(self._wait_s()):
            st.event("the venue is slow: orders are still being worked on; candles go on")
        sent, fills = om.take_sent()
        st.fills += len(fills)
        record.orders(st.candles_seen, now, om.sent_requests[requests_before:])
        record.fills(st.candles_seen, fills)
        latency: dict[str, float] = {"decide_us": (time.perf_counter_ns() - t_decide) / 1000}
        if recv_ns:
            first_send = om.send_times_ns[sends_before] if len(om.send_times_ns) > sends_before else 0
            if first_send:
                latency["candle_to_order_us"] = (first_send - recv_ns) / 1000
                st.latencies_us.append(latency["candle_to_order_us"])
            latency["candle_to_done_us"] = (time.perf_counter_ns() - recv_ns) / 1000
        self.dispatch.update()
        self.account.show(st, om, self.decider.instrument, candle.close)
        self.telemetry.write(
            LoopRecord(
                time_ms=candle.open_time,
                symbol=cfg.symbol,
                interval=cfg.interval.value,
                mode=st.mode,
                candle=plain(candle),
                indicators=dict(decision.indicators),
                proposals=[plain(p) for p in decision.proposals],
                verdicts=[verdict_json(v) for v in decision.verdicts],
                orders=sent,
                fills=[plain(f) | {"cid": cid} for cid, f in fills],
                latency_us=latency,
            )
        )
        self.loops_done += 1

    def _wait_s(self) -> float:
        """How long the candle loop waits for venue work: a healthy venue answers well within it."""
        return min(2.0, self.cfg.interval.duration_ms / 4000)

    def _work_failed(self, what: str, exc: BaseException) -> None:
        self.state.event(f"{what} failed: {type(exc).__name__}: {exc}")
        self.journal.event("work_failed", what=what, error=f"{type(exc).__name__}: {exc}")

    async def _refresh_balances(self) -> None:
        assert self.venue is not None
        await self.account.refresh(self.venue)

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
