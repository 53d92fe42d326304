"""Public market data answered from the replay: prices, book tickers, 24 h tickers, avgPrice, depth.

The order book is synthetic: the best bid is the last replayed price, the best ask one tick above,
and levels step one tick outwards with sizes derived from the candle's volume.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aitrader.domain.decimals import to_decimal
from aitrader.venues.local.engine import Engine
from aitrader.venues.local.klines import rolling_window
from aitrader.venues.local.wire import d8, f8

Json = dict[str, Any]
DAY_MS = 86_400_000


def _level_qty(eng: Engine, symbol: str, i: int) -> Decimal:
    tape = eng.tapes[symbol]
    inst = eng.instruments[symbol]
    base = max(tape.last_qty, float(inst.min_qty) * 10)
    qty = to_decimal(base * (0.05 + 0.02 * ((i * 7919 + tape.trade_id) % 13)))
    return max(inst.round_qty(qty), inst.step_size)


def best_bid_ask(eng: Engine, symbol: str) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    last = eng.last_price(symbol)
    tick = eng.instruments[symbol].tick_size
    return last, _level_qty(eng, symbol, 0), last + tick, _level_qty(eng, symbol, 1)


def price_ticker(eng: Engine, symbol: str) -> Json:
    return {"symbol": symbol, "price": d8(eng.last_price(symbol))}


def book_ticker(eng: Engine, symbol: str) -> Json:
    bid, bq, ask, aq = best_bid_ask(eng, symbol)
    return {"symbol": symbol, "bidPrice": d8(bid), "bidQty": d8(bq), "askPrice": d8(ask), "askQty": d8(aq)}


def depth(eng: Engine, symbol: str, limit: int) -> Json:
    tick = eng.instruments[symbol].tick_size
    last = eng.last_price(symbol)
    bids = [
        [d8(last - tick * i), d8(_level_qty(eng, symbol, 2 * i))] for i in range(limit) if last - tick * i > 0
    ]
    asks = [[d8(last + tick * (i + 1)), d8(_level_qty(eng, symbol, 2 * i + 1))] for i in range(limit)]
    return {"lastUpdateId": eng.tapes[symbol].trade_id, "bids": bids, "asks": asks}


def avg_price(eng: Engine, symbol: str) -> Json:
    return {"mins": 5, "price": d8(eng.avg_price(symbol)), "closeTime": eng.now()}


def ticker_24h(eng: Engine, symbol: str, full: bool = True) -> Json:
    tape = eng.tapes[symbol]
    now = eng.now()
    w = rolling_window(tape, now, DAY_MS)
    last = float(eng.last_price(symbol))
    o = w["open"] if w else last
    h = w["high"] if w else last
    lo = w["low"] if w else last
    v = w["volume"] if w else 0.0
    q = w["quote"] if w else 0.0
    count = int(w["count"]) if w else 0
    open_time = int(w["open_time"]) if w else now
    last_id = tape.trade_id
    first_id = max(0, last_id - count + 1) if count else -1
    if not full:
        return {
            "symbol": symbol, "openPrice": f8(o), "highPrice": f8(h), "lowPrice": f8(lo), "lastPrice": f8(last),
            "volume": f8(v), "quoteVolume": f8(q), "openTime": open_time, "closeTime": now,
            "firstId": first_id, "lastId": last_id if count else -1, "count": count,
        }  # fmt: skip
    bid, bq, ask, aq = best_bid_ask(eng, symbol)
    change = last - o
    return {
        "symbol": symbol,
        "priceChange": f8(change),
        "priceChangePercent": f"{(change / o * 100 if o else 0.0):.3f}",
        "weightedAvgPrice": f8(q / v if v else last),
        "prevClosePrice": f8(o),
        "lastPrice": f8(last),
        "lastQty": f8(tape.last_qty),
        "bidPrice": d8(bid),
        "bidQty": d8(bq),
        "askPrice": d8(ask),
        "askQty": d8(aq),
        "openPrice": f8(o),
        "highPrice": f8(h),
        "lowPrice": f8(lo),
        "volume": f8(v),
        "quoteVolume": f8(q),
        "openTime": open_time,
        "closeTime": now,
        "firstId": first_id,
        "lastId": last_id if count else -1,
        "count": count,
    }


def mini_ticker_event(eng: Engine, symbol: str) -> Json:
    t = ticker_24h(eng, symbol, full=False)
    return {
        "e": "24hrMiniTicker", "E": eng.now(), "s": symbol, "c": t["lastPrice"], "o": t["openPrice"],
        "h": t["highPrice"], "l": t["lowPrice"], "v": t["volume"], "q": t["quoteVolume"],
    }  # fmt: skip
