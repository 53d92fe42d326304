"""Risk: sizing, stop/target placement, limits, circuit breaker, and the one `RiskGate`."""

from aitrader.domain.plan import OrderPlan, PlanKind, Rejection, RejectionCode
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig, Sizing
from aitrader.risk.gate import RiskGate

__all__ = [
    "AccountState",
    "OrderPlan",
    "PlanKind",
    "Rejection",
    "RejectionCode",
    "RiskConfig",
    "RiskGate",
    "Sizing",
]
