"""Questions about what the chat can do or how to do something oneself — "can you place orders?", "do
you have the power to cancel orders?", "how do I set a stop-loss?" — answered by the help, not refused.
Each is one plain sentence with one action verb and nothing urging it on; anything more may be the
request itself, and is left to the refusal (refusal.py)."""

from __future__ import annotations

import re

from aitrader.agents.chat.injection import injected
from aitrader.agents.chat.refusal_foreign import foreign_action_in

# "can you place orders?", "is the bot able to trade?": asking what the chat can do, not asking it to.
_CAPABILITY = re.compile(
    r"\s*(?:(?:so|and|but|wait)[\s,]+)?(?:can|are|is)\s+(?:you|u|it|this|the\s+chat|this\s+chat|this\s+thing)\s+(?:even\s+|ever\s+)?"
    r"(?:able\s+to\s+|allowed\s+to\s+)?(?:place\s+(?:orders|trades)|make\s+trades|trade)"
    r"(?:\s*\?|\s+at\s+all(?:,?\s+or\s+(?:is\s+(?:this|it|the\s+chat|this\s+chat)\s+)?(?:just\s+|only\s+)?read[\s-]*only)?\s*\??"
    r"|(?:\s+for\s+(?:me|us))?\s+or\s+(?:do\s+you\s+|can\s+you\s+)?(?:only|just)\s+(?:answer|read|show|tell|chat|talk|look)"
    r"(?:\s+\w+){0,3}\s*\??)\s*"
)
# Whether the chat could act, asked about in other words ("do you have the power to cancel orders?", "if i
# tell you to buy btc will you actually do it?", "can u stop the bot if i ask or no"): one short sentence,
# no amount, nothing urging it on.
# the words the rest of such a question may have: an action's object, never an urging or consent
_OBJ = (
    r"(?:\s+(?:my|the|your|our|any|some|things?|orders?|trades?|positions?|coins?|crypto|funds?|money|eth|btc|sol|usdt|"
    r"bitcoin|ether|ethereum|solana|bot|bot's|settings?|risk|on|of|for|me|us|behalf|out|account|in|from|to|with|a|an|"
    r"limit|stop|losses?|profit|it|that|this|them|just|even|really|actually|ever|stuff|things|trading|live|mode))*"
)
_CAN_IT = re.compile(
    r"\W*(?:(?:so|and|but|wait|ok|okay|quick\s+question)[\s,]+)?(?:"
    r"(?:do|does)\s+(?:you|u|the\s+chat|this\s+chat)\s+(?:even\s+)?have\s+(?:the\s+)?(?:power|ability|permission|access|rights?)\s+to\s+\w+"
    rf"{_OBJ}"
    r"|(?:are|is)\s+(?:you|u|the\s+chat|this\s+chat)\s+(?:even\s+)?(?:allowed|permitted|authori[sz]ed)\s+to\s+\w+(?!\s+(?:my|all|the|our)\b)"
    rf"{_OBJ}"
    rf"|if\s+i\s+(?:tell|ask)\s+(?:you|u)\s+to\s+\w+{_OBJ}\s+(?:will|would|can|could)\s+(?:you|u)\s+(?:actually\s+|really\s+)?"
    r"(?:do|execute|carry\s+out)\s+(?:it|that)"
    rf"|(?:can|could)\s+(?:you|u)\s+\w+{_OBJ}\s+(?:if\s+i\s+ask(?:ed)?\s+or\s+(?:no|not|nah)|or\s+is\s+that\s+not\s+something\s+you\s+(?:do|can\s+do))"
    r"|do\s+(?:you|u)\s+do\s+(?:withdrawals|transfers|trades|trading|orders)"
    r")\s*\?*\s*"
)
# Whether a coin can be had on this venue at all: "is it possible to buy kaspa on this exchange?", "can i trade
# pi coin here?" — a question about what is listed, not an order.
_LISTED_HERE = re.compile(
    r"\W*(?:(?:so|and|but|ok|okay|hi|hey)[\s,]+)?(?:(?:can|could|may)\s+(?:i|we|one)|is\s+it\s+possible\s+to|"
    r"(?:am\s+i|are\s+we)\s+able\s+to)\s+(?:even\s+)?(?:buy|trade|get|purchase)\s+(?:any\s+|some\s+)?"
    # a coin's name, not "it", "more" or "back" (review 46a: "is it possible to buy more here?" asks for it)
    r"(?!(?:it|them|this|that|these|those|more|some|any|back|again|out|in|dips?|everything|all|now|here)\b)[a-z]+"
    r"(?:\s+(?:coin|coins|token|tokens|network))?\s+(?:here|on\s+here|in\s+here|on\s+(?:this|the|your)\s+"
    r"(?:exchange|platform|venue|app|site))\s*\?*\s*"
)
_URGED = re.compile(
    r"\b(?:now|please|pls|plz|asap|immediately|right\s+away|straight\s+away|go\s+ahead|(?<!at )all|everything|every|whole|"
    r"entire|max|quick\w*|fast|this\s+minute|0x\w*|address|wallet|ledger|kindly|because|want|also)\b"
)


