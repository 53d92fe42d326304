"""The kernel's broker for live trading: the one `OrderManager` decides every order, and this
adapter carries each one out durably on the venue (Binance Spot, the local exchange).

It never waits for the exchange. When the order manager submits an order, the adapter journals its
intent (an entry with its plan, in one transaction; an OCO's two legs with the list; an exit marks
the plan closing and retires its OCOs) and hands the exchange work to the order worker
(`venue_orders.VenueOrders`: looked up before it is sent, never twice). When a job is done, what the
venue did goes back to the kernel at once, as a backtest's broker reports it: fills
(`ExecutionReport`: the portfolio books them, the order manager protects what an entry received)
and orders that ended without a fill (`OrderUpdate`: cancelled, an OCO leg expired, refused: a
refused OCO has the order manager close at market). A fill that happens between candles (a stop, a
take-profit) is found by the protection guard's check and reported the same way.

What the strategy and the gate see live (the journal's positions, the balances last read) is
`live.venue_book`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from functools import partial

from aitrader.domain import Fill, Instrument, Order, OrderRequest, OrderStatus, OrderType, Side
from aitrader.domain.client_ids import Leg, client_order_id, parse_client_order_id
from aitrader.domain.decimals import to_decimal
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.execution.broker import FillListener, UpdateListener
from aitrader.execution.order_manager import ROLE_ENTRY, ROLE_STOP, ROLE_TARGET, OrderManager, role_from_id
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate
from aitrader.live.entry_rules import EntryRules
from aitrader.live.exits import mark_closing
from aitrader.live.guard import OrderWorker
from aitrader.live.journal import now_ms
from aitrader.live.protect import covered
from aitrader.live.venue_orders import VenueOrders

_TYPE_OF_ROLE = {ROLE_STOP: OrderType.STOP_LOSS, ROLE_TARGET: OrderType.LIMIT_MAKER}
ZERO = Decimal(0)


def _ignore(_: object) -> None:
    return None


def _f(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def _order_type(text: str) -> OrderType:
    """The journal's order type; an OCO list (refused as a whole) counts as its stop leg."""
    try:
        return OrderType(text)
    except ValueError:
        return OrderType.STOP_LOSS


def fill_report(cid: str, f: Fill, base_asset: str, bar: int) -> ExecutionReport:
    """A venue fill as the kernel's report: the fee's quote value, and the part taken from the base."""
    role = role_from_id(cid)
    in_base = f.commission_asset == base_asset
    fee_qty = float(f.commission) if in_base else 0.0
    fee = float(f.commission * f.price) if in_base else float(f.commission)
    return ExecutionReport(
        f.order_id, cid, f.symbol, f.side, _TYPE_OF_ROLE.get(role, OrderType.MARKET), float(f.price),
        float(f.quantity), fee, f.is_maker, f.time_ms, bar,
        Intent.ENTRY if role == ROLE_ENTRY else Intent.EXIT, "", fee_qty,
    )  # fmt: skip


