"""AccountSource over Binance's REST API through ccxt (testnet, mainnet, or any compatible URL such as
the local exchange). Read-only: only GET endpoints are called. Raw Binance fields are read from each
ccxt result's `info`, so amounts keep their exact decimal strings."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from aitrader.agents.chat.models import (
    AssetBalance,
    OrderListView,
    OrderView,
    SymbolView,
    TickerView,
    TradeView,
)
from aitrader.agents.chat.sources import AUTH_HINT, SourceError, VenueAuthError

_KEY_VALUE = re.compile(r"(signature|apiKey|secret)=[^&\s\"']+", re.IGNORECASE)
_SECRETISH = re.compile(r"(signature|apiKey|secret|X-MBX-APIKEY)=?[^&\s\"']*", re.IGNORECASE)


# A venue whose clock is within this of ours runs on real time (Binance: well under a second).
REAL_TIME_TOLERANCE_MS = 60_000


def _d(x: Any) -> Decimal | None:
    if x is None or x == "":
        return None
    return Decimal(str(x))


def _dz(x: Any) -> Decimal:
    return _d(x) or Decimal(0)


def _order(raw: dict[str, Any]) -> OrderView:
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


def _symbol(raw: dict[str, Any]) -> SymbolView:
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


def safe_message(exc: BaseException) -> str:
    """An exchange error as one line with anything secret-looking removed."""
    text = _SECRETISH.sub(r"\1=***", str(exc)).replace("\n", " ")
    return f"{type(exc).__name__}: {text[:300]}"


def _venue_said(exc: BaseException) -> str:
    """The venue's own code and message from a ccxt error ("-1022 Signature for this request…")."""
    text = str(exc)
    found = re.search(r'"code"\s*:\s*(-?\d+)\s*,\s*"msg"\s*:\s*"([^"]*)"', text)
    if found:
        return _KEY_VALUE.sub(r"\1=***", f"{found.group(1)} {found.group(2)}")
    return safe_message(exc)


class CcxtAccountSource:
    def __init__(
        self,
        api_key: str,
        api_secret: str,
        rest_url: str | None = None,
        testnet: bool = True,
        timeout_ms: int = 10_000,
    ) -> None:
        import ccxt

        self._ccxt = ccxt
        ex = ccxt.binance(
            {
                "apiKey": api_key,
                "secret": api_secret,
                "timeout": timeout_ms,
                "enableRateLimit": False,
                "options": {
                    "fetchMarkets": {"types": ["spot"]},
                    "fetchCurrencies": False,
                    "fetchMargins": False,
                    "fetchOpenOrders": {"warnWithoutSymbol": False},
                    "warnOnFetchOpenOrdersWithoutSymbol": False,
                    # the clock is synced by server_time_ms (each question's first call), not by
                    # load_markets: one /api/v3/time per session on a real-time venue
                    "adjustForTimeDifference": False,
                },
            }
        )
        if testnet or rest_url:
            ex.set_sandbox_mode(True)
        if rest_url:
            base = rest_url.rstrip("/")
            ex.urls["api"]["public"] = ex.urls["api"]["private"] = f"{base}/api/v3"
            ex.urls["api"]["v1"] = f"{base}/api/v1"
        self.ex = ex
        self._loaded = False
        self._offset_ms: int | None = None  # local clock minus the venue's, once synced

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            if not self._loaded:
                self.ex.load_markets()
                self._loaded = True
            try:
                return fn(*args, **kwargs)
            except self._ccxt.InvalidNonce:  # -1021: our clock drifted from the venue's; re-sync once
                self._sync()
                return fn(*args, **kwargs)
        except (self._ccxt.AuthenticationError, self._ccxt.PermissionDenied) as exc:
            raise VenueAuthError(
                f"the venue refused the API key/secret: {AUTH_HINT} (venue said: {_venue_said(exc)})"
            ) from None
        except self._ccxt.BaseError as exc:
            raise SourceError(f"the venue refused or failed: {safe_message(exc)}") from None

    def _unified(self, symbol: str) -> str:
        self._call(lambda: None)
        found = self.ex.markets_by_id.get(symbol)
        if not found:
            raise SourceError(f"symbol {symbol} is not listed on this venue")
        return str(found[0]["symbol"])

    def balances(self) -> list[AssetBalance]:
        raw = self._call(self.ex.fetch_balance)["info"].get("balances", [])
        return [AssetBalance(asset=b["asset"], free=_dz(b["free"]), locked=_dz(b["locked"])) for b in raw]

    def open_orders(self, symbol: str | None) -> list[OrderView]:
        unified = self._unified(symbol) if symbol else None
        return [_order(o["info"]) for o in self._call(self.ex.fetch_open_orders, unified)]

    def open_order_lists(self) -> list[OrderListView]:
        raw = self._call(self.ex.private_get_openorderlist)
        return [
            OrderListView(
                order_list_id=int(x["orderListId"]),
                symbol=x["symbol"],
                contingency_type=x.get("contingencyType", "OCO"),
                status=x.get("listOrderStatus", x.get("listStatusType", "")),
                order_ids=[str(o["orderId"]) for o in x.get("orders", [])],
                time_ms=int(x.get("transactionTime", 0)),
            )
            for x in raw
        ]

    def orders(self, symbol: str, since_ms: int | None) -> list[OrderView]:
        return [_order(o["info"]) for o in self._call(self.ex.fetch_orders, self._unified(symbol), since_ms)]

    def trades(self, symbol: str, since_ms: int | None) -> list[TradeView]:
        out = []
        for t in self._call(self.ex.fetch_my_trades, self._unified(symbol), since_ms, 1000):
            r = t["info"]
            out.append(
                TradeView(
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
            )
        return out

    def ticker(self, symbol: str) -> TickerView:
        r = self._call(self.ex.fetch_ticker, self._unified(symbol))["info"]
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
        self._call(lambda: None)
        return [_symbol(m["info"]) for m in self.ex.markets.values() if m.get("spot") and m.get("info")]

    def _sync(self) -> int:
        server = int(self.ex.fetch_time())
        self._offset_ms = int(self.ex.milliseconds()) - server
        self.ex.options["timeDifference"] = self._offset_ms
        return server

    def server_time_ms(self) -> int:
        """The venue's clock. A venue on real time is asked once per session (later questions use the
        local clock minus the measured offset; a -1021 re-syncs); a replaying venue, whose clock is
        far from ours and can jump, is asked every time."""
        if self._offset_ms is not None and abs(self._offset_ms) <= REAL_TIME_TOLERANCE_MS:
            return int(self.ex.milliseconds()) - self._offset_ms
        return int(self._call(self._sync))
