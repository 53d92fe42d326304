"""Ways of asking that are rewritten into the words the rest of the understanding reads, before it
reads them: common misspellings ("acount", "bit coin"), API names a developer types ("openOrders",
"myTrades", "exchangeInfo") and the everyday question words of Spanish, German, French, Portuguese and
Italian ("cuánto BTC tengo", "wie viel SOL habe ich"). Requests to act are refused before this runs,
in any language (refusal.py)."""

from __future__ import annotations

import re

from aitrader.agents.chat.spelling import respell

_SPELLING = {
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
}
# Phrases, in order: (pattern, replacement). Word boundaries everywhere; the text is lower case.
_PHRASES: tuple[tuple[str, str], ...] = (
    # split or glued names
    (r"bit\s+coin", "bitcoin"),
    (r"so\s+lana", "solana"),
    (r"us\s+dollars?", "usd"),
    # API names (GET /api/v3/...)
    (r"openorders?", "open orders"),
    (r"allorders", "order history"),
    (r"mytrades", "my trades"),
    (r"exchangeinfo", "trading rules for"),
    (r"orderlist(?:id)?s?|openorderlists?", "oco"),
    (r"ticker/24hr|24hr", "24h price"),
    (r"limit\s*=?\s*(\d+)", r"last \1 trades"),
    # Spanish
    (r"por\s+qu[eé]\s+no", "why didn't"),
    (r"vale\s+la\s+pena\s+comprar", "is it a good time to buy"),
    (r"en\s+d[oó]lares", "in usd"),
    (r"por\s+qu[eé]", "why"),
    (r"historial\s+de\s+[oó]rdenes|historial", "order history"),
    (r"he\s+ganado|hemos\s+ganado|gan[eé]", "profit"),
    (r"riesgo", "risk"),
    (r"sube\s+o\s+baja", "will it go up or down"),
    (r"qu[eé]\s+piensas\s+de", "what do you think of"),
    (r"[uú]ltimo|[uú]ltima", "last"),
    (r"compr[oó]", "bought"),
    (r"vend[ií]o", "sold"),
    (r"vale\s+todo", "is everything worth"),
    (r"ens[eé][nñ]ame|mu[eé]strame", "show me"),
    (r"y\s+cu[aá]nto", "and how much"),
    (r"cu[aá]nto|cu[aá]ntos", "how much"),
    (r"tengo", "do i have"),
    (r"saldos?", "balance"),
    (r"precio", "price"),
    (r"[oó]rdenes\s+abiertas|ordenes\s+abiertas", "open orders"),
    (r"[oó]rdenes", "orders"),
    (r"ganancias?|beneficios?", "profit"),
    (r"p[eé]rdidas?", "loss"),
    (r"esta\s+semana", "this week"),
    (r"hoy", "today"),
    (r"ayer", "yesterday"),
    (r"est[aá]s\s+funcionando|funciona\s+el\s+bot|el\s+bot\s+funciona", "is the bot running"),
    (r"qu[eé]\s+puedes\s+hacer", "what can you do"),
    (r"es\s+buen\s+momento\s+para\s+comprar", "is it a good time to buy"),
    (r"mi\s+cuenta|cuenta", "account"),
    (r"posici[oó]n(?:es)?", "positions"),
    # German
    (r"wie\s*viel", "how much"),
    (r"habe\s+ich|hab\s+ich", "do i have"),
    (r"guthaben|kontostand", "balance"),
    (r"preis|kurs", "price"),
    (r"offene\s+auftr[aä]ge|offene\s+orders", "open orders"),
    (r"auftr[aä]ge", "orders"),
    (r"gewinn|gewinne", "profit"),
    (r"verlust", "loss"),
    (r"diese\s+woche", "this week"),
    (r"heute", "today"),
    (r"gestern", "yesterday"),
    (r"l[aä]uft\s+der\s+bot(?:\s+gerade)?", "is the bot running"),
    (r"was\s+kannst\s+du", "what can you do"),
    (r"mein\s+konto\s+insgesamt\s+wert|konto\s+insgesamt", "account total worth"),
    (r"konto", "account"),
    (r"wert", "worth"),
    (r"insgesamt", "total"),
    (r"soll(?:te)?\s+ich\s+(?:jetzt\s+)?kaufen", "should i buy"),
    (r"und", "and"),
    (r"ist", "is"),
    (r"mein(?:e|en)?", "my"),
    # short words shared by Spanish, French, Portuguese and Italian questions
    (r"mis|mi|mes|meu|minha|mio|mia", "my"),
    (r"de|del|des|di", "of"),
    (r"el|la|los|las|le|les|il|lo", "the"),
    # French
    (r"combien\s+(?:de|d')?", "how much "),
    (r"j'ai|ai-je", "do i have"),
    (r"solde", "balance"),
    (r"prix|cours", "price"),
    (r"ordres\s+ouverts", "open orders"),
    (r"aujourd'hui", "today"),
    (r"que\s+peux-tu\s+faire", "what can you do"),
    # Portuguese / Italian
    (r"quanto|quantos", "how much"),
    (r"eu\s+tenho", "do i have"),
    (r"pre[cç]o|prezzo", "price"),
    (r"ordens\s+abertas|ordini\s+aperti", "open orders"),
    (r"lucro|profitto", "profit"),
    (r"hoje|oggi", "today"),
    (r"ontem|ieri", "yesterday"),
)
_PHRASE_RX = tuple((re.compile(rf"(?<![\w/])(?:{pattern})(?![\w])"), repl) for pattern, repl in _PHRASES)
_SPELLING_RX = re.compile(r"\b(" + "|".join(_SPELLING) + r")\b")


def plain_words(text: str) -> str:
    """`text` (lower case) with misspellings, API names and foreign question words made plain English."""
    text = re.sub(r"^\s*(?:get|post|delete)\s+/?(?:api/v3/)?", "", text)  # "GET /api/v3/openOrders"
    text = re.sub(r"\bsymbol\s*=\s*", "", text)
    text = re.sub(r"\b([a-z]) ([a-z]) ([a-z])\b", r"\1\2\3", text)  # "e t h" spelt out
    text = re.sub(
        r"^\s*y\s+(?=(?:did|does|is|no|not|didn|are|was|would|the|u|you|it)\b)", "why ", text
    )  # "y did it"
    for rx, repl in _PHRASE_RX:
        text = rx.sub(repl, text)
    text = _SPELLING_RX.sub(lambda m: _SPELLING[m.group(1)], re.sub(r"\s+", " ", text)).strip()
    return respell(text)
