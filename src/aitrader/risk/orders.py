"""Building a plan's venue orders: rounding quantities, splitting targets, checking every order."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from aitrader.domain import FilterFailure, Instrument, OrderRequest, OrderType, Side, TimeInForce
from aitrader.domain.client_ids import Leg, client_order_id
from aitrader.domain.instrument import Rounding, round_to_step
from aitrader.domain.plan import RejectionCode
from aitrader.domain.target_split import qty_ok, split_targets

ZERO = Decimal(0)
__all__ = ["RefusedError", "first_failure", "protective_orders", "qty_ok", "round_qty", "split_targets"]


class RefusedError(Exception):
    """Raised inside a review to stop it with a rejection code and a sentence."""

    def __init__(self, code: RejectionCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def round_qty(instrument: Instrument, qty: Decimal, market: bool) -> Decimal:
    """Round down to LOT_SIZE's step (and MARKET_LOT_SIZE's step for market orders)."""
    q = instrument.round_qty(qty)
    if market and instrument.market_step_size > 0:
        q = round_to_step(q, instrument.market_step_size, Rounding.DOWN)
        q = instrument.round_qty(q)
    return max(q, ZERO)


def protective_orders(
    instrument: Instrument,
    side: Side,
    qty: Decimal,
    stop: Decimal,
    targets: Sequence[tuple[Decimal, Decimal]],
    plan_id: str,
    version: int,
) -> tuple[OrderRequest, tuple[OrderRequest, ...]]:
    """The stop (STOP_LOSS, or STOP_LOSS_LIMIT where plain stops are not offered) and the targets."""
    exit_side = side.opposite
    if OrderType.STOP_LOSS in instrument.order_types or not instrument.order_types:
        stop_order = OrderRequest(
            instrument.symbol,
            exit_side,
            OrderType.STOP_LOSS,
            quantity=qty,
            stop_price=stop,
            client_order_id=client_order_id(plan_id, version, Leg.STOP),
        )
    else:
        stop_order = OrderRequest(
            instrument.symbol,
            exit_side,
            OrderType.STOP_LOSS_LIMIT,
            quantity=qty,
            price=stop,
            stop_price=stop,
            time_in_force=TimeInForce.GTC,
            client_order_id=client_order_id(plan_id, version, Leg.STOP),
        )
    target_orders = tuple(
        OrderRequest(
            instrument.symbol,
            exit_side,
            OrderType.LIMIT,
            quantity=q,
            price=p,
            time_in_force=TimeInForce.GTC,
            client_order_id=client_order_id(plan_id, version, Leg.TARGET, k),
        )
        for k, (p, q) in enumerate(targets)
    )
    return stop_order, target_orders


def first_failure(
    instrument: Instrument, orders: Sequence[OrderRequest], price: Decimal
) -> tuple[OrderRequest, FilterFailure] | None:
    """The first order the venue would refuse, with its failure (None when all pass).

    Market-type orders are checked at the price they would fill near: the current price for a
    market order, the stop price for a stop. Priced orders are checked against the current price.
    """
    for order in orders:
        ref = order.stop_price if order.type.is_triggered and order.stop_price is not None else price
        failure = instrument.validate(order, reference_price=ref)
        if failure is not None:
            return order, failure
    return None
