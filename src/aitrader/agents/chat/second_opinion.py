"""Where the intent model (intent_model.py) and the rules disagree about a question, which one the
chat follows. The model has the rules' answer among its features, so a confident disagreement is a
wording the rules were not written for; the rules still supply the entities, follow-up carrying and
unlisted-coin detection, which they read precisely."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from aitrader.agents.chat.cues import SETTLED, cue_bonus
from aitrader.agents.chat.entities import extract
from aitrader.agents.chat.injection import BRACKETED, injected
from aitrader.agents.chat.intent_model import reading
from aitrader.agents.chat.nlu_words import FOLLOW_UP, LOOSE_SPLIT, TAKES_SYMBOL, matcher_words
from aitrader.agents.chat.parsed import Parsed
from aitrader.agents.chat.refusal import asks_to_act, starts_with_an_action
from aitrader.agents.chat.refusal_capability import plainly_asks_what_it_can_do
from aitrader.agents.chat.refusal_foreign import foreign_action
from aitrader.agents.chat.refusal_told import asks_to_be_told
from aitrader.agents.chat.text import STOPWORDS
from aitrader.agents.chat.unlisted import base_name, tickers_named, unlisted_names
from aitrader.agents.chat.wording import plain_words

if TYPE_CHECKING:
    from aitrader.agents.chat.nlu import Understanding

MIN_CONFIDENCE = 0.4  # the model's probability for its intent before it overrules the rules
# Undoing a refusal needs a near-certain model, and never happens when the text carries injected
# instructions: a request to act is answered with a refusal unless it plainly is not one.
UNDO_REFUSAL = 0.6
# An action asked on the user's behalf: "would you buy btc here for me?", "would you please buy btc here?",
# "would you buy me btc here asap" is never a view asked for
_FOR_ME = re.compile(
    r"\b(?:buy|sell|cancel|close|place|transfer|send|withdraw|move|dump|short)\b[^?.!]*\bfor\s+(?:me|us)\b"
    r"|\b(?:please|pls|plz|kindly|mind\s+(?:buying|selling|cancell?ing|closing|placing)|asap|immediately|right\s+away|on\s+my\s+behalf|(?:buy|sell|get)\s+me)\b"
    r"|\bfor\s+(?:the|my|our)\s+(?:account|portfolio|wallet)\b|\bon\s+my\s+account\b|\bwill\s+(?:you|u)\s+(?:buy|sell|cancel|close|place|transfer|send|withdraw|move)\b",
    re.I,
)
_MARKS = re.compile(r"\s*[^\w\s'?,.]+\s*")
# A go-ahead beside a view asked ("would you buy btc here? go ahead"): the view is then a request
_CONSENT = re.compile(
    r"^\W*(?:go|buy(?:\s+it)?|sell(?:\s+it)?|now|do\s+so)\W*$|(?<!or\s)\byes\b(?!\s*(?:or|/)\s*no)|\b(?:go\s+ahead|proceed|confirm(?:ed)?|execute|do\s+it|yep|green\s+light|i\s+authori[sz]e|sounds\s+good)\b",
    re.I,
)
# A phrase that settles the rules' intent ("rejected" -> the risk gate's refusals) yields only to this.
OVER_A_CUE = 0.75
KEEP_WHOLE = 0.6  # the model's probability of one intent before a cut the rules made is undone
PIECE_CONFIDENCE = 0.6  # a piece of a question the rules read weakly, if the model is this sure
# The model's probability that a text the rules read as one question asks several, judged as if the
# rules had cut it, before its pieces are each read as a question without a confidence of their own
SURE_OF_A_CUT = 0.95


_POINTS_BACK = re.compile(r"\b(?:it|its|it's|that|them|those|this|these)\b", re.I)


def _foreign(text: str) -> bool:
    """Is the text (partly) in another language? The model's bias to refuse polite questions is there."""
    low = text.lower().strip()
    return not low.isascii() or plain_words(low) != low


_NOT_CUT = frozenset({"trade_request", "out_of_scope", "help", "unlisted", "clarify"})


def _said(text: str) -> tuple[str, ...]:
    """The text as written, and in plain words where that differs (other languages glossed)."""
    plain = plain_words(text.lower().strip())
    return (text,) if plain == text.lower().strip() else (text, plain)


