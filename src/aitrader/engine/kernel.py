"""The kernel: one loop for every mode.

    feed → features → strategy → risk gate → order manager → broker → portfolio (→ journal via bus)

The kernel never asks which mode it runs in. A backtest calls `load(candles)` once (features and
signal masks over the whole history) and `run()`; paper and live call `warm(history)` once and
`push(candle)` for each closed candle (the strategy's feature stream advances by one candle, equal
to the batch features over the whole history) — both reach the strategy through the same `on_bar`.

Skipping: `run(every_bar=False)` visits only bars where something can happen — a bar on which the
strategy's masks allow a proposal (given what is open), the bar after orders were sent (they
arrive at its open), and bars whose range reaches a resting order (the broker finds them with a
vectorised search). `every_bar=True` visits every bar and calls `on_bar` on each; both give the
same decisions and fills (tests/engine/test_jump_parity.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

import numpy as np

from aitrader.domain.candles import Candle, Candles
from aitrader.domain.enums import OrderStatus
from aitrader.domain.instrument import Instrument
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.position import Position, PositionBook, PositionTarget
from aitrader.domain.proposal import Enter, Proposal
from aitrader.engine.account import AccountTracker
from aitrader.engine.bus import EventBus
from aitrader.engine.clock import SimClock
from aitrader.engine.events import (
    BarVisited,
    FillEvent,
    OrderEvent,
    OrderSubmitted,
    PositionClosed,
    VerdictGiven,
)
from aitrader.execution.broker import Broker, SkippingBroker
from aitrader.execution.order_manager import ROLE_ENTRY, OrderManager
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.risk.account import AccountState
from aitrader.strategies.base import Features, MarketView, Signals, Strategy
from aitrader.strategies.stream import FeatureStream

_ZERO = Decimal("0.0")  # a target order without a price or quantity (the plan leaves it to the fill)


class AccountSource(Protocol):
    """What the gate judges a proposal against: the simulated account (`AccountTracker`) in a
    backtest and on paper, the venue's balances live."""

    def state(self, bar: int, now_ms: int) -> AccountState: ...


class Gate(Protocol):
    """The risk gate's door (`aitrader.risk.RiskGate`, or a research sizer in backtests)."""

    def review(
        self, proposal: Proposal, account: AccountState, instrument: Instrument, price: Decimal | float
    ) -> OrderPlan | Rejection: ...


@dataclass
class KernelStats:
    bars: int = 0
    visited: int = 0
    decisions: int = 0
    proposals: int = 0
    approved: int = 0
    rejected: int = 0
    fills: int = 0


