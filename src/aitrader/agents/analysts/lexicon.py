"""A small crypto/market lexicon on top of VADER's, and the scorer that uses it.

VADER (Hutto & Gilbert, 2014) rates words from -4 to +4 for social-media text. It knows general
words but not how markets talk: "surge", "rally", "plunge", "bullish" are missing and "crash" is
milder than a trader means it. `MARKET_WORDS` adds or overrides those words on the same -4..+4
scale (rough guide: +-1 mild, +-2 clear, +-3 severe). VADER reads one token at a time, so the
multi-word phrases in `MARKET_PHRASES` are first rewritten to one token that the lexicon rates
("ETF approval" -> "etf_approval"). VADER's own rules (negation, "but", capitals, exclamation
marks, degree words) still apply: "not bullish" scores negative.

Word list kept here, in one place; extend it with a rating and, where it is not obvious, why.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Final

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # type: ignore[import-untyped]

MARKET_WORDS: Final[dict[str, float]] = {
    # price going up
    "surge": 2.2, "surges": 2.2, "surged": 2.2, "surging": 2.2,
    "soar": 2.5, "soars": 2.5, "soared": 2.5, "soaring": 2.5,
    "rally": 2.0, "rallies": 2.0, "rallied": 2.0, "rallying": 2.0,
    "skyrocket": 2.8, "skyrockets": 2.8, "skyrocketed": 2.8,
    "jump": 1.3, "jumps": 1.3, "jumped": 1.3,
    "climb": 1.2, "climbs": 1.2, "climbed": 1.2,
    "rebound": 1.5, "rebounds": 1.5, "rebounded": 1.5,
    "recover": 1.2, "recovers": 1.2, "recovered": 1.2,
    "breakout": 1.5, "outperform": 1.5, "outperforms": 1.5,
    "bullish": 2.3, "bull": 1.2, "moon": 1.5, "mooning": 1.8,
    "inflow": 1.5, "inflows": 1.5, "accumulation": 1.2, "accumulating": 1.2,
    "adoption": 1.5, "partnership": 1.2, "upgrade": 1.2, "upgraded": 1.2, "buyback": 1.2,
    "approval": 2.1, "approved": 2.1, "approves": 2.1,
    # price going down
    "plunge": -2.8, "plunges": -2.8, "plunged": -2.8, "plunging": -2.8,
    "plummet": -3.0, "plummets": -3.0, "plummeted": -3.0,
    "crash": -3.0, "crashes": -3.0, "crashed": -3.0, "crashing": -3.0,
    "tumble": -2.2, "tumbles": -2.2, "tumbled": -2.2,
    "slump": -2.2, "slumps": -2.2, "slumped": -2.2,
    "sink": -1.8, "sinks": -1.8, "sank": -1.8,
    "slide": -1.5, "slides": -1.5, "slid": -1.5,
    "drop": -1.3, "drops": -1.3, "dropped": -1.3,
    "selloff": -2.3, "sell-off": -2.3, "capitulation": -2.5,
    "dump": -2.0, "dumps": -2.0, "dumped": -2.0,
    "bearish": -2.3, "bear": -1.2, "breakdown": -1.5, "underperform": -1.5, "underperforms": -1.5,
    "outflow": -1.5, "outflows": -1.5,
    "liquidation": -2.0, "liquidations": -2.0, "liquidated": -2.2, "rekt": -2.5,
    # events that hurt holders
    "hack": -2.8, "hacked": -2.8, "hacker": -2.5, "hackers": -2.5,
    "exploit": -2.8, "exploited": -2.8, "breach": -2.5, "drained": -2.5,
    "rug": -2.8, "depeg": -2.8, "depegs": -2.8, "depegged": -2.8,
    "insolvent": -3.0, "insolvency": -3.0, "bankruptcy": -3.2, "bankrupt": -3.2,
    "delist": -2.3, "delists": -2.3, "delisted": -2.3, "delisting": -2.3,
    "lawsuit": -1.5, "sued": -1.5, "sues": -1.5, "crackdown": -2.0, "ban": -2.6, "bans": -2.6,
    "downgrade": -1.5, "downgraded": -1.5, "halted": -1.5,
    # market words VADER rates off-market: "greed" is a bullish mood here, "fear" stays negative
    "greed": 0.8,
}  # fmt: skip

# phrase (case-insensitive, spaces or hyphens between words) -> (token, rating)
MARKET_PHRASES: Final[dict[str, tuple[str, float]]] = {
    "etf approval": ("etf_approval", 2.8),
    "etf approved": ("etf_approved", 2.8),
    "approves etf": ("approves_etf", 2.8),
    "etf rejection": ("etf_rejection", -2.5),
    "etf rejected": ("etf_rejected", -2.5),
    "rejects etf": ("rejects_etf", -2.5),
    "all time high": ("all_time_high", 2.2),
    "record high": ("record_high", 2.0),
    "short squeeze": ("short_squeeze", 1.5),
    "golden cross": ("golden_cross", 2.0),
    "death cross": ("death_cross", -2.0),
    "rug pull": ("rug_pull", -3.2),
    "halts withdrawals": ("halts_withdrawals", -3.0),
    "withdrawals halted": ("withdrawals_halted", -3.0),
    "sell off": ("selloff", -2.3),
}

_PHRASE_RE: Final = re.compile(
    "|".join(r"\b" + r"[\s-]+".join(re.escape(w) for w in p.split()) + r"\b" for p in MARKET_PHRASES),
    re.IGNORECASE,
)
_TOKEN_OF: Final = {" ".join(p.split()): tok for p, (tok, _) in MARKET_PHRASES.items()}


@cache
def analyzer() -> SentimentIntensityAnalyzer:
    """VADER with the market lexicon merged in (built once per process)."""
    a = SentimentIntensityAnalyzer()
    a.lexicon.update(MARKET_WORDS)
    a.lexicon.update(dict(MARKET_PHRASES.values()))
    return a


def _phrase_token(m: re.Match[str]) -> str:
    return _TOKEN_OF[" ".join(re.split(r"[\s-]+", m.group(0).lower()))]


@lru_cache(maxsize=8192)
def polarity(text: str) -> float:
    """VADER's compound score of `text` in [-1, 1] with the market lexicon (cached: pure function)."""
    rewritten = _PHRASE_RE.sub(_phrase_token, text)
    return float(analyzer().polarity_scores(rewritten)["compound"])


__all__ = ["MARKET_PHRASES", "MARKET_WORDS", "analyzer", "polarity"]