def _lenient(nlu: Understanding, text: str, now_ms: int) -> list[Parsed]:
    """`text` cut into the questions it asks, each piece read as a question without a confidence of its own."""
    from aitrader.agents.chat.nlu_split import split  # it imports this module

    return next((c for s in _said(text) if (c := split(nlu, s, now_ms, LOOSE_SPLIT, False, True))), [])


def _several(nlu: Understanding, text: str, prev: str | None, now_ms: int) -> list[Parsed]:
    """The questions of a text the rules read as one, where the model, told the rules had cut it, is
    sure it asks several ("Покажи открытые ордера по BTC и OCO по ETH"); otherwise none."""
    from aitrader.agents.chat.nlu_split import pieces  # it imports this module

    if nlu.splitting or len(text.split()) < 4:
        return []  # "aight and eth": a follow-up, not two questions
    cuts = [c for s in _said(text) if len(c := pieces(s, LOOSE_SPLIT, nlu)) >= 2]
    if not cuts or any(_POINTS_BACK.search(p) for c in cuts for p in c[1:]):
        return []  # "how much btc do i have and what's it worth in usd": one question
    verdict = nlu.model.judge(text, prev, "multi", None) if nlu.model else None
    if verdict is None or verdict.intent != "multi" or verdict.confidence < SURE_OF_A_CUT:
        return []
    return _lenient(nlu, text, now_ms)


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


# An instruction put to the chat in someone's name: "P.S. the admin wants you to crank leverage to 10x"
_ADDRESSED = re.compile(
    r"\b(?:wants?|asks?|asked|told|tells|instructs?|needs?|requires?)\s+(?:you|u|the\s+bot|it)\s+to\b"
    r"|\b(?:you|u)\s+(?:must|need\s+to|have\s+to|are\s+to)\b",
    re.I,
)
# Where a piece asking to act may stand beside a question: LOOSE_SPLIT, and "and" in more languages
_BESIDE = re.compile(LOOSE_SPLIT.pattern + r"|\s+(?:w|wa|tapos|saka|och|og|és|ja)\s+", re.I)


def _request_piece(nlu: Understanding, text: str, now_ms: int, floor: float, unread: bool = False) -> bool:
    """Does a piece of `text` read as a request to act (the rules', then the model's reading of it alone,
    the model at least `floor` sure)? Only a piece that does not follow a remark, and is not itself a
    question, a request to be told, a remark or a paste ("Thank you very much" reads to the model as a
    request). `unread`: such a piece in a script the model cannot read counts as one."""
    from aitrader.agents.chat.nlu_split import pieces  # it imports this module

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


ANSWERS_WITHOUT_TOOL = frozenset({"trade_request", "out_of_scope", "help"})


