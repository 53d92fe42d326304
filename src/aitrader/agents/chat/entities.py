"""Entities in a question: assets and symbols (from the venue's own lists), periods, order ids, sides,
amounts, and words that point back at the previous answer ("that", "it")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from aitrader.agents.chat.order_status import order_status
from aitrader.agents.chat.periods import NUMBER_WORDS, Period, parse_period
from aitrader.agents.chat.universe import ASSET_ALIASES, Universe

_ORDER_ID = re.compile(
    r"\b(?:order|ordr|ord|id)\s*(?:id\s*)?(?:#|no\.?|number\s*)?\s*(\d{1,20})\b|#(\d{1,20})\b"
    r"|\btrade\s*#?\s*(\d{5,20})\b|\bid\s*(?:is|was|=|:)\s*#?(\d{1,20})\b"  # "the order ID is 2290417"
    r"|\b(?:oder|odr|orderid|zlece\w*|ordine|orden|ordem)\s*#?\s*(\d{5,20})\b"  # "my oder 48213977"
    r"|\border[\s_]?id\"?\s*[:=]\s*\"?(\d{5,20})\b"  # pasted JSON: {"orderId": 55120934}
    r"|\b(?:orders|details(?:\s+of)?(?:\s+(?:the\s+)?orders?)?)\s*#?\s*(\d{5,20})\b"  # "order details 771204"
)
# A bare number of 7 to 11 digits in a question about orders or fills, not an amount of something (13
# digits are a timestamp in ms, "1764720000" one in seconds, "20230501" a date): an exchange's order id
# ("partial fills on 39917702?", "查一下订单号 4815162342 的状态").
_BARE_ORDER_ID = re.compile(
    r"(?<![\d.,$])(?!(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\b)(?!1[5-9]\d{8}(?!\d))(\d{7,11})(?![\d.,%])"
    r"(?!\s*(?:usdt|usd|usdc|btc|eth|sol|dollars?|bucks|sats|satoshis|coins?|tokens?|shib|doge|pepe)\b)"
)
_ORDERISH = re.compile(
    r"\b(?:orders?|order_?id|orderid|fills?|filled|trades?|happened|went|cancell?ed|status|ordine|orden|ordem|ordre|"
    r"auftrag|zlecenie|lệnh)\b|订单|訂單|注文|주문|заказ|ордер"
)
# An amount of a coin: "0.5 btc", "1,000 sol" (a comma before three digits groups thousands; "1,5" is 1.5).
_AMOUNT = re.compile(
    r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?|\.\d+)\s*(?:of\s+(?:a\s+|an\s+|one\s+)?|ka\s+)?([a-z]{2,10})(?![a-z])"
)
_MAX_AMOUNT = Decimal("1e15")
_PAIR = re.compile(r"\b([a-z]{2,10})\s*[/\-]\s*([a-z]{2,10})\b")
_WORD = re.compile(r"[a-z][a-z0-9]*")
_BUY = re.compile(
    r"\b(?:buy|buys|bought|buying|purchase[ds]?|long|longs|longed|went long|bids?|cop|copped|aped|entries|"
    r"pick(?:ed)?\s+up|ap(?:e[sd]?|ing)\s+in(?:to)?|(?:went|got|jumped|piled)\s+into|pa(?:y|id)\s+for\s+(?:(?:my|the|that|those|these|this|all)\s+)?(?:btc|eth|sol|bitcoin|ether|ethereum|solana|it|them|coins?))\b"
)
# "by" typed for "buy" where only a verb fits: "why did the bot by eth", "orders I placed to by sol".
_BY_FOR_BUY = re.compile(
    r"\b(?:did|to|bot|it|you|u|we|i|they|should)\s+(?:by|bu)\s+(?:some\s+|more\s+)?([a-z]+)"
)
_SELL = re.compile(
    r"\b(?:sell|sells|sold|selling|short|shorted|exit|exits|exited|(?<!didn't\s)(?<!did\snot\s)(?<!i\s)(?<!we\s)(?<!you\s)"
    r"(?<!to\s)asks?(?!\s+(?:for|about|you|u|me|him|her|them|it|why|what|how|if|whether|the\s+bot|again|but))|slel|sel|offers|"
    r"sales?|flog(?:ged|ging|s)?|dispos(?:ed?|ing)\s+of|offloaded|unloaded)\b"
    r"|\b(?:we|i|you|u|bot|it)\s+dump(?:ed)?\b|\bdumped\s+(?:anything|any|some|something)\b|\b(?:my|an|any|the|working|open|resting)\s+offer\b"
)
# A side named only to be left out: "I don't care about buys", "not the sells", "ignore the buys"
# Buying and selling in the languages the gloss leaves them in (it never translates an action verb):
# "tại sao bot mua ETH?", "kenapa dia beli ETH", "lệnh bán", "por qué compró", "warum hat er verkauft"
_BUY_ABROAD = re.compile(
    r"\b(?:mua|beli|dibeli|membeli|compr(?:a|as|o|ó|ou|ei|é|amos|aron|aram|ar|ado|ada|ados|adas)|achat\w*|achet\w*|(?:ge)?kauft\w*|käufe|kaufte\w*|kupi\w*|"
    r"al[ıi]m\w*|al[ıi]ş\w*|купи\w*|покуп\w*|kharid\w*|khareed\w*|chra|chri|bili|binili|nunua|alinunua|gipalit|mipalit|nipalit|gipamalit)\b"
    r"|買|买|매수|샀|구매|खरीद|شراء|اشترى"
)
_SELL_ABROAD = re.compile(
    r"\b(?:bán|jual|dijual|menjual|vend(?:a|as|e|es|o|ó|eu|i|í|emos|ieron|eram|er|ido|ida|idos|idas|u|us|ue)|vent[ae]s?|verkauf\w*|verkäufe|sprzeda\w*|satt[ıi]\w*|sat[ıi]ş\w*|"
    r"прода\w*|bech\w*|bi3|ba3|benta|nagbenta|uza|kuuza|gibaligya|mibaligya|nibaligya)\b|\bbot\s+(?:da\s+)?ban\b|売|卖|賣|매도|팔았|बेच|بيع|باع"
)
_SIDE_SET_ASIDE = re.compile(
    r"\b(?:(?:do\s+not|don'?t|dont)\s+(?:care\s+about|need|want|show(?:\s+me)?)|not|no|ignore|excluding|except|without|"
    r"leave\s+out|skip)\s+(?:the\s+|any\s+)?(?:buys|sells|buy\s+(?:side|orders|trades)|sell\s+(?:side|orders|trades))\b"
)
_NOT_AN_AMOUNT = re.compile(r"(?:last|past|latest|recent|previous|top|first|newest)\s*$")
_BACKREF = re.compile(
    r"\b(?:that|it|them|this one|that one|those|same)\b"
    r"|\b(?:this|that)\s+(?:time(?:frame)?|period|window|stretch|span)\b"  # "...profit in this time?"
    r"|\bthis\s+(?:order|trade|fill|position|buy|sell|entry|exit)\b"  # "why did the bot place this order?"
)
_FUZZY_NAMES = [a for a in ASSET_ALIASES if len(a) >= 5]
_NUMBER = {word: n for word, n in NUMBER_WORDS.items() if " " not in word}  # "last five trades"
_THINGS = r"(?:trades?|orders?|fills?|buys?|sells?|transactions?|executions?|deals?|txs?|entries|entry|exits?|things)"
_LIMIT_N = re.compile(
    rf"\b(?:last|latest|recent|previous|past|newest|most\s+recent|final)\s+(\d{{1,3}}|{'|'.join(_NUMBER)})\s+"
    rf"(?:(?!(?:hours?|days?|weeks?|months?|minutes?|h|d|w)\b)\w+\s+)?{_THINGS}\b"
    rf"|\b(\d{{1,3}}|{'|'.join(_NUMBER)})\s+(?:most\s+recent|latest|newest|last)\s+(?:\w+\s+)?{_THINGS}"
    rf"|\b(?:show|give|list|get|pull)\s+(?:me\s+)?(?:my\s+|the\s+)?(\d{{1,2}}|{'|'.join(_NUMBER)})\s+(?:\w+\s+)?{_THINGS}\b"
)
_LIMIT_ONE = re.compile(
    r"\b(?:last|latest|most\s+recent|newest|previous|final|recent)\s+(?:\w+\s+)?(?:trade|trde|order|ordr|fill|buy|sell|"
    r"transaction|execution|deal|tx|entry|exit|sale|purchase)\b(?!s)"
    r"|\b(?:last|latest|most\s+recent)\s+time\s+(?:i|we|you|u|it|the\s+bot)\s+(?:sold|bought|traded|bot|sld)\b"
)
# "last 5" ending the line, after a list was shown: a count (unless it names hours, "last 48": periods.py)
_LIMIT_BARE = re.compile(
    rf"\b(?:last|latest|newest|most\s+recent)\s+(\d{{1,3}}|{'|'.join(_NUMBER)})"
    r"(?:\s+(?:only|instead|please|pls|ones|then))?\W*$"
)
# An order id said alone after a list: "and 5520188?"
_ORDER_ID_ALONE = re.compile(r"\W*(?:and|or|what\s+about|how\s+about|also|plus)?\W*#?\d{7,11}\W*")
# A bare number, also beside a word of another script ("じゃあ0.05だと?"), not "the 24-hour change"
_BARE_NUMBER = re.compile(r"(?<![a-z0-9_.])(\d+(?:\.\d+)?|\.\d+)(?![a-z0-9_.%]|-[a-z])")
_SAME_AMOUNT = re.compile(
    r"\b(?:same|that)\s+(?:quantity|amount|number|size)\b"
)  # "the same quantity of eth"
_DOLLARS_HELD = re.compile(
    r"\bhow\s+(?:many|much)\s+(?:us\s+)?(?:dollars|bucks|usd|cash)\s+(?:do\s+i\s+(?:have|hold)|have\s+i\s+got|i\s+(?:have|got))\b"
)
_QUOTES = r"(usdt|usd|dollars?|bucks|\$|tether|btc|bitcoin|eth|ether|sol|sats)"
_IN_QUOTE = re.compile(
    rf"\b(?:in|into|as|denominated\s+in|expressed\s+in|converted\s+to|convert\s+(?:it\s+|everything\s+|all\s+)?to|(?:cash(?:ed)?|sold|sell)\s+(?:\w+\s+){{0,2}}?out\s+(?:to|in|into))\s+"
    rf"{_QUOTES}(?!\w)|\b(usdt|usd|dollars?)\s+(?:is|are)\s+fine\b"
)
# The currency a total is counted in, named another way: "USDT-denominated", "how many dollars would that be".
_QUOTE_NAMED = re.compile(
    rf"(?<!\w){_QUOTES}[- ]denominated\b|\bhow\s+(?:much|many)\s+{_QUOTES}(?!\w)|\b(usd|dollars?|usdt)\s+(?:value|terms|equivalent)\b"
)
_TRAILING_QUOTE = re.compile(r"\b(usdt|usd|dollars?|btc|bitcoin)\s*\W*$")  # "nav usd", "equity usdt"
_QUOTE_NAMES = {
    "usd": "USDT",
    "dollar": "USDT",
    "dollars": "USDT",
    "bucks": "USDT",
    "$": "USDT",
    "tether": "USDT",
    "bitcoin": "BTC",
    "ether": "ETH",
    "sats": "BTC",
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
    limit: int | None = None  # "last trade" -> 1, "last 3 orders" -> 3, "recent fills" -> None (newest first)
    quote: str | None = None  # "worth in BTC" -> BTC
    whole_account: bool = False  # "portfolio", "everything", "net worth": the whole account is named
    same_amount: bool = False  # "the same quantity of eth": the amount the last price was asked for
    every_side: bool = False  # "both sides", "buys too", "all of them": a follow-up drops the side and count
    number: Decimal | None = None  # a bare number ("and 1.5?", "2 of those"): an amount when a price is asked
    backref: bool = False
    spans: list[str] = field(default_factory=list)  # words consumed, hidden from the intent matcher

    @property
    def asset(self) -> str | None:
        return self.assets[0] if self.assets else None

    def coin(self, universe: Universe) -> str | None:
        """The first coin named that is not the quote ("the same for btc" -> BTC)."""
        return next((a for a in self.assets if a != universe.quote), None)

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
# Three-letter words one key away from a well-known ticker that mean something else.
_NOT_KEY_SLIPS_TEXT = """gtc htc otc ltd ltv ltf sth wth aol sop soo sil spl ads asa ara aca tex trs trd wit wig
    wid dui shi bbb dog rot cot"""
_NOT_KEY_SLIPS = frozenset(_NOT_KEY_SLIPS_TEXT.split())
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (row, col) for row, keys in enumerate(_KEYBOARD) for col, c in enumerate(keys)}
_WELL_KNOWN = [name for name in ASSET_ALIASES if name.isalpha()]
# The coin slot of "how much X do I have": a word there one slip from a coin's name is that coin ("soul").
_HOW_MUCH_OF = re.compile(r"\bhow\s+(?:much|many)\s+([a-z]{3,12})\s+(?:do|does|did|have|has|is|are|can)\b")
_WHOLE_ACCOUNT = re.compile(
    r"\b(?:account|acct|portfolio|everything|total|whole|entire|net\s*worth|overall|combined|aggregate|all\s+(?:my\s+)?"
    r"(?:holdings|coins|assets|balances|crypto))\b"
)
_EVERY_SIDE = re.compile(
    r"\b(?:both\s+sides|(?:buys?|sells?)\s+(?:and|&|\+|n)\s+(?:buys?|sells?)|(?:buys|sells|purchases|sales)\s+(?:too|as\s+well|also)"
    r"|everything|all\s+of\s+(?:them|those|it)|all\s+(?:the\s+)?(?:trades|orders|fills)|todas|todos|tudo|alles|semua|tous|toutes"
    r"|wszystkie|hepsi|tất\s+cả)\b|全部|전부|모두"
)
_BOTH_SIDES = re.compile(
    r"\b(?:both\s+sides|(?:buys?|sells?)\s+(?:and|&|\+|n)\s+(?:buys?|sells?)|(?:buys|sells)\s+(?:too|as\s+well|also))\b"
)
_QUOTE_ASSET = re.compile(r"\bdry\s+powder\b|\bcash\b(?!\s+(?:out|value))")  # money to spend: the quote asset


def _next_keys(a: str, b: str) -> bool:
    """Are `a` and `b` neighbouring keys on a QWERTY keyboard ("h" and "j")?"""
    if a not in _KEY_AT or b not in _KEY_AT:
        return False
    (ra, ca), (rb, cb) = _KEY_AT[a], _KEY_AT[b]
    # rows are staggered half a key: a key touches the two below-left/below it and above it/above-right
    return (
        (ra == rb and abs(ca - cb) == 1)
        or (rb == ra + 1 and cb in (ca - 1, ca))
        or (rb == ra - 1 and cb in (ca, ca + 1))
    )


def _key_slip(word: str, universe: Universe) -> str | None:
    """A well-known three-letter ticker with one letter hit on the key beside it ("etj" -> ETH)."""
    if word in _NOT_TYPOS or word in _NOT_KEY_SLIPS:
        return None
    found = set()
    for name in _WELL_KNOWN:
        if len(name) == 3:
            slips = [(x, y) for x, y in zip(name, word, strict=True) if x != y]
            if len(slips) == 1 and _next_keys(*slips[0]):
                asset = universe.asset(name)
                if asset:
                    found.add(asset)
    return found.pop() if len(found) == 1 else None


def _asked_coin(t: str, universe: Universe) -> str | None:
    """The coin in "how much X do I have" spelt one letter off a well-known name ("soul" -> SOL)."""
    m = _HOW_MUCH_OF.search(t)
    if m is None or universe.asset(m.group(1)):
        return None
    near = {universe.asset(n) for n in _WELL_KNOWN if len(n) >= 3 and OSA.distance(m.group(1), n) == 1}
    near.discard(None)
    return near.pop() if len(near) == 1 else None


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
        slip = _key_slip(word, universe)
        if slip:
            return slip
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
    bare_id = _ORDERISH.search(t) or _ORDER_ID_ALONE.fullmatch(t)
    m = _ORDER_ID.search(t) or (_BARE_ORDER_ID.search(t) if bare_id else None)
    if m:
        ent.order_id = next(g for g in m.groups() if g)
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
    named = _asked_coin(t, universe) or (universe.quote if _QUOTE_ASSET.search(t) else None)
    if named and not ent.assets and not ent.symbols:
        ent.assets.append(named)
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
    t_side = _SIDE_SET_ASIDE.sub(" ", t)  # "just the sells, I don't care about buys": SELL
    by = _BY_FOR_BUY.search(t_side)
    buy = _BUY.search(t_side) or (by if by and _asset_word(by.group(1), universe) else None)
    sell = _SELL.search(t_side)
    buy = buy or _BUY_ABROAD.search(t_side)  # "tôi đã mua bán những gì" (bought and sold): both sides
    sell = sell or _SELL_ABROAD.search(t_side)
    if buy and not sell:
        ent.side = "BUY"
    elif sell and not buy:
        ent.side = "SELL"
    ent.backref = bool(_BACKREF.search(t))
    # One order named by its id: a status word asks about that order ("order 123 went thru?"), it filters nothing.
    ent.status = order_status(t) if ent.order_id is None else None
    ent.limit = _limit(t)
    bare = _BARE_NUMBER.search(t)
    if bare and ent.limit is None and ent.period is None and ent.order_id is None:
        ent.number = Decimal(bare.group(1))
    m = _IN_QUOTE.search(t) or _QUOTE_NAMED.search(t) or _TRAILING_QUOTE.search(t)
    if m:
        name = next(g for g in m.groups() if g)
        ent.quote = _QUOTE_NAMES.get(name, name.upper())
    if _DOLLARS_HELD.search(t) and universe.quote not in ent.assets:
        ent.assets.append(universe.quote)  # "how many dollars have I got": the quote coin held
    ent.whole_account = bool(_WHOLE_ACCOUNT.search(t))
    ent.same_amount = bool(_SAME_AMOUNT.search(t))
    ent.every_side = bool(_EVERY_SIDE.search(t)) and (ent.side is None or bool(_BOTH_SIDES.search(t)))
    if ent.every_side:
        ent.side = None  # "everything from yesterday, buys too": both sides
    return ent


def _count(raw: str) -> int:
    n = int(raw) if raw.isdigit() else _NUMBER[raw]
    return min(max(n, 1), 500)  # what a tool shows at most


# Code people paste: pandas' "trades.tail(3)", SQL's "... limit 10" ending the query.
_LIMIT_CODE = re.compile(
    r"\[\s*-\s*(\d{1,3})\s*:\s*\]|\.(?:tail|head)\(\s*(\d{1,3})\s*\)|\blimit\s+(\d{1,3})\s*;?\s*$"
    r"|\b(?:n|limit|top|head)\s*=\s*(\d{1,3})\b"  # "fills n=20"
)


def _limit(t: str) -> int | None:
    m = _LIMIT_N.search(t) or _LIMIT_CODE.search(t)
    if m:
        return _count(next(g for g in m.groups() if g))
    m = _LIMIT_BARE.search(t)
    if m and parse_period(m.group(0), 0) is None:
        return _count(m.group(1))
    if _LIMIT_ONE.search(t) or re.search(r"\b(?:last|latest|newest|most\s+recent)\s+(?:one|thing)\b", t):
        return 1
    return None  # "recent fills" names no count: every match, newest first
