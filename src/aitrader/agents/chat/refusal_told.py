"""A line that asks to be told, shown or explained something ("ボットのリスク設定を教えてください", "vorrei
capire quanto rischio", "3ayez a3raf el bot sha8al wala wa2ef"), in the languages people write to the chat.

Why: the intent model learnt requests to act mostly from other languages' polite requests, so a long
polite question in Italian or Japanese can read to it as one. Where the rules found no action in the
line and it asks to be told, the model may not turn it into a refusal on its own (second_opinion.py);
a line the rules read as a request is refused whatever it also asks.
"""

from __future__ import annotations

import re

from aitrader.agents.chat.refusal_foreign import FOREIGN_WHY

_WORDS = (
    # English
    r"tell\s+(?:me|us)|show\s+(?:me|us)|explain|let\s+me\s+(?:know|see)|"
    r"(?:want|wanna|would\s+like|'d\s+like|like)\s+to\s+(?:know|see|understand|check)|"
    r"(?:can|could)\s+(?:you|u)\s+(?:tell|show|explain|check)|"
    # Spanish, Portuguese, Italian, French
    r"dime|d[ií]game|decirme|mu[eé]strame|expl[ií]ca(?:me|r)?|quiero\s+(?:saber|ver|entender)|"
    r"me\s+di(?:ga|z|zer)|dizer|mostra(?:r)?|quero\s+(?:saber|ver|entender)|"
    r"dimmi|mi\s+dica|spieg(?:a|are|armi)|vorrei\s+(?:sapere|capire|vedere)|fammi\s+vedere|mostrami|"
    r"dis[\s-]moi|dites[\s-]moi|montre[sz]?[\s-]moi|expliqu\w*|(?:je\s+)?voudrais\s+(?:savoir|voir|comprendre)|"
    # German, Dutch, Polish, Russian
    r"sag(?:en\s+sie)?\s+mir|zeig(?:en\s+sie)?\s+mir|erkl[äa]r\w*|m[öo]chte\s+(?:wissen|sehen|verstehen)|"
    r"vertel|laat\s+(?:me|mij)\s+zien|"
    r"powiedz|poka[żz]|wyja[śs]nij|chc[ęe]\s+wiedzie[ćc]|"
    r"скажи(?:те)?|покажи(?:те)?|объясни(?:те)?|хочу\s+(?:знать|узнать|понять)|"
    # Hindi/Hinglish, Turkish, Indonesian/Malay, Vietnamese, Swahili, Tagalog
    r"batao|bata\s+do|bataiye|bataye|batana|dikhao|dikhaiye|samjhao|samjhaiye|jaanna|"
    r"s[öo]yle|g[öo]ster|anlat|[öo][ğg]renmek|bakabil\w*|"
    r"kasih\s+tahu|beri\s*tahu|tunjukkan|jelaskan|(?:mau|ingin|pengen)\s+tahu|"
    r"cho\s+(?:tôi|em|mình)\s+(?:biết|xem)|giải\s+thích|muốn\s+(?:biết|xem)|"
    r"niambie|nionyeshe|eleza|nataka\s+kujua|"
    r"sabihin|ipakita|ipaliwanag|gusto\s+kong\s+malaman|"
    # Arabic in Latin letters
    r"a3raf|ashoof|ashouf|ashuf|2oly|2olly|2oli|warini|wareeni"
)
_MARKS = (
    r"教えて|確認したい|知りたい|見せて|見たい|説明して|告诉我|告訴我|给我看|給我看|想知道|查一下|说明一下|解释|解釋|"
    r"알려|보여\s*줘|보여\s*주|궁금|설명해|"
    r"أعرف|اعرف|ورّيني|وريني|قولي|اشرح|وضح|"
    r"बताओ|बताइए|दिखाओ|ขอดู|บอก"
)
_TOLD = re.compile(rf"(?<![\w])(?:{_WORDS})(?![\w])|{_MARKS}", re.I)
# To be told once something is done, or told nothing but "and let me know": a report on an action asked
# for ("get me into eth with 500 usdt and let me know", "dis-moi quand tu auras acheté 1 btc pour moi",
# "1 btc買ったら教えて"), an amount of a coin, or "tell me you will sell…": never only a question
_REPORT_BACK = re.compile(
    r"\b(?:when|once|after|as\s+soon\s+as|quando|dopo|appena|cuando|después|quand|lorsque|une\s+fois|apr[eè]s|wenn|"
    r"sobald|nachdem|lama|lamma|ba3d|pag|kapag|kalau|setelah|sesudah|jak|gdy|kiedy|когда|после|khi(?!\s+nào)|sau\s+khi|"
    r"ke\s+baad|ke\s+bad|baad|sonra|done|finished)\b|たら|終わ|完(?:了|成)?(?:后|後|告|以)|之后|之後|以后|以後|बाद"
    r"|\d[\d.,]*\s*(?:btc|eth|sol|bnb|xrp|ada|doge|usdt|usdc|usd|u|x|%|个|個|つ)(?![a-z])"
    r"|\b(?:for\s+me|pra\s+mim|para\s+m[ií]|pour\s+moi|f[üu]r\s+mich|per\s+me|cho\s+tôi\s+(?!biết|xem))"
    r"|\b(?:you|u)\s*(?:'ll|will|would|are\s+going\s+to|gonna)\b"
    rf"|(?:,|\b(?:and|then|e|y|et|und|aur|phir|w|terus|lalu|ve|i|и|rồi|và))\s+(?:{_WORDS})\W*$",
    re.I,
)


# Whether something is done yet: Vietnamese "bot đã bán ETH chưa", Indonesian "bot sudah jual ETH belum?"
_DONE_YET = re.compile(r"\b(?:đã|da|sudah|udah|dah)\b.*\b(?:chưa|chua|belum|blm)\W*$", re.I)


def asks_to_be_told(text: str) -> bool:
    """Does the line ask to be told, shown or explained something, and not to report on an action?"""
    said = text.replace("\u2019", "'")
    return bool(_TOLD.search(said) or _DONE_YET.search(said)) and not _REPORT_BACK.search(said)


# Where a market is going, asked: "vai pumpar ou vai dumpar", "va a subir o bajar", "떡상각?", "wen moon"
_WHERE_IT_GOES = re.compile(
    r"\b(?:vai|va|vá|va\s+a|will\s+it|gonna|going\s+to)\s+(?:pumpar|dumpar|subir|cair|bajar|caer|monter|baisser|pump|dump|moon)\b"
    r"|\b(?:pump|pumpar|subir|up)\s+(?:ou|or|o)\s+(?:dump|dumpar|cair|bajar|down)\b|\bwen\s+(?:\w+\s+)?moon\b|떡상|떡락|존버"
)


def asks_why(text: str) -> bool:
    """Does the line ask why, in any language ("SOL那笔入场为什么被风控拒了", "why no sol entry"), or where a
    market is going ("o eth vai pumpar ou vai dumpar", "비트 떡상각?", "wen eth moon")?"""
    low = text.lower()
    return bool(FOREIGN_WHY.search(low) or _WHERE_IT_GOES.search(low)) and not _REPORT_BACK.search(text)
