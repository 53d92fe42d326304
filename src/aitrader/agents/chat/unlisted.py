"""Names in a question that look like a ticker the venue does not list ("DOGEUSDT", "doge/usdt",
"dogecoin", "PEPE"), so the chat can say so instead of asking "which symbol?"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aitrader.agents.chat.foreign_gloss import gloss
from aitrader.agents.chat.spelling import is_english
from aitrader.agents.chat.universe import ASSET_ALIASES, Universe

# Quote assets whose suffix marks a word as a pair even in lower case ("dogeusdt"); short ones such as
# "eth" or "try" end ordinary words ("teeth", "entry"), so they count only in an upper-case word.
_STABLE_SUFFIXES = ("FDUSD", "USDT", "USDC", "BUSD", "TUSD")
_OTHER_QUOTES = ("BTC", "ETH", "BNB", "EUR", "TRY", "DAI")
_PAIR = re.compile(r"\b([A-Za-z]{2,10})\s*/\s*([A-Za-z]{2,10})\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# Upper-case words that are not tickers in this product's questions.
_NOT_TICKERS = frozenset(
    [
        "I",
        "A",
        "OK",
        "ID",
        "PM",
        "AM",
        "USD",
        "UTC",
        "PNL",
        "OCO",
        "API",
        "ATR",
        "EMA",
        "RSI",
        "MACD",
        "TP",
        "SL",
        "CLI",
        "REST",
        "JSON",
        "OHLC",
        "HTF",
        "FAQ",
        "ETA",
        "LLM",
        "WHY",
        "WHAT",
        "HOW",
        "IS",
        "MY",
        "THE",
        "BOT",
        "AND",
        "OR",
        "ROI",
        "APR",
        "APY",
        "EOD",
        "ATH",
        "GET",
        "POST",
        "PUT",
        "DELETE",
        "HTTP",
        "URL",
        "AI",
        "GF",
        "NYC",
        "USA",
        "UK",
        "EU",
        # titles, trades and everyday abbreviations ("a GP in Sligo", "I'm a CPA")
        "GP",
        "CPA",
        "MD",
        "PHD",
        "NHS",
        "CEO",
        "CFO",
        "CTO",
        "HR",
        "IT",
        "TV",
        "PC",
        "ATM",
        "SMS",
        "VAT",
        "GST",
        "IRS",
        "HMRC",
        "KYC",
        "FYI",
        "ASAP",
        "LOL",
        "TBH",
        "IMO",
        "BTW",
        "DM",
        "PS",
        "GM",
        "RN",
        "FOMO",
        "FUD",
        "HODL",
        "DCA",
        "TA",
        "EUR",
        "GBP",
        "AUD",
        "CAD",
        "INR",
        "NGN",
        "KES",
        "ZAR",
        "PKR",
        "PHP",
        "SGD",
        "NZD",
        "JMD",
        "GHS",
        "EGP",
        "MYR",
        "BDT",
    ]
)


# Two-word coin names whose first word may name a listed coin ("ethereum classic" is not ETH).
PHRASES = {
    "ethereum classic": "ETC",
    "bitcoin cash": "BCH",
    "bitcoin sv": "BSV",
    "near protocol": "NEAR",
    "shiba inu": "SHIB",
    "wrapped bitcoin": "WBTC",
    "wrapped btc": "WBTC",
    "usd coin": "USDC",
    "binance coin": "BNB",
    "internet computer": "ICP",
    "ton coin": "TON",
    "dodge coin": "DOGE",
    "frog coin": "PEPE",
    "dog coin": "DOGE",
    "doge coin": "DOGE",
    "pi network": "PI",
    "pi coin": "PI",
    "pi token": "PI",
    "đồng pi": "PI",  # Vietnamese "the Pi coin"
}
_PHRASE = re.compile(r"\b(" + "|".join(map(re.escape, PHRASES)) + r")\b", re.IGNORECASE)


_MALAY = re.compile(
    r"\b(?:yang|saya|aku|masih|berapa|apakah|tidak|nggak|gak|sudah|belum|ini|itu|tak|ke|lagi|sekarang|hari|ga|gk|sini|disini|dong|sih)\b"
)
_KNOWN_TICKERS = frozenset(ASSET_ALIASES.values())
_NAMED_MARKET = re.compile(r"\b([A-Z]{2,6})\s+(?:market|price|chart|coin|token|pair)\b")


def phrase_names(text: str) -> list[str]:
    """Unlisted coins named by a two-word name in `text`."""
    return [PHRASES[m.lower()] for m in _PHRASE.findall(text)]


@dataclass(slots=True)
class Unlisted:
    strong: list[str] = field(default_factory=list)  # pairs, quote-suffixed words, known coin names
    weak: list[str] = field(default_factory=list)  # bare upper-case words ("PEPE")

    def names(self, include_weak: bool) -> list[str]:
        return self.strong + (self.weak if include_weak else [])


def _add(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _pair_word(up: str, upper_case: bool) -> bool:
    quotes = _STABLE_SUFFIXES + (_OTHER_QUOTES if upper_case else ())
    return any(up.endswith(q) and len(up) - len(q) >= 2 for q in quotes)


def _swapped_name(low: str) -> str | None:
    """The coin a word names with two neighbouring letters swapped ("dgoe", "shbia"): the one slip a
    thumb makes that keeps every letter, so it cannot turn another word into a coin's name."""
    for i in range(1, len(low) - 1):  # the first letter stays: "odge" is not read
        swapped = low[:i] + low[i + 1] + low[i] + low[i + 2 :]
        alias = ASSET_ALIASES.get(swapped)
        if alias is not None and len(swapped) >= 4 and swapped != low:
            return alias
    return None


