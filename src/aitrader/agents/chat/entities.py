"""Entities in a question: assets and symbols (from the venue's own lists), periods, order ids, sides,
amounts, and words that point back at the previous answer ("that", "it")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz

from aitrader.agents.chat.periods import Period, parse_period
from aitrader.agents.chat.universe import ASSET_ALIASES, Universe

_ORDER_ID = re.compile(r"\b(?:order|ord|id)\s*(?:id\s*)?(?:#|no\.?|number\s*)?\s*(\d{1,20})\b|#(\d{1,20})\b")
_AMOUNT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)\s*(?:of\s+)?([a-z]{2,10})\b")
_PAIR = re.compile(r"\b([a-z]{2,10})\s*[/\-]\s*([a-z]{2,10})\b")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_BUY = re.compile(r"\b(?:buy|buys|bought|buying|purchase[ds]?|long|longs|went long|entry|entered)\b")
_SELL = re.compile(r"\b(?:sell|sells|sold|selling|short|shorted|exit|exited)\b")
_BACKREF = re.compile(r"\b(?:that|it|them|this one|that one|those|same)\b")
_FUZZY_NAMES = [a for a in ASSET_ALIASES if len(a) >= 5]


@dataclass(slots=True)
class Entities:
    assets: list[str] = field(default_factory=list)  # in order of mention
    symbols: list[str] = field(default_factory=list)  # explicit pairs ("BTCUSDT", "btc/usdt")
    period: Period | None = None
    order_id: str | None = None
    side: str | None = None
    amount: Decimal | None = None
    backref: bool = False
    spans: list[str] = field(default_factory=list)  # words consumed, hidden from the intent matcher

    @property
    def asset(self) -> str | None:
        return self.assets[0] if self.assets else None

    def symbol(self, universe: Universe) -> str | None:
        if self.symbols:
            return self.symbols[0]
        for a in self.assets:
            if a != universe.quote:
                sym = universe.symbol_for(a)
                if sym:
                    return sym
        return None


def _asset_word(word: str, universe: Universe) -> str | None:
    found = universe.asset(word)
    if found:
        return found
    if len(word) >= 5:
        best = max(_FUZZY_NAMES, key=lambda name: fuzz.ratio(word, name))
        if fuzz.ratio(word, best) >= 85:
            return universe.asset(best)
    return None


def extract(text: str, universe: Universe, now_ms: int) -> Entities:
    t = text.lower()
    ent = Entities(period=parse_period(t, now_ms))
    m = _ORDER_ID.search(t)
    if m:
        ent.order_id = m.group(1) or m.group(2)
    for base, quote in _PAIR.findall(t):
        sym = universe.symbol(base + quote)
        if sym:
            ent.symbols.append(sym)
            ent.spans += [base, quote]
    for word in _WORD.findall(t):
        if word in ent.spans:
            continue
        listed = universe.by_symbol.get(word.upper())
        if listed:
            ent.symbols.append(listed.symbol)
            ent.spans.append(word)
            continue
        asset = _asset_word(word, universe)
        if asset:
            if asset not in ent.assets:
                ent.assets.append(asset)
            ent.spans.append(word)
    for s in ent.symbols:
        base = universe.base_of(s)
        if base and base not in ent.assets:
            ent.assets.insert(0, base)
    for num, unit in _AMOUNT.findall(t):
        if _asset_word(unit, universe):
            try:
                ent.amount = Decimal(num)
            except InvalidOperation:
                continue
            break
    buy, sell = _BUY.search(t), _SELL.search(t)
    if buy and not sell:
        ent.side = "BUY"
    elif sell and not buy:
        ent.side = "SELL"
    ent.backref = bool(_BACKREF.search(t))
    return ent
