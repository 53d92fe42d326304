"""`position` and `protection` events from successive looks at the open positions (both modes).

A `position` event when a symbol's position changes; a `protection` event when its protection does:
a naked episode starts (`naked_seconds` 0), ends (`protected`, its length in seconds), or a position
opens already protected. Flat is told as `{"side": "flat", ...}` once.
"""

from __future__ import annotations

import time
from typing import Any

from aitrader.api.hub import EventHub

FLAT_DETAIL = "flat: nothing left to protect"


def flat(symbol: str) -> dict[str, Any]:
    return {
        "symbol": symbol, "side": "flat", "qty": 0.0, "entry_price": None, "stop": None, "targets": [],
        "protected": False, "opened_ms": None, "plan_id": None,
    }  # fmt: skip


class PositionEvents:
    def __init__(self, hub: EventHub) -> None:
        self.hub = hub
        self.last: dict[str, dict[str, Any]] = {}
        self._naked_since: dict[str, float] = {}

    def open_positions(self) -> list[dict[str, Any]]:
        return [dict(p) for p in self.last.values() if p["side"] != "flat"]

    def update(self, positions: list[dict[str, Any]], symbols: list[str], detail: str = "") -> None:
        """`positions`: the open ones now; `symbols`: those told flat when they hold none."""
        now = {p["symbol"]: p for p in positions}
        for symbol in dict.fromkeys([*symbols, *self.last, *now]):
            self._one(symbol, now.get(symbol) or flat(symbol), detail)

    def _one(self, symbol: str, data: dict[str, Any], detail: str) -> None:
        before = self.last.get(symbol)
        if data == before:
            return
        self.last[symbol] = data
        self.hub.publish("position", data)
        is_open = data["side"] != "flat"
        naked = is_open and not data["protected"]
        since = self._naked_since.get(symbol)
        if naked and since is None:
            self._naked_since[symbol] = time.monotonic()
            self._protection(symbol, False, 0.0, detail or "not protected")
        elif not naked and since is not None:
            del self._naked_since[symbol]
            self._protection(symbol, True, time.monotonic() - since, detail if is_open else FLAT_DETAIL)
        elif is_open and (before is None or before["side"] == "flat"):
            self._protection(symbol, True, 0.0, detail or "protected")

    def _protection(self, symbol: str, protected: bool, seconds: float, detail: str) -> None:
        self.hub.publish(
            "protection",
            {"symbol": symbol, "protected": protected, "naked_seconds": round(seconds, 3), "detail": detail},
        )
