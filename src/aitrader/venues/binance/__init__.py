"""Binance Spot venue adapter: kline market streams, the ccxt exchange broker, user-data stream."""

from aitrader.domain.client_ids import Leg, client_order_id, is_ours, parse_client_order_id
from aitrader.venues.binance.exchange_broker import BinanceBroker, OcoRequest, OrderList
from aitrader.venues.binance.klines import KlineUpdate, parse_kline_event, parse_rest_kline
from aitrader.venues.binance.market_stream import ConnectionEvent, DataQualityEvent, MarketStream, StreamEvent
from aitrader.venues.binance.rest_public import PublicRest

__all__ = [
    "BinanceBroker",
    "ConnectionEvent",
    "DataQualityEvent",
    "KlineUpdate",
    "Leg",
    "MarketStream",
    "OcoRequest",
    "OrderList",
    "PublicRest",
    "StreamEvent",
    "client_order_id",
    "is_ours",
    "parse_client_order_id",
    "parse_kline_event",
    "parse_rest_kline",
]
