"""The tables foreign_gloss.gloss() reads a question with: each entry (one spelling of a foreign word and
its English) filed under its first word, or its first character in a script written without spaces, and
where a word starts and ends in a question ("de" is not in "deposit", nor "sol" in "SOL'umu")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

# A run of letters, the vowel signs of Devanagari and Bengali too (they are not \w)
WORD = re.compile("[\\w\\u0300-\\u036f\\u0900-\\u0d7f]+")
APOSTROPHES = "'’"
# Elided articles a word may follow ("l'ordre", "dell'eth")
_COINS = frozenset({"btc", "eth", "sol", "usdt", "bitcoin", "ethereum", "ether", "solana"})
_ELIDERS = frozenset({"l", "d", "j", "n", "qu", "dell", "nell", "sull", "dall", "all"})


def is_letter(ch: str) -> bool:
    """What WORD matches."""
    return ch.isalnum() or ch == "_" or "\u0300" <= ch <= "\u036f" or "\u0900" <= ch <= "\u0d7f"


class Entry(NamedTuple):
    """One spelling of a foreign word or phrase, and the English it is read as."""

    text: str
    gloss: str
    lang: str
    kind: str  # bound (whole words), stem (the last word may go on), elided ("l'"), sub (anywhere)
    weak: bool


@dataclass
class Table:
    """The entries of one script (or one language's weak words), by their first word (their first
    character in a spaceless script), longest first."""

    first: dict[str, list[Entry]] = field(default_factory=dict)
    stems: dict[str, Entry] = field(default_factory=dict)  # one-word stems, by the stem
    stem_heads: frozenset[str] = frozenset()
    longest_stem: int = 0

    def add(self, e: Entry) -> None:
        """Adds `e`; a spelling two languages share ("saldo") is of both, and must mean the same."""
        if e.kind == "stem" and " " not in e.text:
            self.stems[e.text] = _merge(self.stems.get(e.text), e)
            return
        head = e.text[0] if e.kind == "sub" else e.text[: WORD.match(e.text).end()]  # type: ignore[union-attr]
        same = self.first.setdefault(head, [])
        for i, other in enumerate(same):
            if other.text == e.text and other.kind == e.kind:
                same[i] = _merge(other, e)
                return
        same.append(e)

    def seal(self) -> Table:
        for same in self.first.values():
            same.sort(key=lambda e: -len(e.text))
        self.stem_heads = frozenset(s[:2] for s in self.stems)
        self.longest_stem = max(map(len, self.stems), default=0)
        return self

    def _end(self, text: str, at: int, e: Entry) -> int:
        """Where `e` ends if it is written at `at` in `text`, or -1."""
        if not text.startswith(e.text, at):
            return -1
        end = at + len(e.text)
        if e.kind == "sub":
            return end
        if e.kind == "elided":  # "l'ordre", "l'" before a gloss written ("l'historique")
            return end if end < len(text) and (is_letter(text[end]) or text[end] == "\ue000") else -1
        if e.kind == "stem":
            while end < len(text) and is_letter(text[end]):
                end += 1
        return end if _ends_word(text, end) else -1

    def _stem(self, text: str, word: re.Match[str]) -> tuple[int, Entry] | None:
        token = word.group(0)
        if token[:2] not in self.stem_heads or not _ends_word(text, word.end()):
            return None
        for n in range(min(len(token), self.longest_stem), 1, -1):
            e = self.stems.get(token[:n])
            if e is not None:
                return word.end(), e
        return None

    def sub(self, text: str, seen: set[str] | None = None) -> str:
        """`text` with every entry found replaced by its gloss (marked: a gloss is not read again),
        longest first, left to right; the languages of the entries found are added to `seen`."""
        out: list[str] = []
        done = 0
        marked = "\ue000" in text
        for word in WORD.finditer(text):
            at = word.start()
            if at < done or not _starts_word(text, at):
                continue
            if marked and text.rfind("\ue000", done, at) > text.rfind("\ue001", done, at):
                continue  # inside a gloss already written ("how much do i have": no Polish "i" in it)
            best: tuple[int, Entry] | None = self._stem(text, word) if self.stems else None
            for e in self.first.get(word.group(0), ()):
                end = self._end(text, at, e)
                if end > (best[0] if best else -1):
                    best = (end, e)
                    break  # the rest are shorter
            if best is None:
                continue
            out += [text[done:at], f"\ue000{best[1].gloss}\ue001"]
            done = best[0]
            if seen is not None:
                seen.update(best[1].lang.split())
        return "".join(out) + text[done:] if out else text

    def sub_anywhere(self, text: str) -> str:
        """`text` with every entry found replaced by its gloss, anywhere (spaceless scripts)."""
        out: list[str] = []
        done = 0
        for at, ch in enumerate(text):
            if at < done or ch not in self.first:
                continue
            for e in self.first[ch]:
                if text.startswith(e.text, at):
                    out += [text[done:at], e.gloss]
                    done = at + len(e.text)
                    break
        return "".join(out) + text[done:] if out else text


def _merge(seen: Entry | None, e: Entry) -> Entry:
    if seen is None:
        return e
    if seen.gloss != e.gloss:
        raise ValueError(f"{e.text!r} glossed {seen.gloss!r} ({seen.lang}), {e.gloss!r} ({e.lang})")
    return seen if e.lang in seen.lang.split() else seen._replace(lang=f"{seen.lang} {e.lang}")


def _starts_word(text: str, at: int) -> bool:
    """Does a word start at `at`: after no letter, and not inside a path, an address, a domain or a
    hyphenated word ("binance.com", "de-risk"); after an elided article it does ("l'ordre")."""
    if at == 0:
        return True
    before = text[at - 1]
    if before in APOSTROPHES:
        k = at - 1
        while k > 0 and is_letter(text[k - 1]):
            k -= 1
        return text[k : at - 1] in _ELIDERS and (k == 0 or not is_letter(text[k - 1]))
    if before == "-" and text[max(0, at - 9) : at - 1].split(" ")[-1] in _COINS:
        return True  # the German compound of a coin: "ETH-Preis", "BTC-Käufe"
    return not is_letter(before) and before not in "/.@#$-"


def _ends_word(text: str, end: int) -> bool:
    """Does a word end at `end`: not glued to more letters, nor to a hyphen, a dot or an apostrophe
    followed by letters ("de-risk", "binance.com", "SOL'umu")."""
    if end >= len(text):
        return True
    after = text[end]
    if is_letter(after):
        return False
    return not (after in "-." + APOSTROPHES and end + 1 < len(text) and is_letter(text[end + 1]))