_PLAIN = re.compile(r"[a-z' ]+(?:[,-][a-z' ]+)*\??")  # "..., or is this read-only?"
_ACTS = re.compile(
    r"\b(?:buy|sell|short|cancel|cxl|close|place|put|submit|execute|liquidate|dump|exit|withdraw|transfer|send|move|"
    r"change|set|raise|lower|increase|decrease|stop|start|restart|pause|halt|kill|turn|switch|enable|disable|convert|"
    r"swap|stake|trade|get|flatten|nuke|ape|long)\b|\bwithdrawals\b|\btransfers\b"
)


def _one_plain_verb(text: str) -> bool:
    """One plain English sentence with one action verb and nothing urging it on: another verb, a sign,
    a script or an injected line beside it may be the request itself."""
    low = text.lower().strip()
    return (
        bool(_PLAIN.fullmatch(low))
        and len(_ACTS.findall(low)) == 1
        and not _URGED.search(low)
        and not injected(text)
    )


def can_it_act(sentence: str, listing: bool = True) -> bool:
    """Does one sentence ask what the chat can do, rather than ask it to do it? With `listing`, asking
    whether a coin can be had here counts too (not a request; the help does not answer it, the coin does)."""
    low = sentence.lower().strip()
    if not _one_plain_verb(sentence) or foreign_action_in(low):
        return False
    return bool(
        _CAPABILITY.fullmatch(low) or _CAN_IT.fullmatch(low) or (listing and _LISTED_HERE.fullmatch(low))
    )


# "how do I cancel an order?": how to do something oneself, a question for the help (one sentence only).
_HOW_TO = re.compile(
    r"\W*(?:(?:so|and|but|ok|okay|hi|hey|quick\s+question)[\s,:]+)*how\s+(?:do|can|could|would|should|to|does\s+one)"
    r"\s+(?:i|we|one|you|u)?\s*(?:\w+\s+){0,2}?(?:cancel|place|set\s+up|set|put|make|create|open|close|modify|change|"
    r"add|enable|disable|configure|connect|switch|use|buy|sell|trade)\b"
    r"(?=[^.!?;\n,]*\b(?:orders?|stop|stop[\s-]*loss|oco|bracket|trades?|trading|positions?|bot|chat|strategy|risk|"
    r"limit|take[\s-]*profit|tp|sl|alerts?|api|keys?|account|coins?|crypto|btc|eth|sol|bitcoin|usdt|"
    r"live|paper|mode)\b)"
    # one short clause: no amount, address or "all", nothing joined after it ("..., just sell it for me")
    r"(?:[ \t]+(?!(?:and|then|now|just|all|everything|for|please|pls|asap|immediately)\b)[^\W\d][\w'-]*){0,6}[ \t]*\??\s*"
)


def how_to(text: str) -> bool:
    """Is the text one question asking how to do something ("how do I place a stop-loss?")?"""
    return bool(_HOW_TO.fullmatch(text.lower()))


# Insisting on it, which a question about what the chat can do never does
_INSISTS = re.compile(
    r"\b(?:i\s+am\s+asking|i'm\s+asking|i\s+need\s+you|i\s+want\s+you|i\s+insist|you\s+should|you\s+must|do\s+it|"
    r"go\s+for\s+it|make\s+it\s+happen|i\s+(?:authori[sz]e|order|grant)|you\s+have\s+my)\b"
)


def plainly_asks_what_it_can_do(text: str) -> bool:
    """May the model hear a question about what the chat can do in text the rules refused ("can this
    assistant place orders or is it answers only?")? Only one plain English sentence with one action
    verb, nothing urging or insisting."""
    return _one_plain_verb(text) and not _INSISTS.search(text.lower())
