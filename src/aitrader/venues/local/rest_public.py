"""Public REST endpoints (security NONE): ping, time, exchangeInfo, klines, tickers, avgPrice, depth."""

from __future__ import annotations

import json
from typing import Any

from aitrader.domain import Timeframe
from aitrader.venues.local import errors as errs
from aitrader.venues.local import market_views as mv
from aitrader.venues.local import recent_trades
from aitrader.venues.local.instruments import RATE_LIMITS
from aitrader.venues.local.klines import kline_rows, parse_time_zone
from aitrader.venues.local.params import int_opt, opt, symbol_param
from aitrader.venues.local.routes import Ctx, Route

_INTERVALS = {tf.value: tf for tf in Timeframe}


def ping(ctx: Ctx) -> Any:  # noqa: ARG001
    return {}


def server_time(ctx: Ctx) -> Any:
    return {"serverTime": ctx.core.server_time()}


def _symbols_param(ctx: Ctx) -> list[str] | None:
    """`symbol` or `symbols` (JSON array); None when neither is sent (= all symbols)."""
    p, known = ctx.params, ctx.eng.instruments
    one, many = opt(p, "symbol"), opt(p, "symbols")
    if one is not None and many is not None:
        raise errs.BinanceError(-1128, "Combination of optional parameters invalid.")
    if one is not None:
        return [symbol_param(p, known)]
    if many is None:
        return None
    try:
        names = json.loads(many)
    except json.JSONDecodeError:
        raise errs.illegal("symbols", '["BTCUSDT","ETHUSDT"]') from None
    if not isinstance(names, list) or not names:
        raise errs.mandatory("symbols")
    for n in names:
        if n not in known:
            raise errs.BAD_SYMBOL
    return [str(n) for n in names]


def exchange_info(ctx: Ctx) -> Any:
    p = ctx.params
    wanted = _symbols_param(ctx)
    if wanted is not None and (opt(p, "permissions") or opt(p, "symbolStatus")):
        raise errs.BinanceError(-1128, "Combination of optional parameters invalid.")
    status = opt(p, "symbolStatus")
    names = wanted if wanted is not None else list(ctx.eng.entries)
    symbols = [ctx.eng.entries[s] for s in names]
    if status is not None:
        symbols = [s for s in symbols if s.get("status") == status]
    if opt(p, "showPermissionSets") == "false":
        symbols = [{k: v for k, v in s.items() if k != "permissionSets"} for s in symbols]
    cfg = ctx.core.config
    limits = [dict(x) for x in RATE_LIMITS]
    limits[0]["limit"], limits[1]["limit"], limits[2]["limit"] = (
        cfg.request_weight_limit, cfg.orders_per_10s, cfg.orders_per_day,
    )  # fmt: skip
    return {
        "timezone": "UTC",
        "serverTime": ctx.core.server_time(),
        "rateLimits": limits,
        "exchangeFilters": [],
        "symbols": symbols,
    }


def klines(ctx: Ctx) -> Any:
    p = ctx.params
    symbol = symbol_param(p, ctx.eng.instruments)
    name = opt(p, "interval")
    if name is None:
        raise errs.mandatory("interval")
    interval = _INTERVALS.get(name)
    if interval is None:
        raise errs.BAD_INTERVAL
    limit = int_opt(p, "limit") or 500
    limit = max(1, min(limit, 1000))
    start, end = int_opt(p, "startTime"), int_opt(p, "endTime")
    if start is not None and end is not None and start > end:
        raise errs.BinanceError(-1023, "Start time is greater than end time.")
    offset = parse_time_zone(opt(p, "timeZone"))
    return kline_rows(ctx.eng.tapes[symbol], interval, start, end, limit, offset)


def _per_symbol(ctx: Ctx, fn: Any) -> Any:
    names = _symbols_param(ctx)
    if names is not None and opt(ctx.params, "symbol") is not None:
        return fn(ctx.eng, names[0])
    return [fn(ctx.eng, s) for s in (names or list(ctx.eng.tapes))]


def ticker_price(ctx: Ctx) -> Any:
    return _per_symbol(ctx, mv.price_ticker)


def book_ticker(ctx: Ctx) -> Any:
    return _per_symbol(ctx, mv.book_ticker)


def ticker_24h(ctx: Ctx) -> Any:
    kind = opt(ctx.params, "type") or "FULL"
    if kind not in ("FULL", "MINI"):
        raise errs.illegal("type", "FULL, MINI")
    return _per_symbol(ctx, lambda eng, s: mv.ticker_24h(eng, s, full=kind == "FULL"))


def avg_price(ctx: Ctx) -> Any:
    return mv.avg_price(ctx.eng, symbol_param(ctx.params, ctx.eng.instruments))


def depth(ctx: Ctx) -> Any:
    symbol = symbol_param(ctx.params, ctx.eng.instruments)
    limit = int_opt(ctx.params, "limit") or 100
    return mv.depth(ctx.eng, symbol, max(1, min(limit, 5000)))


def trades(ctx: Ctx) -> Any:
    symbol = symbol_param(ctx.params, ctx.eng.instruments)
    limit = max(1, min(int_opt(ctx.params, "limit") or 500, 1000))
    return recent_trades.trades_json(ctx.eng.tapes[symbol], limit)


def agg_trades(ctx: Ctx) -> Any:
    p = ctx.params
    symbol = symbol_param(p, ctx.eng.instruments)
    limit = max(1, min(int_opt(p, "limit") or 500, 1000))
    return recent_trades.agg_trades_json(
        ctx.eng.tapes[symbol], limit, int_opt(p, "startTime"), int_opt(p, "endTime")
    )


def _depth_weight(p: Any) -> int:
    limit = int(p.get("limit") or 100) if str(p.get("limit") or "100").isdigit() else 100
    return 5 if limit <= 100 else 25 if limit <= 500 else 50 if limit <= 1000 else 250


def _ticker_weight(p: Any) -> int:
    return 2 if p.get("symbol") else 4


def _t24_weight(p: Any) -> int:
    if p.get("symbol"):
        return 2
    return 40 if p.get("symbols") else 80


PUBLIC_ROUTES = [
    Route("GET", "/api/v3/ping", ping, 1),
    Route("GET", "/api/v3/time", server_time, 1),
    Route("GET", "/api/v3/exchangeInfo", exchange_info, 20),
    Route("GET", "/api/v3/klines", klines, 2),
    Route("GET", "/api/v3/uiKlines", klines, 2),
    Route("GET", "/api/v3/ticker/price", ticker_price, _ticker_weight),
    Route("GET", "/api/v3/ticker/bookTicker", book_ticker, _ticker_weight),
    Route("GET", "/api/v3/ticker/24hr", ticker_24h, _t24_weight),
    Route("GET", "/api/v3/avgPrice", avg_price, 2),
    Route("GET", "/api/v3/depth", depth, _depth_weight),
    Route("GET", "/api/v3/trades", trades, 25),
    Route("GET", "/api/v3/aggTrades", agg_trades, 4),
]