class Kernel:
    """Wires a strategy, a gate and a broker around one portfolio, for one symbol.

    The kernel's `OrderManager` decides every order in every mode; the broker executes them: the
    simulator (`SimBroker`: backtests under either fill model, paper trading under the live one),
    or live the venue adapter (`live.venue_broker.VenueBroker`), which journals each order's intent
    and carries it out crash-only, and reconciles what the venue holds into the order manager
    (built before the kernel and passed as `orders`, since start-up protects first). Live, the
    gate reads the venue's account (`account`) and the strategy sees the venue's positions (`book`);
    the portfolio then mirrors them from the fills the adapter reports, for the bus and the journal.
    """

    def __init__(
        self,
        strategy: Strategy,
        gate: Gate,
        broker: Broker,
        instrument: Instrument,
        cash: float,
        bus: EventBus | None = None,
        clock: SimClock | None = None,
        taker_fee: float = 0.001,
        maker_fee: float = 0.001,
        window: int = 0,
        account: AccountSource | None = None,
        book: PositionBook | None = None,
        orders: OrderManager | None = None,
    ) -> None:
        self.strategy = strategy
        self.gate = gate
        self.broker = broker
        self.instrument = instrument
        self.symbol = instrument.symbol
        self.bus = bus if bus is not None else EventBus()
        self.clock = clock if clock is not None else SimClock()
        self.portfolio = Portfolio(cash)
        self._held = self.portfolio.quantities.get  # (symbol, 0.0) -> signed quantity, without a call layer
        self.portfolio.set_lot_step(self.symbol, instrument.step_size)
        # the one order manager; live builds it before the kernel (start-up reconciles into it first)
        self.orders = orders if orders is not None else OrderManager(broker, instrument)
        self.orders.on_submit = self._on_submit
        self.account = AccountTracker(self.portfolio, instrument, taker_fee, maker_fee)
        self.account_source: AccountSource = account if account is not None else self.account
        # what the strategy and the gate see as open: the portfolio, or live the venue's positions
        self.book: PositionBook = book if book is not None else self.portfolio
        self._plans: dict[str, OrderPlan] = {}  # the latest approved plan per symbol
        self.stats = KernelStats()
        self.window = max(window, strategy.warmup + 1)
        self.on_visit: Callable[[int], None] | None = None
        broker.set_listeners(self._on_fill, self._on_update)
        self._candles: Candles = Candles.empty(self.symbol)
        self._features: Features | None = None
        self._signals: Signals | None = None
        self._offset = 0  # global index of the first bar held (live windows slide)
        self._bar = -1  # global index of the bar being processed
        self._idx_flat: list[int] = []
        self._idx_long: list[int] = []
        self._idx_short: list[int] = []
        self._close_view: memoryview = memoryview(b"")  # closes as Python floats without numpy scalars
        self._masks: tuple[memoryview, ...] = ()  # (entry long|short, exit long, exit short) by bar
        self._adjusts_every_bar = False
        self._stream: FeatureStream | None = None  # live: the strategy's features, one candle at a time
        self._seen = 0  # live: closed candles seen (warm-up history included)

    # ---- backtest: whole history -----------------------------------------------------------------
    def load(self, candles: Candles) -> None:
        """Compute features and candidate masks once over `candles` (vectorised)."""
        self._set_window(candles, offset=0)
        if isinstance(self.broker, SkippingBroker) and hasattr(self.broker, "attach"):
            self.broker.attach(candles.high, candles.low)

    def run(self, start: int = 0, stop: int | None = None, every_bar: bool = False) -> int:
        """Process bars [start, stop) of the loaded history; returns how many bars were visited."""
        c = self._candles
        n = len(c)
        stop = n if stop is None else min(stop, n)
        if start >= stop:
            return 0
        # memoryviews: indexing one gives a Python float/int without a numpy scalar in between
        o, h, lo, cl = (
            np.ascontiguousarray(a, dtype=np.float64).data for a in (c.open, c.high, c.low, c.close)
        )
        t = np.ascontiguousarray(c.open_time, dtype=np.int64).data
        dur = c.timeframe.duration_ms
        broker = self.broker
        broker_on_bar = broker.on_bar
        skipping = isinstance(broker, SkippingBroker) and not every_bar
        has_arriving = broker.has_arriving if skipping else None  # type: ignore[attr-defined]
        next_event_bar = broker.next_event_bar if skipping else None  # type: ignore[attr-defined]
        clock_set = self.clock.set
        decide, held, symbol = self._decide, self._held, self.symbol
        entry, exit_long, exit_short = self._masks
        idx_flat, idx_long, idx_short = self._idx_flat, self._idx_long, self._idx_short
        adjusts = self._adjusts_every_bar
        visited = 0
        i = start
        while i < stop:
            ti = t[i]
            self._bar = i
            clock_set(ti + dur)
            broker_on_bar(i, ti, o[i], h[i], lo[i], cl[i])
            q = held(symbol, 0.0)  # can on_bar propose here, given what is open? (the skip contract)
            if every_bar or (entry[i] if q == 0.0 else adjusts or (exit_long[i] if q > 0 else exit_short[i])):
                decide(i)
            visited += 1
            if self.on_visit is not None:
                self.on_visit(i)
            nxt = i + 1
            if next_event_bar is None or nxt >= stop or has_arriving():  # type: ignore[misc]
                i = nxt
                continue
            # the next bar whose masks allow a proposal given what is held: `q` still holds, as
            # deciding only sends orders (they fill from the next bar on, which is then visited)
            if q != 0.0 and adjusts:
                candidate = nxt
            else:
                idx = idx_flat if q == 0.0 else idx_long if q > 0 else idx_short
                k = bisect_left(idx, nxt)
                candidate = idx[k] if k < len(idx) else stop
            i = next_event_bar(nxt, candidate if candidate < stop else stop)
        self.stats.bars += stop - start
        self.stats.visited += visited
        return visited

    # ---- live: one closed candle at a time -------------------------------------------------------
    def warm(self, history: Candles) -> None:
        """Start live or paper: the strategy's feature stream over the closed candles before the
        stream (no decision on them); the broker and the clock stand at the last one's close."""
        self._stream = self.strategy.feature_stream(self.window)
        self._seen = len(history)
        self._set_live(self._stream.warm(history))
        n = len(history)
        if n == 0:
            return
        last = n - 1
        t = int(history.open_time[last])
        self._bar = n - 1
        self.clock.set(t + history.timeframe.duration_ms)
        o, h, lo, c = (float(a[last]) for a in (history.open, history.high, history.low, history.close))
        self.broker.on_bar(n - 1, t, o, h, lo, c)

    def push(self, candle: Candle, decide: bool = True) -> bool:
        """Append a closed candle, advance the features by it (the strategy's feature stream: kept
        state, not a recomputation of the window), process the bar.

        Returns whether the strategy was asked: not for a forming candle or one that does not come
        after the last, not before its warm-up is complete, not with `decide=False` (a candle the
        loop saw too late to act on: the features and the broker still see it)."""
        if self._stream is None:
            self.warm(Candles.empty(self.symbol, self.strategy.timeframe))
        assert self._stream is not None
        old = self._candles
        if not candle.closed or (len(old) and candle.open_time <= int(old.open_time[-1])):
            return False
        self._seen += 1
        self._set_live(self._stream.push(candle))
        i = self._bar = self._seen - 1
        self.clock.set(candle.open_time + self.strategy.timeframe.duration_ms)
        self.broker.on_bar(
            i,
            candle.open_time,
            float(candle.open),
            float(candle.high),
            float(candle.low),
            float(candle.close),
        )
        self.stats.bars += 1
        if not decide or self._seen <= self.strategy.warmup:
            return False
        self._decide(i)
        self.stats.visited += 1
        return True

    def _set_live(self, features: Features) -> None:
        """The features a stream returned: the last rows up to the newest bar (global index seen-1)."""
        candles = features.candles
        self._candles = candles
        self._features = features
        self._offset = self._seen - len(candles)
        self._close_view = np.ascontiguousarray(candles.close, dtype=np.float64).data
        self.account.set_bars(candles.open_time, candles.close, self._offset)

    # ---- decisions -------------------------------------------------------------------------------
    def _set_window(self, candles: Candles, offset: int) -> None:
        self._candles = candles
        self._offset = offset
        features = self.strategy.features(candles)
        signals = self.strategy.signals(features)
        self._features, self._signals = features, signals
        self._idx_flat = np.flatnonzero(signals.entry_long | signals.entry_short).tolist()
        self._idx_long = np.flatnonzero(signals.exit_long).tolist()
        self._idx_short = np.flatnonzero(signals.exit_short).tolist()
        masks = (signals.entry_long | signals.entry_short, signals.exit_long, signals.exit_short)
        self._masks = tuple(np.ascontiguousarray(m, dtype=np.bool_).data for m in masks)
        self._adjusts_every_bar = signals.adjusts_every_bar
        self._close_view = np.ascontiguousarray(candles.close, dtype=np.float64).data
        self.account.set_bars(candles.open_time, candles.close, offset)

    def _decide(self, i: int) -> None:
        features = self._features
        assert features is not None
        local = i - self._offset
        self.stats.decisions += 1
        proposals = self.strategy.on_bar(MarketView(features, local), self.book)
        if proposals:
            price = self._close_view[local]
            for p in proposals:
                self._review(p, i, price)

    def propose(self, proposal: Proposal) -> OrderPlan | Rejection:
        """Decide on a proposal that did not come from the strategy (an operator's close through the
        API) at the last bar processed, on the strategy's own path: gate, bus, order manager."""
        if self._bar < 0 or not len(self._candles):
            raise RuntimeError("no candle processed yet: nothing to decide on")
        return self._review(proposal, self._bar, self._close_view[self._bar - self._offset])

    def _review(self, proposal: Proposal, i: int, price: float) -> OrderPlan | Rejection:
        now = self.clock.now_ms()
        stats = self.stats
        stats.proposals += 1
        if type(proposal) is not Enter and self.orders.exiting(proposal.symbol):  # never decided twice
            verdict: OrderPlan | Rejection = Rejection(
                RejectionCode.EXIT_UNDER_WAY, "the position's exit is under way", proposal.symbol, now,
                proposal.strategy,
            )  # fmt: skip
        else:
            verdict = self.gate.review(proposal, self.account_source.state(i, now), self.instrument, price)
        bus = self.bus
        if bus.listening:  # build the event only for someone (see EventBus.listening)
            bus.publish(VerdictGiven(i, now, proposal, verdict))
        if isinstance(verdict, Rejection):
            stats.rejected += 1
            return verdict
        stats.approved += 1
        symbol = self.symbol
        self._plans[symbol] = verdict
        held = self._held(symbol, 0.0)
        self.orders.execute(verdict, held if held >= 0.0 else -held)
        if verdict.kind is PlanKind.ADJUST:
            self._annotate(verdict, keep_reason=True)
        return verdict

    def _annotate(self, plan: OrderPlan, keep_reason: bool = False) -> None:
        targets = tuple([PositionTarget(t.price or _ZERO, t.quantity or _ZERO) for t in plan.targets])
        reason = None if keep_reason else (plan.strategy, plan.rationale)
        self.portfolio.annotate(plan.symbol, plan.stop_price, targets, reason, plan.plan_id, plan.version)

    # ---- broker callbacks ------------------------------------------------------------------------
    def _on_fill(self, report: ExecutionReport) -> None:
        self.stats.fills += 1
        orders, portfolio = self.orders, self.portfolio
        cid = report.client_order_id
        role = orders.role_of(cid)
        record = portfolio.apply(report, role)
        if role == ROLE_ENTRY:
            plan = self._plans.get(report.symbol)
            if plan is not None:
                self._annotate(plan)
        orders.on_fill(report, self._held(report.symbol, 0.0))
        bus = self.bus
        if bus.listening:
            bus.publish(FillEvent(report.bar, report, role))
            if record is not None:
                bus.publish(PositionClosed(report.bar, report.time_ms, record))

    def _on_submit(self, request: OrderRequest, order_id: str, role: str, intent: Intent) -> None:
        bus = self.bus
        if bus.listening:
            bus.publish(OrderSubmitted(self._bar, self.clock.now_ms(), order_id, role, intent, request))

    def _on_update(self, update: OrderUpdate) -> None:
        if update.status is OrderStatus.REJECTED:  # the one it acts on
            self.orders.on_update(update)
        bus = self.bus
        if bus.listening:
            bus.publish(OrderEvent(update.bar, update))

    # ---- live: what the venue holds at start ----------------------------------------------------
    def adopt(self, position: Position, plan: OrderPlan | None = None) -> None:
        """Take over a position found at start (reconciled with the venue): the portfolio mirrors
        it, so its exit is a closed trade like any other; `plan` is the plan in force, if known."""
        self.portfolio.adopt(position)
        if plan is not None:
            self._plans[position.symbol] = plan

    # ---- read access -----------------------------------------------------------------------------
    @property
    def bar(self) -> int:
        """Global index of the bar processed last (-1 before the first)."""
        return self._bar

    @property
    def candles(self) -> Candles:
        return self._candles

    @property
    def features(self) -> Features | None:
        return self._features

    def visit_event(self, i: int) -> BarVisited:
        local = i - self._offset
        return BarVisited(i, int(self._candles.open_time[local]), float(self._candles.close[local]))
