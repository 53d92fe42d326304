"""Entries the gate approved that have not filled yet, counted against a portfolio's limits.

An approved entry fills later: at the next bar's open in a backtest, a moment later live, whenever
the price comes for a limit order. Meanwhile the account holds neither the position nor less cash,
so a second symbol deciding at the same close would be judged against an account that looks
emptier than it is — three symbols entering on one bar at 50% of equity each would hold 150%. The
kernel therefore shows the gate each other symbol's unfilled entry as an open position (it counts
in open positions, symbol, total and correlated exposure) and the quote it will spend as spent,
until its entry fills or the venue cancels, expires or rejects it. (A second entry on the symbol
itself is refused while its first is working: `entry_pending`.)
"""

from __future__ import annotations

from decimal import Decimal

import msgspec

from aitrader.domain.enums import Side
from aitrader.domain.plan import OrderPlan, PlanKind
from aitrader.domain.position import Position
from aitrader.risk.account import AccountState

_ZERO = Decimal(0)


class PendingEntries:
    """Approved OPEN plans by symbol until their entry fills or ends unfilled."""

    __slots__ = ("_plans",)

    def __init__(self) -> None:
        self._plans: dict[str, OrderPlan] = {}

    def __bool__(self) -> bool:
        return bool(self._plans)

    def approved(self, plan: OrderPlan) -> None:
        if plan.kind is PlanKind.OPEN:
            self._plans[plan.symbol] = plan

    def ended(self, symbol: str) -> None:
        """The entry of `symbol` filled (the position now counts itself) or ended unfilled."""
        self._plans.pop(symbol, None)

    def apply(self, state: AccountState, symbol: str) -> AccountState:
        """`state` with every other symbol's unfilled entry as a position and its cost as spent."""
        extra: list[Position] = []
        spend = _ZERO
        held = {p.symbol for p in state.positions}
        for other, plan in self._plans.items():
            if other == symbol or other in held or plan.quantity <= 0:
                continue
            price = plan.entry_price
            if price is None or price <= 0:
                continue
            extra.append(
                Position(
                    other, plan.side, plan.quantity, price, plan.stop_price or _ZERO,
                    plan_id=plan.plan_id, plan_version=plan.version, opened_ms=plan.created_ms,
                )
            )  # fmt: skip
            if plan.side is Side.BUY:
                spend += plan.quantity * price * (1 + state.taker_fee)
        if not extra:
            return state
        free = state.free_quote - spend
        return msgspec.structs.replace(
            state, positions=state.positions + tuple(extra), free_quote=free if free > 0 else _ZERO
        )
