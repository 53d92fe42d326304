"""How a position's quantity is split across its take-profit targets: one OCO per target, by the
one split rule the gate and the kernel's order manager use (`domain.target_split`)."""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument
from aitrader.domain.target_split import split_targets
from aitrader.live.journal import PlanRow


def split_for_targets(inst: Instrument, row: PlanRow, qty: Decimal) -> list[tuple[Decimal, Decimal]]:
    """(target price, qty) per OCO; a share below the venue minimums merges into a neighbour."""
    targets = list(row.targets) or [(row.entry_price + (row.entry_price - row.stop) * 2, Decimal(1))]
    parts, _ = split_targets(inst, qty, targets)
    return [p for p in parts if p[1] > 0]
