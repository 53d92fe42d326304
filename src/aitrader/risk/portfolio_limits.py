"""Portfolio caps on an entry's size: position value, symbol, total and correlated exposure.

Each cap is a quantity of the new position's base asset with the rejection code it answers with
when it leaves no room for the venue's minimum (or one quantity step), and a sentence with its
numbers. Exposure is notional at entry prices (`AccountState.exposure`); the new position's is
valued at the higher of its entry price and its expected fill, so that the plan's notional
(`OrderPlan.notional`) and the filled position both stay inside every cap.

Correlated exposure: the open positions on the same side as the entry whose return correlation
with the entry's symbol (`AccountState.correlations`, filled by the kernel) is at least
`max_correlation` form a group; its notional plus the new one may not exceed
`max_correlated_exposure` of equity. No correlated position, no cap: a lone position is bounded
by `max_position_fraction` and `max_symbol_exposure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aitrader.domain import Side
from aitrader.domain.plan import RejectionCode
from aitrader.domain.position import Position
from aitrader.domain.proposal import Enter
from aitrader.risk.account import AccountState
from aitrader.risk.config import RiskConfig

ZERO = Decimal(0)


def pct(fraction: Decimal | float) -> str:
    """'48%', '12.5%', '0.01%': three significant digits."""
    x = float(fraction) * 100
    return f"{x:.3g}%"


@dataclass(frozen=True, slots=True)
class Cap:
    """At most `qty` base units may be bought (or sold short) under the limit called `name`.

    `why` states the limit with its numbers ("ETHUSDT already holds 48% of equity (max 50%)"); a
    refusal by this cap says it before what room is left. Empty: the refusal names the cap only.
    """

    qty: Decimal
    code: RejectionCode
    name: str
    why: str = ""

    def refusal(self, base_asset: str, need: Decimal | None) -> str:
        """The sentence of a rejection by this cap; `need` is the venue's minimum (None: one step)."""
        room = max(self.qty, ZERO)
        if need is None:
            detail = f"less than one quantity step of {base_asset}"
            return f"{self.why}: room for {detail}" if self.why else f"the {self.name} allows {detail}"
        detail = f"{room:.8f} {base_asset}, less than the venue's minimum {need}"
        return f"{self.why}: room for {detail}" if self.why else f"the {self.name} allows {detail}"


@dataclass(frozen=True, slots=True)
class CorrelatedGroup:
    """Open positions on the entry's side correlated with its symbol at `max_correlation` or more."""

    positions: tuple[tuple[Position, float], ...]  # (position, correlation), most correlated first

    @property
    def notional(self) -> Decimal:
        return sum((p.notional for p, _ in self.positions), ZERO)

    @property
    def top(self) -> tuple[Position, float]:
        return self.positions[0]


def correlated_group(cfg: RiskConfig, p: Enter, account: AccountState) -> CorrelatedGroup:
    """The group the entry would join (empty when nothing held is correlated enough)."""
    members: list[tuple[Position, float]] = []
    for pos in account.positions:
        if pos.side is not p.side or pos.symbol == p.symbol:
            continue
        corr = account.correlations.get(pos.symbol)
        if corr is not None and corr >= cfg.max_correlation:  # NaN never is
            members.append((pos, float(corr)))
    members.sort(key=lambda m: (-m[1], m[0].symbol))
    return CorrelatedGroup(tuple(members))


def exposure_caps(cfg: RiskConfig, p: Enter, account: AccountState, price: Decimal) -> list[Cap]:
    """The portfolio caps on an entry whose units are worth `price` each (see the module docstring)."""
    eq = account.equity
    caps = [
        Cap(
            Decimal(str(cfg.max_position_fraction)) * eq / price,
            RejectionCode.EXPOSURE_LIMIT,
            "max position value",
        )
    ]
    held = account.symbol_exposure(p.symbol)
    limit = Decimal(str(cfg.max_symbol_exposure))
    why = (
        f"{p.symbol} already holds {_share(held, eq)} of equity (max {pct(limit)})"
        if held > 0
        else f"{p.symbol} may hold at most {pct(limit)} of equity"
    )
    caps.append(Cap((limit * eq - held) / price, RejectionCode.SYMBOL_EXPOSURE, "symbol exposure cap", why))
    total = account.exposure
    limit = Decimal(str(cfg.max_total_exposure))
    why = (
        f"open positions already hold {_share(total, eq)} of equity (max {pct(limit)} in all)"
        if total > 0
        else f"all positions together may hold at most {pct(limit)} of equity"
    )
    caps.append(Cap((limit * eq - total) / price, RejectionCode.TOTAL_EXPOSURE, "total exposure cap", why))
    group = correlated_group(cfg, p, account)
    if group.positions:
        top, corr = group.top
        limit = Decimal(str(cfg.max_correlated_exposure))
        relation = ">" if corr > cfg.max_correlation else ">="
        sides = "longs" if p.side is Side.BUY else "shorts"
        why = (
            f"correlated exposure with {top.symbol} at {corr:.2f} {relation} limit "
            f"{cfg.max_correlation:.2f}: correlated {sides} hold {_share(group.notional, eq)} of equity "
            f"(max {pct(limit)})"
        )
        caps.append(
            Cap(
                (limit * eq - group.notional) / price,
                RejectionCode.CORRELATED_EXPOSURE,
                f"correlated exposure cap ({top.symbol} at {corr:.2f})",
                why,
            )
        )
    return caps


def _share(part: Decimal, equity: Decimal) -> str:
    return pct(part / equity) if equity > 0 else "all"
