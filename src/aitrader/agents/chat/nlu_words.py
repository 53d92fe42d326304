"""The words the offline understanding reads: follow-up and off-topic wordings, where one line holds
several questions, which words only narrow a list, and the matcher's view of a question."""

from __future__ import annotations

import re

from aitrader.agents.chat.entities import Entities
from aitrader.agents.chat.matcher import PLACEHOLDERS
from aitrader.agents.chat.text import PERIOD_WORDS, tokens

ENTITY_WORDS = PLACEHOLDERS | {"xside"}
STATUS_WORDS = frozenset(
    {"fill", "filled", "history", "cancelled", "canceled", "expired", "rejected", "ones", "killed"}
)
# Intents where a bare upper-case word ("PEPE") is read as a ticker the venue lacks.
WEAK_NAMES_FOR = frozenset(
    {"price", "symbol_info", "analysis", "balance", "open_orders", "trades", "positions"}
)
MIN_SCORE = 0.40  # below this the best example is too far: ask
MIN_MARGIN = 0.04  # top two intents this close: ask which one
NEEDS_SYMBOL = frozenset({"price", "symbol_info", "analysis"})
# Intents that narrow to one asset or symbol when given one: an unlisted name there is answered as such.
TAKES_SYMBOL = NEEDS_SYMBOL | {
    "balance",
    "open_orders",
    "order_lists",
    "order_history",
    "trades",
    "pnl",
    "positions",
    "why",
    "why_not",
}
NOT_ASKED = frozenset({"out_of_scope", "trade_request", "help", "unlisted", "clarify", "multi"})
FOLLOW_UP = re.compile(
    r"^[\s¿¡]*(?:(?:aight|alright|grand|bet|cool|nice|sweet|kk|cheers|thanks|ta|sound|lovely|great|perfect|right|actually|sorry|"
    r"oops|wait|no|nah|thank\s+you)[\s,!.]+)?"
    r"(?:and|n|nd|an|what about|how about|(?:the\s+|do\s+the\s+)?same(?:\s+(?:thing|again|deal|question|one|figure|figures|number|numbers|info|data|stats?|breakdown|query|list|view|check|but))?\s+(?:for|with|on)|also|just|jsut|jst|juts|only|any(?=\s+(?:in|from|since|over|during|for|today|yesterday|this|last)\b)|now|ok and|what of|then|ok|okay|fine|"
    r"vs|versus|compared\s+to|on|make\s+(?:it|that)|change\s+(?:it|that)\s+to|switch\s+(?:it\s+)?to|what\s+if|"
    r"i\s+mean|i\s+meant|widen\s+(?:it|that)|extend\s+(?:it|that)|(?:filter|narrow|limit|restrict)(?:\s+(?:it|that|them|this|those))?(?:\s+down)?\s+(?:to|by|for|on)|(?:and\s+)?where\s+\w+\s*=\s*'?(?=\w)|"
    r"how\s+many\s+of\s+(?:them|those|these)|(?:and\s+)?of\s+(?:them|those|these)|(?:y|et|und|e|dan|kalau|и|і|а)(?=\s))\b|\b(?:only|alone|too|as\s+well|instead|then|specifically)\s*\W*$"
)
# "how much I hold" right after a coin was talked about: of that coin
HOW_MUCH_I_HOLD = re.compile(
    r"^\W*(?:and\s+|so\s+|ok\s+)?how\s+(?:much|many)\s+(?:do\s+|did\s+)?(?:i|we)\s+(?:have|hold|own|got|holding)"
    r"(?:\s+(?:left|now|rn|right\s+now|there))?\W*$"
)
# "and how much ethereum?" after a balance (or a price): the same question of another coin
HOW_MUCH_OF_A_COIN = re.compile(
    r"^\W*(?:and|n|what\s+about|ok)\s+how\s+(?:much|many)\s+(?:of\s+)?(?:my\s+|the\s+)?[a-z]+\W*$"
)
# Things the chat is not for, whatever else the line mentions ("tell me a joke, I need one after this week").
OFF_TOPIC = re.compile(
    r"\b(?:jokes?|poem|poetry|weather|recipe|movie|song|lyrics|homework|essay|girlfriend|boyfriend|gf|bf|"
    r"horoscope|football|soccer|basketball|president|capital\s+of|translate|git|python|javascript|train|"
    r"ticket|flight|hotel|dax|nasdaq|s&p|dow\s+jones|ftse|nikkei|stocks?|shares|lunch|dinner|breakfast|food|eat|"
    r"restaurant|cook|cooking|rugby|cricket|tennis|golf|netflix|podcasts?|tomato(?:es)?|garden(?:ing)?|pizza|wine|beer|"
    r"anime|manga|binge|tv\s+series|video\s+games?|surf|surfing|swell|waves|diesel|petrol|gasoline|"
    r"who\s+won|quem\s+ganhou|qui[eé]n\s+gan[oó]|wer\s+hat\s+gewonnen|qui\s+a\s+gagn[eé]|chi\s+ha\s+vinto|world\s+cup|"
    r"coupe\s+du\s+monde|copa\s+(?:do|del)\s+mundo|weltmeister\w*"
    r"|forex|(?:black|parallel)\s+market|bureau\s+de\s+change)\b"
)
# money that is not crypto ("dollar to naira", "the euro against the pound"): off topic unless the account is asked in it
FIAT = re.compile(
    r"\b(?:naira|rupees?|pesos?|euros?|yen|yuan|renminbi|cedis?|shillings?|ringgit|rupiah|baht|dirhams?|riyals?|hryvnias?|"
    r"rubles?|roubles?|zloty|pounds?\s+sterling)\b"
)
# Where a second question may start: "...balance and what's ETH at?", "...orders? also pnl today".
STARTS = (
    r"what|whats|what's|how|hows|how's|is|are|any|show|tell|give|list|my|the|did|do|does|when|where|which|who|why|can|"
    r"could|would|will|was|were|has|have|pnl|p&l|price|balance|orders?|trades?|positions?|risk|status|bot|btc|eth|sol|"
    r"bitcoin|ethereum|solana|usdt|open|realised|realized|whether|if|last|latest|net|all|fills?|min|minimum|tick|step|"
    r"unreali[sz]ed|exposure|profit|value|total|holdings|portfolio|account|mode|strategy|filled|cancell?ed|expired|"
    r"rejected|sells|buys|same\s+for|should|shall|let\s+me\s+know|today|yesterday|có"  # Vietnamese "có … không?" (are there …?)
)
_SPLIT = (
    r"[?؟]+\s+(?:(?:and\s+)?also|plus|and)?\s*|\s*;\s*|\n+|\s+\+\s+|,?\s+together\s+with\s+"
    r"|\s+(?:と|กับ|และ|和|跟|及)\s*,?\s+"  # "and" of a spaceless script, left standing alone by the gloss
    r"|(?:,\s*|\s+|\.\s+)(?:(?:and\s+)?(?:secondly|thirdly|lastly|finally|additionally|furthermore|moreover),?|and\s+separately|separately|and|also|plus|then|&|n|an(?=\s+(?:how|what|whats|what's|which|who|why|when|where|did|do|does|is|my|show|tell))|as\s+well\s+as|and\s+also)\s+(?=(?:"
    + STARTS
    + r")\b)|,\s+(?=(?:pnl|p&l|price|balances?|open|bot|working|todays|today's|orders?|trades?|positions?|risk|status|what|how|is|are|any|show|"
    r"tell|give|my|the|did|do|when|where|which|who|why|filled|cancell?ed|expired|rejected|fills?|bal|px|upnl|exposure|"
    r"total\s+(?:exposure|value|worth|pnl|p&l|profit|risk|balance)|"
    r"(?:btc|eth|sol)\s+(?:px|price|bal|balance|orders?|pnl|min|tick))\b)"
)
SPLIT = re.compile(_SPLIT, re.IGNORECASE)
# The same, and at full stops: "eth px. pnl today." (tried first; a story told in sentences before the
# questions is then read whole, cut as SPLIT cuts it)
STOP_SPLIT = re.compile(_SPLIT + r"|(?<=\w)\.\s+(?=(?:" + STARTS + r")\b)", re.IGNORECASE)
# Where a question the model hears as several may be cut: at any "and"/"also"/"then", comma or stop.
LOOSE_SPLIT = re.compile(
    r"[?？؟]+\s*|[。，]\s*|\s*[;\n]\s*|\s+\+\s+|\s+[—–-]+\s+|\.\s+|,?\s+(?:and\s+then|and\s+also|as\s+well\s+as|and|also|plus|then|&)\s+|,\s+"
    r"|\s+(?:y|e|und|et|ve|và|va|với|dan|aur|oraz|og|och|és|и|і|tapos|saka|pia|pis|puis)\s+"  # "and" in other languages, once the model hears several
)
ASK_AGAIN = re.compile(
    r"^\W*(?:are\s+(?:you|u)\s+sure|(?:you|u)\s+sure|really|check\s+again|double[\s-]?check|recheck|prove\s+it|"
    r"that\s+(?:sounds|seems|looks)\s+(?:wrong|off|made\s+up)|again|refresh|still\s+the\s+same)\b"
)
OVER_A_PERIOD = frozenset({"pnl", "trades", "order_history", "why_not"})
WHOLE_ACCOUNT = frozenset({"account_value", "bot_status", "risk", "help"})  # of the account, never of a coin
NO_MARKET = WHOLE_ACCOUNT | {"balance", "unlisted"}
# A sentence told about oneself before the question ("I had trades. pnl?"): not an ask of its own
NARRATED = re.compile(r"(?:^|[.!?]\s+)(?:i|we|i've|i'm|i'd|we've)\b[^.!?]*\.\s")
JOINED = re.compile(r"\b(?:and|&|vs|versus|plus)\b|,|\+|/")
LABELS = {
    "balance": "your balances",
    "account_value": "the account's total value",
    "open_orders": "open orders",
    "order_lists": "OCO order lists",
    "order_history": "order history",
    "positions": "the bot's positions",
    "trades": "your trades",
    "pnl": "profit and loss",
    "price": "a price",
    "symbol_info": "a symbol's trading rules",
    "bot_status": "the bot's status",
    "risk": "risk usage",
    "why": "why a trade was made",
    "why_not": "why no trade was made",
    "analysis": "a market analysis",
    "help": "what I can do",
    "debate": "what the debate or the LLM adviser said",
}


