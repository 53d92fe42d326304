"""One decision loop: the closed candle(s) of one open time → the kernel → venue work → view,
telemetry and run record (`LiveRunner` runs it; see runner.py for start-up).

One symbol: each closed candle is pushed (`Kernel.push`). Several: the candles of one open time
are one round (`multi_stream.Round`) and go to `Kernel.push_round`, so every symbol's broker sees
the bar before any symbol decides, in the run's symbol order, as in a backtest. A candle more than
one interval old, or one that came after its round went, is taken into the features and the
broker but not decided on; the reason is recorded.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from aitrader.domain import Candle
from aitrader.domain.timeframe import format_ms
from aitrader.live.candle_log import loop_latency
from aitrader.live.guard import late_reason
from aitrader.live.journal import now_ms
from aitrader.live.multi_stream import Round
from aitrader.live.stream_notes import note_stream_event
from aitrader.live.telemetry import LoopRecord, plain
from aitrader.live.view_lines import snapshot
from aitrader.live.view_state import show_live, show_paper_run, update_limits
from aitrader.venues.binance.klines import KlineUpdate

if TYPE_CHECKING:
    from aitrader.engine.kernel import Kernel
    from aitrader.live.account_book import AccountBook
    from aitrader.live.candle_log import CandleLog
    from aitrader.live.config import RunConfig
    from aitrader.live.desks import SymbolDesk
    from aitrader.live.guard import OrderWorker, ProtectionGuard
    from aitrader.live.journal import LiveJournal
    from aitrader.live.run_record import RunRecord
    from aitrader.live.state import LiveState
    from aitrader.live.telemetry import TelemetryWriter
    from aitrader.venues.binance.market_stream import MarketStream
    from aitrader.venues.binance.user_stream import UserDataStream


class RoundLoop:
    """The decision loop of `LiveRunner` (it holds everything named here)."""

    cfg: RunConfig
    state: LiveState
    kernel: Kernel
    desks: dict[str, SymbolDesk]
    journal: LiveJournal
    telemetry: TelemetryWriter
    account: AccountBook
    worker: OrderWorker
    guard: ProtectionGuard | None
    stream: MarketStream | None
    user: UserDataStream | None
    record: RunRecord | None
    candle_log: CandleLog | None
    loops_done: int
    rounds_done: int

    # ---- stream events ------------------------------------------------------------------------
    async def _on_stream_event(self, ev: object) -> None:
        if isinstance(ev, KlineUpdate) and ev.candle.closed:
            recv_ns = self.stream.last_message_recv_ns if (self.stream and ev.event_ms) else 0
            await self.on_closed(ev.candle, recv_ns)
        else:
            self._on_other(ev)

    def _on_other(self, ev: object) -> None:
        """A forming candle (the first symbol's shows in the view), or what the stream says of itself."""
        if isinstance(ev, KlineUpdate):
            if ev.symbol == self.cfg.symbol:
                self.state.forming = ev.candle
        else:
            note_stream_event(ev, self.state, self.journal)

    async def on_closed(self, candle: Candle, recv_ns: int, symbol: str | None = None) -> None:
        """One decision loop for a closed candle (of the first symbol unless `symbol` says)."""
        await self.on_round(Round(candle.open_time, {symbol or self.cfg.symbol: (candle, recv_ns)}))

    # ---- one round ----------------------------------------------------------------------------
    async def on_round(self, rnd: Round) -> None:
        """One decision loop for the closed candles of one open time: the kernel decides, the venue work follows."""
        assert self.record is not None
        kernel, cfg, st = self.kernel, self.cfg, self.state
        step = cfg.interval.duration_ms
        taken: list[tuple[str, Candle, int]] = []
        for symbol, (candle, recv_ns) in rnd.candles.items():
            held = kernel.lane(symbol).candles if cfg.portfolio else kernel.candles
            if candle.closed and not (len(held) and candle.open_time <= int(held.open_time[-1])):
                taken.append((symbol, candle, recv_ns))
        if not taken:
            return
        if self.guard is not None:  # live: start-of-day equity for the daily loss breaker
            self._roll_day(rnd.open_time)
        for symbol, candle, _ in taken:
            desk = self.desks[symbol]
            desk.last_candle, desk.last_close = candle, candle.close
            desk.seen_closed.append(candle.open_time)
            st.candles_seen += 1
            if symbol == cfg.symbol:
                st.candles.append(candle)
                st.forming = None
        if self.user is not None:
            st.user_stream = "connected" if self.user.connected else "down (polling REST)"
        if rnd.missing and not rnd.straggler:
            self._note_missing(rnd)
        fresh: list[tuple[str, Candle, int]] = []
        stale: list[tuple[str, Candle, str]] = []
        for symbol, candle, recv_ns in taken:
            newest = self.stream.last_closed.get((symbol, cfg.interval)) if self.stream else None
            reason = rnd.late_note(symbol) or late_reason(candle, step, newest, recv_ns)
            if reason is None:
                fresh.append((symbol, candle, recv_ns))
            else:
                stale.append((symbol, candle, reason))
        if stale:  # features and brokers still see these candles; no decision is taken on them
            self._push({s: c for s, c, _ in stale}, decide=False)
            for symbol, candle, reason in stale:
                self._skipped(symbol, candle, reason)
        if fresh:
            await self._decide(fresh)
        self.loops_done += len(taken)
        self.rounds_done += 1

    async def _decide(self, fresh: list[tuple[str, Candle, int]]) -> None:
        assert self.record is not None
        assert self.candle_log is not None
        cfg, st = self.cfg, self.state
        step = cfg.interval.duration_ms
        wired = {s: d.wired for s, d in self.desks.items() if d.wired is not None}
        # REST is the truth about our positions: with one open, bring it in line (and re-protect)
        # before deciding. The wait is bounded: a venue that is slow or rate limiting delays orders,
        # never the candle loop (the work goes on in the worker, and entries wait for it).
        if self.guard is not None and self.guard.holds_a_position():
            self.guard.check_soon("before the decision")  # one queued check at most, however slow the venue
        await self.worker.wait_idle(self._wait_s())
        sends_before = {s: len(w.orders.send_times_ns) for s, w in wired.items()}
        t_decide = time.perf_counter_ns()
        asked = self._push({s: c for s, c, _ in fresh})
        t_decided = time.perf_counter_ns()
        st.decisions += len(asked)
        sent: dict[str, list[dict[str, str]]] = {}  # live: every request sent, cancels included
        if wired:
            if not await self.worker.wait_idle(self._wait_s()):
                st.event("the venue is slow: orders are still being worked on; candles go on")
            for symbol, candle, _ in fresh:
                broker = wired[symbol].broker
                sent[symbol] = broker.report(broker.bar, candle.open_time + step)
        for symbol, candle, recv_ns in fresh:
            lane = self.kernel.lane(symbol) if cfg.portfolio else self.kernel
            features = lane.features
            if features is not None and len(features):
                indicators = snapshot(lane.strategy, features)
                if symbol == cfg.symbol:
                    st.indicators = indicators
            else:
                indicators = st.indicators if symbol == cfg.symbol else {}
            loop = self.candle_log.take(symbol if cfg.portfolio else None)
            w = wired.get(symbol)
            sends = (
                w.orders.send_times_ns[sends_before[symbol] :]
                if w is not None
                else ([t_decided] if loop.orders else [])
            )
            # paper: the simulator answers at once
            latency = loop_latency(recv_ns, t_decide, t_decided, sends)
            if "candle_to_order_us" in latency:
                st.latencies_us.append(latency["candle_to_order_us"])
            if not cfg.portfolio:  # several symbols: once the round is through (below)
                self._dispatch_update()
                self._show()
            self._telemetry(
                candle, symbol, indicators=dict(indicators), proposals=loop.proposals, verdicts=loop.verdicts,
                orders=sent.get(symbol, loop.orders), fills=loop.fills, latency_us=latency, notes=loop.notes,
            )  # fmt: skip
            self.record.candles(
                [candle], "live", decided=symbol in asked, received_ms=now_ms(), symbol=symbol
            )
        if cfg.portfolio:
            self._dispatch_update()
            self._show()
        self.record.flush()
        self._prefetch()

    def _push(self, candles: dict[str, Candle], decide: bool = True) -> list[str]:
        """The kernel takes the candles (one symbol: `push`; several: one `push_round`); the symbols asked."""
        if not self.cfg.portfolio:
            candle = candles[self.cfg.symbol]
            return [self.cfg.symbol] if self.kernel.push(candle, decide=decide) else []
        return list(self.kernel.push_round(candles, decide=decide))

    def _skipped(self, symbol: str, candle: Candle, reason: str) -> None:
        assert self.record is not None
        cfg, st = self.cfg, self.state
        self.record.candles([candle], "live", decided=False, received_ms=now_ms(), symbol=symbol)
        where = {"symbol": symbol} if cfg.portfolio else {}
        self.journal.event("decision_skipped", time=candle.open_time, reason=reason, **where)
        who = f"{symbol}: " if cfg.portfolio else ""
        st.event(f"{who}no decision on the {format_ms(candle.open_time)} candle: {reason}")
        self._telemetry(candle, symbol, notes=[f"no decision: {reason}"])

    def _note_missing(self, rnd: Round) -> None:
        wait = f"{self._round_wait_s():g}s"
        names = ", ".join(rnd.missing)
        self.journal.event("round_incomplete", time=rnd.open_time, missing=list(rnd.missing))
        self.state.event(f"{format_ms(rnd.open_time)}: decided without {names} (no candle within {wait})")

    def _round_wait_s(self) -> float:
        from aitrader.live.multi_stream import round_deadline_s

        return round_deadline_s(self.cfg.interval.duration_ms)

    def _roll_day(self, open_ms: int) -> None:
        """Start-of-day equity at the previous round's closes (the balances are still those after it)."""
        before = [d.last_candle.open_time for d in self.desks.values() if d.last_candle is not None]
        marks = [(d.instrument, d.last_close) for d in self.desks.values() if d.instrument is not None]
        self.account.roll_day_at(
            open_ms,
            max(before) if before and self.seen_closed_any() else None,
            lambda: self.account.portfolio_equity(marks),
            self.state.start_equity,
        )

    def seen_closed_any(self) -> bool:
        """Whether the loop has taken a closed candle of any symbol yet (warm-up candles do not count)."""
        return any(d.seen_closed for d in self.desks.values())

    def _dispatch_update(self) -> None:
        for desk in self.desks.values():
            if desk.wired is not None:
                desk.wired.rules.update()

    def _telemetry(self, candle: Candle, symbol: str, **record: Any) -> None:
        record.update(symbol=symbol, interval=self.cfg.interval.value, mode=self.state.mode)
        self.telemetry.write(LoopRecord(time_ms=candle.open_time, candle=plain(candle), **record))

    @property
    def decisions(self) -> list[dict[str, object]]:
        """Compact log of every verdict: time, proposal type, verdict key (parity tests)."""
        return self.candle_log.decisions if self.candle_log is not None else []

    def _show(self) -> None:
        """Equity, each position and its protection, the portfolio's limits, for the view (live: as
        the venue has them)."""
        prices = {s: d.last_close for s, d in self.desks.items()}
        if self.guard is not None:
            show_live(self.state, self.account, self.desks, prices)
        else:
            show_paper_run(self.state, self.kernel, prices)
        if self.cfg.portfolio:
            update_limits(self.state, self.kernel.book, self.kernel.gate, prices)

    def _wait_s(self) -> float:
        """How long the candle loop waits for venue work: a healthy venue answers well within it."""
        return min(2.0, self.cfg.interval.duration_ms / 4000)

    def _prefetch(self) -> None:
        """Read now, after venue work, what the next decision reads (the journal keeps the answers
        until its next write), so the next candle's order does not wait on the database."""
        wired = [(s, d.wired) for s, d in self.desks.items() if d.wired is not None]
        for symbol, w in wired:
            w.orders.position(symbol)
        if wired:
            self.journal.closed_results()
