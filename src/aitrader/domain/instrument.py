"""A tradable symbol with its exchange filters, built from a real Binance exchangeInfo entry.

Rounding is exact (Decimal) and direction-aware: quantities are only ever rounded down, so a
rounded order never asks for more than the caller wanted. `validate` answers with the same
failure the venue would give (`Filter failure: NOTIONAL`, code -1013).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from enum import Enum
from typing import Any

from aitrader.domain.enums import OrderType, Side
from aitrader.domain.orders import OrderRequest

ZERO = Decimal(0)


class Rounding(Enum):
    DOWN = "down"
    UP = "up"
    NEAREST = "nearest"


_MODES = {Rounding.DOWN: ROUND_FLOOR, Rounding.UP: ROUND_CEILING, Rounding.NEAREST: ROUND_HALF_EVEN}


def round_to_step(value: Decimal, step: Decimal, rounding: Rounding) -> Decimal:
    """Round `value` to a multiple of `step` (a step of 0 means no rounding)."""
    if step <= 0:
        return value
    units = (value / step).to_integral_value(rounding=_MODES[rounding])
    return (units * step).quantize(step)


def _dec(raw: Any) -> Decimal:
    return Decimal(str(raw))


@dataclass(frozen=True, slots=True)
class FilterFailure:
    """Why a venue would refuse an order: the filter's name and a sentence for people."""

    filter: str
    detail: str
    code: int = -1013

    @property
    def message(self) -> str:
        """The exact message Binance sends, e.g. 'Filter failure: NOTIONAL'."""
        return f"Filter failure: {self.filter}"

    def __str__(self) -> str:
        return f"{self.message} ({self.detail})"


@dataclass(frozen=True, slots=True)
class SymbolInfo:
    """The trading spec's symbol record, derived from an exchangeInfo entry."""

    exchange: str
    global_symbol: str
    price_ccy: str
    price_quote_ccy: str
    exchange_symbol: str
    size_ccy: str
    size_multiplier: Decimal
    market_type: str
    is_live: bool
    order_size_incremental: Decimal
    min_order_size: Decimal
    min_order_size_in_value: Decimal
    tick_size: Decimal
    expiry_datetime: dt.datetime | None
    update_datetime: dt.datetime


