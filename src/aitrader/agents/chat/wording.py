"""Ways of asking that are rewritten into the words the rest of the understanding reads, before it
reads them: common misspellings ("acount", "bit coin"), API names a developer types ("openOrders",
"myTrades", "exchangeInfo") and, through foreign_gloss.py, the everyday question words of other
languages ("cuánto BTC tengo", "wie viel SOL habe ich", "比特币价格"). Requests to act are refused before
this runs, in any language (refusal.py)."""

from __future__ import annotations

import re

from aitrader.agents.chat.foreign_gloss import gloss
from aitrader.agents.chat.spelling import respell

_SPELLING = {
    "wuts": "what's",
    "wats": "what's",
    "wat's": "what's",
    "wht": "what",
    "abt": "about",
    "efter": "after",
    "expo": "exposure",
    "wut": "what",
    "goin": "going",
    "acount": "account",
    "accnt": "account",
    "worht": "worth",
    "wroth": "worth",
    "balnce": "balance",
    "blance": "balance",
    "ballance": "balance",
    "ordrs": "orders",
    "ordes": "orders",
    "oders": "orders",
    "trdes": "trades",
    "trde": "trade",
    "trads": "trades",
    "prcie": "price",
    "pirce": "price",
    "proce": "price",
    "postion": "position",
    "positon": "position",
    "posiiton": "position",
    "histroy": "history",
    "hsitory": "history",
    "profti": "profit",
    "stauts": "status",
    "statsu": "status",
    "eath": "eth",
    "etherum": "ethereum",
    "etheruem": "ethereum",
    "bitcion": "bitcoin",
    "solanna": "solana",
    "lst": "last",
    "sel": "sell",
    "slel": "sell",
    "cmds": "commands",
    "ths": "this",
    "prfit": "profit",
    "ltest": "latest",
    "trds": "trades",
    "slo": "sol",
    "setp": "step",
}
# Phrases, in order: (pattern, replacement). Word boundaries everywhere; the text is lower case.
_PHRASES: tuple[tuple[str, str], ...] = (
    # split or glued names
    (r"bit\s+coin", "bitcoin"),
    (
        r"so\s+lana|so(?:le|ul)\s+on\s+a(?=\W*$|\s+(?:today|yesterday|this|last|since|position|trades?))",
        "solana",
    ),
    # "sol" heard as "soul" by voice dictation, where a coin is plainly meant
    (
        r"(?:(?<=price\sof\s)|(?<=much\sis\s)|(?<=how's\s)|(?<=hows\s)|(?<=by\s)|(?<=buy\s)|(?<=any\s)|(?<=sell\s)|(?<=^and\s))soul"
        r"(?=\W*$|\s)|(?<=\d\s)soul(?=\W*$|\s)(?!\s+(?:mates?|music|food|searching)\b)|soul(?=\s+(?:price|balance|orders?|trades?|position|chart))|^soul(?=\W*$)",
        "sol",
    ),
    (r"(?:us|united\s+states|american|u\.s\.)\s+dollars?", "usd"),
    (r"rick\s+size", "tick size"),
    # numbers heard wrong by voice dictation: "what is won bitcoin worth", "are to eth worth", "my last
    # for trades", "last tree orders"
    (r"(?<=\bis\s)won(?=\s+(?:bitcoin|btc|eth|ether|ethereum|eath|sol|solana)\b)", "1"),
    (r"(?<=are\s)(?:to|too)(?=\s+(?:bitcoin|btc|eth|ether|ethereum|eath|sol|solana)\b)", "2"),
    (r"(?<=last\s)for(?=\s+(?:trades?|orders?|fills?|buys|sells|transactions))", "4"),
    (r"(?<=last\s)tree(?=\s+(?:trades?|orders?|fills?|buys|sells|transactions))", "3"),
    (r"pro(?:ph|ff)(?:e|i)t", "profit"),
    (r"bye(?=\s+(?:orders?|side|ones|eth|eath|btc|sol|bitcoin|solana|ethereum)\b)", "buy"),
    (r"oo(?=\s+(?:btc|eth|sol|bitcoin|ethereum|solana)\W*$)", "open orders"),  # "oo btc"; Tagalog "oo" is yes
    (r"(?:wen|when)\s+(?:moon|lambo)", "when will it moon"),
    (r"(?:this|all|the\s+whole)\s+(?:arvo|afternoon|evening|morning)|tonight", "today"),
    (r"(the|open|my|any)\s+by(?=\s+(?:ones|orders|side))", r"\1 buy"),
    (r"for\s+dollar", "in usd"),
    (r"(?:the\s+)?present\s+(week|month)", r"this \1"),  # "for the present week"
    (r"so\s+far\s+(?:in\s+total|overall|all\s+in)|(?:in\s+total|overall)\s+so\s+far", "all time"),
    (r"(?<=orders\s)wey(?=\s+(?:dem|e|don|never|i|we)\b)", "that"),  # Pidgin "the orders wey dem reject"
    (
        r"(?<!day\s)to\s+(day|night|morrow)(?=\s*(?:$|[?.!,;:]|'s\b)|\s+(?:on|in|for|so|please|pls)\b)",
        r"to\1",
    ),  # dictated "to day"  # Nigerian Pidgin "how much my account worth for dollar"
    (
        r"since\s+(\d{1,3}|two|three|four|five|six|seven)\s+(days?|weeks?|hours?)",
        r"in the last \1 \2",
    ),  # "since 2 days"
    (r"status\s*=\s*", ""),
    (r"sats|satoshis?", "sats"),
    (r"hb", "heartbeat"),
    (r"^\W*how\s+come\W*$", "why?"),  # "how come" alone, after an answer
    # heard wrong by voice dictation: "beat coin", "you ess dee tea", "comma only the cells"
    (r"beat\s*coins?", "bitcoin"),
    (r"a\s+theory\s+um|a\s+theorem|ether\s+eum", "ethereum"),
    (r"cell(?=\s+(?:orders?|ones|side)\b)", "sell"),
    (r"(?:you|u)\s+(?:ess|s)\s+(?:dee|d)\s+(?:tea|tee|t)", "usdt"),
    (r"comma", ","),
    (r"(?<=the\s)cells|(?<=only\s)cells|(?<=my\s)cells", "sells"),
    (
        r"(?:take|took|taking|takin)\s+(?:an?\s+|any\s+|big\s+|some\s+)?ls?",
        "take losses",
    ),  # "did the bot take Ls"
    # API names (GET /api/v3/...)
    (r"openorders?", "open orders"),
    (r"allorders", "order history"),
    (r"order_?id(?=\"?\s*[:=]|\s+\d)", "order id"),  # pasted JSON; Estonian "orderid" is "orders"
    (r"mytrades", "my trades"),
    (r"exchangeinfo", "trading rules for"),
    (r"orderlist(?:id)?s?|openorderlists?", "oco"),
    (r"ticker/24hr|24hr", "24h price"),
    (r"limit\s*=?\s*(\d+)", r"last \1 trades"),
    (
        r"(?:now\(\)\s*-\s*)?interval\s*'(\d+)\s*(hour|day|week)s?'",
        r"last \1 \2s",
    ),  # SQL: interval '48 hours'
    (
        r"((?:did|do|have|(?:the\s+bot|it|you|u)\s+(?:didn'?t|did\s+not|never))(?:\s+(?:i|we|you|u|it|t[he]{2}\s+bot))?)"
        r"\s+by(?=\s+(?:any|some|a|btc|eth|sol|solana|bitcoin|more)\w*)",
        r"\1 buy",
    ),  # "did i by anythng"
)
_PHRASE_RX = tuple((re.compile(rf"(?<![\w/])(?:{pattern})(?![\w])"), repl) for pattern, repl in _PHRASES)
_SPELLING_RX = re.compile(r"\b(" + "|".join(_SPELLING) + r")\b")