def unlisted_names(text: str, universe: Universe) -> Unlisted:
    """Ticker-like names in `text` (original case) that name no symbol or asset the venue lists."""
    out = Unlisted()
    consumed: set[str] = set()
    for name in phrase_names(text):
        if name not in universe.assets:
            _add(out.strong, name)
    for m in _PHRASE.findall(text):
        consumed.update(m.lower().split())
    for base, quote in _PAIR.findall(text):
        if universe.symbol(base + quote) is None and quote.upper() in universe.assets | set(_STABLE_SUFFIXES):
            _add(out.strong, (base + quote).upper())
            consumed.update((base.lower(), quote.lower()))
    for name in _NAMED_MARKET.findall(text):  # "the status of DOT market": a coin, even in a shout
        if (
            name.upper() not in universe.assets
            and name.upper() not in _NOT_TICKERS
            and not universe.asset(name)
        ):
            _add(out.strong, name.upper())
    letters = [c for c in text if c.isalpha()]
    shouted = len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    for word in _WORD.findall(text):
        low, up = word.lower(), word.upper()
        if low in consumed or up in universe.by_symbol or universe.asset(low):
            continue
        alias = ASSET_ALIASES.get(low)
        if low == "ada" and _MALAY.search(text.lower()):
            continue  # "Ada order yang masih aktif?": Indonesian/Malay "is there", not Cardano
        if alias is None and len(low) >= 4 and not is_english(low):
            alias = _swapped_name(low)  # "dgoe": two letters of "doge" swapped
        if _pair_word(up, word.isupper()):
            _add(out.strong, up)
        elif alias is not None and alias not in universe.assets:
            _add(out.strong, alias)
        elif (
            word.isupper()
            and not shouted  # "SHOW ME ALL MY BALANCES" names no coin
            and 2 <= len(word) <= 6
            and word.isalpha()
            and up not in _NOT_TICKERS
            and (not is_english(low) or up in _KNOWN_TICKERS)  # "orders on LINK?"
        ):
            _add(out.weak, up)
    if any(ord(c) > 0x2FF for c in text):  # a coin named in another script: "狗狗币" is dogecoin
        for word in _WORD.findall(gloss(text.lower())):
            alias = ASSET_ALIASES.get(word)
            if alias is not None and alias not in universe.assets:
                _add(out.strong, alias)
    return out


def tickers_named(text: str, universe: Universe) -> list[str]:
    """Known tickers of coins the venue lacks, in any case, English words included ("is LINK
    trending", "TON listed?"): only asked once the intent model hears a question about such a coin."""
    known = set(ASSET_ALIASES.values()) - universe.assets
    out: list[str] = []
    for word in _WORD.findall(text):
        if word.upper() in known:
            _add(out, word.upper())
    return out


def listed_hint(universe: Universe, limit: int = 6) -> str:
    """A short list of listed symbols, the default quote's first: "BTCUSDT, ETHUSDT, … (12 in all)"."""
    ranked = sorted(universe.by_symbol.values(), key=lambda s: (s.quote != universe.quote, s.symbol))
    names = [s.symbol for s in ranked[:limit]]
    more = f", … ({len(ranked)} in all)" if len(ranked) > limit else ""
    return ", ".join(names) + more


def base_name(name: str) -> str:
    """The coin a name stands for: "AVAXUSDT" and "avax/usdt" name AVAX."""
    up = name.upper().replace("/", "")
    for q in _STABLE_SUFFIXES + _OTHER_QUOTES:
        if up.endswith(q) and len(up) - len(q) >= 2:
            return up[: -len(q)]
    return up
