"""AccountSource over Binance Spot REST (testnet, mainnet, or a compatible URL such as the local
exchange), through `rest_client.BinanceRestClient`. Read-only: only GET endpoints are called, and
amounts keep the venue's exact decimal strings.

Endpoints (docs binance-spot-contract §3): /api/v3/account, openOrders, openOrderList, allOrders,
myTrades (signed); exchangeInfo, ticker/24hr, klines, time (public). The market list is read once
per session; for a venue that is not on this machine it is also kept on disk for an hour
(`MarketCache`), so a one-shot question does not download a large exchangeInfo every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aitrader.agents.chat.models import (
    AssetBalance,
    OrderListView,
    OrderView,
    SymbolView,
    TickerView,
    TradeView,
)
from aitrader.agents.chat.rest_client import BinanceRestClient, VenueRejectedError
from aitrader.agents.chat.sources import SourceError

if TYPE_CHECKING:
    from aitrader.domain.candles import Candles

MAX_KLINES_PER_CALL = 1000
MAX_ROWS = 1000  # allOrders / myTrades rows per question (Binance's maximum page)
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _d(x: Any) -> Decimal | None:
    if x is None or x == "":
        return None
    return Decimal(str(x))


def _dz(x: Any) -> Decimal:
    return _d(x) or Decimal(0)


def order_view(raw: dict[str, Any]) -> OrderView:
    """One order as GET /api/v3/order, openOrders and allOrders return it."""
    price = _d(raw.get("price"))
    stop = _d(raw.get("stopPrice"))
    return OrderView(
        order_id=str(raw["orderId"]),
        symbol=raw["symbol"],
        side=raw["side"],
        type=raw["type"],
        status=raw["status"],
        price=price if price else None,
        stop_price=stop if stop else None,
        quantity=_dz(raw.get("origQty")),
        filled=_dz(raw.get("executedQty")),
        client_order_id=raw.get("clientOrderId"),
        order_list_id=int(raw.get("orderListId", -1)),
        time_ms=int(raw.get("time") or raw.get("transactTime") or raw.get("updateTime") or 0),
    )


def symbol_view(raw: dict[str, Any]) -> SymbolView:
    """One `symbols` entry of GET /api/v3/exchangeInfo."""
    filters = {f["filterType"]: f for f in raw.get("filters", [])}
    price_f, lot = filters.get("PRICE_FILTER", {}), filters.get("LOT_SIZE", {})
    notional = filters.get("NOTIONAL") or filters.get("MIN_NOTIONAL") or {}
    return SymbolView(
        symbol=raw["symbol"],
        base=raw["baseAsset"],
        quote=raw["quoteAsset"],
        tick_size=_d(price_f.get("tickSize")),
        min_price=_d(price_f.get("minPrice")),
        step_size=_d(lot.get("stepSize")),
        min_qty=_d(lot.get("minQty")),
        max_qty=_d(lot.get("maxQty")),
        min_notional=_d(notional.get("minNotional")),
        status=raw.get("status", "TRADING"),
    )


def _trade_view(r: dict[str, Any]) -> TradeView:
    return TradeView(
        trade_id=str(r["id"]),
        order_id=str(r["orderId"]),
        symbol=r["symbol"],
        side="BUY" if r.get("isBuyer") else "SELL",
        price=_dz(r["price"]),
        quantity=_dz(r["qty"]),
        commission=_dz(r.get("commission")),
        commission_asset=r.get("commissionAsset", ""),
        time_ms=int(r["time"]),
    )


class MarketCache:
    """The venue's market list on disk for `ttl_s`: one JSON file per REST URL under `folder`.

    Any problem reading or writing it only means the venue is asked again."""

    def __init__(self, folder: Path, ttl_s: float = 3600.0) -> None:
        self.folder = folder
        self.ttl_s = ttl_s

    @classmethod
    def default_for(cls, rest_url: str) -> MarketCache | None:
        """The user's cache folder, except for a venue on this machine (a local exchange restarted
        on the same port may list other symbols)."""
        if (urlsplit(rest_url).hostname or "") in _LOOPBACK:
            return None
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return cls(Path(base) / "aitrader" / "markets")

    def _path(self, rest_url: str) -> Path:
        return self.folder / f"{hashlib.sha256(rest_url.encode()).hexdigest()[:16]}.json"

    def load(self, rest_url: str) -> list[SymbolView] | None:
        path = self._path(rest_url)
        try:
            if time.time() - path.stat().st_mtime > self.ttl_s:
                return None
            rows = json.loads(path.read_text())
            return [SymbolView.model_validate(r) for r in rows]
        except (OSError, ValueError, TypeError):
            return None

    def save(self, rest_url: str, symbols: list[SymbolView]) -> None:
        path = self._path(rest_url)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps([s.model_dump(mode="json") for s in symbols]))
            tmp.replace(path)


class RestAccountSource:
    """The chat's read-only view of a Binance Spot account over REST."""

    def __init__(
        self,
        api_key: str,
        api_secret: str,
        rest_url: str,
        timeout_s: float = 10.0,
        market_cache: MarketCache | None = None,
    ) -> None:
        self.client = BinanceRestClient(rest_url, api_key, api_secret, timeout_s=timeout_s)
        self.market_cache = market_cache
        self._symbols: list[SymbolView] | None = None

    def close(self) -> None:
        self.client.close()

    def _for_symbol(self, symbol: str, fn: Any, *args: Any) -> Any:
        """A call about one symbol; the venue's -1121 becomes "not listed"."""
        try:
            return fn(*args)
        except VenueRejectedError as exc:
            if exc.code == -1121:
                raise SourceError(f"symbol {symbol} is not listed on this venue") from None
            raise

    def balances(self) -> list[AssetBalance]:
        raw = self.client.signed("/api/v3/account").get("balances", [])
        return [AssetBalance(asset=b["asset"], free=_dz(b["free"]), locked=_dz(b["locked"])) for b in raw]

    def open_orders(self, symbol: str | None) -> list[OrderView]:
        params = {"symbol": symbol} if symbol else {}
        rows = self._for_symbol(symbol or "", self.client.signed, "/api/v3/openOrders", params)
        return [order_view(o) for o in rows]

    def open_order_lists(self) -> list[OrderListView]:
        return [
            OrderListView(
                order_list_id=int(x["orderListId"]),
                symbol=x["symbol"],
                contingency_type=x.get("contingencyType", "OCO"),
                status=x.get("listOrderStatus", x.get("listStatusType", "")),
                order_ids=[str(o["orderId"]) for o in x.get("orders", [])],
                time_ms=int(x.get("transactionTime", 0)),
            )
            for x in self.client.signed("/api/v3/openOrderList")
        ]

    def _history(self, path: str, symbol: str, since_ms: int | None) -> list[dict[str, Any]]:
        """A signed history endpoint's rows for `symbol`, from `since_ms` on (the newest MAX_ROWS)."""
        params: dict[str, Any] = {"symbol": symbol, "limit": MAX_ROWS}
        if since_ms is not None:
            params["startTime"] = since_ms
        rows: list[dict[str, Any]] = self._for_symbol(symbol, self.client.signed, path, params)
        return rows

    def orders(self, symbol: str, since_ms: int | None) -> list[OrderView]:
        found = [order_view(o) for o in self._history("/api/v3/allOrders", symbol, since_ms)]
        return [o for o in found if since_ms is None or o.time_ms >= since_ms]

    def trades(self, symbol: str, since_ms: int | None) -> list[TradeView]:
        found = [_trade_view(t) for t in self._history("/api/v3/myTrades", symbol, since_ms)]
        return [t for t in found if since_ms is None or t.time_ms >= since_ms]

    def ticker(self, symbol: str) -> TickerView:
        r = self._for_symbol(symbol, self.client.public, "/api/v3/ticker/24hr", {"symbol": symbol})
        return TickerView(
            symbol=r.get("symbol", symbol),
            last=_dz(r.get("lastPrice")),
            open=_d(r.get("openPrice")),
            high=_d(r.get("highPrice")),
            low=_d(r.get("lowPrice")),
            change_pct=_d(r.get("priceChangePercent")),
            base_volume=_d(r.get("volume")),
            quote_volume=_d(r.get("quoteVolume")),
            time_ms=int(r.get("closeTime") or 0),
        )

    def symbols(self) -> list[SymbolView]:
        if self._symbols is None:
            url = self.client.rest_url
            cached = self.market_cache.load(url) if self.market_cache is not None else None
            if cached is None:
                info = self.client.public("/api/v3/exchangeInfo")
                cached = [symbol_view(s) for s in info.get("symbols", [])]
                if self.market_cache is not None:
                    self.market_cache.save(url, cached)
            self._symbols = cached
        return list(self._symbols)

    def server_time_ms(self) -> int:
        """The venue's clock (see `rest_client`: asked once per session on a real-time venue)."""
        return self.client.server_time_ms()

    def candles(self, symbol: str, interval: str, limit: int) -> Candles:
        """The newest `limit` candles, oldest first, paging past Binance's 1000 per call. As on
        Binance, the last one may still be forming."""
        from aitrader.domain.candles import Candles
        from aitrader.domain.timeframe import Timeframe

        try:
            tf = Timeframe.parse(interval)
        except ValueError as exc:
            raise SourceError(str(exc)) from None
        if limit < 1:
            raise SourceError(f"asked for {limit} candles: ask for at least one")
        rows: list[list[Any]] = []
        end: int | None = None
        while len(rows) < limit:
            n = min(MAX_KLINES_PER_CALL, limit - len(rows))
            params: dict[str, Any] = {"symbol": symbol, "interval": tf.value, "limit": n}
            if end is not None:
                params["endTime"] = end
            batch = self._for_symbol(symbol, self.client.public, "/api/v3/klines", params)
            rows = batch + rows
            if len(batch) < n:
                break
            end = int(batch[0][0]) - 1
        cols = list(zip(*rows, strict=False)) if rows else [()] * 6
        return Candles.from_arrays(
            [int(t) for t in cols[0]],
            [float(x) for x in cols[1]],
            [float(x) for x in cols[2]],
            [float(x) for x in cols[3]],
            [float(x) for x in cols[4]],
            [float(x) for x in cols[5]],
            symbol=symbol,
            timeframe=tf,
            source=f"{self.client.rest_url}/api/v3/klines",
        )
