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
    "АВЕКМНОРСТХаеорсухѕіјӏԁɡΑΒΕΗΙΚΜΝΟΡΤΧΥΖοινӀүһԝѡԛυαεκρτχօսɑЅІЈ",
    "ABEKMHOPCTXaeopcyxsijldgABEHIKMNOPTXYZoivlyhwwquaekptxouaSIJ",
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


def plain_letters(text: str) -> str:
    """`text` without invisible format characters, its mixed-script words in Latin letters."""
    return _WORD.sub(
        lambda m: m.group(0).translate(_LATIN_OF) if _mixed(m.group(0)) else m.group(0), _visible(text)
    )


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