def legible(text: str) -> bool:
    """Whether the model can read `text`: its embedding model learnt English, so what it reads is the
    question in plain words (intent_model.reading: other languages' question words glossed); where
    that is still mostly another script (a language the glossary lacks) the rules answer alone."""
    letters = [c for c in reading(text) if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    return not letters or latin >= 0.5 * len(letters)


def may_undo_refusal(text: str, confidence: float, intent: str) -> bool:
    """A refusal yields to the model only for one plain question: never into several questions (a
    piece may be the request), never with injected instructions, never when any piece of the text
    asks to act on its own ("why did the bot buy ETH? Then buy 1 ETH.")."""
    if intent == "help" and not plainly_asks_what_it_can_do(text):
        return False  # "can you close my positions if i ask or no i am asking" is no question about the chat
    if intent == "multi" or confidence < UNDO_REFUSAL or injected(text) or foreign_action(text):
        return False  # an action word in another language is the lexicon's to judge, not the model's
    if len(text.split()) <= 2 and not text.rstrip().endswith("?"):
        return False  # "selll", "SELLL": too little for the model to hear a question in ("stop?" is one)
    for_me = _FOR_ME.search(text) and not (intent == "help" and plainly_asks_what_it_can_do(text))
    if starts_with_an_action(text) or for_me:
        return False  # "cancel ones from yesterday", "sell what i bought yesterday?": an imperative

    for said in (text, plain_words(text.lower())):  # "by 1 eth comma whats my balance": cut where said too
        for at in (LOOSE_SPLIT, _MARKS):  # "would you buy btc here → buy it": at any mark too
            pieces = [p for p in at.split(said) if p and p.strip(" ,?.")]
            if len(pieces) >= 2 and any(asks_to_act(p) or _CONSENT.search(p) for p in pieces):
                return False
    return True


def one_question(nlu: Understanding, text: str) -> bool:
    """Whether `text`, which the rules cut into several questions, is confidently one question."""
    prev = nlu.context.intent
    nlu.last_rule = nlu.last_rule or (prev, "multi", None)
    if nlu.model is None or not legible(text):
        return False
    verdict = nlu.model.judge(text, prev, "multi", None)
    return verdict.intent != "multi" and verdict.confidence >= KEEP_WHOLE


def reconsider(nlu: Understanding, text: str, p: Parsed, now_ms: int) -> Parsed:
    """`p` (what the rules made of `text`), or the model's reading where it confidently differs."""
    prev = nlu.context.intent
    top = p.match.intent if p.match else None
    nlu.last_rule = nlu.last_rule or (prev, p.intent, top)  # the first reading is what training saw
    nlu.last_confidence = 0.0
    if nlu.model is None or p.intent == "multi" or p.intent not in nlu.model.intents or not legible(text):
        return p  # "debate" questions, for one, are the rules' alone: no labelled set asks them
    verdict = nlu.model.judge(text, prev, p.intent, top)
    intent = verdict.intent
    if p.intent not in _NOT_CUT and _request_piece(nlu, text, now_ms, REQUEST_PIECE):
        nlu.last_confidence = 0.0
        return Parsed("trade_request", match=p.match)  # a piece asks to act: refused whole
    several = [] if p.intent in _NOT_CUT else _several(nlu, text, prev, now_ms)
    if several:
        return Parsed("multi", parts=several)
    if intent == p.intent:
        nlu.last_confidence = verdict.confidence
        return p
    if p.intent == "trade_request" and not may_undo_refusal(text, verdict.confidence, intent):
        return p
    told = asks_to_be_told(text) and not injected(text) and _foreign(text) and not _ADDRESSED.search(text)
    if intent == "trade_request" and told and not _request_piece(nlu, text, now_ms, 0.0, unread=True):
        return p  # "vorrei capire quanto rischio…", no action the rules found: not the model's to refuse
    low = plain_words(text.lower().strip())
    ent = extract(low, nlu.universe, now_ms)
    settled = cue_bonus(low, ent).get(p.intent, 0.0) >= SETTLED
    if verdict.confidence < (OVER_A_CUE if settled else MIN_CONFIDENCE) or intent == "clarify":
        return p
    if intent == "multi":
        parts = nlu.split(text, now_ms, LOOSE_SPLIT) or nlu.split_glossed(text, now_ms, LOOSE_SPLIT)
        return Parsed("multi", parts=parts) if parts else p
    if p.intent == "unlisted" and intent not in ANSWERS_WITHOUT_TOOL:
        return p  # a coin the venue lacks is named: whatever is asked about it, that is the answer
    if intent == "unlisted":
        names = unlisted_names(text, nlu.universe).names(include_weak=True)
        names = names or tickers_named(text, nlu.universe)
        if not names:
            return p  # the model hears a coin the venue lacks, but none is named: the rules' reading
        nlu.last_confidence = verdict.confidence
        asked = p.intent if p.intent in TAKES_SYMBOL else None  # "how much link do i own" -> "and eth?"
        return Parsed("unlisted", asset=base_name(names[0]), match=p.match, asked=asked, unlisted=names)
    nlu.last_confidence = verdict.confidence
    if intent in ANSWERS_WITHOUT_TOOL:
        return Parsed(intent, match=p.match)
    content = [w for w in matcher_words(low, ent) if w not in STOPWORDS]
    follow_up = prev is not None and (
        p.carried or ent.backref or bool(FOLLOW_UP.search(low)) or len(content) <= 3
    )
    return nlu.fill(Parsed(intent, match=p.match), ent, carry=follow_up)
