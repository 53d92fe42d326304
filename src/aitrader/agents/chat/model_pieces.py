"""A text read piece by piece with the intent model, where reading it whole misses what it asks: the
several questions of a text the rules read as one ("Покажи открытые ордера по BTC и OCO по ETH"), and a
request to act beside a question that only the model hears in its own piece ("tell me my eth balance
and offload half my eth": the whole text reads to it as the balance asked). second_opinion.reconsider
asks both before it weighs the model's reading of the whole."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from aitrader.agents.chat.injection import BRACKETED
from aitrader.agents.chat.nlu_split import pieces, split
from aitrader.agents.chat.nlu_words import LOOSE_SPLIT
from aitrader.agents.chat.parsed import Parsed
from aitrader.agents.chat.refusal_told import asks_to_be_told
from aitrader.agents.chat.second_opinion import legible
from aitrader.agents.chat.wording import plain_words

if TYPE_CHECKING:
    from aitrader.agents.chat.nlu import Understanding

# The model's probability that a text the rules read as one question asks several, judged as if the
# rules had cut it, before its pieces are each read as a question without a confidence of their own
SURE_OF_A_CUT = 0.95
# a word pointing back at what an earlier piece named ("… and what's it worth"), not a window ("this week")
_POINTS_BACK = re.compile(
    r"\b(?:it|its|it's|that|them|those|this(?!\s+(?:week|month|year|morning))|these)\b", re.I
)


def _said(text: str) -> tuple[str, ...]:
    """The text as written, and in plain words where that differs (other languages glossed)."""
    plain = plain_words(text.lower().strip())
    return (text,) if plain == text.lower().strip() else (text, plain)


def several_questions(nlu: Understanding, text: str, prev: str | None, now_ms: int) -> list[Parsed]:
    """The questions of a text the rules read as one, where the model, told the rules had cut it, is
    sure it asks several ("Покажи открытые ордера по BTC и OCO по ETH"), each piece read as a question
    without a confidence of its own; otherwise none."""
    if nlu.splitting or len(text.split()) < 4:
        return []  # "aight and eth": a follow-up, not two questions
    cuts = [c for s in _said(text) if len(c := pieces(s, LOOSE_SPLIT, nlu)) >= 2]
    if not cuts or any(_POINTS_BACK.search(p) for c in cuts for p in c[1:]):
        return []  # "how much btc do i have and what's it worth in usd": one question
    verdict = nlu.model.judge(text, prev, "multi", None) if nlu.model else None
    if verdict is None or verdict.intent != "multi" or verdict.confidence < SURE_OF_A_CUT:
        return []
    return next((got for s in _said(text) if (got := split(nlu, s, now_ms, LOOSE_SPLIT, False, True))), [])


# A piece of a text the rules read as a question, which the model alone reads as a request this surely:
# "what's my btc balance and offload half my eth" (the whole text reads to it as the balance asked)
REQUEST_PIECE = 0.4
# A piece worded as a question, a condition or words quoted, in English or another language ("kaise
# bolu ki thoda hold pe raho": how do I tell them to hold on): never taken for a request on the model's word
_ASKS = re.compile(
    r"^\W*(?:(?:and|also|then|so|ok|okay|plus|but)\W+)*(?:is|are|was|were|do|does|did|can|could|would|should|will|"
    r"has|have|any|am|if|once|unless|whenever|in\s+case)\b"
    r"|\b(?:what|whats|how|why|when|where|which|who|whose|kaise|kya|kyun|kyon|kab|kitna|kitne|kaun|c[oó]mo|qu[eé]|"
    r"cu[aá]l|cu[aá]nto|porqu[eé]|perch[eé]|come|cosa|quando|quanto|pourquoi|comment|combien|quoi|warum|wie|wann|wo|"
    r"dlaczego|jak|ile|почему|как|сколько|когда|kenapa|mengapa|bagaimana|berapa|kapan|tại\s+sao|bao\s+nhiêu|neden|"
    r"nasıl|kaç|bakit|paano|magkano|kailan|kwa\s+nini|vipi|ngapi|lini|wetin|ليه|ليش|لماذا|كيف|كم|امتى)\b"
    r"|[什为為怎何多哪吗嗎なぜどう왜어떻게뭐몇]|\b(?:ba|czy|apakah|ли)\b|\b(?:mi|mı|mu|mü|chưa|không|ko|hả|je)\W*$"
    r"|\b(?:said|says|wrote|writes|reads|shows|showed|logged|printed|mentioned|suggested)\b\W*[\"“'«]",
    re.I,
)
# A piece that tells, greets, thanks or pastes rather than asks: it opens with a subject, a greeting, a
# preposition or a mark ("Thank you very much", "I'm piping it into a script", "Mio figlio mi ha
# installato…", '{"query": …}'): the model, reading it alone, hears requests in these
_TELLS = re.compile(
    r"^(?:[^\w\s]|\w+:|(?:i|i'm|im|i've|i'd|i'll|my|me|we|we're|our|us|the|a|an|this|that|these|those|it|it's|its|he|"
    r"she|they|you|you're|your|there|here|thank|thanks|thx|ty|dear|hello|hi|hey|good|sorry|kindly|please|pls|before|"
    r"after|since|to|on|in|for|of|from|with|at|by|so|but|because|as|just|also|system|user|assistant|tool\w*|gotta|"
    r"finna|let's|lets|ignore|forget|pretend|curl|mi|mio|mia|mis|mein|meine|ich|yo|eu|io|je|saya|aku|tôi|ben|ako|"
    r"я|мой|моя|mój|moja|el|la|le|les|der|die|das|il|lo|o|os|as|un|una|uno|ein|eine)\b)|.*[\"“”]",
    re.I,
)


# Where a piece asking to act may stand beside a question: LOOSE_SPLIT, and "and" in more languages
_BESIDE = re.compile(LOOSE_SPLIT.pattern + r"|\s+(?:w|wa|tapos|saka|och|og|és|ja)\s+", re.I)


def request_in_a_piece(
    nlu: Understanding, text: str, now_ms: int, floor: float, unread: bool = False
) -> bool:
    """Does a piece of `text` read as a request to act (the rules', then the model's reading of it alone,
    the model at least `floor` sure)? Only a piece that does not follow a remark, and is not itself a
    question, a request to be told, a remark or a paste ("Thank you very much" reads to the model as a
    request). `unread`: such a piece in a script the model cannot read counts as one."""
    if nlu.splitting:
        return False
    seen: set[str] = set()
    for said in _said(text):
        cut = pieces(said, _BESIDE, nlu)
        after_a_question = True
        for piece in cut if len(cut) >= 2 else []:
            at = said.find(piece)
            asked = bool(_ASKS.search(piece)) or said[at + len(piece) :].lstrip(" ,.").startswith(("?", "？"))
            told, tells = asks_to_be_told(piece), bool(_TELLS.match(BRACKETED.sub(" ", piece).strip()))
            looked, after_a_question = after_a_question, asked or told or not tells  # not after a remark
            if not looked or asked or told or tells or piece.lower() in seen:
                continue
            seen.add(piece.lower())
            if not legible(piece):
                if unread:
                    return True
                continue
            if len(piece.split()) < 2:
                continue
            saved, saved_rule = nlu.context, nlu.last_rule
            nlu.context, nlu.splitting = replace(saved), True
            try:
                p = nlu.read(piece, now_ms)
                sure = nlu.last_confidence
            finally:
                nlu.context, nlu.last_rule, nlu.splitting = saved, saved_rule, False
            if p.intent == "trade_request" and sure >= floor:
                return True
    return False
