"""The RiskGate's verdict: an `OrderPlan` (sized, rounded, venue-valid orders) or a `Rejection`.

A plan has an id and a version. Version 1 opens a position (entry + protective stop + targets);
each later version (from an Adjust or a partial Exit) replaces the protective orders of the
previous one: the order manager cancels version n's stop/targets and places version n+1's.
Client order ids are derived from plan id, version and role, so a retry never doubles an order.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from msgspec import field

from aitrader.domain.enums import Side
from aitrader.domain.orders import OrderRequest
from aitrader.domain.proposal import Evidence
from aitrader.domain.value import Value

ZERO = Decimal(0)


class PlanKind(Enum):
    OPEN = "open"  # entry + stop + targets
    ADJUST = "adjust"  # new stop and/or partial exit; remaining targets re-issued
    CLOSE = "close"  # exit (all or part) of an open position


class OrderPlan(Value, frozen=True):
    """Orders the gate approved, with the risk they carry.

    - `entry`: the opening order (OPEN plans only).
    - `reduce`: a market order that takes part or all of the position off (ADJUST/CLOSE).
    - `stop`: the protective stop for the quantity held after this plan (None once fully closed).
    - `targets`: take-profit orders whose quantities sum to the quantity held after this plan.
    - `risk_quote`: loss at the stop in quote currency, fees and expected slippage included.
    """

    plan_id: str
    version: int
    kind: PlanKind
    symbol: str
    side: Side  # side of the position (BUY = long)
    quantity: Decimal  # position quantity protected after this plan
    entry_price: Decimal  # expected (or actual) entry price
    stop_price: Decimal | None
    entry: OrderRequest | None = None
    reduce: OrderRequest | None = None
    stop: OrderRequest | None = None
    targets: tuple[OrderRequest, ...] = ()
    risk_quote: Decimal = ZERO
    risk_fraction: Decimal = ZERO  # risk_quote / account equity
    fees_quote: Decimal = ZERO  # expected entry + exit fees at the stop
    slippage_quote: Decimal = ZERO  # expected slippage cost at entry and stop
    reward_risk: float = 0.0
    created_ms: int = 0
    strategy: str = ""
    rationale: str = ""
    evidence: Evidence = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the gate changed (sized up to min notional, merged targets...)

    @property
    def orders(self) -> tuple[OrderRequest, ...]:
        """Every order of the plan, in the order they should be sent."""
        head = tuple(o for o in (self.entry, self.reduce, self.stop) if o is not None)
        return head + self.targets

    @property
    def notional(self) -> Decimal:
        return self.quantity * self.entry_price


class RejectionCode(Enum):
    INVALID_PROPOSAL = "invalid_proposal"  # stop on the wrong side, non-positive prices...
    SHORT_NOT_ALLOWED = "short_not_allowed"
    INSTRUMENT_NOT_TRADING = "instrument_not_trading"
    PRICE_MOVED = "price_moved"  # slippage guard
    STOP_BREACHED = "stop_breached"  # current price already at or past the stop
    REWARD_RISK_TOO_LOW = "reward_risk_too_low"
    RISK_BUDGET_TOO_SMALL = "risk_budget_too_small"  # not even one step fits in the risk budget
    BELOW_MIN_NOTIONAL = "below_min_notional"  # min notional/qty would exceed the risk budget
    INSUFFICIENT_BALANCE = "insufficient_balance"
    MAX_OPEN_POSITIONS = "max_open_positions"
    POSITION_EXISTS = "position_exists"
    EXPOSURE_LIMIT = "exposure_limit"  # max position value (max_position_fraction) cap reached
    SYMBOL_EXPOSURE = "symbol_exposure"  # the symbol's exposure cap (max_symbol_exposure) reached
    TOTAL_EXPOSURE = "total_exposure"  # the exposure cap over all positions (max_total_exposure) reached
    CORRELATED_EXPOSURE = "correlated_exposure"  # correlated same-side positions hold too much
    DRAWDOWN_HALT = "drawdown_halt"  # drawdown from the peak equity reached max_drawdown (with cooldown)
    DAILY_LOSS_LIMIT = "daily_loss_limit"  # circuit breaker (with cooldown)
    LOSS_STREAK_LOCKOUT = "loss_streak_lockout"
    NO_POSITION = "no_position"  # exit/adjust for a symbol we do not hold
    STOP_LOOSENED = "stop_loosened"  # adjust would move the stop against the position
    FILTER_FAILURE = "filter_failure"  # the venue would refuse an order of the plan
    EXIT_UNDER_WAY = "exit_under_way"  # the position's exit was sent and has not finished yet (live)
    ENTRY_PENDING = "entry_pending"  # the symbol's entry was sent and has not filled or ended yet
    ENTRIES_PAUSED = "entries_paused"  # an operator paused new entries (the API's control; exits go on)
    NOT_IN_UNIVERSE = "not_in_universe"  # the kernel's universe excludes the symbol now (exits still go)


class Rejection(Value, frozen=True):
    """A refused proposal: a machine-readable `code` and one sentence for people."""

    code: RejectionCode
    message: str
    symbol: str = ""
    time_ms: int = 0
    strategy: str = ""

    def __str__(self) -> str:
        return f"{self.code.value}: {self.message}"
