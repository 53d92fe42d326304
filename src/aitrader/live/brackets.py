"""How a position's quantity is split across its take-profit targets: one OCO per target."""

from __future__ import annotations

from decimal import Decimal

from aitrader.domain import Instrument, OrderRequest, OrderType, Side
from aitrader.live.journal import PlanRow


def split_for_targets(inst: Instrument, row: PlanRow, qty: Decimal) -> list[tuple[Decimal, Decimal]]:
    """(target price, qty) per OCO; parts below the venue minimums merge into the last target."""
    targets = list(row.targets) or [(row.entry_price + (row.entry_price - row.stop) * 2, Decimal(1))]
    parts: list[tuple[Decimal, Decimal]] = []
    left = qty
    for k, (price, frac) in enumerate(targets):
        part = left if k == len(targets) - 1 else inst.round_qty(qty * frac)
        ok = inst.validate(OrderRequest(row.symbol, Side.SELL, OrderType.LIMIT_MAKER, part, price)) is None
        if (not ok or part <= 0) and k < len(targets) - 1:
            continue
        parts.append((price, part))
        left -= part
    if len(parts) > 1 and left > 0:
        price, q = parts[-1]
        parts[-1] = (price, q + left)
    return [p for p in parts if p[1] > 0]
