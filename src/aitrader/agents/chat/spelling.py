"""Typos in the words questions turn on ("tardes" -> trades, "stratgey" -> strategy, "ystrday" ->
yesterday), corrected before anything reads the question.

Only a word that is neither a word of ours nor an English word (pyspellchecker's English frequency
list decides) is corrected, and only to a word of ours within one edit (two for long words) that
starts alike: "states" and "rise" are English and stay as they are, where a plain nearest-word
correction made them "status" and "risk". The English list is loaded on the first unknown word
(about 0.2 s), so a question spelt right never pays for it."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz.distance import OSA, Prefix

from aitrader.agents.chat.intents import INTENT_EXAMPLES
from aitrader.agents.chat.text import PERIOD_WORDS, STOPWORDS, SYNONYMS
from aitrader.agents.chat.universe import ASSET_ALIASES

# Words the understanding turns on that the examples may not spell out.
_KEYWORDS = """
account accounts balance balances value worth total equity portfolio holdings holding hold free locked available
order orders open pending history cancelled canceled expired rejected filled fills fill trade trades traded buys
sells buy sell bought sold position positions entry entries exit stop target profit loss losses pnl realised
realized unrealised unrealized price prices change volume high low tick size lot step minimum notional rules
precision decimals status running strategy mode paper live candle uptime risk exposure limit why reason rejected
analysis trend trending bullish bearish regime support resistance signal setup levels indicators momentum
volatile volatility consolidating direction heading help commands features question questions recent latest last
today yesterday week month since monday tuesday wednesday thursday friday saturday sunday hours days weeks
where which what when show list give tell bracket brackets oco protection protected bot crypto coins stats
cancel close liquidate withdraw transfer
"""
# Contractions typed without the apostrophe: not in the English list, and never typos.
_CONTRACTIONS_TEXT = """didnt havent hasnt wasnt isnt arent wont dont doesnt cant couldnt wouldnt shouldnt werent hadnt
    im ive youre thats whats wheres hows lets theres whos ur youve weve theyre ill id shes hes
    didn haven hasn wasn isn aren won don doesn couldn wouldn shouldn weren hadn"""  # "wasn't" read as wasn + t
_CONTRACTIONS = frozenset(_CONTRACTIONS_TEXT.split())
_WORD = re.compile(r"[a-z]+")
# A whole word in any script: "käufe" and "đang" are words of their own, not "k" + "ufe" -> "use"
_ANY_WORD = re.compile(r"[^\W\d_]+")


@cache
def _vocabulary() -> frozenset[str]:
    words = set(_KEYWORDS.split()) | set(PERIOD_WORDS) | set(SYNONYMS) | set(SYNONYMS.values())
    words |= {a for a in ASSET_ALIASES if len(a) >= 4 and " " not in a}
    for phrases in INTENT_EXAMPLES.values():
        for phrase in phrases:
            words.update(w for w in _WORD.findall(phrase) if len(w) >= 3)
    return frozenset(w for w in words if w.isalpha())


@cache
def _candidates() -> tuple[str, ...]:
    """The vocabulary in a fixed order: a tie between two corrections goes the same way on every
    run (a set's order follows the process's string hash seed)."""
    return tuple(sorted(_vocabulary()))


@cache
def _english() -> frozenset[str]:
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(language="en", distance=1).word_frequency.keys())


def is_english(word: str) -> bool:
    """Is `word` (lower case) an English word? ("show", "open", "trade": not tickers when shouted)."""
    return word in _english()


def _fix(word: str) -> str:
    vocabulary = _vocabulary()
    if (
        len(word) < 3
        or word in vocabulary
        or word in STOPWORDS
        or word in ASSET_ALIASES
        or word in _CONTRACTIONS
    ):
        return word
    if word in _english():
        return word
    limit = 1 if len(word) <= 5 else 2
    best, best_d = word, limit + 1
    for v in _candidates():
        if abs(len(v) - len(word)) > limit or (v[0] != word[0] and v[:2] != word[1::-1]):
            continue
        d = OSA.distance(word, v)
        if d > 1 and v in ASSET_ALIASES and not _skeleton(word).startswith(_skeleton(v)):
            continue  # a coin's name two slips away keeps its consonants: "salona" is solana, "semana" is not
        tie = d == best_d and best != word
        # "limt" is limit, not list: a tie goes to the dropped letter restored after the letters that agree
        if tie and d == 1 and len(word) >= 4:
            agree, agreed = Prefix.similarity(v, word), Prefix.similarity(best, word)
            if len(v) > len(word) and agree > agreed:
                best = v
                continue
            if len(best) > len(word) and agreed > agree:
                continue
        if d < best_d or (tie and len(v) == len(word) and len(best) != len(word)):
            best, best_d = v, d
        elif tie and len(best) != len(word) and v[-1] == word[-1] != best[-1]:
            best = v  # "canceld" is canceled, not cancel: the same last letter
    return best if best_d <= limit else word


def _skeleton(word: str) -> str:
    return re.sub(r"[aeiouy]", "", word)


def respell(text: str, every_typo: bool = False) -> str:
    """`text` (lower case) with misspelt key words corrected; every other word is left alone. A text
    mostly of words neither English nor ours is in another language and is left as it is: "sto mislis o
    solu" is Croatian ("what do you think of sol"), not "stop mislis o sold". The refusal check asks for
    `every_typo` (a misspelt request in mixed-language text is still one; a false refusal is the safe
    mistake)."""
    words = [w for w in _ANY_WORD.findall(text) if len(w) >= 3]
    known = sum(_known(w) for w in words)
    strange = sum(not _known(w) and _fix(w) == w for w in words)  # near no word of ours either
    if strange >= 3 and strange > known and not every_typo:
        return text
    return _ANY_WORD.sub(lambda m: _fix(m.group(0)) if _WORD.fullmatch(m.group(0)) else m.group(0), text)


def _known(word: str) -> bool:
    return word in _vocabulary() or word in STOPWORDS or word in ASSET_ALIASES or word in _english()
