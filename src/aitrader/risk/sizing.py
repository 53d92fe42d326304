"""Loss at the stop per unit of base asset, fees and expected slippage included (exact Decimal).

For a long entered at E and stopped at S, with slippage s on market fills and fee rates fe
(entry) and fx (exit):

    E' = E (1 + s_entry)        S' = S (1 - s)
    loss per unit = (E' - S') + fe E' + fx S'

and mirrored for a short. The RiskGate sizes with this and re-checks the rounded plan with it,
so the loss of an approved plan never exceeds the budget.

The reward side is weighed the same way (`net_reward_risk`): the targets are limit exits (maker
fee fx_t, no slippage), so a long reaching target T_k with fraction f_k gains

    gain per unit at T_k = (T_k - E') - fe E' - fx_t T_k
    net reward:risk = sum_k f_k gain_k / loss per unit

which is what the gate holds to `RiskConfig.min_reward_risk`; `reward_risk` is the gross figure
(price distances only) it quotes beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def net_reward_risk(
    side: Side,
    entry: Decimal,
    targets: Sequence[tuple[Decimal, Decimal]],
    entry_fee: Decimal,
    target_fee: Decimal,
    entry_slippage: Decimal,
    risk: UnitRisk,
) -> float:
    """Weighted reward:risk of `targets` (price, fraction) after fees and slippage (module docstring).

    The reward per unit is what each target nets once the entry's fee and slippage and the target's
    own (maker) fee are paid; the risk per unit is `risk.total`, the loss at the stop with its fees
    and slippage (`unit_risk`, what the gate sizes with). Negative when the costs eat the gain."""
    total = risk.total
    if total <= 0:
        return 0.0
    sign = Decimal(side.sign)
    entry_fill = entry * (ONE + sign * entry_slippage)
    reward = sum(
        (f * ((t - entry_fill) * sign - entry_fill * entry_fee - t * target_fee) for t, f in targets), ZERO
    )
    return float(reward / total)


def target_costs(
    side: Side,
    entry: Decimal,
    targets: Sequence[tuple[Decimal, Decimal]],
    entry_fee: Decimal,
    target_fee: Decimal,
    entry_slippage: Decimal,
) -> Decimal:
    """Fees and slippage of a round trip to the targets, as a fraction of the entry price: the
    entry's slippage and fee plus the weighted fee at the targets (what `net_reward_risk` takes off)."""
    if entry <= 0:
        return ZERO
    sign = Decimal(side.sign)
    entry_fill = entry * (ONE + sign * entry_slippage)
    exit_fees = sum((f * t * target_fee for t, f in targets), ZERO)
    return ((entry_fill - entry) * sign + entry_fill * entry_fee + exit_fees) / entry