class VenueBroker:
    """`Broker` (and `DurableBroker`) over the venue (see the module docstring)."""

    def __init__(
        self,
        orders: VenueOrders,
        worker: OrderWorker,
        rules: EntryRules,
        instrument: Instrument,
        after_orders: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.orders = orders
        self.journal = orders.journal
        self.worker = worker
        self.rules = rules
        self.state = rules.state
        self.instrument = instrument
        self.after_orders = after_orders  # e.g. read the balances again
        self.last_price = Decimal(0)  # the close of the bar being decided on: the entry's reference
        self.bar = -1
        self._on_fill: FillListener = _ignore
        self._on_update: UpdateListener = _ignore
        self._listening = False
        self._plan: OrderPlan | None = None  # the plan the order manager is carrying out
        self._closing: dict[str, str] = {}  # symbol -> reason: the next exit closes the whole position
        self._refused: list[OrderUpdate] = []  # entries refused before they left (told at `deliver`)
        orders.drain = self.drain
        orders.tell = self._tell

    def attach(self, om: OrderManager) -> None:
        """The order manager the venue's truth is reconciled into (before the kernel exists: start-up)."""
        self.orders.om = om

    # ---- Broker --------------------------------------------------------------------------------
    def set_listeners(self, on_fill: FillListener, on_update: UpdateListener) -> None:
        """The kernel listens from now on. What start-up found (an entry that filled while the bot
        was down, a stop that closed a plan) is already in the journal's positions, which the kernel
        adopts: told again, it would be counted twice."""
        self._on_fill = on_fill
        self._on_update = on_update
        self._listening = True
        io = self.orders.io
        io.new_fills.clear()
        io.take_ended()

    def on_bar(self, bar: int, time_ms: int, open_: float, high: float, low: float, close: float) -> None:
        self.bar = bar
        self.last_price = to_decimal(close)  # the venue matches its own orders: nothing to do here

    def open_order_ids(self) -> tuple[str, ...]:
        row = self.orders.position(self.instrument.symbol)
        if row is None:
            return ()
        return tuple(str(o["cid"]) for c in row.list_cids for o in self.journal.all_orders_of_list(c))

    def deliver(self) -> None:
        refused, self._refused = self._refused, []
        for update in refused:
            self._on_update(update)

    def plan_approved(self, plan: OrderPlan) -> None:
        """The order manager is about to carry out `plan`: journal what a restart needs of it."""
        st = self.state
        st.verdict = f"approved {plan.kind.value} plan {plan.plan_id} v{plan.version} qty {plan.quantity}"
        self._plan = plan
        if plan.kind is PlanKind.OPEN:
            return
        if plan.stop is None:
            self.closing(plan.symbol, plan.rationale or "strategy exit")
            return
        row = self.orders.position(plan.symbol)
        if row is None or row.status != "open" or plan.stop_price is None or self._alarmed(row.plan_id):
            return
        with self.journal.transaction():  # one state change: the new stop retires the old OCOs
            self.journal.update_plan(
                row.plan_id,
                stop=plan.stop_price,
                list_cids=[],
                retired_lists=[*row.retired_lists, *row.list_cids],
            )
            self.journal.event(
                "adjusted", plan_id=row.plan_id, version=plan.version, stop=str(plan.stop_price),
                reduce=str(plan.reduce.quantity if plan.reduce is not None else ""),
            )  # fmt: skip
        self.orders.io.protected[row.plan_id] = False
        self._submit(f"retire {row.plan_id}", self._job(partial(self.orders.retire, plan.symbol)))

    def closing(self, symbol: str, reason: str) -> None:
        """The next exit closes the whole position: mark the plan closing and retire its OCOs at once."""
        row = self.orders.position(symbol)
        self._closing[symbol] = reason
        if row is not None and not self._alarmed(row.plan_id):
            mark_closing(self.orders.io, row, reason)

    def submit(self, request: OrderRequest, intent: Intent) -> str:
        cid = request.client_order_id or ""
        if role_from_id(cid) == ROLE_ENTRY:
            self._enter(cid, request)
            return cid
        symbol = request.symbol
        st = self.state
        row = self.orders.position(symbol)
        if row is not None and self._alarmed(row.plan_id):
            self._closing.pop(symbol, None)
            return cid
        if symbol in self._closing:
            reason = self._closing.pop(symbol)
            st.exits += 1
            self._submit(f"exit {symbol}", self._job(partial(self.orders.exit, symbol, reason)))
            return cid
        parsed = parse_client_order_id(cid)
        qty = request.quantity or ZERO
        if parsed is None or row is None or row.status != "open" or qty <= 0:
            return cid
        with self.journal.transaction():  # a reduce: a restart looks it up before anything else
            self.journal.order_intent(
                cid, row.plan_id, parsed.version, Leg.EXIT.value, symbol, request.side.value, "MARKET", qty,
                status="PLANNED",
            )  # fmt: skip
        self._submit(
            f"reduce {row.plan_id}", self._job(partial(self.orders.reduce, symbol, qty, parsed.version))
        )
        return cid

    def submit_oco(self, first: OrderRequest, second: OrderRequest, intent: Intent) -> tuple[str, str]:
        s_cid, t_cid = first.client_order_id or "", second.client_order_id or ""
        parsed = parse_client_order_id(s_cid)
        row = self.orders.position(first.symbol)
        if parsed is None or row is None or row.status != "open":  # protection goes even under an alarm
            return s_cid, t_cid
        list_cid = client_order_id(row.plan_id, parsed.version, Leg.LIST, parsed.index)
        qty = first.quantity or ZERO
        io = self.orders.io
        if covered(io, set(row.list_cids)) + qty - io.own_qty(row) >= self.instrument.step_size:
            # the order manager's view is behind the venue's (a fill it has not heard of yet): never
            # protect coins the plan does not own; check the venue and tell it the truth instead
            self.journal.event("protection_beyond_position", plan_id=row.plan_id, list=list_cid, qty=str(qty))
            self._submit(f"check {row.plan_id}", self._job(partial(self.orders.refresh, row.symbol)))
            return s_cid, t_cid
        with self.journal.transaction():  # the list's intent: a restart places it under these ids
            for leg, req in ((Leg.STOP, first), (Leg.TARGET, second)):
                self.journal.order_intent(
                    req.client_order_id or "", row.plan_id, parsed.version, leg.value, row.symbol,
                    req.side.value, req.type.value, qty, req.price, req.stop_price, list_cid,
                )  # fmt: skip
            self.journal.update_plan(
                row.plan_id, version=max(row.version, parsed.version), list_cids=[*row.list_cids, list_cid],
                stop=first.stop_price or row.stop,
            )  # fmt: skip
            self.journal.event(
                "protect_intent", plan_id=row.plan_id, version=parsed.version, qty=str(qty), lists=[list_cid]
            )
        self.orders.io.protected[row.plan_id] = False
        self._submit(f"protect {row.plan_id}", self._job(partial(self.orders.place, row.symbol, list_cid)))
        return s_cid, t_cid

    def cancel(self, order_id: str) -> None:
        """Retire the OCO `order_id` is a leg of (cancelled, and its legs settled, by the next job)."""
        leg = self.journal.order(order_id)
        row = self.journal.plan(str(leg["plan_id"])) if leg is not None else None
        if leg is None or row is None or leg["list_cid"] not in row.list_cids or self._alarmed(row.plan_id):
            return  # retired already (a whole exit retires every list at once), or a person has to look
        list_cid = str(leg["list_cid"])
        with self.journal.transaction():
            self.journal.update_plan(
                row.plan_id, list_cids=[c for c in row.list_cids if c != list_cid],
                retired_lists=[*row.retired_lists, list_cid],
            )  # fmt: skip
        self.orders.io.protected[row.plan_id] = False
        self._submit(f"retire {row.plan_id}", self._job(partial(self.orders.retire, row.symbol)))

    def _alarmed(self, plan_id: str) -> bool:
        """A plan whose orders the venue kept refusing: nothing is done for it until a person looks
        (its protection, if any, stays on the venue)."""
        if not self.orders.io.alarmed(plan_id):
            return False
        self.state.verdict += f" (not acted on: the alarm of plan {plan_id} is up)"
        return True

    # ---- entries -------------------------------------------------------------------------------
    def _enter(self, cid: str, req: OrderRequest) -> None:
        plan, st = self._plan, self.state
        refusal = self.rules.entry_refusal(req.symbol) if plan is not None else "no plan"
        if plan is None or plan.stop_price is None or refusal:
            st.verdict += f" (not sent: {refusal or 'no stop'})"
            update = OrderUpdate(
                cid, cid, req.symbol, req.side, req.type, OrderStatus.REJECTED, now_ms(), self.bar,
                float(req.quantity or 0), _f(req.price), None, "", f"not sent: {refusal}",
            )  # fmt: skip
            self._refused.append(update)
            return
        st.entries += 1
        total = sum((t.quantity or ZERO for t in plan.targets), ZERO) or plan.quantity
        targets = [(t.price or ZERO, (t.quantity or ZERO) / total) for t in plan.targets if t.price]
        with self.journal.transaction():  # one state change: the plan and its entry intent
            self.journal.add_plan(
                plan.plan_id, plan.version, plan.symbol, plan.side.value, cid, plan.entry_price,
                plan.stop_price, targets, plan.strategy, plan.rationale,
            )  # fmt: skip
            self.journal.order_intent(
                cid, plan.plan_id, plan.version, Leg.ENTRY.value, req.symbol, req.side.value,
                req.type.value, req.quantity or ZERO, req.price, req.stop_price,
            )  # fmt: skip
        self._submit(
            f"entry {plan.plan_id}", self._job(partial(self.orders.send_entry, cid, req, self.last_price))
        )

    # ---- what the venue did --------------------------------------------------------------------
    def _submit(self, what: str, job: Callable[[], Awaitable[None]]) -> None:
        """Hand venue work to the worker, as this symbol's (an entry on another symbol need not wait)."""
        self.worker.submit(what, job, key=self.instrument.symbol)

    def _job(self, work: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """`work` is started when the worker runs the job: one dropped at shutdown leaves no coroutine unawaited."""

        async def run() -> None:
            try:
                await work()
            finally:
                self._report(self.bar, now_ms())
            if self.after_orders is not None:
                await self.after_orders()

        return run

    async def drain(self) -> None:
        """Wait until the order worker has done everything handed over so far."""
        await self.worker.wait_idle(None)

    def _tell(self) -> None:
        self._report(self.bar, now_ms())

    def _report(self, bar: int, now: int) -> None:
        """Hand the kernel what the venue did since the last report (once it listens)."""
        if not self._listening:
            return
        io = self.orders.io
        fills, io.new_fills = io.new_fills, []
        for cid, f in fills:
            self._on_fill(fill_report(cid, f, self.instrument.base_asset, bar))
        for cid, order, status, reason in io.take_ended():
            self._on_update(self._ended(cid, order, status, reason, bar, now))

    def report(self, bar: int, now: int) -> list[dict[str, str]]:
        """After a candle's venue work: report what is left and return every request sent since
        the last call, cancels included, as the telemetry shows them."""
        self._report(bar, now)
        sent, _ = self.orders.take_sent()
        return sent

    def _ended(
        self, cid: str, order: Order | None, status: str, reason: str, bar: int, now: int
    ) -> OrderUpdate:
        """An order that ended without a fill (cancelled, an OCO leg expired, refused) as the kernel's update."""
        if order is not None:
            r = order.request
            return OrderUpdate(
                order.order_id, cid, r.symbol, r.side, r.type, order.status, order.updated_ms or now, bar,
                float(r.quantity or 0), _f(r.price), _f(r.stop_price), "", reason,
            )  # fmt: skip
        row = self.journal.order(cid) or {}
        return OrderUpdate(
            cid, cid, str(row.get("symbol", self.instrument.symbol)), Side(row.get("side", "SELL")),
            _order_type(str(row.get("type", "MARKET"))), OrderStatus(status), now, bar, float(row.get("qty") or 0),
            None, None, "", reason,
        )  # fmt: skip
