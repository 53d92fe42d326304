"""What a strategy (or an agent, or an RL policy) proposes: enter, exit, or adjust. Never a quantity.

Sizing is the RiskGate's job. Prices here are floats (analysis space); the gate converts them to
`Decimal` with the `Instrument` before any order exists. Every proposal says why in a sentence
(`rationale`) and in a machine-readable `evidence` mapping (indicator name -> value).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import Enum

from msgspec import field

from aitrader.domain.enums import Side
from aitrader.domain.value import Value

Evidence = Mapping[str, float | int | str | bool]
_INF = math.inf


class EntryType(Enum):
    MARKET = "market"
    LIMIT = "limit"


class Target(Value, frozen=True):
    """A take-profit price and the fraction of the position that exits there (fractions sum to 1)."""

    price: float
    fraction: float = 1.0


def _check_finite(owner: str, **values: float | None) -> None:
    for name, v in values.items():
        if v is not None and not (math.isfinite(v) and v > 0):
            raise ValueError(f"{owner}: {name} must be a positive finite number, got {v}")


class Enter(Value, frozen=True):
    """Open a position on `side` with a protective `stop` and one or more `targets`.

    `price` is the decision price (the close of the bar the strategy saw); the gate refuses the
    proposal when the market has moved too far from it. `limit_price` is set for limit entries.
    `atr` (optional) lets the gate size by volatility; `volatility` (optional) is the annualised
    standard deviation of the symbol's returns as the proposer measured it (0.6 = 60% a year), which
    the gate's volatility-target sizing (`Sizing.VOL_TARGET`) sizes by.
    """

    symbol: str
    side: Side
    price: float
    stop: float
    targets: tuple[Target, ...]
    confidence: float
    rationale: str
    time_ms: int
    strategy: str = ""
    evidence: Evidence = field(default_factory=dict)
    entry_type: EntryType = EntryType.MARKET
    limit_price: float | None = None
    atr: float | None = None
    volatility: float | None = None

    def __post_init__(self) -> None:
        # fast path for the common shape (plain floats, market entry, one whole target): the same
        # checks as `_validate`, spelled as chained comparisons (NaN fails every one of them)
        p, s, targets = self.price, self.stop, self.targets
        if (
            type(p) is float
            and type(s) is float
            and 0.0 < p < _INF
            and 0.0 < s < _INF
            and len(targets) == 1
            and self.limit_price is None
            and self.atr is None
            and self.volatility is None
            and self.entry_type is EntryType.MARKET
            and 0.0 <= self.confidence <= 1.0
        ):
            t = targets[0]
            if type(t.price) is float and 0.0 < t.price < _INF and t.fraction == 1.0:
                return
        self._validate()

    def _validate(self) -> None:
        owner = f"Enter {self.side.value} {self.symbol}"
        _check_finite(
            owner, price=self.price, stop=self.stop, limit_price=self.limit_price, volatility=self.volatility
        )
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"{owner}: confidence must lie in [0, 1], got {self.confidence}")
        if not self.targets:
            raise ValueError(f"{owner}: at least one target is required")
        for t in self.targets:
            _check_finite(owner, target=t.price)
            if not 0.0 < t.fraction <= 1.0:
                raise ValueError(f"{owner}: target fraction must lie in (0, 1], got {t.fraction}")
        total = sum(t.fraction for t in self.targets)
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"{owner}: target fractions must sum to 1, got {total}")
        if self.entry_type is EntryType.LIMIT and self.limit_price is None:
            raise ValueError(f"{owner}: a limit entry needs limit_price")
        if self.atr is not None and not (math.isfinite(self.atr) and self.atr >= 0):
            raise ValueError(f"{owner}: atr must be a non-negative finite number, got {self.atr}")

    @property
    def entry_price(self) -> float:
        """The price the entry is expected at: the limit price, or the decision price for market."""
        return self.limit_price if self.limit_price is not None else self.price


class Exit(Value, frozen=True):
    """Close `fraction` (0, 1] of the position in `symbol`."""

    symbol: str
    reason: str
    price: float
    time_ms: int
    fraction: float = 1.0
    strategy: str = ""
    evidence: Evidence = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 0.0 < self.fraction <= 1.0:
            raise ValueError(f"Exit {self.symbol}: fraction must lie in (0, 1], got {self.fraction}")

    @property
    def rationale(self) -> str:
        return self.reason


class AdjustKind(Enum):
    MOVE_STOP = "move_stop"
    BREAKEVEN = "breakeven"
    TRAIL = "trail"
    TAKE_PARTIAL = "take_partial"


class Adjust(Value, frozen=True):
    """Change an open position's protection: move its stop and/or take part of it off.

    A stop may only move in the protective direction (up for a long, down for a short) unless
    `allow_loosen` is set; the gate enforces this and re-checks risk when loosening.
    """

    symbol: str
    kind: AdjustKind
    reason: str
    price: float
    time_ms: int
    new_stop: float | None = None
    take_fraction: float | None = None
    allow_loosen: bool = False
    strategy: str = ""
    evidence: Evidence = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.new_stop is None and self.take_fraction is None:
            raise ValueError(f"Adjust {self.symbol}: give new_stop, take_fraction or both")
        _check_finite(f"Adjust {self.symbol}", new_stop=self.new_stop)
        if self.take_fraction is not None and not 0.0 < self.take_fraction < 1.0:
            raise ValueError(
                f"Adjust {self.symbol}: take_fraction must lie in (0, 1), got {self.take_fraction}"
            )

    @property
    def rationale(self) -> str:
        return self.reason


Proposal = Enter | Exit | Adjust
