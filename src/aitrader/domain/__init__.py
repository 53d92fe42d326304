"""Value types shared by every layer. No I/O here, and no third-party imports but numpy."""

from aitrader.domain.candles import Candle, Candles
from aitrader.domain.enums import OrderStatus, OrderType, Side, TimeInForce
from aitrader.domain.instrument import FilterFailure, Instrument, SymbolInfo
from aitrader.domain.orders import Fill, Order, OrderRequest
from aitrader.domain.timeframe import Timeframe

__all__ = [
    "Candle",
    "Candles",
    "Fill",
    "FilterFailure",
    "Instrument",
    "Order",
    "OrderRequest",
    "OrderStatus",
    "OrderType",
    "Side",
    "SymbolInfo",
    "TimeInForce",
    "Timeframe",
]
