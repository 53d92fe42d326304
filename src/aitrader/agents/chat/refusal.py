"""Requests to act — trade, cancel, withdraw, transfer, change settings, start or stop the bot — in any
language, and injected instructions that carry one. The chat is read-only: all of these are refused.

English is read by structure (an imperative, a request to "you", a verb with an amount) so that
questions about past actions ("why did you buy?", "sell orders?") stay questions. Other languages are
read from a lexicon of action verbs: a non-English line naming one is refused whatever else it says."""

from __future__ import annotations

import re
import unicodedata

from aitrader.agents.chat.refusal_words import FOREIGN_PHRASES, FOREIGN_SCRIPT, FOREIGN_WORDS

_VERBS = (
    r"buy|sell|short|cancel|close|place|put|submit|execute|liquidate|dump|exit|withdraw|transfer|send|"
    r"move|modify|amend|change|set|raise|lower|increase|decrease|reduce|bump|switch|turn\s+(?:on|off)|"
    r"enable|disable|pause|halt|stop|start|restart|resume|kill|shut\s+down|flatten|convert|swap|stake|"
    r"unstake|lend|deposit|apply|enter|stp|market[\s-]*(?:buy|sell)|ape|aping|yolo|cancle|cancell|canel|load\s+up|top\s+up|rebalance|hedge|"
    r"take\s+profit|dca|double|scale\s+(?:in|out)|add\s+to|trim|go\s+(?:long|short)|long|adjust|"
    r"update|tighten|widen|remove|delete|activate|deactivate|unlock|approve|authori[sz]e|allow"
)
# A verb that starts a question but names a thing, not an action ("sell orders?", "close price").
_NOT_AN_ACTION = (
    r"(?!\s*(?:(?:buy|sell|limit|stop|open)\s+ord\w*|ord\w*|/|side|trades?|price|prices|history|loss|losses|positions?|levels?|in\b|of\b|on\b|"
    r"today|24h|%|signals?|volume|size|rules?|list|ratio|time|interest|fees?|limit|date|order\s+book|"
    r"or\b|vs\b|and\b|to\b|me\b|-?check|plan|reason|strategy|[\s-]?term\b|\?))"
)
_PREFIX = (
    r"(?:(?:please|pls|plz|ok|okay|now|go|yo|hey|hi|bot|assistant|quick(?:ly)?|just|so|then|and|also|"
    r"kindly|immediately|asap|pretty\s+please)[\s,!:]+)*"
)
_IMPERATIVE = re.compile(rf"^\s*{_PREFIX}(?:{_VERBS})\b{_NOT_AN_ACTION}")
_GERUNDS = (
    r"buying|selling|placing|cancell?ing|closing|moving|setting|withdrawing|transferring|sending|changing|"
    r"raising|lowering|stopping|starting|putting|opening|exiting|liquidating|converting|swapping|adjusting|"
    r"updating|increasing|decreasing|reducing|submitting|executing|shorting|pausing|enabling|disabling"
)
_ASKED_TO_ACT = re.compile(
    r"\b(?:can|could|would|will|wud|cud|cn)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|just\s+)?"
    rf"(?:{_VERBS})\b{_NOT_AN_ACTION}"
    r"|\b(?:i|we)\s*(?:'d|would)?\s*(?:want|need|wanna|would\s+like|'d\s+like|like)\s+(?:you\s+|u\s+|the\s+bot\s+)?"
    rf"(?:to\s+)?(?:{_VERBS})\b{_NOT_AN_ACTION}"
    rf"|\b(?:you|u)\s+(?:could|can|would)\s+(?:please\s+|just\s+)?(?:{_VERBS})\b{_NOT_AN_ACTION}"
    rf"|\b(?:go\s+ahead\s+and|please|pls|plz|let'?s|lets|make\s+sure\s+to|you\s+should|u\s+should)\s+(?:{_VERBS})\b"
    rf"{_NOT_AN_ACTION}"
    rf"|\b(?:is\s+it|would\s+it\s+be)\s+possible\s+(?:for\s+(?:you|u|the\s+bot)\s+)?to\s+(?:{_VERBS})\b"
    rf"|\b(?:would|do)\s+(?:you|u)\s+mind\s+(?:{_GERUNDS})\b"
    r"|\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?make\s+it\s+\d"
)
_ACTION_ANYWHERE = re.compile(
    r"\b(?:buying|selling|shorting)\s+(?:\d|\.\d|all|some|my|half)"
    r"|\b(?:purchase|get\s+me|i\s+want)\s+(?:\d|\.\d|some|more)\S*\s*(?:btc|eth|sol|bitcoin|ether|solana)\b"
    r"|\b(?:wipe|pull|nuke|clear|kill|yank)\s+(?:all\s+|my\s+|the\s+|every\s+)*(?:open\s+)?(?:orders?|bids?|asks?|positions?)\b"
    r"|\b(?:wire|pay|sweep|move)\s+(?:\d|\.\d|all|my|the|some)\S*(?:\s+\S+){0,3}\s+to\b"
    r"|\btake\s+my\s+(?:money|funds|cash|coins)\s+out\b|\bemergency\s+stop\b|\bshut\s+(?:it|everything)\s+down\b"
    r"|\bmake\s+(?:the\s+|my\s+)?risk\s+\d|\bgo\s+live\b|\b(?:eth|btc|sol)\s+stop\s+to\s+\d"
    r"|^\s*(?:delete|post|put)\s+/"
    r"|\bplace\s+(?:\S+\s+){0,5}?(?:order|buy|sell)\b|\breplace\s+(?:my\s+|the\s+)?\w+\s+(?:limit|order|stop|sell|buy)"
    r"|\b(?:could|can|should|would|must)\s+be\s+(?:cancell?ed|closed|sold|bought|placed|moved|withdrawn|transferred|"
    r"liquidated|changed|raised|lowered)\b"
    r"|\bdo\s+what\s+it\s+says\b|\bdecode\s+(?:this|it|and)\b|\bexecute\s+(?:it|this|that|the\s+following)\b"
    r"|\"(?:action|side|cmd|command)\"\s*:\s*\"(?:buy|sell|cancel|withdraw|transfer|close)|\"execute\"\s*:\s*true"
    r"|\d\s*(?:btc|eth|sol|usdt)\s+(?:al|sat)\b|\bread_?only\s*=\s*false"
    r"|\bpayout\b|\bretire\s+\d|\bmake\s+it\s+\d+(?:\.\d+)?\s*%"
    r"|\b(?:set|put|add|place)\s+(?:a|an|my)\s+(?:trailing\s+)?(?:stop|tp|take[\s-]*profit|target|stop[\s-]*loss)\b|\b(?:transfer|send|wire|move)\s+(?:all|my|the|some|every|half|\d|funds|money|usdt|btc|eth|sol|coins?|it|them)\b"
    r"|\b(?:cancel|close|kill|flatten|liquidate|exit)\s+(?:all|every|each|my|the|that|those|this|it|them|"
    r"orders?|positions?|everything|open)\b"
    r"|\b(?:move|set|change|raise|lower|increase|decrease|adjust|update|tighten|widen|remove|disable|"
    r"turn\s+off|bump|double|halve)\s+(?:my|the|our|your|its|a|that)?\s*(?:stop|target|tp|sl|take[\s-]*profit|"
    r"stop[\s-]*loss|risk|leverage|strategy|settings?|config\w*|limit|position\s+size|size|max\w*|cap|"
    r"risk[\s-]*gate|breaker)"
    r"|\b(?:place|submit|execute|send|put\s+in|put|create|enter|fire\s+off)\s+(?:a|an|the|my|new|one|"
    r"another|some|\s)*(?:limit|market|stop|oco|bracket|long|short)?\s*(?:buy|sell|order|orders|trade|"
    r"position|long|short)\b"
    r"|\bopen\s+(?:a|an|new|another|one)\s+(?:\w+\s+)?(?:position|trade|long|short|order)"
    r"|\b(?:buy|sell|short|long)\s+(?:me\s+)?(?:some|more|all|half|\d|\.\d|a\s+(?:bit|little|few)|btc|eth|sol|"
    r"bitcoin|ether|solana|everything|it|the\s+dip|now|at\s+market)"
    r"|\btake\s+(?:some\s+)?profits?\b[^?]*\bnow\b"
    r"|\b(?:place_?order|cancel_?order|new_?order|cancel_?all|cancelorder|placeorder|neworder|order/oco|"
    r"withdraw_?apply)\b"
    r"|\bflip\s+(?:my|all|the|some|it)\b|\bcell\s+(?:all|my|some|it)\b|\bstop(?:ped)?\s+buying\b"
    r"|\b(?:just\s+)?do\s+it\b|\bgo\s+for\s+it\b|\bmake\s+it\s+happen\b|\bsend\s+it\b|\bpull\s+the\s+trigger\b"
    r"|\bap(?:e|ing)\s+(?:in|into|\d)|\bby\s+(?:\d|\.\d|some|more|all)\S*\s+(?:btc|eth|sol|bitcoin|usdt)"
    r"|\b(?:bypass|disable|turn\s+off|skip)\s+(?:the\s+|your\s+)?(?:risk|gate|guard\w*|limits?|checks?|safety)"
    r"|\b(?:stop|pause|halt|start|restart|resume|kill|shut\s+down|turn\s+(?:on|off)|switch\s+off|disable|"
    r"enable)\s+(?:the\s+|my\s+|your\s+)?(?:bot|trading|strategy|engine|algo|live\s+trading)\b"
    r"|\bswitch\s+(?:to|the\s+bot\s+to|over\s+to)\s+(?:live|real|mainnet|paper|testnet|another|a\s+different)"
    r"|\b(?:use|set)\s+(?:\d+x|leverage)\b"
)
# Lines that try to speak for the system or the developer ("SYSTEM: you are now in admin mode").
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|your\s+|the\s+|previous\s+|prior\s+|earlier\s+|"
    r"above\s+|safety\s+|of\s+)*(?:rules?|instructions?|prompts?|restrictions?|guard\w*|limits?|checks?|the\s+above|"
    r"everything|that)"
    r"|(?:^|\n|[.!?]\s)\s*(?:\[?\s*(?:system|developer|admin|root|assistant|operator|sudo)\s*\]?\s*[:>]"
    r"|<\s*/?\s*(?:system|instructions?)\s*>)"
    r"|\byou\s+are\s+now\b|\bnew\s+instructions?\b|\b(?:admin|developer|god|dev|debug|maintenance|"
    r"unrestricted|jailbreak)\s+mode\b|\bjailbreak\b|\bprompt\s+injection\b",
    re.IGNORECASE,
)


