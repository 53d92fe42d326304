"""What the tools told the model this question: each number with the asset it is in, plus the counts,
ids, dates and durations an answer may quote. This is the only evidence grounding accepts.

The asset of a number is read off the result's structure, not guessed from nearby text: a balance
line's free/locked/total are in its `asset`, an order's quantity in its symbol's base and its price
in the quote, a commission in its `commission_asset`, a map keyed by asset in that asset. A field
this module does not know gives a plain number with no asset, so an answer can never pin an asset
on it. Numbers the model wrote into its own tool arguments are dropped (a tool echoing `amount`
back is no evidence), and free text (journal rationale, error messages) gives no figures."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

BASE_FIELDS = frozenset(
    {"quantity", "qty", "filled", "free", "locked", "total", "amount", "base_volume", "step_size",
     "min_qty", "max_qty", "executed_qty", "orig_qty", "size"}
)  # fmt: skip
QUOTE_FIELDS = frozenset(
    {"price", "last", "open", "high", "low", "close", "stop_price", "entry_price", "exit_price", "targets",
     "tick_size", "min_price", "max_price", "min_notional", "quote_volume", "value", "total_value",
     "amount_value", "realised", "realized", "fees", "unrealised", "unrealized", "total_unrealised",
     "risk", "total_risk", "equity", "risk_quote", "average_price", "avg_price", "notional", "cost", "pnl",
     "rate"}
)  # fmt: skip
STABLES = frozenset({"USD", "USDT", "USDC", "FDUSD", "BUSD", "TUSD", "DAI"})
_ASSET = re.compile(r"[A-Z][A-Z0-9]{1,9}")
_DURATION = re.compile(
    r"(?i)(?<![\w.])(\d+)\s*-?\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?"
    r"|mo|months?|y|yrs?|years?)\b"
)
_DURATION_UNIT = {"s": "s", "m": "min", "h": "h", "d": "d", "w": "w", "y": "y"}
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?(?!\d)")
# free text (journal rationale, notes, errors, the question echoed back): no figure, date or id in it counts
FREE_TEXT = frozenset({"rationale", "note", "message", "reason", "verdict_reason", "asked", "error", "text"})


def duration_unit(word: str) -> str:
    """One spelling per unit: "hours"/"hr"/"h" -> "h", "mins"/"m" -> "min", "months"/"mo" -> "mo"."""
    w = word.lower()
    if w.startswith("mo"):
        return "mo"
    if w.startswith("mi") or w == "m":
        return "min"
    return _DURATION_UNIT.get(w[0], w)


@dataclass(frozen=True)
class Fact:
    value: Decimal
    asset: str | None  # None: a plain number (unknown field, evidence value, ratio)
    percent: bool = False


@dataclass
class Evidence:
    """Everything this question's successful tool calls returned, ready for `grounding`."""

    split_symbol: Callable[[str], tuple[str, str] | None]
    default_quote: str = "USDT"
    facts: list[Fact] = field(default_factory=list)
    counts: set[int] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)
    times: set[tuple[int, int]] = field(default_factory=set)
    durations: set[tuple[int, str]] = field(default_factory=set)
    tools: list[str] = field(default_factory=list)

    def add(self, tool: str, data: dict[str, Any], argument_numbers: list[Decimal]) -> None:
        self.tools.append(tool)
        if tool == "get_ticker":
            self.durations.add((24, "h"))  # its stats are the venue's rolling 24 hours
        found: list[Fact] = []
        self._walk(data, {"quote": self.default_quote}, None, found)
        own = set(argument_numbers)
        self.facts += [f for f in found if f.value not in own]

    @property
    def years(self) -> set[int]:
        return {d.year for d in self.dates}

    # --- the walk -----------------------------------------------------------------------------

    def _scope(self, node: dict[str, Any], outer: dict[str, str]) -> dict[str, str]:
        scope = dict(outer)
        symbol = node.get("symbol")
        if isinstance(symbol, str) and (pair := self.split_symbol(symbol)) is not None:
            scope["base"], scope["quote"] = pair
        for key in ("base", "quote", "asset"):
            value = node.get(key)
            if isinstance(value, str) and _ASSET.fullmatch(value):
                scope[key] = value
        for key, value in node.items():  # "commission_asset": "BNB" -> "commission" is in BNB
            if isinstance(value, str) and _ASSET.fullmatch(value) and str(key).endswith(("_asset", "_quote")):
                scope["of:" + str(key).rsplit("_", 1)[0]] = value
        if isinstance(node.get("base_quote"), str):  # the venue quote every asset was priced in first
            scope["pricing"] = node["base_quote"]
        return scope

    def _walk(self, node: Any, scope: dict[str, str], key: str | None, out: list[Fact]) -> None:
        if isinstance(node, dict):
            inner = self._scope(node, scope)
            for k, v in node.items():
                if _ASSET.fullmatch(str(k)) and not isinstance(v, dict | list):
                    self._leaf(v, {**inner, "asset": str(k)}, "keyed_by_asset", out)
                else:
                    self._walk(v, inner, str(k), out)
            return
        if isinstance(node, list):
            self.counts.add(len(node))
            self._count_groups_list(node)
            for item in node:
                self._walk(item, scope, key, out)
            return
        self._leaf(node, scope, key or "", out)

    def _leaf(self, value: Any, scope: dict[str, str], key: str, out: list[Fact]) -> None:
        k = key.lower()
        if k.endswith("_ms") or k in ("time", "timestamp"):
            if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**14:
                when = datetime.fromtimestamp(value / 1000, tz=UTC)
                self.dates.add(when.date())
                self.times.add((when.hour, when.minute))
            return
        if k == "id" or k.endswith(("_id", "_ids")):
            if isinstance(value, str | int) and not isinstance(value, bool):
                self.ids.add(str(value))
            return
        if isinstance(value, str) and not _numeric(value):
            for n, unit in _DURATION.findall(value):
                self.durations.add((int(n), duration_unit(unit)))
            if k not in FREE_TEXT:  # "period": "since 2022-11-28", "bar_time": "2023-05-01 21:02 UTC"
                for m in _ISO_DATE.finditer(value):
                    with contextlib.suppress(ValueError):
                        self.dates.add(date(int(m[1]), int(m[2]), int(m[3])))
                    if m[4] is not None:
                        self.times.add((int(m[4]), int(m[5])))
            return
        if k in FREE_TEXT:
            return
        number = _number(value)
        if number is None:
            return
        if isinstance(value, int) and not isinstance(value, bool):
            self.counts.add(value)  # an int in a result is a count ("trades": 2) as well as a value
        out.append(Fact(number, self._asset_of(k, scope), percent=_is_percent(k)))

    def _asset_of(self, key: str, scope: dict[str, str]) -> str | None:
        if _is_percent(key):
            return None
        if key == "keyed_by_asset":
            return scope.get("asset")
        for prefix, asset in ((p[3:], a) for p, a in scope.items() if p.startswith("of:")):
            if key == prefix or key.startswith(prefix + "_"):
                return asset  # "commission" by "commission_asset", "base_total" by "base_quote"
        if key in ("commission", "fee") and "of:commission" in scope:
            return scope["of:commission"]
        if key in BASE_FIELDS:
            # a "total" with no asset or base around it is the account's, in the quote
            return scope.get("asset") or scope.get("base") or (scope.get("quote") if key == "total" else None)
        if key in QUOTE_FIELDS:  # priced in the venue's quote ("base_quote") when a result names one
            return scope.get("pricing") or scope.get("quote")
        return None

    def _count_groups_list(self, items: list[Any]) -> None:
        """How many items share each value of a text field: "2 sell orders", "1 stop-loss"."""
        rows = [i for i in items if isinstance(i, dict)]
        tally: dict[tuple[str, str], int] = {}
        for row in rows:
            for k, v in row.items():
                if isinstance(v, str) and len(v) <= 32:
                    tally[(k, v)] = tally.get((k, v), 0) + 1
        self.counts.update(tally.values())


def _is_percent(key: str) -> bool:
    return key.endswith("pct") or "percent" in key


def _numeric(text: str) -> bool:
    return _number(text) is not None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str) and re.fullmatch(r"\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\s*", value):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None
