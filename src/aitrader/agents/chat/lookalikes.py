"""Letters that only look Latin: "ѕell аll my ЕTH" written with Cyrillic ѕ, а and Е, "b\u200btc" with an
invisible space inside, "se\u0301ll" with a combining accent. Questions are read with their mixed-script
words made Latin (plain_letters: a word wholly in another script, "все ордера", stays as written); the
refusal also reads a skeleton where every lookalike in every word is Latin, so a request spelt wholly in
lookalikes ("ѕеӏӏ all") cannot hide. Text carrying bidirectional overrides, which show one thing and
store another, is refused outright (hides_text)."""

from __future__ import annotations

import re
import unicodedata

# Cyrillic, Greek, Armenian and IPA letters drawn like Latin ones (not Turkish ı: it is a letter of its own).
_LATIN_OF = str.maketrans(
    "АВЕКМНОРСТХаеорсухѕіјӏԁɡΑΒΕΗΙΚΜΝΟΡΤΧΥΖοινӀүһԝѡԛυαεκρτχօսɑЅІЈЬ",
    "ABEKMHOPCTXaeopcyxsijldgABEHIKMNOPTXYZoivlyhwwquaekptxouaSIJb",
)
_WORD = re.compile(r"\w+")
_FILLERS = re.compile("[\u3164\u115f\u1160\uffa0]")  # Hangul fillers: blank, drawn like a space
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _mixed(word: str) -> bool:
    latin = any("a" <= c.lower() <= "z" for c in word)
    other = any(c.translate(_LATIN_OF) != c for c in word)
    return latin and other


def _visible(text: str) -> str:
    text = _FILLERS.sub(" ", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")  # zero-width spaces, joiners, BOM


# Fullwidth letters and digits ("ＳＯＬ ｐｒｉｃｅ", "１ btc"), typed in an East Asian keyboard's wide mode;
# fullwidth punctuation ("，", "？") stays: the rules read it as the CJK text's own
_NARROW = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}


def plain_letters(text: str) -> str:
    """`text` without invisible format characters or fullwidth letters, its mixed-script words in Latin
    letters, and so its words drawn wholly in lookalikes when the rest of the text is Latin ("whаt's mу
    ЕТН bаlаnce")."""
    text = _visible(text).translate(_NARROW)
    words = _WORD.findall(text)
    latin = sum(1 for w in words if w.isascii() or _mixed(w)) > len(words) / 2

    def plain(word: str) -> str:
        made = word.translate(_LATIN_OF)
        return made if _mixed(word) or (latin and made.isascii()) else word

    return _WORD.sub(lambda m: plain(m.group(0)), text)


def skeleton(text: str) -> str:
    """`text` with every lookalike letter Latin and every combining mark dropped ("ѕеӏӏ", "se\u0301ll")."""
    decomposed = unicodedata.normalize("NFKD", _visible(text))
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(_LATIN_OF)


def disguised(text: str) -> bool:
    """Does the text hold a lookalike letter, or a combining mark on a Latin letter ("se\u0301ll"), that
    skeleton() would undo? Precomposed accents ("Tại sao bot không mua SOL?") and the vowel signs of
    other scripts ("क्यों") are not disguises."""
    return any(
        c.translate(_LATIN_OF) != c or (unicodedata.category(c) == "Mn" and i > 0 and text[i - 1].isascii())
        for i, c in enumerate(text)
    )


def hides_text(text: str) -> bool:
    """Does the text carry bidirectional override characters (shown in one order, stored in another)?"""
    return bool(_BIDI.search(text))


# A word spelt out letter by letter ("S E L L", "s-e-l-l", "c.a.n.c.e.l") or in digits for letters ("s3ll",
# "c4nc3l"): joined, and its digits read as the letters they stand for
_SPELT = re.compile(r"(?<![\w.\-'])(?:(?:[a-z][ .\-_*]){2,}[a-z]|[a-z]-[a-z])(?![\w'])", re.IGNORECASE)
_LEET = re.compile(r"\b(?=[a-z]*[0-9@$])(?=[0-9@$]*[a-z])[a-z0-9@$]*[a-z][a-z0-9@$]*\b", re.IGNORECASE)
_LETTER_OF = str.maketrans("013457@$", "oieastas")


def spelt_out(text: str) -> list[str]:
    """The ways the text hides its words, undone: every lookalike made Latin (skeleton), words spelt out
    letter by letter joined, digits standing for letters read as them; only those that differ from it."""
    joined = _SPELT.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group(0)), text)
    read = _LEET.sub(lambda m: m.group(0).translate(_LETTER_OF), joined)
    return [t for t in (skeleton(text) if disguised(text) else text, joined, read) if t != text]