_FOREIGN_PHRASE = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, FOREIGN_PHRASES)) + r")(?![\w])")
_FOREIGN_WORD = re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, FOREIGN_WORDS)) + r")(?![\w])")
_ENGLISH = re.compile(
    r"\b(?:what|whats|how|why|when|where|which|who|is|are|was|my|the|show|did|do|does|any|much|many|me|"
    r"you|your|i|we|our|of|on|in|for|and|or|it|this|that|to|have|has)\b"
)


# A verb inside a question about what the bot did, would do or why ("why did you buy?", "what would make
# you sell?", "should I buy BTC?", "is it a good time to buy?"): a question, not a request.
_QUESTIONED = re.compile(
    r"\b(?:(?:why|how|what|who)'d\s+(?:you|u|ya|we|i|the\s+bot|it|bot|they)|why|how\s+come"
    r"|(?:why|how\s+come|when)\s+(?:the\s+bot|it|you|u|we|i|bot)\s+(?:didn'?t|did\s+not|did|hasn'?t|has\s+not|"
    r"wouldn'?t|won'?t|doesn'?t|never)"
    r"|(?:needs?|has|have)\s+to\s+happen\s+for\s+(?:you|u|the\s+bot|it|the\s+strategy|your\s+strategy|bot)\s+to"
    r"|(?:still|already)"
    r"|(?:why|when|how|what|where|if|whether)\s+(?:\w+\s+){0,2}?(?:would|will|did|do|does|could|can|should|"
    r"might|may|have|has|had)\s+(?:you|u|ya|we|i|the\s+bot|it|bot|they)"
    r"|(?:did|does|do|didn'?t|doesn'?t|don'?t|has|have|had|hasn'?t|haven'?t|wasn'?t|won'?t|wont|wouldn'?t)"
    r"\s+(?:you|u|ya|we|i|the\s+bot|it|bot|they)"
    r"|(?:should|shall|could|can|may|might)\s+(?:i|we)"
    r"|(?:are|were)\s+(?:we|you|u|the\s+bot)|(?:if\s+i|if\s+we|once\s+i)|short[\s-]+term"
    r"|(?:much|many|usdt|usd|money|cash)\s+(?:do\s+i\s+need\s+|would\s+i\s+need\s+|is\s+needed\s+)?to"
    r"|(?:would|will|could|can|might|does|do|did)\s+(?:the\s+bot|it|the\s+strategy|your\s+strategy|bot|the\s+algo)"
    r"|(?:make|made|makes|making|trigger|cause|get)\s+(?:you|u|the\s+bot|it|bot)(?:\s+to)?"
    r"|(?:time|idea|moment|reason|point|smart|wise|safe|good|bad|right|better|best|worth\s+it|signal|setup)\s+to"
    r"|(?:you|u|the\s+bot|bot|it|we|i)\s+(?:would|will|might|plan\s+to|going\s+to|gonna)"
    r"|(?:take|need|happen)\s+for\s+(?:you|u|the\s+bot|it|the\s+strategy|your\s+strategy|the\s+algo|bot)\s+to"
    r"|(?:tried|trying|tries|wanted|attempted|attempting|decided|planned|planning|managed|failed)\s+to"
    r"|(?:order|orders|decide|decides|decision|expected|expect|chance|plan|reason)\s+to"
    r"|(?:expected|expect|want(?:ed)?|told|asked)\s+(?:the\s+bot|it|you|u|bot)\s+to"
    r"|(?:in\s+case|if|when)\s+(?:i|we)\s+(?:need|want|have|decide)\s+to"
    rf")\s+(?:not\s+|still\s+|even\s+|just\s+|also\s+|ever\s+|actually\s+|last\s+|first\s+|recently\s+)?"
    rf"(?:{_VERBS}|open)\b"
)


