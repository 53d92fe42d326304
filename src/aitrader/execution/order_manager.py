"""OrderManager: turns approved `OrderPlan`s into broker orders and keeps each position protected.

- OPEN (version 1): send the entry. When it fills, send the protection for the quantity actually
  received (under a fee in the base asset, the whole lots of it: `Portfolio` keeps the rest as dust): one OCO (stop leg + target leg) per target, split in the
  plan's proportions by the one split rule (`domain.target_split`); a plain stop without targets.
- ADJUST / CLOSE (version n+1): cancel version n's protection, send the `reduce` order if any,
  then the new protection (sized on what remains once the reduce fills).
- A protective order the venue refuses → the position is closed at market (never left naked).
Client order ids follow the one rule (`domain.client_ids`): the protective legs of plan version n,
OCO k, are `at-<plan>-<n>S<k>` and `...T<k>`, exactly as live; the manager maps them back to plan
and role.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import msgspec
from msgspec.structs import replace

from aitrader.domain.client_ids import Leg, client_order_id, parse_client_order_id
from aitrader.domain.decimals import to_decimal
from aitrader.domain.enums import OrderStatus, OrderType, Side
from aitrader.domain.instrument import Instrument
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.domain.target_split import split_targets
from aitrader.execution.broker import Broker
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate

SubmitListener = Callable[[OrderRequest, str, str, Intent], None]  # (request, order id, role, intent)

_ZERO = Decimal(0)
_ONE = Decimal(1)

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


class ActivePlan(msgspec.Struct, gc=False):
    """The plan currently in force for a symbol and the broker orders that belong to it."""

    plan: OrderPlan
    protection: list[str] = msgspec.field(default_factory=list)  # broker order ids of stop/target orders
    pending_protect: bool = False
    held: float = 0.0


class OrderManager:
    def __init__(
        self, broker: Broker, instrument: Instrument, on_submit: SubmitListener | None = None
    ) -> None:
        self.broker = broker
        self.instrument = instrument
        self.on_submit = on_submit
        self.active: dict[str, ActivePlan] = {}
        self._role: dict[str, tuple[str, str]] = {}  # client order id -> (symbol, role)

    # ---- plans -----------------------------------------------------------------------------------
    def execute(self, plan: OrderPlan, held: float = 0.0) -> None:
        """Carry out an approved plan. `held` is the quantity held now (for ADJUST / CLOSE)."""
        if plan.kind is PlanKind.OPEN:
            if plan.entry is None:
                raise ValueError(f"plan {plan.plan_id}: an OPEN plan needs an entry order")
            self.active[plan.symbol] = ActivePlan(plan, pending_protect=True)
            self._send(plan.entry, plan.symbol, ROLE_ENTRY, Intent.ENTRY)
            return
        current = self.active.get(plan.symbol)
        if current is not None:
            self._cancel_protection(current)
        active = ActivePlan(plan, held=held)
        self.active[plan.symbol] = active
        remaining = held
        if plan.reduce is not None:
            self._send(plan.reduce, plan.symbol, ROLE_EXIT, Intent.EXIT)
            remaining = held - float(plan.reduce.quantity or 0)
        if plan.stop is not None and remaining > 0:
            if plan.reduce is not None and plan.reduce.type is OrderType.MARKET:
                active.held = remaining
            self._protect(active, remaining)

    def close_position(self, symbol: str, side: Side, qty: float, reason: str = ROLE_EXIT) -> None:
        """Cancel the protection and close `qty` at market (strategy exit without a plan, end of run)."""
        current = self.active.pop(symbol, None)
        if current is not None:
            self._cancel_protection(current)
        req = OrderRequest(symbol, side.opposite, OrderType.MARKET, quantity=to_decimal(qty))
        self._send(req, symbol, reason, Intent.EXIT)

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
            if fill.order_id in active.protection:
                active.protection.remove(fill.order_id)
        return role

    def on_update(self, update: OrderUpdate) -> None:
        if update.status is not OrderStatus.REJECTED:
            return
        symbol, role = self._role.get(update.client_order_id, (update.symbol, ""))
        active = self.active.get(symbol)
        if role in (ROLE_STOP, ROLE_TARGET) and active is not None and active.held > 0:
            plan = active.plan
            self.close_position(symbol, plan.side, active.held, ROLE_EMERGENCY)

    def role_of(self, client_order_id: str) -> str:
        known = self._role.get(client_order_id)
        return known[1] if known is not None else role_from_id(client_order_id)

    # ---- internals -------------------------------------------------------------------------------
    def _send(self, req: OrderRequest, symbol: str, role: str, intent: Intent) -> str:
        cid = req.client_order_id
        if cid is None:
            cid = f"{symbol}-{role}-{len(self._role)}"
            req = replace(req, client_order_id=cid)
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
        held = to_decimal(qty)  # whole lots under the live fill model (the portfolio keeps them so)
        if not targets:
            req = _with(stop, held, client_order_id(plan.plan_id, plan.version, Leg.STOP))
            active.protection.append(self._send(req, plan.symbol, ROLE_STOP, Intent.EXIT))
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
        s_cid = client_order_id(plan.plan_id, plan.version, Leg.STOP, k)
        t_cid = client_order_id(plan.plan_id, plan.version, Leg.TARGET, k)
        s_req = _with(stop, q, s_cid)
        # an OCO's limit leg is a LIMIT_MAKER on Binance
        t_type = OrderType.LIMIT_MAKER if t.type is OrderType.LIMIT else t.type
        t_req = _with(t, q, t_cid, t_type)
        s_id, t_id = self.broker.submit_oco(s_req, t_req, Intent.EXIT)
        role = self._role
        role[s_cid] = (symbol, ROLE_STOP)
        role[t_cid] = (symbol, ROLE_TARGET)
        if self.on_submit is not None:
            self.on_submit(s_req, s_id, ROLE_STOP, Intent.EXIT)
            self.on_submit(t_req, t_id, ROLE_TARGET, Intent.EXIT)
        active.protection.append(s_id)
        active.protection.append(t_id)

    def _cancel_protection(self, active: ActivePlan) -> None:
        for oid in active.protection:
            self.broker.cancel(oid)
        active.protection.clear()
        active.pending_protect = False
