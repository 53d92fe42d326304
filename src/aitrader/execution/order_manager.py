"""OrderManager: the one order manager. It turns approved `OrderPlan`s into broker orders and keeps
each position protected, in a backtest, on paper and live alike; the broker is the difference
(`SimBroker`, or live `live.venue_broker.VenueBroker`, which executes each order crash-only).

- OPEN (version 1): send the entry. When it fills, send the protection for the quantity actually
  received (under a fee in the base asset, the whole lots of it: `Portfolio` keeps the rest as
  dust): one OCO (stop leg + target leg) per target, split in the plan's proportions by the one
  split rule (`domain.target_split`); a plain stop without targets.
- ADJUST / CLOSE (version n+1): cancel version n's protection, send the `reduce` order if any,
  then the new protection (sized on what remains once the reduce fills).
- A protective order the broker refuses: the position is closed at market (never left naked). An
  exit the broker refuses: the position is protected again. Once a plan's exits (or its protective
  orders) were refused `MAX_REFUSALS` times, the other remedy is not tried again, so the two never
  loop (live also raises an alarm there and stops acting on the plan: a person has to look).
- `reconcile(symbol, held, live)`: what the venue holds says otherwise than the manager's record
  (a restart, an OCO cancelled by hand, a take-profit filled in part, coins sold outside): the
  protection in force is what is live, and what it does not cover is protected again under the
  next version (never an id twice). A simulator is never out of line, so backtests never call it.
Client order ids follow the one rule (`domain.client_ids`): the protective legs of version n, OCO
k, are `at-<plan>-<n>S<k>` and `...T<k>`, exits `...X<k>`; the manager maps them back to plan and role.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import msgspec

from aitrader.domain.client_ids import Leg, client_order_id, parse_client_order_id
from aitrader.domain.decimals import qty_decimal
from aitrader.domain.enums import OrderStatus, OrderType
from aitrader.domain.instrument import Instrument
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.domain.target_split import split_targets
from aitrader.execution.broker import Broker, DurableBroker
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate

SubmitListener = Callable[[OrderRequest, str, str, Intent], None]  # (request, order id, role, intent)

_ZERO = Decimal(0)
_ONE = Decimal(1)
MAX_REFUSALS = 3  # refusals of a plan's exits (or protective orders) before the other remedy stops

# how an order can end without a fill (EXPIRED_IN_MATCH: the venue's self-trade prevention)
ENDED_UNFILLED = frozenset(
    {OrderStatus.REJECTED, OrderStatus.CANCELED, OrderStatus.EXPIRED, OrderStatus.EXPIRED_IN_MATCH}
)

ROLE_ENTRY = "entry"
ROLE_STOP = "stop"
ROLE_TARGET = "target"
ROLE_EXIT = "exit"
ROLE_EMERGENCY = "emergency_exit"


_ROLE_OF_LEG = {Leg.ENTRY: ROLE_ENTRY, Leg.STOP: ROLE_STOP, Leg.TARGET: ROLE_TARGET, Leg.EXIT: ROLE_EXIT}


def role_from_id(client_order_id: str) -> str:
    """An order's role read from its id (the one id rule names the leg); "" for ids not ours."""
    parsed = parse_client_order_id(client_order_id)
    return "" if parsed is None else _ROLE_OF_LEG.get(parsed.leg, ROLE_EXIT)


def _with(req: OrderRequest, qty: Decimal, cid: str, order_type: OrderType | None = None) -> OrderRequest:
    """`req` with another quantity and client order id (faster than `replace`)."""
    return OrderRequest(
        req.symbol,
        req.side,
        order_type or req.type,
        qty,
        req.price,
        req.stop_price,
        None,
        req.time_in_force,
        cid,
    )


class Cover(msgspec.Struct, gc=False):
    """One protective order, or the two legs of one OCO, and the quantity it covers."""

    ids: tuple[str, ...]
    qty: float


class ActivePlan(msgspec.Struct, gc=False):
    """The plan currently in force for a symbol and the broker orders that belong to it."""

    plan: OrderPlan
    protection: list[Cover] = msgspec.field(default_factory=list)
    pending_protect: bool = False
    held: float = 0.0
    version: int = 0  # the newest version whose ids were handed out
    exits: int = 0  # exit orders sent under `version` (the next one's index)
    exit_refusals: int = 0
    protect_refusals: int = 0
    closing: bool = False  # an exit of the whole position is under way


