"""Wordings that look like a request and are not one: the chat's own view asked ("would you sell btc at
this level?"), an action word whose subject is the bot ("il bot cancella gli ordini scaduti?", "bot kapan
jualin ETH?"), and Thai "(that is) still open", which holds "ปิด" (close)."""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_words_more import INDONESIAN_FOR_ME, words

# The chat's own view asked, with a word that makes it one: "would you sell btc at this level?", "if you
# were me would you take profit on eth now", "would YOU buy bitcoin here?" (not "would you sell my btc now")
_WOULD_YOU = re.compile(
    r"^\W*(?:(?:honestly|seriously|so|ok|okay|just|i'?m\s+not\s+asking\s+you\s+to\s+buy\s+anything)\W+)*"
    r"(?:(?:if\s+(?:you|u)\s+were\s+me|in\s+my\s+shoes)\W+would\s+(?:you|u)\s+"
    r"(?:buy|sell|take\s+(?:some\s+)?profits?(?:\s+on)?|hold|add(?:\s+to)?)\s+(?:more\s+|some\s+)?(?:btc|eth|sol|bitcoin|ether|"
    r"ethereum|solana)?\s*(?:here|now|right\s+now|at\s+this\s+(?:level|price|point)|at\s+these\s+levels)?"
    r"|would\s+(?:you|u)\s+(?:buy|sell|take\s+(?:some\s+)?profits?(?:\s+on)?|hold|add(?:\s+to)?)\s+(?:more\s+|some\s+)?"
    r"(?:btc|eth|sol|bitcoin|ether|ethereum|solana)\s+(?:here|at\s+this\s+(?:level|price|point)|at\s+these\s+(?:levels|prices)))"
    r"\W*$"
)


def would_you(text: str) -> bool:
    """Is the text only the chat's own view asked ("would you sell btc at this level?")?"""
    return bool(_WOULD_YOU.match(text.lower().replace("\u2019", "'")))


# Thai "(that is) still open", asked ("มีออเดอร์ที่ยังเปิดอยู่ไหม"), holds "ปิด" (close); not "ให้บอทเปิดอยู่ต่อไป"
# (keep the bot on)
_THAI_IS_OPEN = re.compile(r"ที่(?:ยัง)?เปิดอยู่|(?<!ให้)เปิดอยู่(?=\s*(?:ไหม|มั้ย|หรือเปล่า|หรือไม่|[?？]|$))")
# Words that also say what the bot does ("il bot cancella gli ordini scaduti?", "bot kapan jualin ETH?"):
# no request where the bot is their subject
_ALSO_THE_BOTS = frozenset((*words("alza abbassa cancella sposta riduci"), *INDONESIAN_FOR_ME))
_BOT_BEFORE = re.compile(
    r"(?:\b(?:il|lo|el|la|the|un|o|a)\s+(?:(?:mio|mia|tuo|tua|nostro|nostra|suo|sua|my|our)\s+)?(?:bot|robot|robô|robo|sistema|strategia)\s+(?:\w+\s+)?|\b(?:si|chi|yang|che|that)\s+)$"
)

_ID_BOT_BEFORE = re.compile(
    r"\bbot(?:nya)?\s+(?:(?:kapan|lagi|udah|sudah|sedang|tadi|kok|kenapa|mau|akan|bakal|juga|otomatis|nggak|gak|tidak|when|why|already|will|also)\s+){1,2}$"
)


def without_thai_is_open(low: str) -> str:
    """`low` without Thai "(that is) still open" asked ("มีออเดอร์ที่ยังเปิดอยู่ไหม")."""
    return _THAI_IS_OPEN.sub(" ", low)


def the_bots_own(low: str, word: str, at: int) -> bool:
    """Is the action `word` at `at` in `low` said of the bot ("il bot cancella", "bot kapan jualin")?"""
    return word in _ALSO_THE_BOTS and bool(
        _BOT_BEFORE.search(low, 0, at) or (word.endswith("in") and _ID_BOT_BEFORE.search(low, 0, at))
    )
