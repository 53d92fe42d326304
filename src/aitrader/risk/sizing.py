"""Loss at the stop per unit of base asset, fees and expected slippage included (exact Decimal).

For a long entered at E and stopped at S, with slippage s on market fills and fee rates fe
(entry) and fx (exit):

    E' = E (1 + s_entry)        S' = S (1 - s)
    loss per unit = (E' - S') + fe E' + fx S'

and mirrored for a short. The RiskGate sizes with this and re-checks the rounded plan with it,
so the loss of an approved plan never exceeds the budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aitrader.domain import Side

ZERO = Decimal(0)
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class UnitRisk:
    """Loss per unit of base at the stop, split into its parts (all in quote currency)."""

    price: Decimal  # |E - S|
    slippage: Decimal  # extra loss from slipped entry and stop fills
    fees: Decimal  # entry fee + exit fee at the stop

    @property
    def total(self) -> Decimal:
        return self.price + self.slippage + self.fees


def unit_risk(
    side: Side,
    entry: Decimal,
    stop: Decimal,
    entry_fee: Decimal,
    exit_fee: Decimal,
    entry_slippage: Decimal,
    stop_slippage: Decimal,
) -> UnitRisk:
    """Per-unit loss if the position entered at `entry` is closed by its stop at `stop`."""
    sign = Decimal(side.sign)
    entry_fill = entry * (ONE + sign * entry_slippage)
    stop_fill = stop * (ONE - sign * stop_slippage)
    price_part = (entry - stop) * sign
    slip_part = (entry_fill - entry) * sign + (stop - stop_fill) * sign
    fee_part = entry_fill * entry_fee + stop_fill * exit_fee
    return UnitRisk(price=price_part, slippage=slip_part, fees=fee_part)


def reward_risk(side: Side, entry: Decimal, stop: Decimal, targets: list[tuple[Decimal, float]]) -> float:
    """Weighted reward:risk of `targets` (price, fraction) against the stop distance."""
    risk = (entry - stop) * side.sign
    if risk <= 0:
        return 0.0
    reward = sum((float((t - entry) * side.sign) * f for t, f in targets), 0.0)
    return reward / float(risk)
