"""Entities in a question: assets and symbols (from the venue's own lists), periods, order ids, sides,
amounts, and words that point back at the previous answer ("that", "it")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from aitrader.agents.chat.periods import NUMBER_WORDS, Period, parse_period
from aitrader.agents.chat.universe import ASSET_ALIASES, Universe

_ORDER_ID = re.compile(
    r"\b(?:order|ordr|ord|id)\s*(?:id\s*)?(?:#|no\.?|number\s*)?\s*(\d{1,20})\b|#(\d{1,20})\b"
    r"|\btrade\s*#?\s*(\d{5,20})\b"
)
# An amount of a coin: "0.5 btc", "1,000 sol" (a comma before three digits groups thousands; "1,5" is 1.5).
_AMOUNT = re.compile(
    r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)\s*(?:of\s+)?([a-z]{2,10})\b"
)
_MAX_AMOUNT = Decimal("1e15")
_PAIR = re.compile(r"\b([a-z]{2,10})\s*[/\-]\s*([a-z]{2,10})\b")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_BUY = re.compile(
    r"\b(?:buy|buys|bought|buying|purchase[ds]?|long|longs|went long|bids?|cop|copped|aped|"
    r"pick(?:ed)?\s+up)\b"
)
_SELL = re.compile(
    r"\b(?:sell|sells|sold|selling|short|shorted|exit|exited|asks?|slel|sel)\b|\b(?:we|i|you|u|bot|it)\s+dump(?:ed)?\b"
)
_NOT_AN_AMOUNT = re.compile(r"(?:last|past|latest|recent|previous|top|first|newest)\s*$")
_BACKREF = re.compile(r"\b(?:that|it|them|this one|that one|those|same)\b")
_FUZZY_NAMES = [a for a in ASSET_ALIASES if len(a) >= 5]
_STATUS = (
    (
        re.compile(r"\b(?:cancel+(?:l?ed)?|canceled|cancell?d|canx|cxl'?d|cxld|killed|pulled|withdrawn)\b"),
        "CANCELED",
    ),
    (re.compile(r"\b(?:expired?|expird|exprd)\b"), "EXPIRED"),
    (re.compile(r"\brejected\b"), "REJECTED"),
    (
        re.compile(
            r"(?<!not )(?<!n't )(?<!never )(?<!un)(?<!be )(?<!get )\b(?:filled|filed|executed|completed)\b"
            r"(?=[^?]*\b(?:ord|ones|buys|sells))"
            r"|\bord\w*\b[^?]*(?<!not )(?<!n't )(?<!never )(?<!un)(?<!be )(?<!get )\b(?:filled|filed|executed|completed)\b"
        ),
        "FILLED",
    ),
)
_NUMBER = {word: n for word, n in NUMBER_WORDS.items() if " " not in word}  # "last five trades"
_THINGS = (
    r"(?:trades?|orders?|fills?|buys?|sells?|transactions?|executions?|deals?|txs?|entries|entry|exits?)"
)
_LIMIT_N = re.compile(
    rf"\b(?:last|latest|recent|previous|past|newest|most\s+recent|final)\s+(\d{{1,3}}|{'|'.join(_NUMBER)})\s+"
    rf"(?:(?!(?:hours?|days?|weeks?|months?|minutes?|h|d|w)\b)\w+\s+)?{_THINGS}\b"
    rf"|\b(\d{{1,3}}|{'|'.join(_NUMBER)})\s+(?:most\s+recent|latest|newest|last)\s+{_THINGS}"
)
_LIMIT_ONE = re.compile(
    r"\b(?:last|latest|most\s+recent|newest|previous|final|recent)\s+(?:\w+\s+)?(?:trade|trde|order|fill|buy|sell|"
    r"transaction|execution|deal|tx|entry|exit)\b(?!s)"
)
_LIMIT_FEW = re.compile(
    r"\b(?:last|latest|most\s+recent|newest|recent|last\s+few|last\s+couple(?:\s+of)?)\s+(?:\w+\s+)?"
    r"(?:trades|orders|fills|buys|sells|transactions|executions|deals|txs|entries|exits)\b|\brecently\b"
)
_IN_QUOTE = re.compile(
    r"\b(?:in|into|as|denominated\s+in|expressed\s+in)\s+(usdt|usd|dollars?|bucks|\$|btc|bitcoin|eth|ether|sol)\b"
)
_TRAILING_QUOTE = re.compile(r"\b(usdt|usd|dollars?|btc|bitcoin)\s*\W*$")  # "nav usd", "equity usdt"
_QUOTE_NAMES = {
    "usd": "USDT",
    "dollar": "USDT",
    "dollars": "USDT",
    "bucks": "USDT",
    "$": "USDT",
    "bitcoin": "BTC",
    "ether": "ETH",
}


@dataclass(slots=True)
class Entities:
    assets: list[str] = field(default_factory=list)  # in order of mention
    symbols: list[str] = field(default_factory=list)  # explicit pairs ("BTCUSDT", "btc/usdt")
    period: Period | None = None
    order_id: str | None = None
    side: str | None = None
    amount: Decimal | None = None
    status: str | None = None  # an order's final status the question filters on ("cancelled")
    limit: int | None = None  # "last trade" -> 1, "last 3 orders" -> 3, "recent fills" -> 5
    quote: str | None = None  # "worth in BTC" -> BTC
    number: Decimal | None = None  # a bare number ("and 1.5?", "2 of those"): an amount when a price is asked
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


_NOT_TYPOS = frozenset({"teh", "btw", "the", "set", "lso", "slo", "tbh"})


def _asset_word(word: str, universe: Universe) -> str | None:
    found = universe.asset(word)
    if found:
        return found
    if len(word) == 3 and word not in _NOT_TYPOS:
        # One swapped pair in a listed ticker ("eht", "bct"): a typo, not another coin.
        for asset in universe.assets:
            a = asset.lower()
            if (
                len(a) == 3
                and sorted(a) == sorted(word)
                and sum(x != y for x, y in zip(a, word, strict=True)) == 2
            ):
                return asset
    if len(word) >= 5:
        best = max(_FUZZY_NAMES, key=lambda name: fuzz.ratio(word, name))
        if best[0] == word[0] and fuzz.ratio(word, best) >= (80 if len(word) >= 6 else 85):
            return universe.asset(best)
    return None


def _symbol_typo(word: str, universe: Universe) -> str | None:
    """A listed symbol spelt with one or two slips ("btcudst")."""
    if len(word) < 6:
        return None
    up = word.upper()
    for sym in universe.by_symbol:
        if sym[:3] == up[:3] and OSA.distance(sym, up) <= (1 if len(up) < 7 else 2):
            return sym
    return None


def extract(text: str, universe: Universe, now_ms: int) -> Entities:
    t = text.lower()
    ent = Entities(period=parse_period(t, now_ms))
    m = _ORDER_ID.search(t)
    if m:
        ent.order_id = m.group(1) or m.group(2) or m.group(3)
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
        typo = _symbol_typo(word, universe) if not universe.asset(word) else None
        if typo:
            ent.symbols.append(typo)
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
    for m_amount in _AMOUNT.finditer(t):
        num, unit = m_amount.group(1), m_amount.group(2)
        num = (
            num.replace(",", "")
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", num)
            else num.replace(",", ".")
        )
        if universe.asset(unit) == universe.quote or unit in {"usd", "dollars", "dollar", "bucks"}:
            continue  # "500 usdt of btc" is an amount of the quote, not of the coin
        if _NOT_AN_AMOUNT.search(t[: m_amount.start()]):
            continue
        if _asset_word(unit, universe):
            try:
                amount = Decimal(num)
                if not 0 < amount <= _MAX_AMOUNT:
                    continue  # "0 btc", "99999999999999999999999 btc": no amount to value
                ent.amount = amount
            except InvalidOperation:
                continue
            break
    buy, sell = _BUY.search(t), _SELL.search(t)
    if buy and not sell:
        ent.side = "BUY"
    elif sell and not buy:
        ent.side = "SELL"
    ent.backref = bool(_BACKREF.search(t))
    ent.status = next((name for rx, name in _STATUS if rx.search(t)), None)
    ent.limit = _limit(t)
    bare = re.search(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?![\w.%])", t)
    if bare and ent.limit is None and ent.period is None and ent.order_id is None:
        ent.number = Decimal(bare.group(1))
    m = _IN_QUOTE.search(t) or _TRAILING_QUOTE.search(t)
    if m:
        ent.quote = _QUOTE_NAMES.get(m.group(1), m.group(1).upper())
    return ent


def _limit(t: str) -> int | None:
    m = _LIMIT_N.search(t)
    if m:
        raw = m.group(1) or m.group(2)
        n = int(raw) if raw.isdigit() else _NUMBER[raw]
        return min(max(n, 1), 500)  # what a tool shows at most
    if _LIMIT_ONE.search(t) or re.search(r"\b(?:last|latest|newest|most\s+recent)\s+(?:one|thing)\b", t):
        return 1
    if _LIMIT_FEW.search(t):
        return 5
    return None
