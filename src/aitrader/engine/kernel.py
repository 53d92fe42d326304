"""The kernel: one loop for every mode.

    feed → features → strategy → risk gate → order manager → broker → portfolio (→ journal via bus)

The kernel never asks which mode it runs in. A backtest calls `load(candles)` once (features and
signal masks over the whole history) and `run()`; paper and live call `warm(history)` once and
`push(candle)` for each closed candle (the strategy's feature stream advances by one candle, equal
to the batch features over the whole history) — both reach the strategy through the same `on_bar`.

A portfolio: one lane per symbol (`add_lane`; `engine.lane.Lane`), one portfolio, one gate. The
steps of the union of the symbols' open times are the kernel's bars: at each, every symbol with a
bar there reaches its broker first, then each decides, in the order the lanes were added — a
backtest (`engine.merged_run`) and live (`push_round`, one call per open time) alike.

Skipping (one symbol; a portfolio visits every step): `run(every_bar=False)` visits only bars where something can happen — a bar on which the
strategy's masks allow a proposal (given what is open), the bar after orders were sent (they
arrive at its open), and bars whose range reaches a resting order (the broker finds them with a
vectorised search). `every_bar=True` visits every bar and calls `on_bar` on each; both give the
same decisions and fills (tests/engine/test_jump_parity.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from aitrader.domain.candles import Candle, Candles
from aitrader.domain.instrument import Instrument
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.domain.position import Position, PositionBook, PositionTarget
from aitrader.domain.proposal import Enter, Proposal
from aitrader.engine import live_feed
from aitrader.engine.account import AccountTracker
from aitrader.engine.bus import EventBus
from aitrader.engine.clock import SimClock
from aitrader.engine.correlation import with_correlations
from aitrader.engine.events import (
    Deliberated,
    FillEvent,
    OrderEvent,
    OrderSubmitted,
    PositionClosed,
    VerdictGiven,
)
from aitrader.engine.lane import Lane, Peers
from aitrader.engine.pending_entries import PendingEntries
from aitrader.engine.portfolio_account import PortfolioAccount
from aitrader.execution.broker import Broker, SkippingBroker
from aitrader.execution.order_manager import ENDED_UNFILLED, ROLE_ENTRY, OrderManager
from aitrader.execution.portfolio import Portfolio
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.risk.account import AccountState
from aitrader.strategies.base import Features, Strategy

if TYPE_CHECKING:
    from aitrader.engine.merged_run import Grid

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
    """Wires strategies, a gate and brokers around one portfolio: one lane per symbol.

    Each lane's `OrderManager` decides every order of its symbol in every mode; its broker executes
    them: the simulator (`SimBroker`: backtests under either fill model, paper trading under the
    live one), or live the venue adapter (`live.venue_broker.VenueBroker`), which journals each
    order's intent and carries it out crash-only, and reconciles what the venue holds into the order
    manager (built before the kernel and passed as `orders`, since start-up protects first). Live,
    the gate reads the venue's account (`account`) and the strategies see the venue's positions
    (`book`); the portfolio then mirrors them from the fills the adapters report, for the bus and
    the journal. The constructor builds the first lane; `add_lane` adds the others.
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
        self.gate = gate
        self.bus = bus if bus is not None else EventBus()
        self.clock = clock if clock is not None else SimClock()
        self.portfolio = Portfolio(cash)
        self._held = self.portfolio.quantities.get  # (symbol, 0.0) -> signed quantity, without a call layer
        self.taker_fee, self.maker_fee = taker_fee, maker_fee
        self.window = max(window, strategy.warmup + 1)
        self.lanes: dict[str, Lane] = {}
        # the one order manager per symbol; live builds it before the kernel (start-up reconciles first)
        lane = Lane(strategy, instrument, broker, orders or OrderManager(broker, instrument), self.window)
        self._lane0 = lane
        self._attach(lane)
        # the first lane's parts under their one-symbol names (most runs trade one symbol)
        self.strategy, self.broker, self.instrument, self.symbol = strategy, broker, instrument, lane.symbol
        self.orders = lane.orders
        self.account = AccountTracker(self.portfolio, instrument, taker_fee, maker_fee)
        self._account_given = account is not None
        self.account_source: AccountSource = account if account is not None else self.account
        self.portfolio_account: PortfolioAccount | None = None  # several symbols, simulated account
        # what the strategies and the gate see as open: the portfolio, or live the venue's positions
        self.book: PositionBook = book if book is not None else self.portfolio
        self._plans: dict[str, OrderPlan] = {}  # the latest approved plan per symbol
        self._pending = PendingEntries()  # approved entries not filled yet (a portfolio's gate counts them)
        self.stats = KernelStats()
        # the universe: entries on a symbol outside it are refused (exits always go)
        self.tradable: Callable[[str, int], bool] | None = None
        self._peers: Peers | None = None  # other symbols' views for `MarketView.peer` (a portfolio)
        self.grid: Grid | None = None  # a portfolio backtest's time grid, built at its first run
        self._bar = -1  # the bar (one symbol) or grid step (a portfolio) being processed
        self._rounds = 0  # live portfolio rounds pushed (a lane warmed after the first keeps the step)

    def _attach(self, lane: Lane) -> None:
        self.lanes[lane.symbol] = lane
        watch = getattr(lane.strategy, "watch_rejections", None)  # an agent remembers its refusals
        if watch is not None:
            watch(self.bus)
        lane.orders.on_submit = self._on_submit
        lane.broker.set_listeners(self._on_fill, self._on_update)
        self.portfolio.set_lot_step(lane.symbol, lane.instrument.step_size)

    def add_lane(
        self, strategy: Strategy, broker: Broker, instrument: Instrument, orders: OrderManager | None = None
    ) -> Lane:
        """Trade one more symbol against the same account (same timeframe; decisions at a time step
        go in the order lanes were added)."""
        if instrument.symbol in self.lanes:
            raise ValueError(f"{instrument.symbol} is traded already")
        if strategy.timeframe != self.strategy.timeframe:
            raise ValueError(
                f"{instrument.symbol}: one timeframe per portfolio ({strategy.timeframe.value} "
                f"is not {self.strategy.timeframe.value})"
            )
        # live windows hold enough bars for the correlated-exposure rule's returns
        window = max(self.window, self._correlation_window() + 1)
        self.window = self._lane0.window = max(self._lane0.window, window)
        lane = Lane(strategy, instrument, broker, orders or OrderManager(broker, instrument), window)
        self._attach(lane)
        self._peers = Peers(self.lanes)
        if not self._account_given:
            if self.portfolio_account is None:
                self.portfolio_account = PortfolioAccount(
                    self.portfolio, {self.symbol: self.instrument}, self.taker_fee, self.maker_fee
                )
                self.account_source = self.portfolio_account
            self.portfolio_account.add(instrument)
        return lane

    def lane(self, symbol: str) -> Lane:
        return self.lanes[symbol]

    @property
    def symbols(self) -> tuple[str, ...]:
        return tuple(self.lanes)

    def _correlation_window(self) -> int:
        return int(getattr(getattr(self.gate, "config", None), "correlation_window", 100))

    def _lane_for(self, symbol: str) -> Lane:
        if len(self.lanes) == 1:  # one symbol: its candles, whatever their label says
            return self._lane0
        lane = self.lanes.get(symbol)
        if lane is None:
            raise ValueError(f"{symbol or 'candles without a symbol'}: not one of {', '.join(self.lanes)}")
        return lane

    # ---- backtest: whole history -----------------------------------------------------------------
    def load(self, candles: Candles) -> None:
        """Compute features and candidate masks once over `candles` (vectorised); a portfolio loads
        each symbol's candles (routed by `candles.symbol`)."""
        lane = self._lane_for(candles.symbol)
        lane.load(candles)
        if len(self.lanes) > 1:
            self.grid = None  # built again over every symbol's candles at the next run
            return
        self.account.set_bars(candles.open_time, candles.close, 0)
        if isinstance(self.broker, SkippingBroker) and hasattr(self.broker, "attach"):
            self.broker.attach(candles.high, candles.low)

    def run(self, start: int = 0, stop: int | None = None, every_bar: bool = False) -> int:
        """Process bars [start, stop) of the loaded history (a portfolio: steps of its time grid,
        `engine.merged_run`); returns how many bars were visited."""
        if len(self.lanes) > 1:
            from aitrader.engine.merged_run import run_merged

            return run_merged(self, start, stop, every_bar)
        from aitrader.engine.jump_run import run_single

        return run_single(self, start, stop, every_bar)

    # ---- live: one closed candle at a time -------------------------------------------------------
    def warm(self, history: Candles) -> None:
        """Start live or paper: the strategy's feature stream over the closed candles before the
        stream (no decision on them); the broker and the clock stand at the last one's close. A
        portfolio warms each symbol (routed by `history.symbol`)."""
        live_feed.warm(self, history)

    def push(self, candle: Candle, decide: bool = True) -> bool:
        """Append a closed candle, advance the features by it (the strategy's feature stream: kept
        state, not a recomputation of the window), process the bar.

        Returns whether the strategy was asked: not for a forming candle or one that does not come
        after the last, not before its warm-up is complete, not with `decide=False` (a candle the
        loop saw too late to act on: the features and the broker still see it). A portfolio takes
        the candles of one open time together: `push_round`."""
        return live_feed.push(self, candle, decide)

    def push_round(self, candles: Mapping[str, Candle], decide: bool = True) -> list[str]:
        """A portfolio's closed candles of one open time by symbol (any subset of them): every
        symbol's broker sees its bar first, then each symbol decides, in lane order — as the
        backtest's merged loop does. Returns the symbols whose strategy was asked."""
        return live_feed.push_round(self, candles, decide)

    def marks(self) -> dict[str, float]:
        """The last close of every symbol with a candle."""
        return {s: lane.close_at(lane.last) for s, lane in self.lanes.items() if len(lane.candles)}

    # ---- decisions -------------------------------------------------------------------------------
    def _decide(self, i: int) -> None:
        self._decide_lane(self._lane0, i, i)

    def _decide_lane(self, lane: Lane, index: int, bar: int) -> None:
        """Ask `lane`'s strategy at its bar `index` (kernel bar `bar`) and review what it proposes."""
        self.stats.decisions += 1
        proposals = lane.strategy.on_bar(lane.view(index, self._peers), self.book)
        if lane.deliberations is not None:  # a debate or an LLM adviser: what it thought, on the bus
            for d in lane.deliberations():
                self.bus.publish(Deliberated(bar, d))
        if proposals:
            price = lane.close_at(index)
            for p in proposals:
                self._review(p, bar, price)

    def propose(self, proposal: Proposal) -> OrderPlan | Rejection:
        """Decide on a proposal that did not come from the strategy (an operator's close through the
        API) at the last bar processed, on the strategy's own path: gate, bus, order manager."""
        lane = self.lanes.get(proposal.symbol, self._lane0)
        local = lane.visible(self.clock.now_ms())
        if self._bar < 0 or local < 0:
            raise RuntimeError("no candle processed yet: nothing to decide on")
        return self._review(proposal, self._bar, lane.close_view[local])

    def _review(self, proposal: Proposal, i: int, price: float) -> OrderPlan | Rejection:
        now = self.clock.now_ms()
        stats = self.stats
        stats.proposals += 1
        symbol = proposal.symbol
        lane = self.lanes.get(symbol)
        entering = type(proposal) is Enter
        verdict: OrderPlan | Rejection
        if lane is None:
            verdict = Rejection(
                RejectionCode.INVALID_PROPOSAL, f"{symbol} is not one of the symbols traded "
                f"({', '.join(self.lanes)})", symbol, now, proposal.strategy,
            )  # fmt: skip
        elif not entering and lane.orders.exiting(symbol):  # never decided twice
            verdict = Rejection(
                RejectionCode.EXIT_UNDER_WAY, "the position's exit is under way", symbol, now,
                proposal.strategy,
            )  # fmt: skip
        elif entering and lane.orders.entry_working(symbol):
            verdict = Rejection(
                RejectionCode.ENTRY_PENDING, f"the entry for {symbol} sent earlier has not filled or "
                "ended yet", symbol, now, proposal.strategy,
            )  # fmt: skip
        elif entering and self.tradable is not None and not self.tradable(symbol, now):
            verdict = Rejection(
                RejectionCode.NOT_IN_UNIVERSE, f"{symbol} is outside the selected universe now",
                symbol, now, proposal.strategy,
            )  # fmt: skip
        else:
            state = self.account_source.state(i, now)
            if entering and len(self.lanes) > 1:  # the other symbols' unfilled entries count too
                state = self._pending.apply(state, symbol)
                if state.positions:
                    state = with_correlations(state, lane, self.lanes, now, self._correlation_window())
            verdict = self.gate.review(proposal, state, lane.instrument, price)
        bus = self.bus
        if bus.listening:  # build the event only for someone (see EventBus.listening)
            bus.publish(VerdictGiven(i, now, proposal, verdict))
        if isinstance(verdict, Rejection):
            stats.rejected += 1
            return verdict
        assert lane is not None
        stats.approved += 1
        self._plans[symbol] = verdict
        self._pending.approved(verdict)
        held = self._held(symbol, 0.0)
        lane.orders.execute(verdict, held if held >= 0.0 else -held)
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
        portfolio = self.portfolio
        symbol = report.symbol
        lane = self.lanes.get(symbol, self._lane0)
        orders = lane.orders
        role = orders.role_of(report.client_order_id)
        record = portfolio.apply(report, role)
        if role == ROLE_ENTRY:
            self._pending.ended(symbol)
            plan = self._plans.get(symbol)
            if plan is not None:
                self._annotate(plan)
        orders.on_fill(report, self._held(symbol, 0.0))
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
        orders = self.lanes.get(update.symbol, self._lane0).orders
        if update.status in ENDED_UNFILLED and orders.role_of(update.client_order_id) == ROLE_ENTRY:
            self._pending.ended(update.symbol)
        orders.on_update(update)
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
        """The bar processed last (a portfolio: the step of its time grid); -1 before the first."""
        return self._bar

    @property
    def candles(self) -> Candles:
        """The first symbol's candles (a portfolio: `lane(symbol).candles`)."""
        return self._lane0.candles

    @property
    def features(self) -> Features | None:
        return self._lane0.features
