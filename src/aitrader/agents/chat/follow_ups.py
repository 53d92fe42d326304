"""Follow-ups that change the last list's filters rather than ask something new: how many to show
("make it 10", "just the last two"), a filter dropped ("all of them", "not just sells, everything") and
the period before the last one ("and before that?")."""

from __future__ import annotations

import re
from dataclasses import replace

from aitrader.agents.chat.entities import extract
from aitrader.agents.chat.parsed import Context
from aitrader.agents.chat.periods import COUNT, NUMBER_WORDS, parse_period
from aitrader.agents.chat.refusal_edits import STRATEGY_NAME
from aitrader.agents.chat.refusal_foreign import without_now_or_please
from aitrader.agents.chat.universe import Universe
from aitrader.agents.chat.wording import plain_words

LISTS = frozenset({"trades", "order_history", "open_orders", "pnl", "why_not"})  # intents with filters
_LEAD = r"\W*(?:(?:and|ok|okay|just|only|now|actually|no|nah|pls|please|hmm|so|well)[\s,]+)*"
LAST_N = re.compile(
    _LEAD
    + r"(?:(?:give\s+me|show\s+me|show|make\s+it|make\s+that|what\s+about|how\s+about|limit|top|head)\s+)?"
    r"(?:the\s+)?(?:(?:last|latest|recent|most\s+recent|past)\s+)?"
    + COUNT
    + r"(?:\s+(?:most\s+recent|latest|newest|recent|last))?"  # "only the two most recent"
    + r"(?:\s+(?:ones?|instead|only|then|of\s+them|please|pls|trades?|fills?))*\W*"
)
_ALL = re.compile(
    _LEAD + r"(?:(?:show|give|list)\s+(?:me\s+)?)?"
    r"(?:all(?:\s+of\s+(?:them|it|those))?|everything|every\s+one|the\s+(?:whole|full|entire)\s+(?:list|thing|history)"
    r"|the\s+rest|no\s+limit)(?:[\s,]+(?:actually|then|please|pls|instead|of\s+them|again|back|show\s+me))*"
    # a window beside it: "all of them again, 7d"
    r"(?:[\s,]+(?:\d+\s*(?:d|h|w|days?|hours?|weeks?)|today|yesterday|this\s+week|last\s+week|this\s+month|since\s+\w+))?\W*"
)
_BOTH_SIDES = re.compile(
    _LEAD
    + r"(?:(?:show|give|list|include|add)\s+(?:me\s+)?)?(?:the\s+)?(?:buys|sells|buy\s+ones|sell\s+ones|"
    r"buy\s+orders|sell\s+orders|purchases|sales)\s+(?:too|as\s+well|also)\W*"
)
_ALL_MARKETS = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:all|every|any)\s+(?:the\s+)?(?:coins?|markets?|symbols?|pairs?|assets?)\W*$"
)
_NOT_JUST = re.compile(r"\bnot\s+(?:just|only)\s+(?:the\s+)?([^,;.!?]+)")
_BEFORE = re.compile(
    _LEAD
    + r"(?:what\s+about\s+|how\s+about\s+)?(?:(?:and|or)\s+)?(?:just\s+)?(?:before\s+that|the\s+one\s+before|"
    r"the\s+(?:day|week|month|period)\s+before(?:\s+that)?|the\s+previous\s+(?:one|period))\W*"
)
# After a refused request, a follow-up that only changes its amount or coin asks for the same act:
# "sell 1 btc" -> "make it 2", "same for eth", "and half of it", "again".
_AMENDS_A_REQUEST = re.compile(
    _LEAD + r"(?:make\s+(?:it|that)\b.*|.*\binstead\b.*|same\s+(?:for|with)\b.*|do\s+(?:the\s+)?same\b.*|"
    r"\w+\s+(?:too|as\s+well)|all\s+of\s+(?:it|them)|half(?:\s+of\s+(?:it|them))?|one\s+more|another\s+one|again|"
    r"(?:and|what\s+about|how\s+about)\s+\w+|[\d.,]+\s*\w*"
    r"|yes|y|yep|yeah|sure|confirm(?:ed)?|go(?:\s+ahead)?|do\s+it|proceed|execute(?:\s+it)?|please\s+do)\W*"
)
_CONSENTS = re.compile(
    _LEAD
    + r"(?:(?:yes|yep|yeah|ok|okay|sure|alright|agreed|great|cool|nice|perfect|fine|good|then)[\s,!.]+)*"
    r"(?:yes|yep|yeah|sure|yes\s+please|confirm(?:ed)?|go(?:\s+ahead)?|do\s+(?:it|that)|proceed|execute(?:\s+it)?|"
    r"please\s+do|let'?s\s+do\s+(?:it|that|this)|(?:(?:i'?ll\s+take|get\s+me|buy)\s+)?(?:\d[\d.,]*|one|two|a\s+couple)\s+of\s+(?:them|those|it)|i\s+authori[sz]e\s+it|i\s+approve|approved?|green\s+light|(?:buy|sell)\s+(?:it|then)|"
    r"(?:ok\s+then,?\s+)?(?:do\s+(?:that|it)|same)\s+for\s+me|follow\s+your\s+advice|do\s+as\s+you\s+(?:say|suggest)|"
    r"handle\s+it|take\s+care\s+of\s+it|vas-y|执行|やって|gas|sikat|yalla|"
    # a plain yes in other languages, after the view was asked ("would you sell btc here?" -> "да")
    r"sawa|ndiyo|好的|好|是的|はい|うん|да|так|tak|oo|opo|evet|طب|ايوه|نعم|sí|si|oui|ja|haan|ha|vâng|ừ|iya|ya|네|응)\W*"
)
# A new value for the stop, risk, leverage, mode or strategy just shown (review 45a)
_SETTING_SHOWN = frozenset({"positions", "risk", "bot_status"})
_SETS_IT = re.compile(
    _LEAD
    + r"(?:(?:make|set|put|move|change|switch)\s+(?:it|that|them)\s+(?:to\s+|at\s+)?|(?:move|switch|change)\s+(?:it|that)\s+to\s+)?"
    + rf"(?:\$?\d[\d.,]*\s*(?:k|%|x|usdt|percent)?|break\s*even|be|live|paper|on|off|{STRATEGY_NAME})"
    r"(?:[\s,]+(?:instead|then|please|pls|now|from\s+now\s+on|going\s+forward|mode))*\W*"
)
_EARLIER = {"today": "yesterday", "this week": "last week", "this month": "last month"}
# A follow-up that only names another window for the same list: "over the last 2 weeks i mean",
# "for the past 3 days instead", "since monday then".
_PERIOD_WORD = (
    r"(?:the|last|past|previous|prior|this|since|a|an|\d+[hdw]?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twelve|fourteen|twenty|thirty|hours?|hrs?|days?|weeks?|wks?|months?|today|yesterday|all|time|ever|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
_PERIOD_ONLY = re.compile(
    _LEAD
    + r"(?:(?:widen|extend|expand|change|make)\s+(?:it|that|the\s+window|the\s+list)\s+(?:out\s+)?(?:to\s+)?)?"
    r"(?:(?:what\s+about|how\s+about|over|for|in|during|within|across|from|covering)\s+)?"
    rf"((?:{_PERIOD_WORD}\s*)+?)(?:[\s,]+(?:i\s+mean|instead|then|rather|actually|please|pls|only))*\W*"
)


def count_asked(low: str, ctx: Context) -> int | None:
    """How many of the last list (of `ctx.intent`) a follow-up asks to see ("make it 10" -> 10, "LIMIT 2" after
    a query on trades), or None; "the last 2 trades" counts only a list of trades (after orders it asks for
    trades), and a bare number after a window of hours is more hours ("make that 48", other_window)."""
    intent = ctx.intent
    if _more_hours(low, ctx):
        return None
    m = LAST_N.fullmatch(low)
    if m is None or (intent != "trades" and re.search(r"\b(?:trades?|fills?)\W*$", low)):
        return None
    n = m.group(1)
    return int(n) if n.isdigit() else NUMBER_WORDS[n]


def widened(low: str, ctx: Context, universe: Universe, now_ms: int) -> Context | None:
    """The conversation with the filter a follow-up drops cleared ("all of them": the count; "not just
    sells": the side; "not just today": the period), or None when the follow-up drops none."""
    if ctx.intent not in LISTS:
        return None
    if _ALL.fullmatch(low):
        if ctx.limit is not None:
            return replace(ctx, limit=None)
        if ctx.side is not None:
            return replace(ctx, side=None)
        return None
    if ctx.side is not None and _BOTH_SIDES.fullmatch(low):
        return replace(ctx, side=None)  # "open sell orders" -> "show the buys too"
    if ctx.symbol is not None and _ALL_MARKETS.search(low):
        return replace(ctx, asset=None, symbol=None)  # "widen it to all coins"
    m = _NOT_JUST.search(low)
    if m is None:
        return None
    named = extract(m.group(1), universe, now_ms)
    out = ctx
    if named.period is not None or re.search(r"\b(?:today|yesterday|this|last|week|month)\b", m.group(1)):
        out = replace(out, period=None)
    if named.side is not None or re.search(r"\b(?:sells?|buys?|sales|purchases)\b", m.group(1)):
        out = replace(out, side=None)
    if named.status is not None:
        out = replace(out, status=None)
    if named.assets or named.symbols:
        out = replace(out, asset=None, symbol=None)
    return out if out != ctx else None


_MORE_HOURS = re.compile(
    r"\W*(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to|what\s+about|how\s+about|and)?\s*(\d{1,3})\W*"
)


def other_window(low: str, ctx: Context, now_ms: int) -> str | None:
    """ "over the last 2 weeks i mean" after a list: the window it names, for the same list; or None."""
    m = _PERIOD_ONLY.fullmatch(low) if ctx.intent in LISTS else None
    if m and parse_period(m.group(1), now_ms) is not None:
        return m.group(1)
    n = _more_hours(low, ctx)
    return f"last {n.group(1)} hours" if n else None  # "make that 36" after the last 12 hours


def _more_hours(low: str, ctx: Context) -> re.Match[str] | None:
    hours = ctx.period is not None and ctx.period.label.endswith("h") and ctx.limit is None
    return _MORE_HOURS.fullmatch(low) if hours else None


def earlier(low: str, ctx: Context, now_ms: int) -> str | None:
    """ "and before that?" after today's list: the period before the last one ("yesterday")."""
    if ctx.period is None or not _BEFORE.fullmatch(low):
        return None
    label = _EARLIER.get(ctx.period.label)
    return label if label and parse_period(label, now_ms) is not None else None


# What may be said around a code word to set it off: "code blue, now", "banana!! please"
_AROUND_A_WORD = re.compile(
    r"\b(?:right\s+now|now|please|pls|plz|go|asap|immediately|ok|okay|then|it'?s\s+time|code|word|yes|yeah|yep|quickly|fast|hurry)\b"
)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())  # emoji, ":)", "—", "-" are not words


def _said(text: str) -> str:
    return _words(without_now_or_please(_AROUND_A_WORD.sub(" ", text)))


def amends_a_request(low: str, ctx: Context) -> bool:
    """Whether `low` only changes the request just refused ("make it 2"), says yes to acting on the
    view just given ("would you sell btc at this level?" -> "go ahead"), or is a word a refused request
    was to be set off by ("whenever I say 'banana', sell half my BTC" -> "banana"), as written or with
    words around it ("banana now!")."""
    words, said = _words(low), _said(low)
    if any(words == _words(w) or (said and said == _said(w)) for w in ctx.code_words):
        return True
    if ctx.intent in _SETTING_SHOWN and _SETS_IT.fullmatch(low) and "?" not in low:
        return True  # "what's my stop?" -> "2900 then", "what's my risk?" -> "make it 3", "is the bot on?" -> "off"
    if ctx.refused:  # as written, or in plain words ("lo mismo para eth": the same for eth)
        return bool(_AMENDS_A_REQUEST.fullmatch(low) or _AMENDS_A_REQUEST.fullmatch(plain_words(low)))
    return ctx.intent == "analysis" and bool(_CONSENTS.fullmatch(low))
