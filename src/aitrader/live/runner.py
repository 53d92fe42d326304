"""The live/paper loop: stream → closed candle → decision → risk gate → order manager → journal.

Start-up: build the venue, reconcile the journal with it (protection first), warm the strategy up
from REST klines history, then follow the kline stream from the last warm-up candle (the stream
backfills anything in between). Each closed candle gives one decision loop and one telemetry
line. Stopping (Ctrl-C, --max-runtime, --max-candles) leaves protective orders on the exchange.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from decimal import Decimal

from aitrader.domain import Candle
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection
from aitrader.domain.position import StaticBook
from aitrader.domain.timeframe import format_duration
from aitrader.live.config import RunConfig, build_venue
from aitrader.live.decider import Decider, account_state
from aitrader.live.journal import LiveJournal
from aitrader.live.order_manager import LiveOrderManager
from aitrader.live.paper_venue import PaperVenue
from aitrader.live.reconcile import ReconcileReport, reconcile
from aitrader.live.run_record import RunRecord
from aitrader.live.state import LiveState
from aitrader.live.telemetry import LoopRecord, TelemetryWriter, plain
from aitrader.live.venue import Venue
from aitrader.live.verdicts import to_position, verdict_json, verdict_key
from aitrader.risk import RiskConfig, RiskGate
from aitrader.strategies import get_strategy
from aitrader.venues.binance.klines import KlineUpdate
from aitrader.venues.binance.market_stream import ConnectionEvent, DataQualityEvent, MarketStream
from aitrader.venues.binance.parse import ExecutionReport
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.binance.user_stream import UserDataStream, UserEvent

log = logging.getLogger(__name__)
MS_PER_DAY = 86_400_000


@dataclass
class RunSummary:
    reason: str
    state: LiveState
    reconcile: ReconcileReport | None


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
        self.stream: MarketStream | None = None
        self.user: UserDataStream | None = None
        self.balances: dict[str, tuple[Decimal, Decimal]] = {}
        self.decisions: list[dict[str, object]] = []  # compact decision log (parity tests)
        self.seen_closed: list[int] = []  # open times of every closed candle the strategy saw
        self.loops_done = 0  # decision loops finished (orders sent, telemetry written)
        self._stop = asyncio.Event()
        self._reason = "stopped"
        self._created = time.monotonic()  # --max-runtime counts from here (start-up included)
        self._dirty = True  # refresh from the venue before the next decision
        self._day_start: tuple[int, Decimal] = (-1, Decimal(0))  # (UTC day start ms, equity then)
        self.record: RunRecord | None = None

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
        return RunSummary(self._reason, self.state, report)

    # ---- start-up -----------------------------------------------------------------------------
    async def prepare(
        self, venue: Venue, fetch_history: Callable[[int], Awaitable[list[Candle]]]
    ) -> tuple[ReconcileReport, list[Candle]]:
        """Start-up up to the streams: order manager, strategy warm-up, reconciliation, run record.

        `fetch_history(n)` gives the newest `n` klines (the last may still be forming and is
        dropped). `_start` passes REST; an offline replay (tests/live/test_long_parity.py) passes
        candles it holds and then calls `on_closed` itself, candle by candle, without sockets.
        """
        cfg, st = self.cfg, self.state
        self.venue = venue
        self.om = LiveOrderManager(self.venue, self.journal, notify=st.event)
        inst = await self.venue.instrument(cfg.symbol)
        strategy = get_strategy(cfg.strategy, cfg.strategy_params, cfg.interval)
        self.decider = Decider(
            strategy, RiskGate(RiskConfig(risk_fraction=cfg.risk_fraction)), inst, cfg.window
        )
        history = await fetch_history(self.decider.window.size + 1)
        history = history[:-1]  # the newest kline may still be forming: the stream backfills it if not
        self.decider.warm(history)
        st.candles.extend(history[-8:])
        if isinstance(self.venue, PaperVenue) and history:
            self.venue.last_price = history[-1].close
            self.venue.now_ms = history[-1].open_time + cfg.interval.duration_ms
        st.event(f"warmed up on {len(history)} candles from REST history")
        missing = strategy.warmup + 1 - len(self.decider.window)
        if missing > 0:
            wait = format_duration(missing * cfg.interval.duration_ms)
            st.event(
                f"{strategy.name} needs {strategy.warmup + 1} candles of history, the venue gave "
                f"{len(self.decider.window)}: the first decision comes in {missing} candles (~{wait})"
            )
        report = await reconcile(self.venue, self.journal, self.om, cfg.symbol)
        for line in report.lines():
            st.event(line)
        st.trading_enabled = report.ok
        if not report.ok:
            st.event("new entries are refused until the mismatches above are resolved")
        await self._refresh_balances()
        price = history[-1].close if history else Decimal(0)
        st.start_equity = st.equity = self._equity(price)
        self._update_view(price)
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

        async def fetch(n: int) -> list[Candle]:
            return await self.public.recent(cfg.symbol, cfg.interval, n)

        report, history = await self.prepare(venue, fetch)
        self.stream = MarketStream(
            cfg.ws_url, [(cfg.symbol, cfg.interval)], self.public, stale_after_s=cfg.stale_after_s
        )
        if history:
            self.stream.resume_from(cfg.symbol, cfg.interval, history[-1].open_time)
        if not cfg.paper and cfg.user_stream:
            offset = getattr(self.venue, "clock_offset_ms", None)
            self.user = UserDataStream(
                cfg.ws_api_url,
                cfg.api_key,
                cfg.secret,
                self._on_user_event,
                cfg.recv_window_ms,
                time_offset_ms=offset if callable(offset) else (lambda: 0),
            )
        return report

    # ---- main loop ----------------------------------------------------------------------------
    async def _loop(self) -> None:
        assert self.stream is not None
        tasks: list[asyncio.Task[None]] = []
        if self.user is not None:
            tasks.append(asyncio.create_task(self.user.run()))
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
        record = self.record
        cfg, st = self.cfg, self.state
        before = self.decider.window.last
        if not self.decider.window.push(candle):
            return
        self._roll_day(candle, before)
        self.seen_closed.append(candle.open_time)
        st.candles.append(candle)
        st.forming = None
        st.candles_seen += 1
        if isinstance(self.venue, PaperVenue):
            self.venue.on_candle(candle, candle.open_time + cfg.interval.duration_ms)
        # REST is the truth about our position. Refresh before deciding when something may have
        # changed (a user-data event for our orders, no user stream, paper fills just matched);
        # otherwise decide at once and refresh after, as a poll that keeps the journal honest.
        if self.user is not None:
            st.user_stream = "connected" if self.user.connected else "down (polling REST)"
        has_position = self.om.position(cfg.symbol) is not None
        refresh_first = self._dirty or self.user is None or not self.user.connected
        if has_position and refresh_first:
            self._dirty = False
            await self._safely(self.om.refresh(cfg.symbol), "refresh from the venue")
            await self._safely(self._refresh_balances(), "balances")
        row = self.om.position(cfg.symbol)
        book = StaticBook([to_position(row)] if row is not None and row.qty > 0 else [])
        now = candle.open_time + cfg.interval.duration_ms
        account = account_state(
            self.balances,
            self.decider.instrument,
            candle.close,
            now,
            book.open_positions(),
            self._day_start[1] or None,
            self.journal.closed_results(),
        )
        t_decide = time.perf_counter_ns()
        decision = self.decider.decide(book, account)
        st.decisions += 1
        st.indicators = decision.indicators
        sends_before = len(self.om.send_times_ns)
        requests_before = len(self.om.sent_requests)
        for proposal, verdict in zip(decision.proposals, decision.verdicts, strict=True):
            side = getattr(proposal, "side", None)
            side_text = f" {side.value}" if side is not None else ""
            st.proposal = f"{type(proposal).__name__}{side_text}: {proposal.rationale[:110]}"
            try:
                await self._act(verdict, candle.close)
            except Exception as exc:  # a venue failure must not stop the loop: log it, resolve later
                log.exception("acting on a verdict failed")
                st.event(f"order handling failed: {type(exc).__name__}: {exc}")
                self.journal.event("act_failed", error=f"{type(exc).__name__}: {exc}")
            record.decision(st.candles_seen, now, proposal, verdict)
            self.decisions.append(
                {
                    "time": candle.open_time,
                    "proposal": type(proposal).__name__,
                    "verdict": verdict_key(verdict),
                }
            )
        sent, fills = self.om.take_sent()
        st.fills += len(fills)
        record.orders(st.candles_seen, now, self.om.sent_requests[requests_before:])
        record.fills(st.candles_seen, fills)
        latency: dict[str, float] = {"decide_us": (time.perf_counter_ns() - t_decide) / 1000}
        if recv_ns:
            first_send = (
                self.om.send_times_ns[sends_before] if len(self.om.send_times_ns) > sends_before else 0
            )
            if first_send:
                latency["candle_to_order_us"] = (first_send - recv_ns) / 1000
                st.latencies_us.append(latency["candle_to_order_us"])
            latency["candle_to_done_us"] = (time.perf_counter_ns() - recv_ns) / 1000
        if sent or fills:
            await self._safely(self._refresh_balances(), "balances")
        self._update_view(candle.close)
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
        if has_position and not refresh_first:
            await self._safely(self.om.refresh(cfg.symbol), "refresh from the venue")
            await self._safely(self._refresh_balances(), "balances")
        self.loops_done += 1

    def _roll_day(self, candle: Candle, before: Candle | None) -> None:
        """Start-of-day equity for the daily loss breaker, as the backtest kernel defines it.

        The equity at the close of the last candle before today's 00:00 UTC (the balances are
        still those after that candle's loop); the run's start equity when there is none.
        """
        day = candle.open_time - candle.open_time % MS_PER_DAY
        if self._day_start[0] == day:
            return
        same_day = before is not None and before.open_time >= day
        equity = self.state.start_equity if before is None or same_day else self._equity(before.close)
        self._day_start = (day, equity)

    async def _act(self, verdict: OrderPlan | Rejection, price: Decimal) -> None:
        assert self.om is not None
        st = self.state
        if isinstance(verdict, Rejection):
            st.rejections += 1
            st.verdict = f"rejected: {verdict}"
            return
        st.verdict = (
            f"approved {verdict.kind.value} plan {verdict.plan_id} v{verdict.version} qty {verdict.quantity}"
        )
        if verdict.kind is PlanKind.OPEN:
            if not st.trading_enabled:
                st.verdict += " (not sent: unresolved reconciliation mismatch)"
                return
            if self.om.position(verdict.symbol) is not None:
                return
            await self.om.open(verdict, price)
            st.entries += 1
        elif verdict.kind is PlanKind.CLOSE and (verdict.stop is None or verdict.quantity <= 0):
            await self.om.exit(verdict.symbol, verdict.rationale or "strategy exit")
            st.exits += 1
        else:
            await self.om.adjust(verdict)

    # ---- user data, balances, view -------------------------------------------------------------
    async def _on_user_event(self, event: UserEvent) -> None:
        if (isinstance(event, ExecutionReport) and event.client_order_id.startswith("at-")) or (
            isinstance(event, dict) and event.get("e") == "listStatus"
        ):
            self._dirty = True

    async def _safely(self, work: Awaitable[None], what: str) -> None:
        """Run venue work whose failure must not stop the loop (the next candle retries it)."""
        try:
            await work
        except Exception as exc:
            log.warning("%s failed: %s", what, exc)
            self.state.event(f"{what} failed: {type(exc).__name__}: {exc}")

    async def _refresh_balances(self) -> None:
        assert self.venue is not None
        self.balances = {a: (b.free, b.locked) for a, b in (await self.venue.balances()).items()}

    def _equity(self, price: Decimal) -> Decimal:
        inst = self.decider.instrument
        q = sum(self.balances.get(inst.quote_asset, (Decimal(0), Decimal(0))), Decimal(0))
        b = sum(self.balances.get(inst.base_asset, (Decimal(0), Decimal(0))), Decimal(0))
        return q + b * price

    def _update_view(self, price: Decimal) -> None:
        assert self.om is not None
        st = self.state
        st.equity = self._equity(price)
        row = self.om.position(self.cfg.symbol)
        if row is None or row.qty <= 0:
            st.position, st.protection = "flat", "-"
        else:
            pnl = (price - row.entry_price) * row.qty
            st.position = f"{row.side} {row.qty} @ {row.entry_price:.2f} (unrealised {pnl:+.2f})"
            targets = ", ".join(f"{p:.2f}" for p, _ in row.targets)
            st.protection = f"stop {row.stop} / targets {targets} ({len(row.list_cids)} OCO on the venue)"

    async def close(self) -> None:
        """Finish the run record and close everything (an offline replay's end; `run` does it itself)."""
        await self._shutdown()

    async def _shutdown(self) -> None:
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
