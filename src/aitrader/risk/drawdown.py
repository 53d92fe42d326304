"""The drawdown halt: no new entries once equity has fallen `max_drawdown` below its peak.

The drawdown is measured from `AccountState.peak_equity` (the highest equity at a trade's close;
None: no halt). Once tripped, entries are refused for `drawdown_cooldown_ms`, whatever equity
does meanwhile. After the cooldown entries resume:

- when the drawdown has recovered below the limit, the halt goes on measuring from the peak;
- when it has not, the halt re-arms measured from the equity at the end of the cooldown (the
  equity of the first entry reviewed after it): else an account down 20% would never trade
  again. That level rises with every higher equity the gate sees, and it is dropped once the
  account makes a new peak or equity is back at the peak.

Like the circuit breaker's trip time, this is state of the gate: one gate per account.
"""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain.plan import RejectionCode
from aitrader.domain.timeframe import format_duration
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig
from aitrader.risk.portfolio_limits import pct


class DrawdownHalt:
    """See the module docstring. `tripped_ms`: when the halt last tripped (None: not cooling down);
    `anchor`: the re-armed level the drawdown is measured from (None: from the peak)."""

    __slots__ = ("anchor", "anchor_peak", "config", "tripped_ms")

    def __init__(self, config: RiskConfig) -> None:
        self.config = config
        self.tripped_ms: int | None = None
        self.anchor: Decimal | None = None
        self.anchor_peak: Decimal | None = None  # the account's peak when the anchor was set

    def check(self, account: AccountState) -> tuple[RejectionCode, str] | None:
        """A (code, sentence) when entries are halted now, else None."""
        cfg = self.config
        limit = Decimal(str(cfg.max_drawdown))
        if self.tripped_ms is not None:
            until = self.tripped_ms + cfg.drawdown_cooldown_ms
            if account.now_ms < until:
                return RejectionCode.DRAWDOWN_HALT, self._cooling(account, limit, until)
            self.tripped_ms = None
            self._rearm(account, limit)
        reference = self._reference(account)
        if reference is None:
            return None
        drawdown = self.drawdown(account, reference)
        if drawdown < limit:
            return None
        self.tripped_ms = account.now_ms
        what = "its re-armed level" if self.anchor is not None else "the peak equity"
        halted = (
            f"entries halted for {format_duration(cfg.drawdown_cooldown_ms)}"
            if cfg.drawdown_cooldown_ms > 0
            else "entry refused"
        )
        return (
            RejectionCode.DRAWDOWN_HALT,
            f"drawdown {pct(drawdown)} from {what} {reference:,.2f} (equity {account.equity:,.2f}) "
            f"reached the {pct(limit)} limit: {halted}",
        )

    @staticmethod
    def drawdown(account: AccountState, reference: Decimal) -> Decimal:
        return (reference - account.equity) / reference if reference > 0 else Decimal(0)

    def _cooling(self, account: AccountState, limit: Decimal, until: int) -> str:
        reference = self._reference(account)
        now = (
            f"drawdown now {pct(self.drawdown(account, reference))} (limit {pct(limit)})"
            if reference is not None
            else f"limit {pct(limit)}"
        )
        return (
            f"drawdown halt cooling down: entries resume in {format_duration(until - account.now_ms)}; {now}"
        )

    def _rearm(self, account: AccountState, limit: Decimal) -> None:
        """The cooldown is over: re-anchor at today's equity when the drawdown has not recovered."""
        reference = self._reference(account)
        if reference is not None and self.drawdown(account, reference) >= limit:
            self.anchor = account.equity
            self.anchor_peak = account.peak_equity

    def _reference(self, account: AccountState) -> Decimal | None:
        """What the drawdown is measured from now: the anchor while it stands, else the peak."""
        peak = account.peak_equity
        if self.anchor is None:
            return peak
        if (
            peak is None
            or (self.anchor_peak is not None and peak > self.anchor_peak)
            or account.equity >= peak
        ):
            self.anchor = self.anchor_peak = None  # a new peak (or back at it): the peak rules again
            return peak
        self.anchor = max(self.anchor, account.equity)
        return self.anchor
