"""Coins named as a list ("btc, eth and sol", "sol or doge"): one question asked of each of them."""

from __future__ import annotations

import re

from aitrader.agents.chat.universe import ASSET_ALIASES, Universe

_TOKEN = re.compile(r"[^\W_]+|,|&|\+|/")  # "/" ends a run: "btc/usdt" is one market; "告诉我sol" is one word
_JOINS = frozenset(
    {",", "&", "+", "and", "or", "n", "plus", "vs", "versus", "y", "e", "und", "et", "i", "ve"}
    | {"và", "dan", "oraz", "и", "och", "og", "ja", "és"}  # "and" in more languages
)


def _coin(word: str, universe: Universe) -> str | None:
    listed = universe.asset(word)
    if listed:
        return listed
    alias = ASSET_ALIASES.get(word)
    return alias if alias is not None and len(word) >= 3 else None


# A statement beside the question: "i mostly hold btc and eth.", "my grandson says it trades by itself."
STATEMENT = re.compile(
    r"^\W*(?:i|we)\s+(?:mostly|mainly|only|just)\s+(?:hold|have|own|trade)\b(?![^,]*\b(?:how|what|which|is|are)\b)"
    r"|^\W*(?:my|our)\s+\w+(?:-in-law)?\s+(?:says|said|told\s+me|thinks|reckons)\b"
)


def coin_list(text: str, universe: Universe) -> list[str]:
    """The coins (listed or not) of the longest run of two or more coin names joined only by commas,
    "and", "or", "&" ... in `text`, in order; [] when no coins are listed side by side."""
    best: list[str] = []
    run: list[str] = []
    joined = True
    text = re.sub(r"\s(?:กับ|และ)\s", " and ", text)  # Thai "and" (its vowel marks are no word characters)
    text = re.sub(
        r"(\band|&|,|\bor)\s+(?:for|of|on|in)\s+", r"\1 ", text, flags=re.I
    )  # "for btc and for sol"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.lower()) if s.strip()]
    asked = [s for s in sentences if not STATEMENT.search(s)] or sentences  # "i mostly hold btc and eth."
    for tok in _TOKEN.findall(" ".join(asked)):
        coin = _coin(tok, universe)
        if coin is not None and joined:
            if coin not in run:
                run.append(coin)
            joined = False
        elif tok in _JOINS and run:
            joined = True
        else:
            if len(run) > len(best):
                best = run
            run = [coin] if coin is not None else []
            joined = coin is None
    if len(run) > len(best):
        best = run
    return best if len(best) >= 2 else []


def join_coin_lists(pieces: list[str], universe: Universe) -> list[str]:
    """Pieces of a cut message with the cuts inside a list of coins undone: "how much btc" + "eth do i
    have" is "how much btc and eth do i have"."""
    out: list[str] = []
    for piece in pieces:
        words = _TOKEN.findall(piece.lower())
        prev = _TOKEN.findall(out[-1].lower()) if out else []
        before, after = (
            (_coin(prev[-1], universe), _coin(words[0], universe)) if prev and words else (None, None)
        )
        if before and after and before != after:  # "min qty on eth, and eth price": two asks of one coin
            out[-1] = f"{out[-1]} and {piece}"
        else:
            out.append(piece)
    return out
