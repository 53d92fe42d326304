"""Everyday chat questions in other languages, glossed into the plain English words the understanding
reads: "cuánto BTC tengo" -> "how much btc do i have", "почему бот не купил эфир" -> "why didn't bot
bought ethereum", "比特币现在价格多少" -> " bitcoin  now  price  how much ". wording.plain_words calls
gloss() after its English rules; nothing else here knows a foreign word.

The words are in three modules, by language family: foreign_gloss_west (Spanish, Portuguese, French,
Italian, German, Dutch), _east (Polish, Turkish, Russian, Ukrainian, Arabic, Hindi) and _asia
(Vietnamese, Indonesian/Malay, Tagalog, Swahili, Chinese, Japanese, Korean, Thai), with more languages
in _europe, _mideast, _north, _central, _south, _darija (Moroccan Arabic) and _cebuano; foreign_gloss_common and
_common_more hold the concepts asked in every language (advice, "only", risk per trade, off-topic
words), _follow the short follow-ups and asks for help, and _extra the greetings, "I need", "please" and fillers around a question (left foreign, the
spell corrector made them English: "bom dia" -> "bot did"). A lexicon holds
"english = foreign, foreign, ..." concepts, " ; " between two on a line:

- words of spaced scripts match whole words only ("de" never inside "deposit"), each also without its
  accents ("cuanto", "ile zarobilem") unless written `=word` ("só" is not "so");
- `stem*` matches any word that starts so (Slavic and Turkish endings: "ордер*", "işlem*");
- `?word` is weak: glossed only in a line that already has a strong word of the same language, so the
  short words that are English too ("y", "son", "mon", "ya") never touch an English question;
- words of scripts written without spaces (Chinese, Japanese, Korean, Thai) match anywhere, and their
  gloss is set in spaces so it does not glue to its neighbours;
- `@days = lunes, ..., domingo` names the days from Monday (`a/b`: two spellings, `~a`: only in a
  phrase); `since {day} = desde el {day}` then makes an entry a day ("desde el lunes": since monday).

Requests to act are never glossed: no imperative or infinitive of buying, selling, cancelling or moving
funds is in a lexicon (refusal.py reads those from the raw text); past tenses and nouns are ("compró" ->
bought, "ventas" -> sells). A negated why ("por qué no", "почему … не", "为什么没有") becomes "why didn't".

The lexicons are read once, into dictionaries keyed by an entry's first word (first character in a
spaceless script), longest entry first: the Latin words on import, the others on the first question in
their script. A question is then read word by word; no large regex is compiled (one took 40 ms)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from aitrader.agents.chat import (
    foreign_gloss_asia,
    foreign_gloss_cebuano,
    foreign_gloss_central,
    foreign_gloss_common,
    foreign_gloss_common_more,
    foreign_gloss_darija,
    foreign_gloss_east,
    foreign_gloss_europe,
    foreign_gloss_extra,
    foreign_gloss_follow,
    foreign_gloss_mideast,
    foreign_gloss_north,
    foreign_gloss_south,
    foreign_gloss_west,
)
from aitrader.agents.chat.foreign_gloss_table import APOSTROPHES, Entry, Table

_MODULES = (
    foreign_gloss_west,
    foreign_gloss_east,
    foreign_gloss_asia,
    foreign_gloss_europe,
    foreign_gloss_mideast,
    foreign_gloss_north,
    foreign_gloss_central,
    foreign_gloss_south,
    foreign_gloss_common,
    foreign_gloss_common_more,
    foreign_gloss_darija,
    foreign_gloss_cebuano,
    foreign_gloss_extra,
    foreign_gloss_follow,
)
# Thai, kana, CJK ideographs, Hangul (a regex of these ranges takes 10 ms to compile)
_SPACELESS = ((0xE00, 0xE7F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))
_SCRIPTS: dict[str, re.Pattern[str]] = {
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "arabic": re.compile("[\u0600-\u06ff]"),
    "devanagari": re.compile("[\u0900-\u097f]"),
    "bengali": re.compile("[\u0980-\u09ff]"),
    "greek": re.compile("[\u0370-\u03ff\u1f00-\u1fff]"),
    "hebrew": re.compile("[\u0590-\u05ff]"),
    "gurmukhi": re.compile("[\u0a00-\u0a7f]"),
    "gujarati": re.compile("[\u0a80-\u0aff]"),
    "tamil": re.compile("[\u0b80-\u0bff]"),
    "telugu": re.compile("[\u0c00-\u0c7f]"),
    "kannada": re.compile("[\u0c80-\u0cff]"),
    "malayalam": re.compile("[\u0d00-\u0d7f]"),
}
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # short vowels and the stretching tatweel
# Alefs without their hamzas; Persian "ی" and "ک" as the Arabic letters (Persian and Arabic keyboards)
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ی": "ي", "ک": "ك"})
# Hebrew's one-letter prefixes: and, the, and the, in, to, from, that (gloss of "ו": "and")
_HEBREW_PREFIXES = (("ו", "and "), ("ה", ""), ("וה", "and "), ("ב", ""), ("ל", ""), ("מ", ""), ("ש", ""))
_FULLWIDTH = str.maketrans(
    {"？": "? ", "！": "! ", "，": ", ", "。": ". ", "：": ": ", "、": ", ", "（": " (", "）": ") "}
)
_FOLD = str.maketrans({"ł": "l", "đ": "d", "ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_ROMANCE = frozenset({"es", "pt", "fr", "it"})  # the short words they share ("de", "la", "mi") are "romance"
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _fold(word: str) -> str:
    """`word` without the accents on its Latin letters ("cuánto" -> "cuanto", "kazandım" -> "kazandim")."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", word.translate(_FOLD)):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _has_spaceless(text: str) -> bool:
    return max(text, default=" ") >= "\u0e00" and any(
        lo <= ord(c) <= hi for c in text for lo, hi in _SPACELESS
    )


