"""Recent public trades, rebuilt from the replayed ticks (one synthetic trade per tick)."""

from __future__ import annotations

from typing import Any

from aitrader.venues.local.tape import SymbolTape
from aitrader.venues.local.wire import d8, f8

Json = dict[str, Any]


def recent_ticks(tape: SymbolTape, limit: int) -> list[Json]:
    """The last `limit` replayed ticks, oldest first: id, price, qty, time, buyer-is-maker."""
    out: list[Json] = []
    i, k, tid = tape.i, tape.k, tape.trade_id
    while tid >= 1 and len(out) < limit and i >= 0 and k >= 0:
        path = tape.path(i)
        price = path[k]
        prev_i, prev_k = (i, k - 1) if k > 0 else (i - 1, tape.n - 1)
        prev = tape.path(prev_i)[prev_k] if prev_i >= 0 else price
        qty = float(tape.candles.volume[i]) / tape.n
        out.append({"id": tid, "price": price, "qty": qty, "time": tape.tick_time(i, k), "m": price < prev})
        i, k, tid = prev_i, prev_k, tid - 1
    out.reverse()
    return out


def trades_json(tape: SymbolTape, limit: int) -> list[Json]:
    """GET /api/v3/trades."""
    return [
        {"id": t["id"], "price": d8(t["price"]), "qty": f8(t["qty"]), "quoteQty": f8(float(t["price"]) * t["qty"]),
         "time": t["time"], "isBuyerMaker": t["m"], "isBestMatch": True}
        for t in recent_ticks(tape, limit)
    ]  # fmt: skip


def agg_trades_json(tape: SymbolTape, limit: int, start: int | None, end: int | None) -> list[Json]:
    """GET /api/v3/aggTrades (each synthetic trade is its own aggregate; at most 1000 back)."""
    rows = recent_ticks(tape, 1000 if start is not None or end is not None else limit)
    rows = [t for t in rows if (start is None or t["time"] >= start) and (end is None or t["time"] <= end)]
    rows = rows[:limit] if start is not None else rows[-limit:]
    return [
        {"a": t["id"], "p": d8(t["price"]), "q": f8(t["qty"]), "f": t["id"], "l": t["id"], "T": t["time"],
         "m": t["m"], "M": True}
        for t in rows
    ]  # fmt: skip
