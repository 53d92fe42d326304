"""`AccountState`: the snapshot of the account the RiskGate judges a proposal against."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from msgspec import field

from aitrader.domain.position import Position
from aitrader.domain.value import Value

ZERO = Decimal(0)


class AccountState(Value, frozen=True):
    """Account value and limits-relevant history, in the quote currency of the traded symbols.

    - `equity`: account value now (cash plus positions marked to market).
    - `free_quote`: quote currency available to buy with.
    - `free_base`: free balance per base asset (spot sells need it).
    - `positions`: open positions (their stops give their risk).
    - `start_of_day_equity`: equity at 00:00 UTC today, for the daily loss circuit breaker.
    - `consecutive_losses` / `last_loss_ms`: the current losing streak and when it last grew.
    - `taker_fee` / `maker_fee`: fee rates as fractions (0.001 = 0.1%).
    - `peak_equity`: highest equity at a trade's close (initial cash included); the drawdown halt
      measures from it (exact with skipped bars). None: no drawdown halt.
    - `correlations`: for an Enter, the return correlation of the proposal's symbol with each OTHER
      symbol held (trailing `correlation_window` bars), by that symbol; the kernel fills it
      (`msgspec.structs.replace`) before the review. A symbol missing here counts as uncorrelated.
    """

    equity: Decimal
    free_quote: Decimal
    now_ms: int
    free_base: Mapping[str, Decimal] = field(default_factory=dict)
    positions: tuple[Position, ...] = ()
    start_of_day_equity: Decimal | None = None
    consecutive_losses: int = 0
    last_loss_ms: int | None = None
    taker_fee: Decimal = Decimal("0.001")
    maker_fee: Decimal = Decimal("0.001")
    peak_equity: Decimal | None = None
    correlations: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.equity < 0 or self.free_quote < 0:
            raise ValueError("equity and free quote must not be negative")
        if self.taker_fee < 0 or self.maker_fee < 0:
            raise ValueError("fee rates must not be negative")

    @classmethod
    def flat(
        cls, equity: Decimal | float | str, now_ms: int = 0, fee: Decimal | str = "0.001"
    ) -> AccountState:
        """An all-cash account: handy for the CLI and tests."""
        value = Decimal(str(equity))
        return cls(
            equity=value,
            free_quote=value,
            now_ms=now_ms,
            start_of_day_equity=value,
            taker_fee=Decimal(fee),
            maker_fee=Decimal(fee),
        )

    def position(self, symbol: str) -> Position | None:
        for p in self.positions:
            if p.symbol == symbol:
                return p
        return None

    @property
    def day_start_equity(self) -> Decimal:
        return self.equity if self.start_of_day_equity is None else self.start_of_day_equity

    @property
    def exposure(self) -> Decimal:
        """Notional of all open positions at their entry prices."""
        return sum((p.notional for p in self.positions), ZERO)

    def symbol_exposure(self, symbol: str) -> Decimal:
        return sum((p.notional for p in self.positions if p.symbol == symbol), ZERO)

    @property
    def open_risk(self) -> Decimal:
        return sum((p.risk for p in self.positions), ZERO)
