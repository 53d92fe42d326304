"""Floats (analysis space) to `Decimal` (venue space), the one way the project converts them.

`to_decimal` goes through the float's shortest repr, so 0.1 becomes Decimal("0.1") and not the
binary expansion Decimal(0.1) = 0.1000000000000000055511151231257827...
`qty_decimal` also rounds a quantity to the venues' 8 decimals (see its docstring).
"""

from __future__ import annotations

from decimal import Decimal

_QTY_STEP = Decimal("1E-8")  # venues' base-asset precision (Binance: 8 decimals)


def to_decimal(x: float) -> Decimal:
    """The shortest decimal that reads back as the float `x`."""
    # float() also turns ints and numpy scalars (whose repr is "np.float64(...)") into floats
    return Decimal(repr(x) if type(x) is float else repr(float(x)))


def qty_decimal(qty: float) -> Decimal:
    """A float quantity as the venue's Decimal: rounded to 8 decimals.

    Quantities held are sums and differences of fills, so a float one carries artifacts such as
    0.08436999999999999 after a partial exit; sent back as an order quantity, that fails the
    venue's LOT_SIZE step. Every simulated quantity is a multiple of 1e-8, so rounding there
    recovers it exactly (a quantity below 1e-8 is left as it is).
    """
    d = to_decimal(qty)
    q = d.quantize(_QTY_STEP)
    return q if q else d