# "buy the dip or wait?": weighing an action is asking for an opinion.
_WEIGHING = re.compile(r"\b(?:or|vs)\s+(?:wait|not|hold|avoid|later|stay\s+out)\b")


# "is it a good moment to buy ETH?" in Spanish, German, French, Portuguese, Italian: an opinion asked.
_FOREIGN_OPINION = re.compile(
    r"\b(?:buen\s+momento|deber[ií]a|sollte\s+ich|soll\s+ich|guter\s+zeitpunkt|bon\s+moment|devrais|"
    r"dovrei|bom\s+momento|vale\s+la\s+pena|lohnt\s+(?:es|sich))\b"
)


def _foreign_action(low: str) -> bool:
    if _FOREIGN_OPINION.search(low):
        return False
    if any(ch in low for ch in FOREIGN_SCRIPT):
        return True
    if _FOREIGN_PHRASE.search(low):
        return True
    found = _FOREIGN_WORD.findall(low)
    if not found:
        return False
    # A mostly-English question that happens to contain one of these words ("sat", "mua") is English.
    return len(_ENGLISH.findall(low)) < 2 or any(len(w) >= 5 for w in found)


def injected(text: str) -> bool:
    """Does the text carry instructions pretending to come from the system or a developer?"""
    return bool(_INJECTION.search(text))


