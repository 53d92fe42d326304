"""What the kernel publishes on the bus (immutable values, each carrying the bar it happened on)."""

from __future__ import annotations

from aitrader.domain.deliberation import Deliberation
from aitrader.domain.orders import OrderRequest
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.proposal import Proposal
from aitrader.domain.trade import TradeRecord
from aitrader.domain.value import Value
from aitrader.execution.reports import ExecutionReport, Intent, OrderUpdate


class RunStarted(Value, frozen=True):
    run_id: str
    mode: str
    strategy: str
    symbol: str
    time_ms: int


class RunFinished(Value, frozen=True):
    run_id: str
    time_ms: int
    bars: int
    visited: int


class BarVisited(Value, frozen=True):
    """The kernel processed bar `bar` (in jump mode quiet bars are not visited)."""

    bar: int
    time_ms: int
    close: float


class ProposalMade(Value, frozen=True):
    bar: int
    time_ms: int
    proposal: Proposal


class VerdictGiven(Value, frozen=True):
    """The gate's answer to a proposal: an approved plan or a rejection."""

    bar: int
    time_ms: int
    proposal: Proposal
    verdict: OrderPlan | Rejection

    @property
    def approved(self) -> bool:
        return isinstance(self.verdict, OrderPlan)


class OrderSubmitted(Value, frozen=True):
    """The order manager sent `request` to the broker (its role: entry, stop, target, exit...)."""

    bar: int
    time_ms: int
    order_id: str
    role: str
    intent: Intent
    request: OrderRequest


class OrderEvent(Value, frozen=True):
    """An order changed state at the broker: cancelled, expired (OCO sibling) or rejected."""

    bar: int
    update: OrderUpdate


class FillEvent(Value, frozen=True):
    bar: int
    report: ExecutionReport
    role: str  # entry | stop | target | exit | emergency_exit


class DecisionMissed(Value, frozen=True):
    """Bar `bar` (open time `time_ms`) got no decision: the decider did not answer by its deadline
    (`engine.deadline.WithDeadline`); `reason` starts with "deadline"."""

    bar: int
    time_ms: int
    decider: str
    reason: str


class Deliberated(Value, frozen=True):
    """A slow decider (a debate, an LLM adviser) deliberated at bar `bar`; see
    `aitrader.domain.deliberation`."""

    bar: int
    deliberation: Deliberation


class PositionClosed(Value, frozen=True):
    bar: int
    time_ms: int
    trade: TradeRecord
