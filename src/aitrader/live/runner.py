"""The live/paper loop: stream → closed candle → `engine.Kernel` (strategy, risk gate) → broker.

Start-up is protection first: build the venue, reconcile the journal with it and re-protect any
position (every symbol's, one after the other), and only then load the strategies, download history
and compute features. Then follow the kline stream (one combined stream for every symbol) from the
last warm-up candle (the stream backfills anything in between). Each closed candle gives one
decision loop and one telemetry line; over several symbols the candles of one open time are decided
as one round (`multi_stream`, `round_loop`). A candle that is more than one interval old by the time
it is processed is not decided on (the reason is recorded). Venue work runs in the order worker
(`guard.OrderWorker`), which the loop waits for only briefly, and the protection guard re-checks
protection on every user-data event about our orders and on a timer. Stopping (Ctrl-C,
--max-runtime, --max-candles) leaves protective orders on the exchange.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING

from aitrader.domain import Candle, Instrument
from aitrader.live.account_book import AccountBook
from aitrader.live.candle_log import CandleLog
from aitrader.live.config import RunConfig, build_venue, describe_balances, fetch_instrument
from aitrader.live.desks import SymbolDesk, merge_reports, warm_desk
from aitrader.live.entry_rules import EntryRules
from aitrader.live.guard import OrderWorker, ProtectionGuard
from aitrader.live.journal import LiveJournal, now_ms
from aitrader.live.live_orders import live_orders
from aitrader.live.multi_stream import CandleRounds, follow_rounds
from aitrader.live.reconcile import ReconcileReport, check_rest, protect_symbols
from aitrader.live.round_loop import RoundLoop
from aitrader.live.run_record import RunRecord
from aitrader.live.state import LiveState
from aitrader.live.summary import RunSummary
from aitrader.live.telemetry import TelemetryWriter
from aitrader.live.uptime import process_age_s
from aitrader.live.venue import Venue
from aitrader.live.venue_orders import VenueOrders
from aitrader.venues.binance.market_stream import MarketStream
from aitrader.venues.binance.rest_public import PublicRest
from aitrader.venues.binance.user_stream import UserDataStream

if TYPE_CHECKING:
    from aitrader.engine.journaling import JournalRecorder
    from aitrader.engine.kernel import Kernel
    from aitrader.execution.order_manager import OrderManager
    from aitrader.live.universe_lanes import UniverseLanes
    from aitrader.live.venue_broker import VenueBroker

HistoryFetch = Callable[[str, int], Awaitable[list[Candle]]]  # (symbol, n) -> the newest n klines


class LiveRunner(RoundLoop):
    def __init__(self, cfg: RunConfig, state: LiveState | None = None) -> None:
        self.cfg = cfg
        self.state = state or LiveState(
            cfg.symbol, cfg.interval.value, "paper" if cfg.paper else "live", cfg.venue_name,
            symbols=cfg.symbols,
        )  # fmt: skip
        self.journal = LiveJournal(cfg.journal_path)
        self.telemetry = TelemetryWriter(cfg.telemetry_path, self.journal)
        self.public = PublicRest(cfg.rest_url)
        self.venue: Venue | None = None
        self.desks = {s: SymbolDesk(s) for s in cfg.symbols}  # one per symbol, in decision order
        self.om: VenueOrders | None = None  # live: the first symbol's venue side of the order manager
        self.guard: ProtectionGuard | None = None
        self.worker = OrderWorker(self._work_failed)
        self.stream: MarketStream | None = None
        self.user: UserDataStream | None = None
        self.account = AccountBook()
        self.loops_done = 0  # candle loops finished (orders sent, telemetry written)
        self.rounds_done = 0  # open times decided (several symbols: one round each)
        self.protected_after_s: float | None = None  # process start -> protection checked
        self._stop = asyncio.Event()
        self._reason = "stopped"
        self._created = time.monotonic()  # --max-runtime counts from here (start-up included)
        self.record: RunRecord | None = None
        self.recorder: JournalRecorder | None = None  # the run record as a subscriber of the kernel's bus
        self.dispatch: EntryRules | None = None  # live: why new entries are refused (first symbol's)
        self.kernel: Kernel  # built by `prepare`, after protection
        self.instrument: Instrument  # the first symbol's
        self.venue_broker: VenueBroker | None = None  # live: the first symbol's venue adapter
        self.order_manager: OrderManager | None = None  # live: built at start, before the kernel
        self.candle_log: CandleLog | None = None
        self._watch_after_protection = False  # `_start` sets it: offline replays have no streams
        self._tasks: list[asyncio.Task[None]] = []
        self.on_kernel: Callable[[Kernel], None] | None = None  # told once the kernel is built (the API)
        self.universe: UniverseLanes | None = None  # --universe: the watcher and the symbols joining
        self.rounds: CandleRounds | None = None  # several symbols: the round grouper, once following

    @property
    def seen_closed(self) -> list[int]:
        """Open times of every closed candle of the first symbol the strategy saw."""
        return self.desks[self.cfg.symbol].seen_closed

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
        return RunSummary(self._reason, self.state, report, tuple(self.alarms()))

    def alarms(self) -> list[str]:
        out: list[str] = []
        for desk in self.desks.values():
            if desk.wired is not None:
                out += [a for a in desk.wired.orders.alarms if a not in out]
        return out

    # ---- start-up -----------------------------------------------------------------------------
    async def protect_first(self, venue: Venue) -> ReconcileReport:
        """Reconcile the journal with the venue and re-protect every position of every symbol: the
        first thing a start does, before any history is loaded or any feature computed."""
        cfg, st = self.cfg, self.state
        self.venue = venue
        found = await asyncio.gather(*(venue.instrument(s) for s in self.desks))  # one round trip
        for desk, inst in zip(self.desks.values(), found, strict=True):
            desk.instrument = inst
            desk.wired = live_orders(
                venue, self.journal, self.worker, st, desk.instrument, self._refresh_balances
            )
        wired = [d.wired for d in self.desks.values() if d.wired is not None]
        for w in wired:  # an alarm or an unexplained plan of any symbol refuses every entry
            w.rules.peers = [o.orders for o in wired if o is not w]
        first = wired[0]
        self.om, self.dispatch = first.orders, first.rules
        self.venue_broker, self.order_manager = first.broker, first.om
        self.guard = ProtectionGuard({w.broker.instrument.symbol: w.orders for w in wired}, self.worker)
        self.guard.after_check = self._refresh_balances
        desks = [(w.orders, s) for s, w in zip(cfg.symbols, wired, strict=True)]
        first_pass = await protect_symbols(self.journal, desks)  # every symbol protected before the rest
        reports = [
            await check_rest(venue, self.journal, o, s, r)
            for (o, s), r in zip(desks, first_pass, strict=True)
        ]
        report = merge_reports(reports)
        self.protected_after_s = process_age_s()
        self.journal.event("protection_checked", after_s=round(self.protected_after_s, 3), ok=report.ok)
        for line in report.lines():
            st.event(line)
        st.event(f"journal and venue reconciled {self.protected_after_s:.2f}s after start")
        for w in wired:
            w.rules.reconcile_ok = report.ok
            w.rules.update()
        return report

    async def prepare(
        self,
        venue: Venue | None,
        fetch_history: Callable[[int], Awaitable[list[Candle]]],
        instrument: Instrument | None = None,
    ) -> tuple[ReconcileReport | None, list[Candle]]:
        """Start-up up to the streams for one symbol (see `prepare_symbols`): `fetch_history(n)`
        gives its newest `n` klines. An offline replay (tests/live/test_long_parity.py) passes
        candles it holds and then calls `on_closed` itself."""

        async def fetch(_: str, n: int) -> list[Candle]:
            return await fetch_history(n)

        found = {self.cfg.symbol: instrument} if instrument is not None else None
        report, histories = await self.prepare_symbols(venue, fetch, found)
        return report, histories[self.cfg.symbol]

    async def prepare_symbols(
        self,
        venue: Venue | None,
        fetch_history: HistoryFetch,
        instruments: Mapping[str, Instrument] | None = None,
    ) -> tuple[ReconcileReport | None, dict[str, list[Candle]]]:
        """Start-up up to the streams: protection first (live), then fees, the kernel, warm-up, run record.

        `venue` is None on paper (`instruments`: the symbols' trading rules, else read from the
        venue's exchangeInfo). `fetch_history(symbol, n)` gives the newest `n` klines (the last may
        still be forming and is dropped); every symbol's history ends at the same open time (the
        stream backfills the rest). `_start` passes REST; offline replays pass candles they hold.
        """
        report = await self.protect_first(venue) if venue is not None else None
        self._watch()
        cfg, st = self.cfg, self.state
        # after protection: the kernel, the strategies and TA-Lib load here
        from aitrader.backtest.inputs import build_strategy
        from aitrader.engine.journaling import JournalRecorder
        from aitrader.live.kernel_build import PAPER_FEE, live_kernel, paper_kernel, session_params

        if venue is not None:  # the account's fee rates: the strategies weigh their plans against them
            await self.account.read_fees(venue, cfg.symbol, st, self.journal)
        fee = float(self.account.fees[1]) if self.account.fees is not None else PAPER_FEE  # taker
        strategies = {
            s: build_strategy(
                cfg.strategy, dict(cfg.strategy_params), cfg.interval, fee=fee, slippage_bps=cfg.slippage_bps
            )
            for s in cfg.symbols
        }
        first = strategies[cfg.symbol]
        if venue is not None:
            lanes = [(strategies[s], d.wired) for s, d in self.desks.items() if d.wired is not None]
            await self.account.refresh(venue)
            self.kernel = live_kernel(cfg, lanes, self.account, self.journal, cfg.portfolio)
        else:
            for desk in self.desks.values():
                known = (instruments or {}).get(desk.symbol)
                desk.instrument = known or await fetch_instrument(self.public, cfg, desk.symbol)
            insts = {s: d.instrument for s, d in self.desks.items() if d.instrument is not None}
            more = [(strategies[s], insts[s]) for s in cfg.symbols[1:]]
            self.kernel = paper_kernel(cfg, first, insts[cfg.symbol], more)
            st.event(f"paper trading on the simulator: {describe_balances(cfg)}, fee 0.1% as Binance")
        self.instrument = self.kernel.instrument
        if self.universe is not None:  # entries only on the universe's members; exits always go
            self.kernel.tradable = self.universe.tradable
        self.candle_log = CandleLog(self.kernel.bus, st, cfg.interval.duration_ms)
        if self.on_kernel is not None:  # before any decision: a subscriber of its bus misses none
            self.on_kernel(self.kernel)
        histories = await self._warm(fetch_history, strategies)
        self._show()
        st.start_equity = st.equity
        if self.guard is not None:
            self.guard.on_change = self._show
        self.record = RunRecord(
            cfg.journal_path,
            f"{st.mode}-{cfg.label}-{int(time.time() * 1000)}",
            cfg.symbols if cfg.portfolio else (),
        )
        self.record.start(
            st.mode,
            cfg.strategy,
            cfg.label,
            cfg.interval.value,
            float(st.start_equity),
            session_params(cfg, self.kernel, self.account.fees if venue is not None else None),
        )
        for symbol, history in histories.items():
            self.record.candles(history, "warm", symbol=symbol)
        self.record.flush()
        self.recorder = JournalRecorder(self.kernel.bus, self.record.journal, self.record.run_id)
        return report, histories

    async def _warm(
        self, fetch_history: HistoryFetch, strategies: Mapping[str, object]
    ) -> dict[str, list[Candle]]:
        """Each symbol's recent history into its lane (no decision on it), all ending at one open time."""
        cfg, st, kernel = self.cfg, self.state, self.kernel
        histories: dict[str, list[Candle]] = {}
        for symbol in cfg.symbols:
            window = kernel.lane(symbol).window if cfg.portfolio else kernel.window
            histories[symbol] = (await fetch_history(symbol, window + 1))[:-1]  # the newest may be forming
        if cfg.portfolio and all(histories.values()):  # a candle that closed between two fetches waits
            last = min(h[-1].open_time for h in histories.values())
            histories = {s: [c for c in h if c.open_time <= last] for s, h in histories.items()}
        for symbol, history in histories.items():
            warm_desk(kernel, self.desks[symbol], st, cfg, history, getattr(strategies[symbol], "warmup", 0))
        st.candles.extend(histories[cfg.symbol][-8:])
        return histories

    async def _start(self) -> ReconcileReport | None:
        cfg = self.cfg
        venue = self.venue = None if cfg.paper else await build_venue(cfg)  # keys checked first
        if cfg.universe is not None:  # the run's symbols are what the universe selects now
            from aitrader.live.universe_lanes import UniverseLanes

            self.universe = UniverseLanes(self)
            await self.universe.start()
        if cfg.reconcile_only:
            if venue is None:
                raise ValueError(
                    "--reconcile-only checks a live account: a paper run has nothing to reconcile"
                )
            return await self.protect_first(venue)

        async def fetch(symbol: str, n: int) -> list[Candle]:
            return await self.public.recent(symbol, cfg.interval, n)

        self._watch_after_protection = True
        report, histories = await self.prepare_symbols(venue, fetch)
        self.stream = MarketStream(
            cfg.ws_url, [(s, cfg.interval) for s in cfg.symbols], self.public, stale_after_s=cfg.stale_after_s
        )
        for symbol, history in histories.items():
            if history:
                self.stream.resume_from(symbol, cfg.interval, history[-1].open_time)
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
            if self.cfg.portfolio:
                await self._follow_rounds(self.stream)
                return
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

    async def _follow_rounds(self, stream: MarketStream) -> None:
        """Several symbols: the closed candles of each open time go to the kernel as one round."""
        cfg = self.cfg
        rounds = self.rounds = CandleRounds(cfg.symbols, cfg.interval.duration_ms)
        if self.universe is not None:  # from now on a symbol that joins is followed in the rounds
            self.universe.ready.set()

        def done() -> bool:
            if cfg.max_candles is not None and self.rounds_done >= cfg.max_candles:
                self._reason = f"processed {self.rounds_done} rounds of {len(cfg.symbols)} symbols"
                return True
            return self._stop.is_set()

        def recv_ns(ev: object) -> int:
            return stream.last_message_recv_ns if getattr(ev, "event_ms", 0) else 0

        await follow_rounds(stream.events(), rounds, self.on_round, self._on_other, recv_ns, done)

    async def _deadline(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds - (time.monotonic() - self._created)))
        self.request_stop(f"max runtime {seconds:.0f}s reached")

    def _work_failed(self, what: str, exc: BaseException) -> None:
        self.state.event(f"{what} failed: {type(exc).__name__}: {exc}")
        self.journal.event("work_failed", what=what, error=f"{type(exc).__name__}: {exc}")

    async def _refresh_balances(self) -> None:
        assert self.venue is not None
        await self.account.refresh(self.venue)
        self._prefetch()

    async def close(self) -> None:
        """Finish the run record and close everything (an offline replay's end; `run` does it itself)."""
        await self._shutdown()

    async def _shutdown(self) -> None:
        if self.universe is not None:  # no symbol joins while the run stops
            await self.universe.stop()
        if self.guard is not None:
            await self.guard.stop()
        for t in self._tasks:
            t.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await t
        await self.worker.stop()
        if hasattr(self, "kernel"):  # the venue's news since the candle
            for desk in self.desks.values():
                if desk.wired is not None:
                    desk.wired.broker.report(desk.wired.broker.bar, now_ms())
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