def _script(word: str) -> str:
    if word.isascii():
        return "latin"
    if _has_spaceless(word):
        return "spaceless"
    return next((name for name, rx in _SCRIPTS.items() if rx.search(word)), "latin")


def _bare(word: str) -> str:
    """`word` without its accents, in any script ("πόσο" -> "ποσο")."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", plain)


def _arabic(text: str) -> str:
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)


def _spellings(word: str, lang: str, fold: bool, script: str) -> set[str]:
    """The ways `word` is typed on a phone: with a straight or curly apostrophe, without accents, and
    in German with "ae" for "ä" (and Swiss "ss" for "ß"); Arabic without hamzas on its alefs and with "ه" for "ة" or "ي" for "ى";
    Russian "е" for "ё"; Hindi with or without the nukta; Greek without its accents."""
    out = {word, word.replace("'", "’")} if "'" in word else {word}
    if word.isascii():
        return out
    if script == "latin" and fold:
        out |= {_fold(w) for w in out}
        if lang == "de":
            out |= {w.translate(_UMLAUTS) for w in out} | {
                w.replace("ß", "ss") for w in out
            }  # Swiss "grösse"
    elif script == "cyrillic":
        out |= {w.replace("ё", "е") for w in out}
    elif script == "greek":
        out |= {_bare(w) for w in out}
    elif script == "arabic":
        base = _arabic(word)
        out = {base, base.replace("ة", "ه"), base.replace("ى", "ي")} if fold else {base}
    elif script == "devanagari":
        out |= {unicodedata.normalize("NFC", w.replace("\u093c", "")) for w in out}
    return out


def _lines(lang: str, lexicon: str) -> Iterable[tuple[str, str]]:
    """(gloss, foreign word as written in the lexicon) for each word of each line, days spelt out."""
    days: list[tuple[str, list[str]]] = []
    for line in (part.strip() for raw in lexicon.splitlines() for part in raw.split(" ; ")):
        if not line or line.startswith("#"):
            continue
        gloss, sep, rest = line.partition(" = ")
        if not sep:
            raise ValueError(f"{lang}: no ' = ' in {line!r}")
        words = [w.strip() for w in rest.split(",") if w.strip()]
        if gloss == "@days":
            days = [(day, w.split("/")) for day, w in zip(_DAYS, words, strict=True)]
            gloss, words = "{day}", ["{day}"]
        for word in words:
            if "{day}" not in word:
                yield gloss, word
                continue
            for day, spellings in days:
                for spelt in spellings:
                    if spelt.startswith("~") and word == "{day}":
                        continue  # a day's name that counts only in a phrase ("segunda" is also "second")
                    yield gloss.replace("{day}", day), word.replace("{day}", spelt.lstrip("~"))


@cache
def _words(lang: str, lexicon: str) -> tuple[tuple[str, str, bool, bool, str, str], ...]:
    """(gloss, word, weak, fold, kind, script) for each word of a lexicon, its markers read."""
    out = []
    for gloss, raw in _lines(lang, lexicon):
        word = raw.lstrip("?=")
        word = word if word.isascii() else unicodedata.normalize("NFC", word)
        kind = "stem" if word[-1] == "*" else "elided" if word[-1] in APOSTROPHES else "bound"
        word = word.rstrip("*")
        out.append((gloss, word, raw[0] == "?", "=" not in raw[:2], kind, _script(word)))
    return tuple(out)


def entries(lang: str, lexicon: str, script: str | None = None) -> list[Entry]:
    """The entries of one language's lexicon (of one script, or all); the syntax is in the docstring."""
    out: list[Entry] = []
    glued: list[Entry] = []  # Hebrew words with a prefix: dropped where the lexicon has the spelling
    for gloss, word, weak, fold, kind, own in _words(lang, lexicon):
        if script is not None and own != script:
            continue
        text = f" {gloss} " if own == "spaceless" else gloss + " " if kind == "elided" else gloss
        kind = "sub" if own == "spaceless" else kind
        for spelt in _spellings(word, lang, fold, own):
            if spelt == gloss:
                continue  # spelt as in English ("în bitcoin" folded): it says nothing of the language
            out.append(Entry(spelt, text, lang, kind, weak))
            if kind == "bound" and own == "arabic" and spelt[0] != "و":
                out.append(Entry("و" + spelt, "and " + text, lang, kind, weak))  # "وكم" is "and how much"
            if own == "hebrew" and kind != "sub":
                glued += [Entry(p + spelt, g + text, lang, kind, weak) for p, g in _HEBREW_PREFIXES]
    written = {e.text for e in out}
    return out + [e for e in {e.text: e for e in glued}.values() if e.text not in written]