def narrows(word: str, ent: Entities) -> bool:
    """Is `word` one of the words that only narrow a list (a side, a final status, "last 3")?"""
    if ent.side is not None and word in {"buy", "sell", "side", "long", "short"}:
        return True
    if ent.status is not None and word in STATUS_WORDS:
        return True
    return ent.limit is not None and (word in {"last", "recent", "latest", "one", "ones"} or word.isdigit())


def matcher_words(text: str, ent: Entities) -> list[str]:
    words = []
    for w in tokens(text):
        if w in ent.spans or w.upper() in ent.symbols:
            words.append("xcoin")
        elif ent.period is not None and w in PERIOD_WORDS:
            continue
        elif ent.order_id is not None and w == ent.order_id:
            words.append("xid")
        elif ent.amount is not None and w == str(ent.amount):
            words.append("xamount")
        elif narrows(w, ent):
            words.append("xside")
        else:
            words.append(w)
    if ent.period is not None:
        words.append("xperiod")
    return words


ACCOUNT_ASKED = re.compile(
    r"\b(?:balance|pnl|p&l|profit|loss|made|make|earn\w*|worth|value|portfolio|account|holdings?|trades?|orders?|bot|money)\b"
)


def off_topic(low: str, text: str) -> bool:
    """Is the question (`low`: its plain words; `text`: as typed) about something the chat is not for? Money
    that is not crypto is, unless the account is asked in it ("how much profit in euros?")."""
    fiat = FIAT.search(low) is not None and not ACCOUNT_ASKED.search(low)
    return bool(OFF_TOPIC.search(low) or OFF_TOPIC.search(text.lower()) or fiat)