@dataclass(frozen=True, slots=True)
class Instrument:
    """A symbol's trading rules. Build it with `from_exchange_info`."""

    symbol: str
    base_asset: str
    quote_asset: str
    status: str = "TRADING"
    exchange: str = "binance"
    market_type: str = "spot"
    allows_short: bool = False
    min_price: Decimal = ZERO
    max_price: Decimal = ZERO
    tick_size: Decimal = ZERO
    min_qty: Decimal = ZERO
    max_qty: Decimal = ZERO
    step_size: Decimal = ZERO
    market_min_qty: Decimal = ZERO
    market_max_qty: Decimal = ZERO
    market_step_size: Decimal = ZERO
    min_notional: Decimal = ZERO
    max_notional: Decimal = ZERO
    apply_min_to_market: bool = True
    apply_max_to_market: bool = False
    bid_multiplier_up: Decimal = ZERO
    bid_multiplier_down: Decimal = ZERO
    ask_multiplier_up: Decimal = ZERO
    ask_multiplier_down: Decimal = ZERO
    base_precision: int = 8
    quote_precision: int = 8
    order_types: frozenset[OrderType] = frozenset(OrderType)
    oco_allowed: bool = True
    quote_order_qty_market_allowed: bool = True
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    # ---- construction -------------------------------------------------------------------------
    @classmethod
    def from_exchange_info(cls, entry: Mapping[str, Any], exchange: str = "binance") -> Instrument:
        """Build from one element of exchangeInfo's `symbols` list (a verbatim Binance entry)."""
        filters = {f["filterType"]: f for f in entry.get("filters", [])}
        price = filters.get("PRICE_FILTER", {})
        lot = filters.get("LOT_SIZE", {})
        market_lot = filters.get("MARKET_LOT_SIZE", {})
        notional = filters.get("NOTIONAL") or filters.get("MIN_NOTIONAL") or {}
        pps = filters.get("PERCENT_PRICE_BY_SIDE", {})
        permissions = {p for group in entry.get("permissionSets", []) for p in group} | set(
            entry.get("permissions", [])
        )
        known_types = {t.value for t in OrderType}
        return cls(
            symbol=str(entry["symbol"]),
            base_asset=str(entry["baseAsset"]),
            quote_asset=str(entry["quoteAsset"]),
            status=str(entry.get("status", "TRADING")),
            exchange=exchange,
            market_type="spot",
            allows_short=bool(entry.get("isMarginTradingAllowed", False)) and "MARGIN" in permissions,
            min_price=_dec(price.get("minPrice", 0)),
            max_price=_dec(price.get("maxPrice", 0)),
            tick_size=_dec(price.get("tickSize", 0)),
            min_qty=_dec(lot.get("minQty", 0)),
            max_qty=_dec(lot.get("maxQty", 0)),
            step_size=_dec(lot.get("stepSize", 0)),
            market_min_qty=_dec(market_lot.get("minQty", 0)),
            market_max_qty=_dec(market_lot.get("maxQty", 0)),
            market_step_size=_dec(market_lot.get("stepSize", 0)),
            min_notional=_dec(notional.get("minNotional", 0)),
            max_notional=_dec(notional.get("maxNotional", 0)),
            apply_min_to_market=bool(notional.get("applyMinToMarket", notional.get("applyToMarket", True))),
            apply_max_to_market=bool(notional.get("applyMaxToMarket", False)),
            bid_multiplier_up=_dec(pps.get("bidMultiplierUp", 0)),
            bid_multiplier_down=_dec(pps.get("bidMultiplierDown", 0)),
            ask_multiplier_up=_dec(pps.get("askMultiplierUp", 0)),
            ask_multiplier_down=_dec(pps.get("askMultiplierDown", 0)),
            base_precision=int(entry.get("baseAssetPrecision", 8)),
            quote_precision=int(entry.get("quoteAssetPrecision", entry.get("quotePrecision", 8))),
            order_types=frozenset(OrderType(t) for t in entry.get("orderTypes", []) if t in known_types),
            oco_allowed=bool(entry.get("ocoAllowed", True)),
            quote_order_qty_market_allowed=bool(entry.get("quoteOrderQtyMarketAllowed", True)),
            raw=dict(entry),
        )

    # ---- rounding ------------------------------------------------------------------------------
    def round_price(self, price: Decimal, rounding: Rounding = Rounding.NEAREST) -> Decimal:
        """Round a price (or stop price) to the tick size."""
        return round_to_step(Decimal(price), self.tick_size, rounding)

    def round_qty(self, qty: Decimal, market: bool = False) -> Decimal:
        """Round a quantity DOWN to the step (MARKET_LOT_SIZE's step for market orders when set)."""
        step = self.market_step_size if market and self.market_step_size > 0 else self.step_size
        rounded = round_to_step(Decimal(qty), step, Rounding.DOWN)
        return max(rounded, ZERO)

    def min_qty_for_notional(self, price: Decimal) -> Decimal:
        """The smallest step-aligned quantity whose notional at `price` meets min notional and min qty."""
        if price <= 0:
            raise ValueError(f"price must be positive, got {price}")
        needed = max(self.min_notional / price, self.min_qty)
        return round_to_step(needed, self.step_size, Rounding.UP)

    # ---- validation ----------------------------------------------------------------------------
    def validate(self, order: OrderRequest, reference_price: Decimal | None = None) -> FilterFailure | None:
        """The filter failure a Binance venue would answer for this order, or None if it passes.

        `reference_price` is the venue's average price: market orders use it for NOTIONAL, priced
        orders for PERCENT_PRICE_BY_SIDE. Checks that need it are skipped when it is None.
        """
        for p, name in ((order.price, "price"), (order.stop_price, "stopPrice")):
            if p is not None:
                failure = self._check_price(p, name)
                if failure:
                    return failure
        if order.price is not None and reference_price is not None:
            failure = self._check_percent_price(order.side, order.price, reference_price)
            if failure:
                return failure
        is_market = order.type in (OrderType.MARKET, OrderType.STOP_LOSS, OrderType.TAKE_PROFIT)
        if order.quantity is not None:
            failure = self._check_lot(order.quantity, market=False)
            if failure:
                return failure
            if order.type is OrderType.MARKET:
                failure = self._check_lot(order.quantity, market=True)
                if failure:
                    return failure
        return self._check_notional(order, is_market, reference_price)

    def _check_price(self, price: Decimal, name: str) -> FilterFailure | None:
        if price <= 0:
            return FilterFailure("PRICE_FILTER", f"{name} {price} must be positive")
        if self.min_price > 0 and price < self.min_price:
            return FilterFailure("PRICE_FILTER", f"{name} {price} is below minPrice {self.min_price}")
        if self.max_price > 0 and price > self.max_price:
            return FilterFailure("PRICE_FILTER", f"{name} {price} is above maxPrice {self.max_price}")
        if self.tick_size > 0 and price % self.tick_size != 0:
            return FilterFailure(
                "PRICE_FILTER", f"{name} {price} is not a multiple of tickSize {self.tick_size}"
            )
        return None

    def _check_percent_price(self, side: Side, price: Decimal, avg: Decimal) -> FilterFailure | None:
        up, down = (
            (self.bid_multiplier_up, self.bid_multiplier_down)
            if side is Side.BUY
            else (self.ask_multiplier_up, self.ask_multiplier_down)
        )
        if up > 0 and price > avg * up:
            return FilterFailure("PERCENT_PRICE_BY_SIDE", f"price {price} is above {up} x average {avg}")
        if down > 0 and price < avg * down:
            return FilterFailure("PERCENT_PRICE_BY_SIDE", f"price {price} is below {down} x average {avg}")
        return None

    def _check_lot(self, qty: Decimal, market: bool) -> FilterFailure | None:
        name = "MARKET_LOT_SIZE" if market else "LOT_SIZE"
        lo, hi, step = (
            (self.market_min_qty, self.market_max_qty, self.market_step_size)
            if market
            else (self.min_qty, self.max_qty, self.step_size)
        )
        if qty <= 0:
            return FilterFailure(name, f"quantity {qty} must be positive")
        if lo > 0 and qty < lo:
            return FilterFailure(name, f"quantity {qty} is below minQty {lo}")
        if hi > 0 and qty > hi:
            return FilterFailure(name, f"quantity {qty} is above maxQty {hi}")
        if step > 0 and qty % step != 0:
            return FilterFailure(name, f"quantity {qty} is not a multiple of stepSize {step}")
        return None

    def _check_notional(
        self, order: OrderRequest, is_market: bool, reference_price: Decimal | None
    ) -> FilterFailure | None:
        if order.quote_order_qty is not None and order.quantity is None:
            notional: Decimal | None = order.quote_order_qty
        else:
            price = reference_price if is_market else order.price
            notional = None if price is None or order.quantity is None else price * order.quantity
        if notional is None:
            return None
        check_min = self.min_notional > 0 and (not is_market or self.apply_min_to_market)
        check_max = self.max_notional > 0 and (not is_market or self.apply_max_to_market)
        if check_min and notional < self.min_notional:
            return FilterFailure("NOTIONAL", f"notional {notional} is below minNotional {self.min_notional}")
        if check_max and notional > self.max_notional:
            return FilterFailure("NOTIONAL", f"notional {notional} is above maxNotional {self.max_notional}")
        return None

    # ---- views ---------------------------------------------------------------------------------
    @property
    def ccxt_symbol(self) -> str:
        """Unified symbol as ccxt writes it, e.g. 'BTC/USDT'."""
        return f"{self.base_asset}/{self.quote_asset}"

    def symbol_info(self, updated: dt.datetime | None = None) -> SymbolInfo:
        """The trading spec's symbol record. Spot symbols have no expiry and a size multiplier of 1."""
        return SymbolInfo(
            exchange=self.exchange,
            global_symbol=self.ccxt_symbol,
            price_ccy=self.quote_asset,
            price_quote_ccy=self.base_asset,
            exchange_symbol=self.symbol,
            size_ccy=self.base_asset,
            size_multiplier=Decimal(1),
            market_type=self.market_type,
            is_live=self.status == "TRADING",
            order_size_incremental=self.step_size,
            min_order_size=self.min_qty,
            min_order_size_in_value=self.min_notional,
            tick_size=self.tick_size,
            expiry_datetime=None,
            update_datetime=updated or dt.datetime.now(tz=dt.UTC),
        )
