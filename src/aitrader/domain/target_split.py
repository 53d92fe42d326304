"""The one target-split rule: how a quantity is spread over a plan's take-profit targets.

The gate uses it to build a plan, the kernel's order manager to size the protective OCOs when an
entry fills, and the live protection to rebuild them after a restart, so the k-th OCO of a plan has
the same quantity in a backtest, on paper and on the exchange.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from aitrader.domain.instrument import Instrument

ZERO = Decimal(0)


def qty_ok(instrument: Instrument, qty: Decimal, price: Decimal) -> bool:
    """True when `qty` at `price` passes min/max qty and min notional (limit-order rules)."""
    if qty <= 0:
        return False
    if instrument.min_qty > 0 and qty < instrument.min_qty:
        return False
    if instrument.max_qty > 0 and qty > instrument.max_qty:
        return False
    return not (instrument.min_notional > 0 and qty * price < instrument.min_notional)


def split_targets(
    instrument: Instrument, qty: Decimal, targets: Sequence[tuple[Decimal, Decimal]]
) -> tuple[list[tuple[Decimal, Decimal]], list[str]]:
    """Split `qty` over (price, weight) targets, each share rounded down to the step.

    A share too small for the venue is merged into the next target; the last target takes the
    remainder (merged into the previous one when it is too small). Quantities sum to `qty`.
    """
    notes: list[str] = []
    total_w = sum((w for _, w in targets), ZERO)
    out: list[tuple[Decimal, Decimal]] = []
    carry = ZERO
    assigned = ZERO
    for k, (price, weight) in enumerate(targets):
        if k == len(targets) - 1:
            share = qty - assigned
        else:
            share = instrument.round_qty(qty * weight / total_w) + carry
        if k < len(targets) - 1 and not qty_ok(instrument, share, price):
            carry = share
            notes.append(f"target {price} too small for the venue: merged into the next one")
            continue
        carry = ZERO
        out.append((price, share))
        assigned += share
    if len(out) > 1 and not qty_ok(instrument, out[-1][1], out[-1][0]):
        last_price, last_qty = out.pop()
        prev_price, prev_qty = out.pop()
        out.append((prev_price, prev_qty + last_qty))
        notes.append(f"target {last_price} too small for the venue: merged into the previous one")
    return out, notes
