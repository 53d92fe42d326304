"""The cue weights, and the cues added in stop 46 from sets S and ba–be: wordings that favour an intent
(ROWS, read with cues.py's table) and wordings that take the question from one intent to another whatever
the table found (settle): "why is there an oco on my eth" asks why the bot placed it, not for the list;
"does the bot have a weekly loss limit?" asks for a risk setting, not a loss; "how much is tied up in open
orders" asks for the locked part of a balance, not for the orders."""

from __future__ import annotations

import re

SETTLED = 1.0  # settles it
STRONG = 0.6  # settles it unless the examples strongly disagree
MILD = 0.25

ROWS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    # "recent orders on sol": the orders placed lately, however they ended (no count named: every one)
    (
        "order_history",
        STRONG,
        (r"\b(?:recent|latest|newest)\s+(?:\w+\s+)?orders\b|\borders?\b[^?]*\brecently\b",),
    ),
    # "what's a solana going for"; "all three prices"
    (
        "price",
        STRONG,
        (r"\b(?:going|selling|trading|changing\s+hands)\s+for\b|\ball\s+(?:three|3)\s+(?:prices|coins)\b",),
    ),
    # the ones not filled yet are still open: "list the ones that haven't filled yet"
    (
        "open_orders",
        SETTLED,
        (
            r"\b(?:haven'?t|hasn'?t|have\s+not|has\s+not|aren'?t|isn'?t)\s+(?:been\s+|got\s+|gotten\s+)?filled\b",
        ),
    ),
    # Singlish "sol now can enter or not": whether it is a time to enter
    ("analysis", SETTLED, (r"\bcan\s+(?:enter|buy|go\s+in|masuk)\s+(?:or\s+not|anot|not)\b",)),
    # what would make the bot enter: "what does sol have to do for the bot to take a trade"
    (
        "analysis",
        SETTLED,
        (
            r"\b(?:have|has|need|needs)\s+to\s+(?:do|happen|see|show)\s+for\s+(?:you|u|the\s+bot|it|bot)\s+to\s+"
            r"(?:take|enter|buy|open|make|go|get)\b",
        ),
    ),
    # "bot got any bags rn?": what the bot holds
    (
        "positions",
        SETTLED,
        (r"\b(?:the\s+)?bot\s+(?:got|has|have|holding|hold)\s+(?:any\s+)?(?:bags?|positions?|coins?)\b",),
    ),
    (
        "pnl",
        STRONG,
        (r"\bhow(?:'m|\s+am|\s+are)\s+(?:i|we)\s+(?:tracking|going|faring|placed)\b",),
    ),  # "how'm i tracking"
)

# (wording, intents it takes the question from, the intent it settles)
_SETTLING: tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...] = (
    (
        re.compile(r"\bwhy\s+(?:is|are)\s+there\s+(?:an?|the|this|that|these|those|some|\d+)\s"),
        ("order_lists", "open_orders", "positions"),
        "why",
    ),
    (
        re.compile(r"\bloss\s+limits?\b|\b(?:max(?:imum)?|daily|weekly)\s+loss\s+(?:cap|limit)"),
        ("pnl",),
        "risk",
    ),
    (
        re.compile(
            r"\b(?:how\s+much|amount|portion|part)\b[^?.]{0,30}?\b(?:tied\s+up|locked(?:\s+up)?|reserved|held|"
            r"committed|sitting|stuck|frozen|on\s+hold)\s+(?:in|for|by|on)\s+(?:the\s+|my\s+|any\s+)?"
            r"(?:open|pending|resting|active|working)?\s*orders?\b"
        ),
        ("open_orders",),
        "balance",
    ),
)


def settle(text: str, out: dict[str, float]) -> dict[str, float]:
    """`out` (intent -> cue bonus) with the intents these wordings take `text` from dropped, and the one
    they settle added; a why-not question stays one."""
    for rx, away, intent in _SETTLING:
        if rx.search(text) and not (intent == "why" and "why_not" in out):
            out = {k: v for k, v in out.items() if k not in away}
            out[intent] = SETTLED
    return out
