"""Account-level locks: the daily loss circuit breaker (with cooldown) and the losing-streak lockout."""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain.plan import RejectionCode
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig


class CircuitBreaker:
    """Trips when today's loss reaches `max_daily_loss` of start-of-day equity.

    Once tripped it refuses entries for at least `breaker_cooldown_ms`, and after that for as long
    as the day's loss is still at or past the limit (a new UTC day resets start-of-day equity).
    """

    __slots__ = ("config", "tripped_ms")

    def __init__(self, config: RiskConfig) -> None:
        self.config = config
        self.tripped_ms: int | None = None

    def check(self, account: AccountState) -> tuple[RejectionCode, str] | None:
        """A (code, sentence) when entries are locked now, else None."""
        start = account.day_start_equity
        limit = Decimal(str(self.config.max_daily_loss))
        loss = (start - account.equity) / start if start > 0 else Decimal(0)
        if loss >= limit:
            if self.tripped_ms is None:
                self.tripped_ms = account.now_ms
            return (
                RejectionCode.DAILY_LOSS_LIMIT,
                f"daily loss {loss:.2%} of start-of-day equity reached the {limit:.2%} circuit breaker",
            )
        if self.tripped_ms is not None:
            until = self.tripped_ms + self.config.breaker_cooldown_ms
            if account.now_ms < until:
                minutes = (until - account.now_ms) / 60_000
                return (
                    RejectionCode.DAILY_LOSS_LIMIT,
                    f"circuit breaker cooling down for {minutes:.0f} more minutes",
                )
            self.tripped_ms = None
        return self._streak(account)

    def _streak(self, account: AccountState) -> tuple[RejectionCode, str] | None:
        cfg = self.config
        if account.consecutive_losses < cfg.max_consecutive_losses:
            return None
        last = account.last_loss_ms
        if last is not None and account.now_ms >= last + cfg.lockout_ms:
            return None
        return (
            RejectionCode.LOSS_STREAK_LOCKOUT,
            f"{account.consecutive_losses} losses in a row (limit {cfg.max_consecutive_losses}): "
            f"locked out for {cfg.lockout_ms / 60_000:.0f} minutes after the last loss",
        )
