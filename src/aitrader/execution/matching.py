"""Matching rules shared by the backtester's SimBroker and the local exchange.

One module, two users: the backtester feeds whole bars, the local exchange feeds the monotonic
segments of its replayed price path (each segment is a small bar). Every function is generic over
the price type, so the backtester works in float and the exchange in Decimal.

Rules (Binance Spot semantics):
- MARKET fills at the bar's open (orders decided on a close fill at the next bar's open).
- A new LIMIT order that is marketable when it arrives fills at once at the current price (taker);
  a resting LIMIT / LIMIT_MAKER fills at its own limit price when the price reaches it, never better.
- STOP_LOSS / TAKE_PROFIT trigger when the price reaches `stop_price` and then fill as market:
  at the stop price, or at the open when the bar opened beyond it (a gap fills at the worse price for
  a stop, the open for a take-profit).
- STOP_LOSS_LIMIT / TAKE_PROFIT_LIMIT trigger the same way and then become a LIMIT at `price`.
- OCO: when one leg fills the other is cancelled. When both legs could fill inside the SAME bar, the
  order of events inside the bar is unknown; we assume the adverse one (the STOP_LOSS* leg) came
  first. That is the conservative ordering; pass lower-timeframe bars to resolve it for real.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Generic, TypeVar

from aitrader.domain.enums import OrderType, Side
from aitrader.domain.value import Value

P = TypeVar("P", float, Decimal)

_STOP_TYPES = (OrderType.STOP_LOSS, OrderType.STOP_LOSS_LIMIT)
_TAKE_PROFIT_TYPES = (OrderType.TAKE_PROFIT, OrderType.TAKE_PROFIT_LIMIT)


class Bar(Value, Generic[P], frozen=True):
    """Open, high, low, close of a bar or of a monotonic piece of a price path."""

    open: P
    high: P
    low: P
    close: P


class MatchOrder(Value, Generic[P], frozen=True):
    """The order facts matching needs. `triggered` is True once a stop-limit has become a limit."""

    side: Side
    type: OrderType
    price: P | None = None
    stop_price: P | None = None
    triggered: bool = False


class Match(Value, Generic[P], frozen=True):
    """The outcome of one order on one bar: filled at `price` (maker or taker), or only triggered."""

    filled: bool
    price: P | None
    is_maker: bool
    triggered: bool


def path_of_bar(bar: Bar[P]) -> tuple[P, P, P, P]:
    """The intrabar path the local exchange replays: O→L→H→C for an up bar, O→H→L→C for a down bar.

    A bar that closes up more likely visited its low first. This choice only orders the ticks the
    exchange emits; the backtester resolves same-bar conflicts with the conservative OCO rule.
    """
    if bar.close >= bar.open:
        return (bar.open, bar.low, bar.high, bar.close)
    return (bar.open, bar.high, bar.low, bar.close)


def trigger_reached(order_type: OrderType, side: Side, stop_price: P, price: P) -> bool:
    """True when a trigger order with `stop_price` fires at market price `price`.

    STOP_LOSS SELL and TAKE_PROFIT BUY fire at or below the stop; STOP_LOSS BUY and TAKE_PROFIT SELL
    at or above it.
    """
    fires_below = (order_type in _STOP_TYPES) == (side is Side.SELL)
    return price <= stop_price if fires_below else price >= stop_price


def would_trigger_immediately(order_type: OrderType, side: Side, stop_price: P, last_price: P) -> bool:
    """Binance rejects a new trigger order that would fire at once (-2010 'Order would trigger immediately.')."""
    return trigger_reached(order_type, side, stop_price, last_price)


def is_marketable(side: Side, limit_price: P, market_price: P) -> bool:
    """A limit order is marketable (would take liquidity) when the market is at or through its price."""
    return market_price <= limit_price if side is Side.BUY else market_price >= limit_price


def limit_fill_on_bar(side: Side, limit_price: P, bar: Bar[P]) -> P | None:
    """Fill price of a RESTING limit order on a bar: its limit price if the bar reached it."""
    reached = bar.low <= limit_price if side is Side.BUY else bar.high >= limit_price
    return limit_price if reached else None


def trigger_price_on_bar(order_type: OrderType, side: Side, stop_price: P, bar: Bar[P]) -> P | None:
    """Price at which a trigger order fires on a bar: the open if it gapped through, else the stop."""
    if trigger_reached(order_type, side, stop_price, bar.open):
        return bar.open
    extreme = bar.low if (order_type in _STOP_TYPES) == (side is Side.SELL) else bar.high
    if trigger_reached(order_type, side, stop_price, extreme):
        return stop_price
    return None


def match_on_bar(order: MatchOrder[P], bar: Bar[P], arriving: bool = False) -> Match[P] | None:
    """What happens to `order` during `bar`.

    `arriving=True` means the order reaches the market at this bar's open (a new order): a marketable
    limit then fills at the open as taker. Otherwise the order was already resting.
    Returns None when nothing happens.
    """
    t = order.type
    if t is OrderType.MARKET:
        return Match(True, bar.open, False, False)
    if t in (OrderType.LIMIT, OrderType.LIMIT_MAKER) or (order.triggered and t.has_price):
        return _match_limit(order, bar, arriving)
    if order.stop_price is None:
        raise ValueError(f"{t.value} order needs a stop_price")
    fired_at = trigger_price_on_bar(t, order.side, order.stop_price, bar)
    if fired_at is None:
        return None
    if t in (OrderType.STOP_LOSS, OrderType.TAKE_PROFIT):
        return Match(True, fired_at, False, True)
    # STOP_LOSS_LIMIT / TAKE_PROFIT_LIMIT: the limit goes live at the trigger price.
    if order.price is None:
        raise ValueError(f"{t.value} order needs a price")
    if is_marketable(order.side, order.price, fired_at):
        return Match(True, fired_at, False, True)
    return Match(False, None, False, True)


def _match_limit(order: MatchOrder[P], bar: Bar[P], arriving: bool) -> Match[P] | None:
    if order.price is None:
        raise ValueError(f"{order.type.value} order needs a price")
    if arriving and is_marketable(order.side, order.price, bar.open):
        return Match(True, bar.open, False, order.triggered)
    fill = limit_fill_on_bar(order.side, order.price, bar)
    if fill is None:
        return None
    return Match(True, fill, True, order.triggered)


def oco_winner(stop_leg: Match[P] | None, other_leg: Match[P] | None) -> str | None:
    """Which OCO leg fills when both are evaluated on the same bar: 'stop', 'other' or None.

    Both fill → 'stop' (conservative ordering, see the module docstring).
    """
    stop_fills = stop_leg is not None and stop_leg.filled
    other_fills = other_leg is not None and other_leg.filled
    if stop_fills:
        return "stop"
    if other_fills:
        return "other"
    return None


def oco_prices_valid(side: Side, limit_price: P, stop_price: P, last_price: P) -> bool:
    """Binance's OCO price relationship: SELL limit > last > stop; BUY limit < last < stop."""
    if side is Side.SELL:
        return limit_price > last_price > stop_price
    return limit_price < last_price < stop_price
