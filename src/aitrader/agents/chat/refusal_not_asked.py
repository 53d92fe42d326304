"""Wordings that look like a request and are not one: the chat's own view asked ("would you sell btc at
this level?"), an action word whose subject is the bot ("il bot cancella gli ordini scaduti?", "bot kapan
jualin ETH?"), Thai "(that is) still open", which holds "ปิด" (close), what the user will do themselves
("I'll place it manually") and what is said of a list or a figure, not of the account ("widen it to all
coins", "dump the open orders as a table")."""

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


# What the user will do themselves: "I want to place my own order later, manually", "I'll do it myself".
ON_MY_OWN = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|\s+want\s+to|\s+plan\s+to|\s+need\s+to|\s+can)?\s+"
    r"(?:(?!you\b|u\b|the\s+bot\b|it\b|bot\b)\w+\s+){0,3}?"
    r"(?:place|buy|sell|cancel|close|put|set|do)\b(?:(?!\s*(?:you|u|the\s+bot)\b)[^.?!,;:]){0,40}?\b"
    r"(?:myself|manually|my\s+own|by\s+hand|in\s+the\s+app|"
    r"through\s+the\s+(?:exchange|app))\b"
)
# A list widened or a figure copied, said with a verb that also acts: "widen it to all coins", "make it
# 48h", "I need to put the figure in a spreadsheet".
NOT_ON_THE_ACCOUNT = re.compile(
    # "stop nerede?": where the stop is, asked in Turkish, Spanish, Indonesian, German, Russian, Hindi
    r"^\W*(?:the\s+|my\s+)?stop\s+(?:nerede|nerde|dimana|d[oó]nde|onde|o[uù]|wo|где|kahan|kaha|where)\W*$|"
    r"^\W*(?:widen|extend|expand)\s+(?:it|that|this|the\s+(?:list|search|window))\s+(?:out\s+)?to\s+(?:all|every)\s+"
    r"(?:coins?|markets?|symbols?|pairs?|assets?|time)\W*$"
    r"|^\W*(?:widen|extend|expand|make)\s+(?:it|that|the\s+window)\s+(?:out\s+)?(?:to\s+)?(?:the\s+)?(?:(?:last|past)\s+)?\d{1,3}\s*"
    r"(?:h|hrs?|hours?|d|days?|w|weeks?)\W*$"
    r"|\b(?:put|paste|copy|enter|add)\s+(?:the|this|that|these|those|it)\s+(?:figures?|numbers?|data|results?|totals?)\s+"
    r"(?:in|into)\s+(?:a|my|the|our)\s+(?:spreadsheet|sheet|file|report|doc\w*|excel|ledger)\b"
    # "dump the open positions as a table": the data printed, not sold
    r"|^\W*(?:dump|export|print)\s+(?:(?:the|my|all|your|bot'?s|open|current)\s+)*(?:positions?|orders?|trades?|fills?|balances?|"
    r"history|data|results?|p&l|pnl)\b(?:(?!\b(?:market|now|usdt?|and|then|sell|close)\b)[^.?!,]){0,30}?\s(?:as|into|to)\s+(?:an?\s+)?(?:table|csv|json|list|text|markdown|dataframe)\b"
    # "what safeguards stop the bot from losing everything?": the safeguards asked about do the verb
    r"|\b(?:what|which)\s+(?:safeguards?|rules?|limits?|checks?|protections?|mechanisms?)\s+(?:would\s+|will\s+|"
    r"could\s+|can\s+)?stops?\s+(?:the\s+bot|it|you|me|us|the\s+strategy)\s+from\s+\w+ing\b"
)
