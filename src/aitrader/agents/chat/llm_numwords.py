"""Numbers written as words ("twelve million", "a dozen", "one hundred and five", "twenty-five").

Grounding must read them: "You hold twelve million USDT" states a figure as surely as
"12,000,000 USDT" does. "one" used as a pronoun ("the last one", "which one") is not a figure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
)
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
SMALL: dict[str, int] = {w: i for i, w in enumerate(_ONES.split())} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS.split())
}
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_ALL = "|".join(sorted([*SMALL, *SCALES, "dozen"], key=len, reverse=True))
_SCALE_WORDS = "hundred|thousand|million|billion|trillion|dozen"
RUN = re.compile(
    rf"(?i)\b(?:(?:a|an)\s+(?=(?:{_SCALE_WORDS})\b))?(?:{_ALL})(?:(?:\s+and\s+|\s+|-)(?:{_ALL}))*\b"
)
_PRONOUN_BEFORE = re.compile(
    r"(?i)\b(?:the|this|that|which|each|any|every|another|no|last|latest|first|next|same|only|a|new|old"
    r"|other|single|right|wrong|such|one)\s+\Z"
)


@dataclass(frozen=True)
class WordNumber:
    start: int
    end: int
    value: Decimal
    tolerance: Decimal  # half the place value of the smallest scale word used


def _value(words: list[str]) -> tuple[int, int] | None:
    """(value, place of the last word) of a run of number words, or None if it is not one number."""
    total = current = 0
    place = 1
    for w in words:
        if w in SMALL:
            current += SMALL[w]
            place = 1
        elif w == "dozen":
            current = (current or 1) * 12
            place = 1
        elif w == "hundred":
            current = (current or 1) * 100
            place = 100
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
            place = SCALES[w]
        elif w in ("a", "an", "and"):
            continue
        else:
            return None
    return total + current, place


def word_numbers(text: str) -> list[WordNumber]:
    out: list[WordNumber] = []
    for m in RUN.finditer(text):
        words = re.split(r"[\s\-]+", m.group().lower())
        if words == ["one"] and (
            _PRONOUN_BEFORE.search(text[: m.start()])
            or re.match(r"\s*(?:-(?!\s*\d)[a-z]|another\b|by\s+one\b)", text[m.end() :], re.I)
        ):
            continue
        parsed = _value(words)
        if parsed is None:
            continue
        value, place = parsed
        out.append(WordNumber(m.start(), m.end(), Decimal(value), Decimal(place) / 2))
    return out