# (words one of which must be in the text, regex, replacement, language read)
_Rule = tuple[tuple[str, ...], re.Pattern[str], str, str]


def _why_not(lang: str, spec: tuple[str, str, int]) -> _Rule:
    """A why and, a few words on, a negation ("por qué el bot no compró") -> "why didn't el bot compró";
    the words between are kept (they may name the coin). The rule runs when the why's first letters
    (up to its first pattern sign) are in the text."""
    why, neg, gap = (_arabic(spec[0]), _arabic(spec[1]), spec[2]) if lang == "fa" else spec
    triggers = tuple(re.match(r"[^\\\[\](){}?*+|.^$]+", alt).group(0) for alt in why.split("|"))  # type: ignore[union-attr]
    if _has_spaceless(why):
        return triggers, re.compile(rf"(?:{why})(.{{0,{gap}}}?)(?:{neg})"), r" why didn't \1 ", lang
    w = "[\\w\\u0300-\\u036f\\u0900-\\u0d7f]"
    rx = re.compile(rf"(?<!{w})(?:{why})(?!{w})((?:\s+[^\s?!.;]+){{0,{gap}}}?)\s+(?:{neg})(?!{w})")
    return triggers, rx, r"why didn't\1", lang


@cache
def _rules(script: str) -> tuple[_Rule, ...]:
    """The patterns that reorder or span words in a script (the why-nots first), each with the words one
    of which a text must have for it to run; compiled on first use."""
    out: list[_Rule] = []
    for module in _MODULES:
        out += [_why_not(lang, spec) for lang, spec in module.WHY_NOT.get(script, {}).items()]
    for module in _MODULES:
        out += [(tuple(t.split("|")), re.compile(p), r, "") for t, p, r in module.RULES.get(script, ())]
    return tuple(out)


@cache
def _table(script: str, weak_of: str = "") -> Table:
    """The strong entries of every language written in `script`, or one language's weak words; read on
    first use."""
    table = Table()
    for module in _MODULES:
        for lang, lexicon in module.LEXICONS.items():
            for e in entries(lang, lexicon, script) if lang == weak_of or not weak_of else ():
                if e.weak == bool(weak_of):
                    table.add(e)
    return table.seal()


def languages() -> dict[str, int]:
    """How many spellings each language's lexicons hold (generated ones included), in every module."""
    counts: dict[str, int] = {}
    for module in _MODULES:
        for lang, lex in module.LEXICONS.items():
            counts[lang] = counts.get(lang, 0) + len(entries(lang, lex))
    return counts


def _prepare(text: str) -> tuple[str, list[str]]:
    """The text in the form the lexicons are written in, and the scripts it has (Latin always)."""
    text = " ".join(text.split())
    if text.isascii():
        return text, ["latin"]
    text = unicodedata.normalize("NFC", text)
    scripts = ["latin", *(name for name, rx in _SCRIPTS.items() if rx.search(text))]
    if _has_spaceless(text):
        scripts.append("spaceless")
    if "arabic" in scripts:
        text = _arabic(text)
    if "spaceless" in scripts:
        text = text.translate(_FULLWIDTH)
    if "greek" in scripts:
        text = re.sub(r";(?=\s|$)", "?", text)  # the Greek question mark
    return text, scripts


def gloss(text: str) -> str:
    """`text` (lower case) with the foreign words of everyday questions replaced by plain English. An
    English question comes back as it was, but for its runs of spaces made one."""
    text, scripts = _prepare(text)
    seen: set[str] = set()  # the languages read so far: their weak words are read too
    for script in scripts:
        for triggers, rx, repl, lang in _rules(script):
            if any(t in text for t in triggers):
                text, n = rx.subn(repl, text)
                if n and lang:
                    seen.add(lang)
    for script in scripts:
        if script != "spaceless":
            text = _table(script).sub(text, seen)
    if seen & _ROMANCE:
        seen.add("romance")
    for lang in sorted(seen):
        text = _table("latin", lang).sub(text)
    text = text.replace("\ue000", "").replace("\ue001", "")
    if "spaceless" in scripts:
        text = _table("spaceless").sub_anywhere(text)
    return text


_table("latin")  # every question has Latin words: read that lexicon now, the others when first needed