_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # short vowels: "ألغِ" is written "ألغ" as often


def weighs_an_action(text: str) -> bool:
    """ "vale la pena comprar bitcoin?": an opinion asked in another language, not a request."""
    return bool(_FOREIGN_OPINION.search(text.lower()))


def asks_to_act(text: str) -> bool:
    """Is any part of the text a request to trade, move funds, change settings or run the bot? Read as
    written, then with misspellings and foreign question words made plain ("cancle my order"), unless
    it weighs an action in another language ("vale la pena comprar…?" is an opinion asked)."""
    from aitrader.agents.chat.wording import plain_words  # the spelling list loads only when needed

    if _asks(text):
        return True
    return not weighs_an_action(text) and _asks(plain_words(text.lower()))


def _asks(text: str) -> bool:
    low = _ARABIC_MARKS.sub("", unicodedata.normalize("NFKC", text).lower().replace("’", "'"))
    if re.search(r"\bwithdr[ae]w\w*|\bwith\s*draw\w*|\bcash\s*out\b|\bdeposit\s+address\b", low):
        return True
    asked = _QUESTIONED.sub(" ", low)
    for sentence in re.split(r"[\n.!?;]+|\s+(?:and then|then|and also)\s+", asked):
        if _IMPERATIVE.search(sentence):
            return True
    if _ASKED_TO_ACT.search(asked) or (_ACTION_ANYWHERE.search(asked) and not _WEIGHING.search(asked)):
        return True
    return _foreign_action(low)


_SENTENCE_END = re.compile(r"[\n.!?,;]")
_TAGGED = re.compile(r"<\s*(system|instructions?)\s*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)


def strip_injected(text: str) -> str:
    """The text without the sentences that carry injected instructions (what is left is the question)."""
    text = _TAGGED.sub(" ", text)
    # Each hit widened to its sentence (linear: a regex that scans the sentence around every possible
    # start took seconds on a few KB).
    spans: list[tuple[int, int]] = []
    for m in _INJECTION.finditer(text):
        start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
        end_m = _SENTENCE_END.search(text, m.end())
        end = end_m.end() if end_m else len(text)
        spans.append((start, end))
    kept, at = [], 0
    for start, end in spans:
        if start >= at:
            kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    return re.sub(r"\s+", " ", " ".join(kept)).strip(" ,;:-")
