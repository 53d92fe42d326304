"""`RiskGate`: the one door between a proposal and the broker.

`review(proposal, account, instrument, price)` answers an `OrderPlan` (sized, rounded, every order
checked with `Instrument.validate`) or a `Rejection` with a machine-readable code and a sentence.
The gate holds state, the circuit breaker's and the drawdown halt's trip times (for their
cooldowns) and the halt's re-armed level, so use one gate per account (one per backtest run).
Assigning `gate.config` swaps the limits and keeps that state (the API's reload does).
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument
from aitrader.domain.decimals import to_decimal
from aitrader.domain.plan import OrderPlan, Rejection
from aitrader.domain.proposal import Adjust, Enter, Exit, Proposal
from aitrader.risk.account import AccountState
from aitrader.risk.adjust_review import review_change
from aitrader.risk.breaker import CircuitBreaker
from aitrader.risk.config import RiskConfig
from aitrader.risk.drawdown import DrawdownHalt
from aitrader.risk.entry_review import review_entry


class RiskGate:
    """Sizes and checks proposals. Build with a `RiskConfig` (defaults: 1% risk, 1.5 reward:risk)."""

    def __init__(self, config: RiskConfig | None = None) -> None:
        self._config = config or RiskConfig()
        self.breaker = CircuitBreaker(self._config)
        self.drawdown = DrawdownHalt(self._config)

    @property
    def config(self) -> RiskConfig:
        return self._config

    @config.setter
    def config(self, config: RiskConfig) -> None:
        """New limits from now on; the breaker's and the halt's state stay."""
        self._config = config
        self.breaker.config = config
        self.drawdown.config = config

    def review(
        self, proposal: Proposal, account: AccountState, instrument: Instrument, price: Decimal | float
    ) -> OrderPlan | Rejection:
        """The verdict on `proposal` given the account now and the current market `price`."""
        px = price if isinstance(price, Decimal) else to_decimal(price)
        if isinstance(proposal, Enter):
            locks = (self.drawdown, self.breaker)  # both see the account; the halt is named first
            return review_entry(self.config, locks, proposal, account, instrument, px)
        if isinstance(proposal, Exit | Adjust):
            return review_change(self.config, proposal, account, instrument, px)
        raise TypeError(f"not a proposal: {proposal!r}")
