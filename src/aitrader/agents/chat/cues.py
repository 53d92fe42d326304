"""Phrase cues: wordings that settle or strongly favour an intent whatever else the question says
("why didn't you buy" is about a trade not made; "what's my account worth" is the total, not one
balance). Each adds to that intent's score in the matcher, so the examples still decide close calls."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aitrader.agents.chat.entities import Entities

from aitrader.agents.chat.cues_settling import MILD, ROWS, SETTLED, STRONG, settle

__all__ = ["MILD", "SETTLED", "STRONG", "cue_bonus"]

_NEG = (
    r"(?:not|no|didn'?t|didnt|didbt|dint|didt|did\s+not|haven'?t|havent|hasn'?t|hasnt|wasn'?t|wasnt|isn'?t|aren'?t|won'?t|never|"
    r"nothing|zero|none)"
)
_WHO = r"(?:you|u|the\s+bot|it|bot)"
_REFUSED_WHAT = (
    r"\b(?:which|what)\s+(?:symbols?|coins?|pairs?|assets?|markets?|entries|entry|trades?|proposals?|signals?|"
    r"buys?)\b[^?]*\b(?:were|was|got|get|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:reject\w*|refus\w*|"
    r"block\w*|veto\w*|denied|declin\w*)"
)
# "bulls or bears in control?", "bear market": the market's mood (analysis), not the debate's roles
_MOOD = r"\b(?:bulls?|bears?)\s*(?:or|vs\.?|versus|/)\s*(?:bulls?|bears?)\b|\b(?:bull|bear)\s+(?:market|run|trap|flag|szn|season|cycle)"
_ROLE = r"\b(?:bears?|bulls?)(?:'?s)?"
# What a slow decider deliberated ("what did the bear say?", "why did the debate pass on btc?")
_DEBATE = (
    r"\bdebat\w*|\barbiter\w*|\badvis[oe]r\w*|\bllm\b|\banalysts?\b|\banalysts'|\bresearchers?\b|\bconviction\b",
    rf"^(?!.*(?:{_MOOD})).*(?:{_ROLE}\s+(?:case|side|arg\w*|said|say\w*|think\w*|thought|points?|view|thesis|"
    r"researcher|reasoning|reason|rebutt\w*|rebuttal|opening|words?)\b"
    rf"|\bwhat\s+(?:did|does|do|was|were)\s+the\s+(?:bears?|bulls?)\b|^\W*(?:and\s+|what\s+about\s+|how\s+about\s+)?"
    rf"(?:the\s+)?(?:bears?|bulls?)\W*$)",
    r"\b(?:bearish|bullish)\s+(?:arg\w*|case|side|researcher|thesis|points?|rebutt\w*)\b",
)
# (intent, bonus, alternatives): one row per intent; the first rows win ties ("why not" before "why").
_TABLE: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("debate", SETTLED, _DEBATE),
    (
        "why_not",
        SETTLED,
        (
            rf"\bwhy\b[^?]*\b{_NEG}\b",
            rf"\b(?:reasons?|explain)\b[^?]*\b{_NEG}\b",
            rf"\bhow\s+come\b[^?]*\b{_NEG}\b",
            r"\b(?:holding|keeping)\s+(?:it|him|the\s+bot|the\s+strategy|you|things)\s+back\b",  # "what's holding it back"
            r"\b(?:why|how\s+come|reason)\b[^?]*\b(?:quiet|idle|inactive|sitting|nothing|doing\s+nothing|no\s+action|"
            r"not\s+trading|flat|sidelines?|waiting)\b",
            rf"\bwhat\s+(?:stopped|kept|prevented|blocked|held\s+back)\s+(?:{_WHO}\b|the\b|that\b|this\b)",
            r"\b(?:reject\w*|refus\w*|block\w*|skipp?\w*|veto\w*|denied|declin\w*)\b[^?]*\b(?:why|reason|how\s+come)\b",
            r"\b(?:why|reason|grounds|basis|rationale|explain\w*)\b[^?]*\b(?:reject\w*|refus\w*|block\w*|skipp?\w*|veto\w*|denied|declin\w*|pass(?:ed)?\s+on)",
            r"\b(?:no|zero)\s+(?:new\s+)?(?:trades?|entries|entry|buys?|positions?)\s+(?:today|yet|this|since|all)",
            rf"\b{_NEG}\s+(?:\w+\s+)?(?:trades?|entries|buys?)\b[^?]*\bwhy\b",
            r"\bholdup\b|\bhold[\s-]up\b",
            r"\b(?:did|done|doing)\s+nothing\b|\bno\s+(?:trades?|activity)\b[^?]*\bwhy\b",
            r"\b(?:hasn'?t|has\s+not|didn'?t|did\s+not|haven'?t)\s+done\s+anything\b|\b(?:sat|sitting)\s+there\b",
            r"\bno\s+(?:entry|entries|trades?|fills?|buys?)\b[^?]*\b(?:why|reason)\b|\bchicken(?:ed)?\s+out\b",
            # the gate's refusals listed ("which symbols were rejected today", "rejections by symbol");
            # a venue's rejected orders stay order history
            _REFUSED_WHAT,
            r"\b(?:risk\s*gate|gate|risk\s+check)\b[^?]*\b(?:reject\w*|refus\w*|block\w*|veto\w*|den(?:y|ied))\b"
            r"(?![^?]*\borders?\b)",
            r"^(?!.*\borders?\b).*\b(?:rejections|refusals)\b",
        ),
    ),
    (
        "why",
        STRONG,
        (
            r"\bwhy\b",
            r"\bwhy'd\b|\breasn\b",
            rf"\bwhat\s+(?:made|caused|triggered|prompted)\s+{_WHO}\b",
            r"\b(?:reason(?:ing)?|thinking|logic)\s+(?:for|behind)\b|\bbase\w*\s+(?:its|the|that|this|his|her|your)\s+decision\b",
            r"\bexplain\b[^?]*\b(?:trade|buy|sell|entry|exit|order|position|decision)",
            r"\brationale\b",
            r"\bjustif",
            r"\bwhay\b|\bevidence\b",
            r"\bfor\s+what\s+reason\b|\bwhat\s+was\s+the\s+reason\b",
        ),
    ),
    (
        "help",
        SETTLED,
        (
            r"\b(?:what|wat|wht|wut)\s+(?:can|could|do|else\s+can)\s+(?:you|u|ya|this)\s+(?:actually\s+|really\s+|even\s+)?"
            r"(?:do|help|tell|answer|show)",
            r"\bfeatures\b",
            r"\bcapabilit",
            r"\bwhat\s+(?:is|'s|s)\s+this\s+(?:bot|thing|app|tool|assistant)?\s*for\b",
            r"\bhow\s+(?:do\s+i|to)\s+use\s+(?:you|this|the\s+chat)",
            r"\bwhat\s+(?:info|information|data|stuff)\s+(?:do\s+you|can\s+you|you)\b",
            r"\b(?:are|r)\s+(?:you|u)\s+able\s+to\b",
            r"\bcan\s+(?:you|u)\s+(?:trade|place|buy|sell)\b",
            r"\bwhat\s+(?:questions|things|kind\s+of\s+(?:questions|things|stuff))\b|\bcan\s+i\s+ask\b",
            r"\bwho\s+are\s+(?:you|u)\s*\??$",
            r"\bable\s+to\s+help\b|\bwhat\s+(?:can|could)\s+(?:you|u)\s+(?:help|pull|show|tell|give|answer)\b|\bwhat\s+info\b",
            r"\bwhat\s+are\s+(?:you|u)\s+(?:\w+\s+)?(?:good\s+for|for)\b",
            r"\b(?:sort|kind|type)s?\s+of\s+(?:things|stuff|questions)\b",
        ),
    ),
    (
        "analysis",
        STRONG,
        (
            r"\b(?:think|thoughts?|opinion|view|outlook|take)\s+(?:of|on|about|for)\b",
            r"\banaly[sz]\w*",
            r"\btrend\w*\b",
            r"\bbullish\b|\bbearish\b|\bbull\s+or\s+bear\b|\bregime\b|\bsentiment\b|\bforecast\b|\bpredict\w*",
            r"\btechnicals?\b|\bmomentum\b|\boverbought\b|\boversold\b|\brsi\b|\bmacd\b|\bema\b",
            r"\bsupport\s+(?:and|&|or)\s+resistance\b|\bresistance\b|\bsupport\s+levels?\b",
            r"\bshould\s+(?:i|we)\s+(?:buy|sell|get|ape|enter|exit|go|take|add|long|short|hold)\b",
            r"\bgood\s+(?:time|moment|entry|idea|buy)\b",
            rf"\b(?:would|will|could)\s+make\s+{_WHO}\b",
            r"\bwhat\s+would\s+(?:you|u|the\s+bot)\s+(?:need|want|wait)",
            r"\bentry\s+(?:conditions?|signal|setup|criteria|rules?)",
            r"\bsignal\s+(?:on|for)\b|\bsetup\s+(?:on|for)\b",
            r"\bup\s*trend|\bdown\s*trend|\bchop\w*\b|\branging\b|\bsideways\b|\bbreak\s*out\b",
            r"\bdip\b",
            r"\b(?:read|vibe|vibes|feel|feeling|call|verdict|gut)\s+(?:on|about|for)\b",
            r"\bbuy,?\s+(?:hold|sell)\b|\bbe\s+a\s+(?:buyer|seller)\b|\bstrong\s+or\s+weak\b|\bbrewing\b",
            r"\blooking\s+(?:strong|weak|good|bad|bullish|bearish|heavy|healthy|toppy)",
            r"\bwhat\s+would\s+(?:it|have\s+to)\s+(?:take|happen)\b|\bconditions?\b|\bmake\s+of\b",
            r"\bwould\s+(?:the\s+strategy|you|u|it|the\s+bot|your\s+strategy)\s+(?:enter|buy|sell|go\s+long|get\s+in)",
            r"\bhow'?s\s+\w+\s+looking\b|\blooking\s+to\s+(?:you|u)\b|\bbias\b|\blevels?\s+(?:matter|to\s+watch|that\s+matter)",
            r"\b(?:close\s+to|far\s+from)\s+(?:an?\s+)?(?:long\s+|buy\s+|entry\s+)?(?:entry|buy|signal|trigger)|\btrigger\w*\s+(?:a|an)\s+(?:buy|entry|sell|long)",
            r"\b(?:need|have)\s+to\s+change\b|\bwhat'?d\s+make\b|\bw(?:ou|u)?ld\s+make\b|\bshould\s+(?:i|we)\b|\bshu?d\s+i\b",
            r"\bor\s+wait\b|\b(?:would|will)\s+(?:the\s+bot|it|the\s+strategy)\s+go\s+(?:long|short)\b",
            r"\bworth\s+(?:buying|selling|getting|a\s+buy|a\s+(?:punt|flutter|gamble|bet|shot))\b",
        ),
    ),
    (
        "account_value",
        STRONG,
        (
            r"\b(?:account|portfolio|total|overall|whole|entire|net|combined|everything|stack|all\s+(?:my|of\s+my))\b[^?]*"
            r"\b(?:worth|value|valued|valuation|equity|nav|in\s+(?:usdt|usd|dollars?|btc))\b",
            r"\b(?:worth|value|equity|nav)\b[^?]*\b(?:account|portfolio|total|overall|altogether|in\s+total|combined)\b",
            r"\bnet\s*worth\b|\btotal\s+(?:balance|equity|holdings|funds)\b",
            r"\bhow\s+much\s+(?:am\s+i|is\s+(?:my|the)\s+\w+)\s+worth|\bwhat(?:\s+am\s+i|'?s\s+my\s+(?:bags?|stack|stash))\s+worth",
            r"\bhow\s+much\s+money\s+(?:do\s+i|have\s+i|we)\b|\baccount\s+size\b",
            r"\bsold\s+everything\b|\bcash(?:ed)?\s+out\s+everything\b",
            r"\bhow\s+rich\b|\bsold\s+everything\b|\bin\s+total\b|\baltogether\b",
            r"\bgrand\s+total\b|\beverything\s+worth\b",
            # what my coin is worth: that holding valued ("what's my BTC worth in dollars?"; nlu_fill)
            r"\bmy\s+(?:btc|eth|sol|bitcoins?|ether|ethereum|solana)\s+(?:worth|value)\b",
        ),
    ),
    (
        "price",
        STRONG,
        (
            r"\bbid\s*(?:/|and|&)?\s*ask\b|\bspread\b|\bwhat(?:'?s|\s+is)\s+(?:\w+\s+)?(?:going|goin|selling|trading)\s+for\b",
            r"\bwhere\s+(?:is|'s)\s+(?:it|\w+)\s+trading\b|\bwhere\s+(?:it|\w+)\s+(?:is|'s)\s+trading\b",
        ),
    ),
    (
        "analysis",
        STRONG,
        (
            r"\bvolatil\w*|\bcalm\b|\bconsolidat\w*|\bdirection\b|\bheading\b|\bjuicy\b|\bovervalued\b",
            r"\bundervalued\b|\boverextended\b|\bcheap\b|\bexpensive\b|\bbottom(?:ed|ing)?\b|\btopp(?:ed|ing)\b",
            r"\brate\b[^?]*\b(?:1|one)\s+to\s+(?:10|ten)\b|\bhold\s+or\s+(?:dump|sell|fold)\b|\b(?:long|short)\s+it\b",
            r"\bindicators?\b|\bchart\b|\bnext\s+move\b|\bwhere\s+(?:is|'s)\s+\w+\s+going\b",
        ),
    ),
    (
        "analysis",
        STRONG,
        (
            r"\b(?:gonna|going\s+to|will\s+it|to\s+the)\s+moon\b|\bmoon\s+or\b",
            r"\b(?:bull|bear)(?:ish)?\s+(?:vibes?|energy|signs?|signals?|setup)\b",
        ),
    ),
    ("account_value", SETTLED, (r"^\W*nav\W*$", r"\bnav\b")),
    (
        "order_lists",
        STRONG,
        (
            r"\b(?:oco|ocos|bracket|brackets|brakets?|brackts?|order\s*lists?|ordr\s+lists?)\b",
            r"\bone[\s-]+cancels?[\s-]+the[\s-]+other\b",
            r"\b(?:stop|sl)\b[^?]*\b(?:and|&|\+)\b[^?]*\b(?:target|tp|take[\s-]*profit)\b[^?]*\b(?:pair|set\s*up|bracket|linked|orders?)",
            r"\blinked\s+(?:orders|together)\b|\borders\s+linked\b",
            r"\blegs?\b",
        ),
    ),
    (
        "symbol_info",
        SETTLED,
        (
            r"\b(?:tick\s*size|lot\s*size|step\s*size|trading\s+rules?|precision|decimals|filters?(?!\s+(?:it|that|them|this|those|by|down|to|on|for)\b))\b",
            r"\bmin(?:imum|imun|umum)?\s*(?:notional|qty|quantity|order|size|trade|amount|lot)",
            r"\bmax(?:imum)?\s*(?:qty|quantity|order)",
            r"\bsmallest\s+(?:amount|order|size|qty|quantity|trade)",
            r"^\W*tick\b|\btick\s+(?:for|on|of)\b|^\W*\w+\s+tick\W*$",
            r"\bminimum\b|\bmin\s+(?:i|you)\s+can\b",
            r"\bhow\s+small\b|\bsmallest\b|\ballowed\b[^?]*\border\b|\border\b[^?]*\ballowed\b",
        ),
    ),
    (
        "pnl",
        SETTLED,
        (
            r"\b(?:pnl|p&l|profitable|realized|realised|damage|net\s+result)\b|\bearn\w*",
            r"(?<!stop\s)(?<!stop-)(?<!stop)\bloss(?:es)?\b",
            r"(?<!take\s)(?<!take-)(?<!take)\bprofits?\b",
            r"\b(?:are|were)\s+we\s+(?:up|down)\b|\bhow\s+(?:did|have|'ve)\s+(?:i|we)\s+(?:do|done|fare|fared)\s+(?:on|with)\b",
            r"\b(?:made|make|making|lost|lose|losing)\s+(?:any\s+|some\s+)?mon(?:e)?y\b|\bmoney[\s-]*wise\b",
            r"\bmoney\b[^?]*\b(?:made|make|lost|earned)\b|\b(?:are|were)\s+we\s+(?:green|red)\b|\bin\s+the\s+(?:green|red)\s+today\b",
        ),
    ),
    (
        "positions",
        MILD,
        (
            r"\bunreali[sz]ed\b|\bfloating\b|\b(?:my|the|our|bot'?s?|open)\s+positions?\b|\bin\s+a\s+(?:trade|position)\b",
            rf"\bbags?\b[^?]*\b{_WHO}\b|\b{_WHO}\b[^?]*\bbags?\b",
            r"\b(?:tp|sl|stop|target)\b[^?]*\b(?:trade|position)\b",
            r"\bare\s+we\s+(?:long|short|in)\b|\bhow\s+far\b|\b(?:stop|target|tp|sl)\b[^?]*\b(?:distance|away)\b",
            r"\bpositions?\s+(?:are\s+|is\s+)?open\b|\bpositions\b",
            r"\b(?:a|any|the|our|my)\s+(?:\w+\s+)?position\b|\bholding\s+anything\b|\bstopped\s+out\b|\bposition\s+size\b|\blooking\s+after\b",
            r"\bentry\s+price\b|\bposition\s+details\b|\brunning\s+position|\btrade\s+going\b",
            r"\bunderwater\b|\bstill\s+alive\b|\bposition\b[^?]*\balive\b|\bskin\s+in\s+the\s+game\b",
        ),
    ),
    (
        "positions",
        SETTLED,
        (
            r"\bposition\b[^?]*\b(?:pnl|p&l|profit|loss)\b|\bunre\w*i[sz]ed\b|\bupnl\b|\b(?:is|what'?s|what\s+is)\s+(?:it|the\s+bot|bot)\s+(?:still\s+)?holding\b",
            r"\b(?:tp|sl|stop|target|take[\s-]*profit|stop[\s-]*loss)\b[^?]*\b(?:trade|position)\b",
            # still holding something: "is it still in something?", "did the bot sell everything?"
            r"\bstill\s+in\s+(?:it|that|something|anything|any|a\s+position|btc|eth|sol|bitcoin|ethereum|solana)\b"
            r"|\bdid\s+(?:the\s+bot|it|you)\s+sell\s+(?:everything|it\s+all|all\s+of\s+it)\s*\?",
            r"\bfloating\b|\bhow\s+far\b",
        ),
    ),
    (
        "analysis",
        SETTLED,
        (
            r"\bshould\s+(?:i|we)\s+(?:buy|sell|get|ape|enter|exit|go|take|add|long|short|hold)\b|\bshu?d\s+i\b",
            r"\bbe\s+a\s+(?:buyer|seller)\b|\bwhat\s+would\s+(?:it|have\s+to)\s+(?:take|happen)\b",
            r"\b(?:need|have)\s+to\s+change\b|\bwhat'?d\s+make\b",
            r"\b(?:would|will)\s+(?:the\s+bot|it|the\s+strategy|you)\s+(?:go\s+(?:long|short)|enter|buy)\b[^?]*\bhere\b",
            r"\b(?:needs?|has|have)\s+to\s+happen\b|\bbulls?\s+or\s+bears?\b|\b(?:will|gonna|going\s+to)\s+(?:it\s+)?go\s+up\b",
            r"\bin\s+your\s+opinion\b|\btoo\s+(?:expensive|cheap|high|late)\b|\bis\s+(?:it|this|that)\s+a\s+(?:buy|sell)\b",
            # a sale or purchase weighed at this price: "can I sell all my eth at this price?"
            r"\b(?:can|could|should)\s+(?:i|we)\s+(?:sell|buy)\b[^?]*\bat\s+(?:this|that|the\s+current|today'?s)\s+(?:price|level)\b",
            r"\b(?:smart|wise)\s+(?:move\s+)?to\s+(?:sell|buy)\b|\bwhat'?s\s+(?:it|the\s+bot|the\s+strategy)\s+waiting\s+for\b",
        ),
    ),
    ("open_orders", SETTLED, (r"\b(?:open|pending|resting|working)\s+(?:buys|sells|bids|asks|orders?)\b",)),
    ("open_orders", MILD, (r"\borders?\b[^?]*\bopen\b",)),
    ("balance", SETTLED, (r"\bhow\s+much\s+of\s+(?:that|it|this|them)\s+(?:is|are)\b",)),
    ("risk", MILD, (r"\brisk\b|\bexposure\b|\bexposed\b",)),
    (
        "risk",
        STRONG,
        (
            r"\brisk\b[^?]*\b(?:each|every|per|individual)\s+(?:\w+\s+)?trade\b|\brisk\s*(?:per|/|a)\s*trade\b|\bhow\s+much\s+(?:are\s+we|am\s+i)\s+risking\b",
            r"\bloss\s+limit\b|\bbreaker\b|\bdrawdown\b|\bmax(?:imum)?\s+loss\b|\brisk\s+limits?\b",
            r"\bover\s*exposed\b|\bheat\b|\b(?:most|max)\b[^?]*\blose\b",
            r"^\W*(?:and|&|what\s+about|how\s+about)?\s*(?:the\s+)?(?:per|each|every|a)[\s-]+trade\W*$",  # "and per trade?"
        ),
    ),
    (
        "bot_status",
        STRONG,
        (
            r"\b(?:is|are)\s+(?:the\s+)?(?:bot|it|you|strategy|algo)\s+(?:running|alive|up|on|working|active|live|paper|"
            r"trading|online)\b",
            r"\bwhich\s+strategy\b|\bwhat\s+strategy\b|^\W*strategy\W*$",
            r"\b(?:paper|live)\b[^?]*\b(?:or|vs|versus)\b[^?]*\b(?:live|paper|real)\b",
            r"\buptime\b|\bheartbeat\b|\blast\s+candle\b|\bmode\b|\bconnected\b|\bonline\b",
            r"\b(?:bot|algo)\s+(?:status|state|health)|^\W*status\W*$|\bpaper\s+(?:trading|mode)|\blive\s+(?:trading|mode)",
            r"\bwhat\s+(?:strat|strategy)\b|\bstrat\b",
            r"\b(?:bot'?s|its|your)\s+strat(?:egy)?\b|\bbot\s+(?:runn?ing|up|alive|on|working)\b",
            r"\b(?:bot|it|you)\b[^?]*\b(?:crash\w*|down|offline|dead|stuck|frozen|restart\w*)\b|\bis\s+the\s+bot\b",
            r"\breal\s+money\b|\bsimulat\w*|\bdemo\s+mode\b",
        ),
    ),
    (
        "open_orders",
        STRONG,
        (
            r"\bopen\s+(?:\w+\s+)?orders?\b|\borders?\s+(?:presently\s+|currently\s+|still\s+)?(?:open|pending|resting|working|waiting|outstanding|live)\b",
            r"\b(?:pending|resting|working|outstanding|unfilled)\s+(?:\w+\s+)?orders?\b|\bnot\s+(?:yet\s+)?filled\b",
            r"\b(?:asks|bids)\b|\bstill\s+(?:up|there|open|sitting|working|waiting)\b",
            r"\bon\s+the\s+(?:order\s*)?book\b",
            r"\b(?:my|the)\s+(?:\w+\s+)?(?:buy|sell|limit)\s+(?:order|price)\b(?![^?]*\b(?:filled|history|yesterday|last))",
            r"\b(?:bid|ask|offer)\s+(?:sitting|resting|at|still)\b|\bwaiting\s+to\s+(?:be\s+)?fill",
        ),
    ),
    (
        "order_history",
        STRONG,
        (
            r"\border\s+history\b",
            r"\b(?:past|old|closed|previous|cancel+(?:l?ed)?|cancelld|expired|filled|filed|completed|killed)\s+(?:\w+\s+)?orders?",
            r"\borders?\s+(?:that\s+)?(?:got\s+|were\s+|was\s+)?(?:cancel\w*|expired?|filled|killed)\b",
            r"\bolder\b|\bclosed\s+ones\b",
        ),
    ),
    ("trades", 0.5, (r"\b(?:trades?|fills?|executions?)\b",)),
    (
        "trades",
        STRONG,
        (
            r"\bdid\s+(?:we|i|you|u|the\s+bot|it)\s+(?:buy|sell|dump|cop|ape|trade|get\s+filled)\b",
            r"\bwhat\s+(?:have|did|has)\s+(?:i|we|the\s+bot|you)\s+(?:bought|buy|sold|sell|traded|trade)\b",
            r"\b(?:buys|sells)\b",
            r"\b(?:my|the)\s+last\s+(?:\w+\s+)?(?:buy|sell|trade|fill)\b|\bwhen\s+did\s+(?:i|we|you|the\s+bot)\s+last\b",
            r"\bpurchases\b|\bwhat\s+did\s+(?:i|we)\s+buy\b",
        ),
    ),
    (
        "balance",
        MILD,
        (
            r"\bbalances?\b|\bholdings?\b(?!\s+(?:it|them|us|back|up)\b)|\bhow\s+(?:much|many)\s+\w+\s+(?:do|have|did)\s+i\b|\bfree\b|\blocked\b",
            r"\bbags?\b|\bstack\b|\bstash\b|\bhodl\w*|\bdry\s+powder\b|\bsats\b|\bi\s+got\b",
            r"\bstacking\b|\bwhat\s+coins\b|(?<!where\s)(?<!when\s)(?<!if\s)\bavailable\b|\bcash\b|\bbuying\s+power\b",
            r"\bhow\s+(?:much|many)\b[^?]*\b(?:in\s+my\s+(?:account|wallet)|do\s+i\s+(?:have|hold|own)|have\s+i\s+got|i\s+(?:have|hold|own))",
            r"\btied\s+up\b",
            r"\bany\s+\w+\s+left\b|\bpossess\b|\bspend\s+all\b",
        ),
    ),
    (
        "price",
        MILD,
        (
            r"\bprice\b|\bpx\b|\bchg\b|\btrading\s+at\b|\b24\s*h\b|\bchange\b|\bvolume\b|\bquote\b",
            r"\b(?:up|down)\s+or\s+(?:up|down)\b|\bhigh\s+and\s+low\b|\bgoing\s+for\b|\bwhat\s+did\s+\w+\s+do\b",
            r"\bpump\w*\b|\bdump\w*\b",
            r"\bgreen\s+or\s+red\b",
            r"\bstats\b",
        ),
    ),
)
_CUES: tuple[tuple[re.Pattern[str], str, float], ...] = tuple(
    (re.compile("|".join(f"(?:{alt})" for alt in alts)), intent, bonus)
    for intent, bonus, alts in _TABLE + ROWS
)


_ORDERS = re.compile(r"\b(?:orders?|ordrs?|ordr|ords?)\b")
_TRADES = re.compile(r"\b(?:trades?|fills?|executions?|buys|sells|deals|txs?)\b")


def cue_bonus(text: str, ent: Entities | None = None) -> dict[str, float]:
    """What each intent's phrase cues (and entities: an order id, "last 3", "cancelled") add for
    `text` (lower case)."""
    out: dict[str, float] = {}
    for rx, intent, bonus in _CUES:
        if rx.search(text):
            out[intent] = max(out.get(intent, 0.0), bonus)
    if ent is not None:
        if ent.amount is not None and "account_value" not in out:
            out["price"] = max(out.get("price", 0.0), STRONG)
        if ent.order_id and "why" not in out and "why_not" not in out:
            out["order_history"] = max(out.get("order_history", 0.0), STRONG)
        if ent.limit and _ORDERS.search(text) and "open_orders" not in out:
            out["order_history"] = max(out.get("order_history", 0.0), STRONG)
        elif ent.limit and _TRADES.search(text):
            out["trades"] = max(out.get("trades", 0.0), STRONG)
        ordered = ent.status in {"FILLED", "REJECTED"} and _ORDERS.search(text)
        if (ent.status in {"CANCELED", "EXPIRED"} or ordered) and "why_not" not in out:
            out["order_history"] = max(out.get("order_history", 0.0), SETTLED)
    out = settle(text, out)
    if "debate" in out:  # the debate's words settle it: "why did the debate pass" is not a refusal
        return {"debate": out["debate"]}
    if "why_not" in out:
        out.pop("why", None)
    if out.get("positions") == SETTLED:
        out.pop("pnl", None)  # "the eth position's p&l" is the open position, not realised P&L
    if "why" in out or "why_not" in out:
        out.pop("trades", None)
    return out