# A key held down on a coin's name ("ssol", "etth"); not German "soll" ("soll ich kaufen?").
_DOUBLED = re.compile(r"\b(?!soll\b)(?=\w*(\w)\1)(?:s+o+l+|e+t+h+|b+t+c+|u+s+d+t+)\b")


def plain_words(text: str, every_typo: bool = False) -> str:
    """`text` (lower case) with misspellings, API names and foreign question words made plain English;
    `every_typo`: correct misspellings even in a text that looks like another language (the refusal
    check: "clsoe my positon yaar jaldi karo bhai" is a request)."""
    text = re.sub(r"^\s*(?:get|post|delete)\s+/?(?:api/v3/)?", "", text)  # "GET /api/v3/openOrders"
    text = re.sub(
        r"(?<![\w])(?:order)?lists?(?=\?[a-z]+=)", "oco", text
    )  # "lists?symbol=ETHUSDT", not "the list?"
    text = re.sub(r"\bsymbol\s*=\s*", "", text)
    text = re.sub(r"(?<=[a-z])_(?=[a-z])", " ", text)  # "realized_pnl", "open_orders"
    text = re.sub(r"[?&](?=[a-z]+=)", " ", text)  # "orders?status=filled&limit=5"
    text = re.sub(r"\bu s d ([tc])\b", r"usd\1", text)  # "u s d t" spelt out
    text = re.sub(r"\b([a-z]) ([a-z]) ([a-z])\b", r"\1\2\3", text)  # "e t h" spelt out
    text = _DOUBLED.sub(lambda m: re.sub(r"(.)\1+", r"\1", m.group(0)), text)  # "ssol", "etth"
    text = re.sub(
        r"^\s*y\s+(?=(?:did|does|is|no|not|didn|are|was|would|the|u|you|it)\b)", "why ", text
    )  # "y did it"
    for rx, repl in _PHRASE_RX:
        text = rx.sub(repl, text)
    text = gloss(text)  # other languages' question words, in plain English
    text = _SPELLING_RX.sub(lambda m: _SPELLING[m.group(1)], re.sub(r"\s+", " ", text)).strip()
    return respell(text, every_typo)