class OrderManager:
    def __init__(
        self, broker: Broker, instrument: Instrument, on_submit: SubmitListener | None = None
    ) -> None:
        self.broker = broker
        self.instrument = instrument
        self.on_submit = on_submit
        self.active: dict[str, ActivePlan] = {}
        self._durable = broker if isinstance(broker, DurableBroker) else None  # live: journals plans first
        self._role: dict[str, tuple[str, str]] = {}  # client order id -> (symbol, role)

    # ---- plans -----------------------------------------------------------------------------------
    def execute(self, plan: OrderPlan, held: float = 0.0) -> None:
        """Carry out an approved plan. `held` is the quantity held now (for ADJUST / CLOSE)."""
        if self._durable is not None:
            self._durable.plan_approved(plan)
        if plan.kind is PlanKind.OPEN:
            if plan.entry is None:
                raise ValueError(f"plan {plan.plan_id}: an OPEN plan needs an entry order")
            self.active[plan.symbol] = ActivePlan(plan, pending_protect=True, version=plan.version)
            self._send(plan.entry, plan.symbol, ROLE_ENTRY, Intent.ENTRY)
            return
        current = self.active.get(plan.symbol)
        version = plan.version
        in_force = plan
        if current is not None:
            self._cancel_protection(current)
            if current.plan.plan_id == plan.plan_id:  # ids a re-protection used are never reused
                version = max(version, current.version + 1)
            if plan.stop is None:  # a full close: the last stop guards the position until it is gone
                in_force = current.plan
        active = ActivePlan(in_force, held=held, version=version, closing=plan.stop is None)
        if current is not None:
            active.exit_refusals, active.protect_refusals = current.exit_refusals, current.protect_refusals
        self.active[plan.symbol] = active
        remaining = held
        if plan.reduce is not None:
            reduce = plan.reduce  # named by the gate under the plan's version (the one id rule)
            if version != plan.version:  # a re-protection used that version's ids: the next one's
                reduce = _with(
                    reduce, reduce.quantity or _ZERO, client_order_id(plan.plan_id, version, Leg.EXIT)
                )
            active.exits = 1
            self._send(reduce, plan.symbol, ROLE_EXIT, Intent.EXIT)
            remaining = held - float(plan.reduce.quantity or 0)
        if not active.closing and remaining > 0:
            if plan.reduce is not None and plan.reduce.type is OrderType.MARKET:
                active.held = remaining
            self._protect(active, remaining)

    def close_position(self, symbol: str, qty: float, role: str = ROLE_EXIT) -> None:
        """Cancel the protection and close `qty` at market (`role`: exit, or emergency_exit after a
        refused protective order)."""
        current = self.active.get(symbol)
        if current is None:
            return
        if self._durable is not None:
            self._durable.closing(symbol, role.replace("_", " "))
        self._cancel_protection(current)
        current.closing = True
        plan = current.plan
        if current.exits > 9:  # ten exit ids per version: the next ones go under a new version
            self._next_version(current)
        cid = client_order_id(plan.plan_id, current.version, Leg.EXIT, current.exits)
        current.exits += 1
        req = OrderRequest(
            symbol, plan.side.opposite, OrderType.MARKET, quantity=qty_decimal(qty), client_order_id=cid
        )
        self._send(req, symbol, role, Intent.EXIT)

    def adopt(self, plan: OrderPlan, held: float, protection: list[Cover], version: int) -> None:
        """Take over a plan in force found at start (live: the journal, reconciled with the venue)."""
        self.active[plan.symbol] = ActivePlan(plan, list(protection), held=held, version=version)
        for cover in protection:
            for oid in cover.ids:
                self._role[oid] = (plan.symbol, role_from_id(oid))

    def reconcile(self, symbol: str, held: float, live: list[Cover]) -> None:
        """The venue's truth for `symbol`: `held` is owned and `live` is the protection working on
        it. Protection beyond `held` is replaced exactly; what `live` leaves uncovered is protected."""
        active = self.active.get(symbol)
        if active is None or active.closing or active.protect_refusals >= MAX_REFUSALS:
            return
        if active.pending_protect:  # the entry filled while nobody heard it (a restart): protect now
            if held <= 0:
                return
            active.pending_protect = False
        active.held = held
        step = float(self.instrument.step_size)
        covered = sum(c.qty for c in live)
        active.protection = list(live)
        if covered - held >= step:  # would sell coins that are not ours: redo it exactly
            self._cancel_protection(active)
            covered = 0.0
        gap = held - covered
        if gap >= step and active.plan.stop is not None:
            self._next_version(active)
            self._protect(active, gap)

    # ---- broker callbacks ------------------------------------------------------------------------
    def on_fill(self, fill: ExecutionReport, held_after: float) -> str:
        """Book-keeping after a fill; returns the role of the filled order (entry, stop, target, exit)."""
        symbol, role = self._role.get(fill.client_order_id, (fill.symbol, ROLE_EXIT))
        active = self.active.get(symbol)
        if role == ROLE_ENTRY and active is not None and active.pending_protect:
            active.pending_protect = False
            active.held = abs(held_after)
            self._protect(active, abs(held_after))
        elif held_after == 0.0 and active is not None:
            self._cancel_protection(active)
            del self.active[symbol]
        elif active is not None:
            active.held = abs(held_after)
            oid, cid = fill.order_id, fill.client_order_id
            for cover in active.protection:
                if oid in cover.ids or cid in cover.ids:  # a filled leg's OCO is done (its other leg ended)
                    active.protection.remove(cover)
                    break
        return role

    def on_update(self, update: OrderUpdate) -> None:
        """A refused protective order closes the position at market; a refused exit protects it again;
        an entry that ended without a fill (refused, cancelled, expired) ends its plan."""
        symbol, role = self._role.get(update.client_order_id, (update.symbol, ""))
        active = self.active.get(symbol)
        if active is None:
            return
        if role == ROLE_ENTRY:
            if update.status in ENDED_UNFILLED and active.pending_protect:
                del self.active[symbol]
            return
        if update.status is not OrderStatus.REJECTED:
            return
        if role in (ROLE_STOP, ROLE_TARGET):
            active.protect_refusals += 1
            if not active.closing and active.exit_refusals < MAX_REFUSALS and active.held > 0:
                self.close_position(symbol, active.held, ROLE_EMERGENCY)
        elif role in (ROLE_EXIT, ROLE_EMERGENCY):
            active.exit_refusals += 1
            active.closing = False
            if active.protect_refusals >= MAX_REFUSALS or active.held <= 0 or active.plan.stop is None:
                return
            self._cancel_protection(active)
            self._next_version(active)
            self._protect(active, active.held)

    def entry_working(self, symbol: str) -> bool:
        """Whether `symbol`'s entry was sent and has neither filled nor ended: a second entry would
        double the position (and the first fill would be protected under the second plan)."""
        active = self.active.get(symbol)
        return active is not None and active.pending_protect

    def exiting(self, symbol: str) -> bool:
        """Whether an exit of `symbol`'s whole position was sent and has not finished (live: the
        venue works on it; a simulator fills it at once or on the next bar)."""
        active = self.active.get(symbol)
        return active is not None and active.closing

    def role_of(self, client_order_id: str) -> str:
        known = self._role.get(client_order_id)
        return known[1] if known is not None else role_from_id(client_order_id)

    # ---- internals -------------------------------------------------------------------------------
    @staticmethod
    def _next_version(active: ActivePlan) -> None:
        """New orders of the plan go under its next version: no client id is ever sent twice."""
        active.version += 1
        active.exits = 0

    def _send(self, req: OrderRequest, symbol: str, role: str, intent: Intent) -> str:
        cid = req.client_order_id
        if cid is None:
            raise ValueError(f"{symbol} {role} order without a client order id (the gate names every order)")
        self._role[cid] = (symbol, role)
        broker = self.broker
        oid = broker.submit(req, intent)
        if self.on_submit is not None:
            self.on_submit(req, oid, role, intent)
        broker.deliver()
        return oid

    def _protect(self, active: ActivePlan, qty: float) -> None:
        plan = active.plan
        if plan.stop is None or qty <= 0:
            return
        stop = plan.stop
        targets = plan.targets
        held = qty_decimal(qty)  # whole lots (the portfolio keeps them so), without float residue
        if not targets:
            cid = client_order_id(plan.plan_id, active.version, Leg.STOP)
            oid = self._send(_with(stop, held, cid), plan.symbol, ROLE_STOP, Intent.EXIT)
            active.protection.append(Cover((oid,), qty))
            return
        if len(targets) == 1:  # one OCO for the whole quantity (the common case)
            self._protect_oco(active, stop, targets[0], held, 0)
            return
        by_price = {t.price: t for t in targets}
        weights = [(t.price or _ZERO, t.quantity or _ONE) for t in targets]  # the plan's shares
        parts, _ = split_targets(self.instrument, held, weights)
        for k, (price, part) in enumerate(parts):
            self._protect_oco(active, stop, by_price[price], part, k)

    def _protect_oco(
        self, active: ActivePlan, stop: OrderRequest, t: OrderRequest, q: Decimal, k: int
    ) -> None:
        """One OCO: `stop` and target `t` for quantity `q` (the k-th of the plan's targets)."""
        plan = active.plan
        symbol = plan.symbol
        s_cid = client_order_id(plan.plan_id, active.version, Leg.STOP, k)
        t_cid = client_order_id(plan.plan_id, active.version, Leg.TARGET, k)
        s_req = _with(stop, q, s_cid)
        # an OCO's limit leg is a LIMIT_MAKER on Binance
        t_type = OrderType.LIMIT_MAKER if t.type is OrderType.LIMIT else t.type
        t_req = _with(t, q, t_cid, t_type)
        role = self._role
        role[s_cid] = (symbol, ROLE_STOP)
        role[t_cid] = (symbol, ROLE_TARGET)
        broker = self.broker
        s_id, t_id = broker.submit_oco(s_req, t_req, Intent.EXIT)
        if self.on_submit is not None:
            self.on_submit(s_req, s_id, ROLE_STOP, Intent.EXIT)
            self.on_submit(t_req, t_id, ROLE_TARGET, Intent.EXIT)
        active.protection.append(Cover((s_id, t_id), float(q)))
        broker.deliver()

    def _cancel_protection(self, active: ActivePlan) -> None:
        protection = active.protection
        active.protection = []
        for cover in protection:
            self.broker.cancel(cover.ids[0])  # one leg cancels the whole OCO
        active.pending_protect = False
