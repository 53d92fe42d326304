"""External actions: another client of the same account cancels or sells behind the bot's back.

They go through the same cancelling / placing code as a signed request, so the user-data stream
carries the same executionReport / listStatus / outboundAccountPosition events that a cancel from
the Binance website or a second script would. Their client ids start with `ext-` (never the bot's).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from aitrader.venues.local import cancelling, placing
from aitrader.venues.local import errors as errs

if TYPE_CHECKING:
    from aitrader.venues.local.server import LocalExchange

ACTIONS = ("cancel_list", "cancel_order", "market_sell")
_ids = itertools.count(1)


def _ext_id() -> str:
    return f"ext-{int(time.time() * 1000) % 10**10}-{next(_ids)}"


def _account(core: LocalExchange, who: Any) -> str:
    """The account by API key or uid; the first account when not given."""
    accounts = core.eng.book.accounts
    if who in (None, ""):
        return next(iter(accounts))
    for key, acc in accounts.items():
        if who == key or str(who) == str(acc.uid):
            return key
    raise errs.BinanceError(-2015, f"no account {who!r} (give an API key or a uid)", 400)


def _bot_lists(core: LocalExchange, account: str, symbol: str) -> list[str]:
    return [x["listClientOrderId"] for x in core.protection.open_lists(account, symbol)]


def act(core: LocalExchange, spec: Mapping[str, Any]) -> dict[str, Any]:
    """Do one external action now. `spec`:

    - `{"action": "cancel_list", "listClientOrderId": "at-..."}`, or `"bot": "first" | "last" | "all"`
      for the bot's open order list(s) on the symbol;
    - `{"action": "cancel_order", "origClientOrderId": "..."}` or `"orderId": N`;
    - `{"action": "market_sell", "quantity": "0.01"}`;
    each with optional `symbol` (default: the first replayed symbol) and `account` (API key or uid).
    Returns `{"action", "wall", "results"}`; a refusal raises the exchange's `BinanceError`.
    """
    kind = str(spec.get("action", ""))
    if kind not in ACTIONS:
        raise errs.BinanceError(-1102, f"'action' must be one of {ACTIONS}, not {kind!r}")
    account = _account(core, spec.get("account"))
    symbol = str(spec.get("symbol") or core.config.symbols[0])
    eng = core.eng
    results: list[Any] = []
    if kind == "cancel_list":
        named = spec.get("listClientOrderId")
        targets = [str(named)] if named else _bot_lists(core, account, symbol)
        which = str(spec.get("bot", "all"))
        if not named:
            targets = targets[:1] if which == "first" else targets[-1:] if which == "last" else targets
        if not targets:
            raise errs.cancel_unknown()
        for cid in targets:
            p = {"symbol": symbol, "listClientOrderId": cid, "newClientOrderId": _ext_id()}
            results.append(cancelling.cancel_order_list(eng, account, p))
    elif kind == "cancel_order":
        p = {"symbol": symbol, "newClientOrderId": _ext_id()}
        for name in ("origClientOrderId", "orderId"):
            if spec.get(name) is not None:
                p[name] = str(spec[name])
        results.append(cancelling.cancel_order(eng, account, p))
    else:
        if spec.get("quantity") is None:
            raise errs.mandatory("quantity")
        p = {"symbol": symbol, "side": "SELL", "type": "MARKET", "quantity": str(spec["quantity"]),
             "newClientOrderId": _ext_id()}  # fmt: skip
        results.append(placing.place_order(eng, account, p))
    wall = time.time()
    core.after_change()
    return {"action": kind, "wall": wall, "results": results}
